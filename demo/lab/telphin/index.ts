/**
 * Telphin PBX emulator (specs/webex-telphin.md part B): PBX-application OAuth (`scope=all`, secret
 * always required, no PKCE), the `/api/ver1.0` call subset, the hourly per-client limit, CORS off
 * by default (unconfirmed upstream).
 */
import { applyCors, listen, sendJson, type RunningService } from '../http.js';
import { createApi } from './api.js';
import { handleAuthorize, handleToken } from './oauth.js';
import { seedTelphin } from './seed.js';
import { defaultSettings, type TelphinContext, type TelphinSettings } from './settings.js';
import { TelphinStore, type TelphinApp } from './store.js';

export type { TelphinSettings } from './settings.js';
export type { TelphinApp, TelphinStore } from './store.js';

export interface TelphinOptions {
  port?: number;
  redirectUris?: string[];
  settings?: Partial<TelphinSettings>;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  /** For `/oauth/token`: the grant type, so tests can count refreshes. */
  grantType?: string;
}

export interface TelphinLab extends RunningService {
  /** The `public` application with access `All`, used by the bridge. Others: `state.addApp()`. */
  client: TelphinApp;
  settings: TelphinSettings;
  requests: RequestLogEntry[];
  state: TelphinStore;
}

export async function startTelphin(options: TelphinOptions = {}): Promise<TelphinLab> {
  const store = new TelphinStore();
  seedTelphin(store);
  const settings: TelphinSettings = { ...defaultSettings(), ...options.settings };
  const client = store.addApp({ type: 'public', access: 'all', redirectUris: options.redirectUris ?? [], name: 'tc-widgets (lab)' });
  const requests: RequestLogEntry[] = [];
  const ctx: TelphinContext = { store, settings, baseUrl: '' };
  const api = createApi(ctx);

  const service = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', ctx.baseUrl);
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: url.pathname, status: 0 };
    requests.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    const expose = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
    if (applyCors(req, res, settings.cors, { exposeHeaders: expose })) return;
    const path = url.pathname.replace(/\/$/, '');
    if (path === '/oauth/authorize' && (req.method === 'GET' || req.method === 'POST')) return handleAuthorize(ctx, req, res, url);
    if (path === '/oauth/token') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request', error_description: 'Use POST.' });
      const grant = await handleToken(ctx, req, res, url);
      if (grant) entry.grantType = grant;
      return;
    }
    if (path.startsWith('/api/ver1.0/')) return api(req, res, url);
    sendJson(res, 404, { message: 'Not found' });
  }, options.port ?? 0);
  ctx.baseUrl = service.url;
  return { url: service.url, close: service.close, client, settings, requests, state: store };
}
