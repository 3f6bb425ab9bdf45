/**
 * CORS for the bridge: exact allow-listed origins only, never `*`, never a reflected unknown
 * origin. A request from an unlisted origin simply gets no Access-Control-* headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BASE_HEADERS } from './http.js';

export interface CorsOptions {
  methods?: string;
  credentials?: boolean;
  exposeHeaders?: readonly string[];
}

export function requestOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  return typeof origin === 'string' && origin !== '' ? origin : undefined;
}

/** Adds CORS headers when the request's Origin is allowed; returns whether it was. */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: ReadonlySet<string>,
  options: CorsOptions = {},
): boolean {
  res.setHeader('vary', 'Origin');
  const origin = requestOrigin(req);
  if (origin === undefined || !allowed.has(origin)) return false;
  res.setHeader('access-control-allow-origin', origin);
  if (options.credentials) res.setHeader('access-control-allow-credentials', 'true');
  if (options.exposeHeaders?.length) res.setHeader('access-control-expose-headers', options.exposeHeaders.join(', '));
  return true;
}

/** Answers a preflight: 204 with permissions for an allowed origin, 204 without any for others. */
export function answerPreflight(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: ReadonlySet<string>,
  options: CorsOptions = {},
): void {
  if (applyCors(req, res, allowed, options)) {
    res.setHeader('access-control-allow-methods', options.methods ?? 'GET, POST, OPTIONS');
    const requested = req.headers['access-control-request-headers'];
    res.setHeader('access-control-allow-headers', typeof requested === 'string' && requested ? requested : 'content-type');
    res.setHeader('access-control-max-age', '600');
  }
  res.writeHead(204, BASE_HEADERS);
  res.end();
}
