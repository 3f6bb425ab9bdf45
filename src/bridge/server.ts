/** The bridge's HTTP server: routing, the request log, and start/stop. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateBridgeConfig, type BridgeClientConfig, type BridgeConfig } from './config.js';
import { handleAuthorize } from './authorize.js';
import { handleCallback, handleStateNull } from './callback.js';
import type { BridgeContext } from './context.js';
import { answerPreflight, applyCors } from './cors.js';
import { BASE_HEADERS, sendJson } from './http.js';
import { metadata } from './metadata.js';
import { handlePassthrough } from './passthrough.js';
import { handleRevoke } from './revoke.js';
import { BridgeStore } from './store.js';
import { handleToken } from './token.js';
import { createUpstream } from './upstream/index.js';

export interface BridgeRequestLogEntry {
  method: string;
  /** Path only: queries carry codes and are never logged. */
  path: string;
  status: number;
}

export interface RunningBridge {
  /** Where the server listens, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** The issuer (publicUrl, or `url` when none was configured). */
  issuer: string;
  /** The redirect URI to register at the vendor: `<issuer>/callback`. */
  callbackUrl: string;
  /** Every request answered, in order. */
  requests: BridgeRequestLogEntry[];
  close(): Promise<void>;
}

const METADATA_PATH = '/.well-known/oauth-authorization-server';

function notFound(res: ServerResponse): void {
  sendJson(res, 404, { error: 'not_found' });
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  sendJson(res, 405, { error: 'invalid_request', error_description: `use ${allow}` }, { allow });
}

async function route(ctx: BridgeContext, issuerPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? '/';
  const url = new URL(rawUrl, 'http://bridge.invalid');
  let path = url.pathname;
  let relativeUrl = rawUrl;
  // Behind a reverse proxy the issuer may carry a path prefix, forwarded or stripped.
  if (issuerPath && (path === issuerPath || path.startsWith(issuerPath + '/'))) {
    path = path.slice(issuerPath.length) || '/';
    relativeUrl = rawUrl.slice(issuerPath.length) || '/';
  }
  const method = req.method ?? 'GET';

  if (path === METADATA_PATH || path === METADATA_PATH + issuerPath || url.pathname === METADATA_PATH + issuerPath) {
    if (method === 'OPTIONS') return answerPreflight(req, res, ctx.allOrigins, { methods: 'GET, OPTIONS' });
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(res, 'GET');
    applyCors(req, res, ctx.allOrigins);
    return sendJson(res, 200, metadata(ctx), { 'cache-control': 'max-age=300' });
  }
  switch (path) {
    case '/authorize':
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      return handleAuthorize(ctx, req, res, url);
    case '/callback':
      if (method === 'OPTIONS') {
        const vendor = new Set([ctx.upstream.origin]);
        return answerPreflight(req, res, vendor, { methods: 'GET, OPTIONS', credentials: true });
      }
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      return handleCallback(ctx, req, res, url);
    case '/token':
    case '/revoke':
      if (method === 'OPTIONS') return answerPreflight(req, res, ctx.allOrigins, { methods: 'POST, OPTIONS' });
      if (method !== 'POST') return methodNotAllowed(res, 'POST');
      return path === '/token' ? handleToken(ctx, req, res) : handleRevoke(ctx, req, res);
  }
  // TrueConf 5.5 navigates to `<base>/&state=null` after its fetch-delivered callback.
  if (method === 'GET' && (url.pathname.endsWith('/&state=null') || url.pathname.endsWith('/callback&state=null'))) {
    return handleStateNull(ctx, req, res);
  }
  if (ctx.config.passthrough && (path === '/api' || path.startsWith('/api/'))) {
    return handlePassthrough(ctx, req, res, relativeUrl);
  }
  return notFound(res);
}

/** Starts a bridge on its configured address (default 127.0.0.1, port 0 = any free port). */
export async function startBridge(input: BridgeConfig): Promise<RunningBridge> {
  const config = validateBridgeConfig(input);
  const log = config.log ?? (() => {});
  const requests: BridgeRequestLogEntry[] = [];
  const store = new BridgeStore();
  const upstream = createUpstream(config.upstream, config.upstreamTimeoutMs!);
  const clients = new Map<string, BridgeClientConfig>(config.clients.map((c) => [c.clientId, c]));
  const allOrigins = new Set(config.clients.flatMap((c) => c.allowedOrigins));

  // The context needs the issuer, which with port 0 is known only after listening.
  const ready: { ctx?: BridgeContext; issuerPath: string } = { issuerPath: '' };
  const server = createServer((req, res) => {
    res.on('finish', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      requests.push({ method: req.method ?? 'GET', path, status: res.statusCode });
    });
    if (!ready.ctx) {
      res.writeHead(503, BASE_HEADERS).end();
      return;
    }
    route(ready.ctx, ready.issuerPath, req, res).catch((err: unknown) => {
      log(`internal error: ${err instanceof Error ? err.name + ': ' + err.message : 'unknown'}`);
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: 'internal error' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 2000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen!.port, config.listen!.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const issuer = config.publicUrl ?? url;
  const secureCookies = issuer.startsWith('https:');
  const ctx: BridgeContext = {
    config: {
      codeTtlSeconds: config.codeTtlSeconds!,
      transactionTtlSeconds: config.transactionTtlSeconds!,
      refreshTtlSeconds: config.refreshTtlSeconds!,
      passthrough: config.passthrough!,
    },
    issuer,
    callbackUrl: `${issuer}/callback`,
    clients,
    allOrigins,
    upstream,
    store,
    // `__Host-` keeps the cookie to this exact host and path `/`, when the browser allows it (https).
    txCookie: secureCookies ? '__Host-tc_bridge_tx' : 'tc_bridge_tx',
    secureCookies,
    log,
  };
  ready.issuerPath = new URL(issuer).pathname.replace(/\/+$/, '');
  ready.ctx = ctx;
  const sweeper = setInterval(() => store.sweep(), 5_000);
  sweeper.unref();

  return {
    url,
    issuer,
    callbackUrl: ctx.callbackUrl,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweeper);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
