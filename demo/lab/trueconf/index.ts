/**
 * TrueConf Server emulator (specs/trueconf.md): OAuth login page and token endpoints, the
 * REST API under `/api/v3.<N>` and `/api/v4`, and the `/c/{id}` and `/webrtc/{id}` pages.
 * Quirks are on by default (no PKCE, no `state`, secrets required, no CORS); `settings`
 * switches the uncertain ones at run time.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyCors, listen, match, randomHex, sendHtml, type RunningService } from '../http.js';
import { findUser } from '../users.js';
import { handleApi } from './api.js';
import { handleAuthorize, handleToken, sessionUser } from './oauth.js';
import { errorPage, homePage, landingPage, nginxErrorPage, webClientPage } from './pages.js';
import { seedConferences } from './seed.js';
import { defaultSettings, type TrueconfSettings } from './settings.js';
import {
  ALL_SCOPES,
  createState,
  nowSeconds,
  uidOf,
  type OAuthClient,
  type TrueconfCore,
  type TrueconfState,
} from './store.js';

export type { TrueconfSettings } from './settings.js';
export type { Conference, OAuthClient, TrueconfState } from './store.js';
export { BUILTIN_USERS_CLIENT } from './store.js';

export interface TrueconfOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Domain of TrueConf IDs in responses (`helen@lab`). */
  serverName?: string;
  /** Redirect URIs registered on the generated application (exact match). */
  redirectUris?: string[];
  /** Initial switches; they stay mutable on `lab.settings`. */
  settings?: Partial<TrueconfSettings>;
  /** Load the seed conferences (default true). */
  seed?: boolean;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string, so tokens sent as `?access_token=` are not kept. */
  path: string;
  status: number;
}

export interface TrueconfLab extends RunningService {
  /** The generated OAuth application; its secret exists only in memory. */
  client: OAuthClient;
  clients: OAuthClient[];
  settings: TrueconfSettings;
  requests: RequestLogEntry[];
  state: TrueconfState;
  serverName: string;
}

/** `/c/{id}` and `/webrtc/{id}`: the web client page records a join into a running conference. */
function handlePages(core: TrueconfCore, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const landing = match('/c/:id', url.pathname);
  const web = match('/webrtc/:id', url.pathname);
  const id = landing?.id ?? web?.id;
  if (id === undefined) return false;
  const conference = core.state.conferences.get(id);
  if (!conference) {
    sendHtml(res, 404, errorPage('Conference not found', `There is no conference with the ID ${id}.`));
    return true;
  }
  const info = {
    id: conference.id,
    topic: conference.topic,
    state: conference.state,
    ownerName: findUser(conference.owner)?.displayName ?? conference.owner,
  };
  if (landing) {
    sendHtml(res, 200, landingPage(info));
    return true;
  }
  const login = sessionUser(core, req);
  const user = login ? findUser(login) : undefined;
  const guestName = url.searchParams.get('name')?.trim() || undefined;
  const name = guestName ?? user?.displayName;
  if (name !== undefined && conference.state === 'running') {
    const participantId = guestName === undefined && user ? uidOf(core, user.id) : `#guest:${name}`;
    if (!conference.participants.some((p) => p.id === participantId && p.leaveTime === null)) {
      conference.participants.push({
        id: participantId,
        displayName: name,
        role: guestName === undefined ? 2 : 3,
        joinTime: nowSeconds(),
        leaveTime: null,
      });
    }
  }
  sendHtml(res, 200, webClientPage(info, name));
  return true;
}

export async function startTrueconf(options: TrueconfOptions = {}): Promise<TrueconfLab> {
  const settings: TrueconfSettings = { ...defaultSettings(), ...options.settings };
  const client: OAuthClient = {
    id: randomHex(20),
    secret: randomHex(20),
    redirectUris: [...(options.redirectUris ?? [])],
    scope: [...ALL_SCOPES],
  };
  const core: TrueconfCore = {
    state: createState(),
    settings,
    clients: [client],
    baseUrl: '',
    serverName: options.serverName ?? 'lab',
  };
  const requests: RequestLogEntry[] = [];

  const service = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', core.baseUrl);
    const method = req.method ?? 'GET';
    res.on('finish', () => requests.push({ method, path: url.pathname, status: res.statusCode }));

    const policy = core.settings.cors;
    // 'off' sends nothing, preflights included: browsers then block every cross-origin call.
    if (applyCors(req, res, policy, { credentials: typeof policy !== 'string' })) return;

    const path = url.pathname;
    const isApi = path.startsWith('/api/') || path === '/oauth2/v1/token';
    if (isApi && core.settings.failNext > 0) {
      core.settings.failNext--;
      sendHtml(res, core.settings.failStatus, nginxErrorPage(core.settings.failStatus), { server: 'nginx' });
      return;
    }
    if (path === '/oauth2/authorize') {
      if (method === 'GET' || method === 'POST') await handleAuthorize(core, req, res, url);
      else sendHtml(res, 405, errorPage('Method not allowed', 'Use GET or POST.'), { allow: 'GET, POST' });
      return;
    }
    if (path === '/oauth2/v1/token') return handleToken(core, req, res, 'v3');
    if (path === '/api/v4/oauth2/token') return handleToken(core, req, res, 'v4');
    if (path.startsWith('/api/')) return handleApi(core, req, res, url);
    if (method === 'GET' && handlePages(core, req, res, url)) return;
    if (method === 'GET' && path === '/') return sendHtml(res, 200, homePage());
    sendHtml(res, 404, errorPage('Not found', 'This page does not exist.'));
  }, options.port ?? 0);

  core.baseUrl = service.url;
  if (options.seed !== false) seedConferences(core, nowSeconds());

  return {
    url: service.url,
    close: service.close,
    client,
    clients: core.clients,
    settings,
    requests,
    state: core.state,
    serverName: core.serverName,
  };
}
