/**
 * The OpenTalk lab: a Keycloak-like realm and the OpenTalk controller on two loopback origins,
 * as they are two hosts in real deployments (so CORS between them is exercised too).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, type RunningService } from '../http.js';
import { ControllerAuth } from './controller-auth.js';
import { createController } from './controller.js';
import { createRealm, REALM_ROUTES } from './realm.js';
import { seedOpentalk, type SeedRefs } from './seed.js';
import { defaultSettings, type OpentalkClient, type OpentalkSettings } from './settings.js';
import { OpentalkStore } from './store.js';

export type { OpentalkClient, OpentalkSettings } from './settings.js';
export type { SeedRefs } from './seed.js';
export type { OpentalkStore } from './store.js';

export interface OpentalkOptions {
  /** Controller port (default 0: any free port). */
  port?: number;
  /** Keycloak port (default 0). */
  keycloakPort?: number;
  /** Realm name in `/auth/realms/<realm>` (default `opentalk`). */
  realm?: string;
  /** Public client id (default `Frontend`, as in OpenTalk's realm export). */
  clientId?: string;
  redirectUris?: string[];
  /** Keycloak web origins (default `['+']`: the origins of the redirect URIs). */
  webOrigins?: string[];
  settings?: Partial<OpentalkSettings>;
}

export interface LabRequest {
  server: 'keycloak' | 'controller';
  method: string;
  /** Path without the query string (codes and tokens never reach the log). */
  path: string;
  status: number;
}

export interface OpentalkLab extends RunningService {
  /** Controller origin (also the lab "frontend" serving `/room/{id}`). */
  url: string;
  keycloakUrl: string;
  /** Realm URL = OIDC issuer: `<keycloakUrl>/auth/realms/<realm>`. */
  realmUrl: string;
  issuer: string;
  client: OpentalkClient;
  settings: OpentalkSettings;
  requests: LabRequest[];
  state: OpentalkStore;
  seed: SeedRefs;
  /**
   * Invalidates every issued access token at the realm and in the controller's cache, so the next
   * API call answers 401 while refresh tokens still work (for 401 → refresh tests).
   */
  expireAccessTokens(): number;
}

function logged(
  server: LabRequest['server'],
  requests: LabRequest[],
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const entry = { server, method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]! };
    res.once('finish', () => requests.push({ ...entry, status: res.statusCode }));
    await handler(req, res);
  };
}

export async function startOpentalk(options: OpentalkOptions = {}): Promise<OpentalkLab> {
  const realmName = options.realm ?? 'opentalk';
  const settings = defaultSettings(options.settings);
  const client: OpentalkClient = {
    id: options.clientId ?? 'Frontend',
    redirectUris: [...(options.redirectUris ?? [])],
    webOrigins: [...(options.webOrigins ?? ['+'])],
  };
  const requests: LabRequest[] = [];

  // The realm needs its own origin before oidc-provider can be built, so it is bound late.
  const bound: { realm?: ReturnType<typeof createRealm> } = {};
  const keycloak = await listen(
    logged('keycloak', requests, (req, res) => bound.realm!.handle(req, res)),
    options.keycloakPort ?? 0,
  );
  const realm = createRealm({ origin: keycloak.url, realm: realmName, client, settings });
  bound.realm = realm;

  const store = new OpentalkStore();
  const seed = seedOpentalk(store);
  const auth = new ControllerAuth(
    {
      issuer: realm.issuer,
      clientId: client.id,
      introspection: `${realm.issuer}${REALM_ROUTES.introspection}`,
      userinfo: `${realm.issuer}${REALM_ROUTES.userinfo}`,
      jwks: `${realm.issuer}${REALM_ROUTES.jwks}`,
      controllerClient: realm.controllerClient,
    },
    store,
    settings,
  );
  let controller;
  try {
    controller = await listen(
      logged('controller', requests, createController({ store, settings, client, auth, realmIssuer: realm.issuer })),
      options.port ?? 0,
    );
  } catch (err) {
    await keycloak.close();
    throw err;
  }

  return {
    url: controller.url,
    keycloakUrl: keycloak.url,
    realmUrl: realm.issuer,
    issuer: realm.issuer,
    client,
    settings,
    requests,
    state: store,
    seed,
    expireAccessTokens() {
      auth.clearCache();
      return realm.expireAccessTokens();
    },
    async close() {
      await Promise.all([controller.close(), keycloak.close()]);
    },
  };
}
