/**
 * Optional `/api/*` pass-through to the vendor API, for vendors that send no CORS headers
 * (TrueConf). The bearer header goes through as-is; the bridge adds no credential of its own,
 * so it lends the caller nothing but CORS, and that only for allowed origins.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { BridgeContext } from './context.js';
import { answerPreflight, applyCors, requestOrigin } from './cors.js';
import { BASE_HEADERS, sendJson } from './http.js';

/** RFC 9110 §7.6.1 hop-by-hop headers, plus what must not cross between the two origins. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'host', 'cookie', 'origin', 'referer']);
const NOT_RETURNED = new Set([...HOP_BY_HOP, 'set-cookie']);
/** Response headers clients read: paging (Webex Link), throttling, created resources. */
export const EXPOSED_HEADERS = [
  'Link',
  'Retry-After',
  'Location',
  'ETag',
  'Content-Disposition',
  'TrackingID',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];
const METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

function filterHeaders(headers: IncomingHttpHeaders, drop: ReadonlySet<string>): Record<string, string | string[]> {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || drop.has(name) || named.includes(name)) continue;
    if (name.startsWith('access-control-') || name.startsWith('sec-fetch-')) continue;
    out[name] = value;
  }
  return out;
}

/** Maps `/api/<rest>` onto the vendor API base; undefined when it would leave that base. */
export function passthroughTarget(apiBase: URL, rawUrl: string): URL | undefined {
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  // Encoded dots and slashes would let a path climb out of the API base at the vendor.
  if (/%2e|%2f|%5c|\\/i.test(path)) return undefined;
  const rest = path.replace(/^\/api\/?/, '');
  const target = new URL(rest + (queryAt < 0 ? '' : rawUrl.slice(queryAt)), apiBase);
  if (target.origin !== apiBase.origin || !target.pathname.startsWith(apiBase.pathname)) return undefined;
  return target;
}

export function handlePassthrough(ctx: BridgeContext, req: IncomingMessage, res: ServerResponse, path: string): void {
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    answerPreflight(req, res, ctx.allOrigins, { methods: METHODS, exposeHeaders: EXPOSED_HEADERS });
    return;
  }
  const origin = requestOrigin(req);
  if (origin !== undefined && !applyCors(req, res, ctx.allOrigins, { exposeHeaders: EXPOSED_HEADERS })) {
    sendJson(res, 403, { error: 'origin_not_allowed', error_description: 'this origin may not use the API pass-through' });
    return;
  }
  const target = passthroughTarget(ctx.upstream.apiBase, path);
  if (!target) {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'path outside the vendor API' });
    return;
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer !== undefined && ctx.store.isAccessTokenRevoked(bearer)) {
    sendJson(res, 401, { error: 'invalid_token', error_description: 'this token was revoked' }, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
    return;
  }

  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, {
    method: req.method ?? 'GET',
    headers: filterHeaders(req.headers, NOT_FORWARDED),
    timeout: 30_000,
  });
  upstream.on('response', (answer) => {
    const headers = filterHeaders(answer.headers, NOT_RETURNED);
    for (const [name, value] of Object.entries(headers)) {
      // Keep `Vary: Origin` from the CORS headers next to whatever the vendor varies on.
      res.setHeader(name, name === 'vary' ? `${String(value)}, Origin` : value);
    }
    res.setHeader('x-content-type-options', 'nosniff');
    res.writeHead(answer.statusCode ?? 502);
    answer.pipe(res);
  });
  upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
  upstream.on('error', (err) => {
    ctx.log(`api: vendor request failed (${err.message})`);
    if (!res.headersSent) {
      res.writeHead(502, { ...BASE_HEADERS, 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'bad_gateway', error_description: 'the vendor API did not answer' }));
    } else res.destroy();
  });
  req.pipe(upstream);
}
