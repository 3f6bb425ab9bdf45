/**
 * Webex Meetings emulator (specs/webex-telphin.md part A): integration OAuth with the secret
 * required even with PKCE, the Meetings REST subset, join links that land on a lab page, CORS on.
 */
import { applyCors, listen, randomHex, sendJson, type RunningService } from '../http.js';
import { handleAuthorize, handleToken, discovery } from './oauth.js';
import { createApi } from './api.js';
import { joinPage, webLinkPage } from './join.js';
import { seedWebex } from './seed.js';
import { defaultSettings, type WebexContext, type WebexSettings } from './settings.js';
import { WebexStore, type WebexClient } from './store.js';

export type { WebexSettings } from './settings.js';
export type { WebexClient, WebexStore } from './store.js';

export interface WebexOptions {
  port?: number;
  /** Redirect URIs registered on the integration at start (more can be pushed later). */
  redirectUris?: string[];
  /** Overrides of the default switches. */
  settings?: Partial<WebexSettings>;
  /** Start with no meetings (tests that need an empty account). */
  empty?: boolean;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** For `/v1/access_token`: the grant type, so tests can count refreshes. */
  grantType?: string;
}

export interface WebexLab extends RunningService {
  client: WebexClient;
  settings: WebexSettings;
  requests: RequestLogEntry[];
  state: WebexStore;
}

/** Scopes registered on the lab integration [doc W3]; `spark:all` is deliberately absent. */
export const WEBEX_SCOPES = [
  'spark:kms',
  'spark:people_read',
  'meeting:schedules_read',
  'meeting:schedules_write',
  'meeting:preferences_read',
  'meeting:participants_read',
  'meeting:participants_write',
  'openid',
  'email',
  'profile',
];

export async function startWebex(options: WebexOptions = {}): Promise<WebexLab> {
  const store = new WebexStore();
  const settings: WebexSettings = { ...defaultSettings(), ...options.settings };
  // Webex client ids start with "C" followed by 64 hex characters.
  const client: WebexClient = {
    id: `C${randomHex(32)}`,
    secret: randomHex(32),
    redirectUris: [...(options.redirectUris ?? [])],
    scopes: [...WEBEX_SCOPES],
  };
  store.clients.set(client.id, client);
  const requests: RequestLogEntry[] = [];
  const ctx: WebexContext = { store, settings, baseUrl: '' };
  const api = createApi(ctx);

  const service = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', ctx.baseUrl);
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: url.pathname, status: 0 };
    requests.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    if (applyCors(req, res, settings.cors, { exposeHeaders: settings.corsExposeHeaders })) return;
    const path = url.pathname;

    if (path === '/v1/authorize' && (req.method === 'GET' || req.method === 'POST')) return handleAuthorize(ctx, req, res, url);
    if (path === '/v1/access_token') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request', error_description: 'Use POST.' });
      const grant = await handleToken(ctx, req, res);
      if (grant) entry.grantType = grant;
      return;
    }
    if (path === '/v1/.well-known/openid-configuration') return sendJson(res, 200, discovery(ctx));
    if (path.startsWith('/v1/')) return api(req, res, url);
    const join = /^\/join\/([^/]+)$/.exec(path);
    if (join && req.method === 'GET') return joinPage(ctx, res, url, decodeURIComponent(join[1]!));
    if (path === '/lab/j.php' && req.method === 'GET') return webLinkPage(ctx, res, url);
    sendJson(res, 404, { message: 'Not found' });
  }, options.port ?? 0);
  ctx.baseUrl = service.url;
  if (!options.empty) seedWebex(ctx);

  return { url: service.url, close: service.close, client, settings, requests, state: store };
}
