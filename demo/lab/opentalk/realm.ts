/**
 * The Keycloak-like realm: oidc-provider mounted at `/auth/realms/<realm>` with Keycloak's
 * endpoint paths, one public client (PKCE S256, CORS by web origins, rotating refresh tokens),
 * one confidential `controller` client for introspection, and the lab users.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import type { AdapterPayload, Grant, KoaContext, ProviderClient } from 'oidc-provider';
import { escapeHtml, randomHex, readParams, redirect, sendHtml, sendJson } from '../http.js';
import { findUser, type LabUser } from '../users.js';
import { loginPage, plainPage } from './pages.js';
import { RealmStorage } from './realm-storage.js';
import { webOriginAllowed, type OpentalkClient, type OpentalkSettings } from './settings.js';

/** Keycloak's paths under the realm, as OpenTalk's clients and docs expect them. */
export const REALM_ROUTES = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  userinfo: '/protocol/openid-connect/userinfo',
  end_session: '/protocol/openid-connect/logout',
  revocation: '/protocol/openid-connect/revoke',
  introspection: '/protocol/openid-connect/token/introspect',
  jwks: '/protocol/openid-connect/certs',
  pushed_authorization_request: '/protocol/openid-connect/ext/par/request',
} as const;

export interface RealmOptions {
  /** Keycloak origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  realm: string;
  client: OpentalkClient;
  settings: OpentalkSettings;
}

export interface Realm {
  issuer: string;
  /** Confidential client the controller introspects with (Keycloak's `Controller` client). */
  controllerClient: { id: string; secret: string };
  /** Handles every request to the Keycloak origin. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Forgets every issued access token (refresh tokens stay valid), so the next API call gets 401. */
  expireAccessTokens(): number;
}

export function createRealm({ origin, realm, client, settings }: RealmOptions): Realm {
  const prefix = `/auth/realms/${realm}`;
  const issuer = `${origin}${prefix}`;
  const loginPath = `${prefix}/login-actions/authenticate/`;
  const storage = new RealmStorage();
  const controllerClient = { id: 'controller', secret: randomHex(24) };

  // Built per lookup so changes to the mutable redirect URI list apply at once.
  const clientMetadata = (id: string): AdapterPayload | undefined => {
    if (id !== client.id) return undefined;
    const hasRedirects = client.redirectUris.length > 0;
    return {
      client_id: client.id,
      client_name: 'OpenTalk Frontend',
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      // oidc-provider rejects a code client without redirect URIs; until one is added the
      // client can only refresh, and authorization requests fail as unauthorized.
      grant_types: hasRedirects ? ['authorization_code', 'refresh_token'] : ['refresh_token'],
      response_types: hasRedirects ? ['code'] : [],
      redirect_uris: [...client.redirectUris],
      post_logout_redirect_uris: [...client.redirectUris],
    };
  };

  const { privateKey, publicKey: publicKeyObject } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKey = publicKeyObject.export({ format: 'der', type: 'spki' }).toString('base64');
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomHex(8), use: 'sig', alg: 'RS256' };

  const provider = new Provider(issuer, {
    adapter: (model: string) => storage.adapterFor(model, clientMetadata),
    clients: [
      {
        client_id: controllerClient.id,
        client_secret: controllerClient.secret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: [],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: {
      keys: [randomHex(32)],
      names: { session: 'KEYCLOAK_SESSION', interaction: 'AUTH_SESSION_ID', resume: 'AUTH_SESSION_RESUME' },
    },
    routes: REALM_ROUTES,
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    // Keycloak puts profile claims into the ID token too; legacy `/v1/auth/login` reads them there.
    conformIdTokenClaims: false,
    allowOmittingSingleRegisteredRedirectUri: false,
    responseTypes: ['code'],
    pkce: { required: () => settings.requirePkce },
    clientBasedCORS: (_ctx: KoaContext, requestOrigin: string, c: ProviderClient) =>
      c.clientId === client.id && webOriginAllowed(client, requestOrigin),
    // Keycloak issues a refresh token on every code exchange, not only for offline_access.
    issueRefreshToken: async (_ctx: KoaContext, c: { grantTypeAllowed(type: string): boolean }) =>
      c.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: () => settings.accessTokenTtl,
      IdToken: () => settings.accessTokenTtl,
      AuthorizationCode: 60,
      RefreshToken: () => settings.refreshTokenTtl,
      Session: () => settings.sessionTtl,
      Grant: () => settings.sessionTtl,
      Interaction: 1800,
    },
    findAccount: async (_ctx: KoaContext, sub: string) => {
      const user = findUser(sub);
      return user && { accountId: user.id, claims: async () => userClaims(user) };
    },
    // Consent is implied (first-party client), so grants are created and widened on the fly.
    loadExistingGrant: async (ctx: KoaContext) => {
      const { oidc } = ctx;
      const clientId = oidc.client?.clientId;
      const accountId = oidc.session.accountId;
      if (!clientId || !accountId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(clientId);
      const grant: Grant =
        (grantId ? await oidc.provider.Grant.find(grantId) : undefined) ??
        new oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
      grant.addOIDCClaims([...oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx: KoaContext, interaction: { uid: string }) => `${loginPath}${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: { enabled: false },
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx: KoaContext, c: ProviderClient) => c.clientId === controllerClient.id,
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: KoaContext, c: ProviderClient, token: { clientId: string }) =>
          token.clientId === c.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContext, form: string) => {
          ctx.type = 'html';
          ctx.body = plainPage(
            'Sign out',
            `${form}<p>Do you want to sign out?</p><button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
          );
        },
        postLogoutSuccessSource: async (ctx: KoaContext) => {
          ctx.type = 'html';
          ctx.body = plainPage('Signed out', '<p>You are signed out.</p>');
        },
      },
    },
    renderError: async (ctx: KoaContext, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = plainPage(
        'We are sorry...',
        Object.entries(out)
          .map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(String(v))}</p>`)
          .join(''),
      );
    },
  });

  // Keycloak's token response also tells the client when its refresh token dies.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'token' && ctx.status === 200 && isRecord(ctx.body) && ctx.body.refresh_token) {
      ctx.body = { ...ctx.body, refresh_expires_in: settings.refreshTokenTtl };
    }
  });
  provider.on('server_error', (_ctx, err) => console.error('[lab opentalk realm]', err));

  const callback = provider.callback();

  async function handleLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let interaction;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(res, 400, plainPage('We are sorry...', '<p>Your login attempt timed out. Start again from the application.</p>'));
      return;
    }
    const clientId = typeof interaction.params.client_id === 'string' ? interaction.params.client_id : '';
    const action = `${loginPath}${interaction.uid}`;
    const accountId = interaction.session?.accountId;
    if (interaction.prompt.name === 'consent' && accountId) {
      // Rarely reached (loadExistingGrant widens grants); consent is implied, so grant and go on.
      const grant =
        (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined) ??
        new provider.Grant({ accountId, clientId });
      grant.addOIDCScope(typeof interaction.params.scope === 'string' ? interaction.params.scope : 'openid');
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    if (req.method === 'GET') {
      sendHtml(res, 200, loginPage({ action, realm, clientId }));
      return;
    }
    const form = (await readParams(req)) ?? {};
    const username = typeof form.username === 'string' ? form.username.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const user = findUser(username);
    if (!user || user.password !== password) {
      sendHtml(res, 200, loginPage({ action, realm, clientId, username, error: 'Invalid username or password.' }));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
  }

  return {
    issuer,
    controllerClient,
    expireAccessTokens: () => storage.destroyAll('AccessToken'),
    async handle(req, res) {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/' || path === '/auth' || path === '/auth/') {
        redirect(res, `${prefix}/account`);
        return;
      }
      if (path.startsWith(loginPath) && (req.method === 'GET' || req.method === 'POST')) {
        await handleLogin(req, res);
        return;
      }
      if (path === `${prefix}/account`) {
        sendHtml(res, 200, plainPage(`Realm ${realm}`, `<p>Issuer: ${escapeHtml(issuer)}</p>`));
        return;
      }
      if (path === prefix && req.method === 'GET') {
        // Keycloak's realm document, which some adapters read for the realm's public key.
        sendJson(res, 200, {
          realm,
          public_key: publicKey,
          'token-service': `${issuer}/protocol/openid-connect`,
          'account-service': `${issuer}/account`,
          'tokens-not-before': 0,
        });
        return;
      }
      if (path.startsWith(`${prefix}/`)) {
        // Mounted like Express does it: oidc-provider derives its mount path from originalUrl.
        const request = req as IncomingMessage & { originalUrl?: string };
        request.originalUrl = req.url;
        req.url = req.url!.slice(prefix.length) || '/';
        await callback(req, res);
        return;
      }
      sendHtml(res, 404, plainPage('Page not found', '<p>Page not found</p>'));
    },
  };
}

function userClaims(user: LabUser): Record<string, unknown> {
  const [given = user.displayName, ...rest] = user.displayName.split(' ');
  return {
    sub: user.id,
    preferred_username: user.id,
    name: user.displayName,
    given_name: given,
    family_name: rest.join(' '),
    email: user.email,
    email_verified: true,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
