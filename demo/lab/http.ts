/**
 * Small node:http helpers shared by the lab's emulators. Each emulator is a plain
 * request handler; these helpers only deal with listening, bodies and replies.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mediaType, readBody as readBoundedBody } from '../../src/bridge/http.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A running emulator: where it listens and how to stop it. */
export interface RunningService {
  /** Origin with no trailing slash, e.g. `http://127.0.0.1:43121`. */
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (never another interface); port 0 picks a free one. */
export async function listen(handler: Handler, port = 0): Promise<RunningService & { server: Server }> {
  const server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      console.error('[lab] handler failed:', err);
      if (!res.headersSent) sendJson(res, 500, { error: 'lab handler failed' });
      else res.end();
    });
  });
  // Keep-alive sockets would otherwise hold close() open in tests.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads the whole body as text with the bridge's bounded reader; the lab allows a larger body by default. */
export function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return readBoundedBody(req, limit);
}

/**
 * Parses a JSON or form body into a flat-ish object. Returns `undefined` for a body that
 * cannot be parsed, so each emulator can answer in its own vendor's error shape.
 */
export async function readParams(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const text = await readBody(req);
  const type = mediaType(req);
  if (text === '') return {};
  if (type === 'application/json' || type.endsWith('+json') || type === 'text/json') {
    try {
      const value: unknown = JSON.parse(text);
      return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return undefined;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8',
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string, status = 302): void {
  res.writeHead(status, { location, 'cache-control': 'no-store' });
  res.end();
}

/** Escapes text for HTML so seeded topics with markup stay text on lab pages. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Random lowercase hex, for tokens, codes and generated lab secrets. */
export function randomHex(bytes = 20): string {
  return randomBytes(bytes).toString('hex');
}

/** Reads `Authorization: Basic` credentials, or undefined. */
export function basicAuth(req: IncomingMessage): { id: string; secret: string } | undefined {
  const header = req.headers.authorization ?? '';
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

/** Reads `Authorization: Bearer` token, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * CORS policy shared by emulators: `off` sends nothing (like TrueConf), `*` any origin,
 * or an allow-list of exact origins. Returns true when the request was a preflight
 * that has been answered.
 */
export type CorsPolicy = 'off' | '*' | readonly string[];

export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  policy: CorsPolicy,
  options: { exposeHeaders?: readonly string[]; credentials?: boolean } = {},
): boolean {
  const origin = req.headers.origin;
  const allowed =
    origin !== undefined && policy !== 'off' && (policy === '*' || (policy as readonly string[]).includes(origin));
  if (allowed) {
    res.setHeader('access-control-allow-origin', policy === '*' && !options.credentials ? '*' : origin);
    res.setHeader('vary', 'Origin');
    if (options.credentials) res.setHeader('access-control-allow-credentials', 'true');
    if (options.exposeHeaders?.length) res.setHeader('access-control-expose-headers', options.exposeHeaders.join(', '));
  }
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    if (allowed) {
      res.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
      res.setHeader(
        'access-control-allow-headers',
        req.headers['access-control-request-headers'] ?? 'authorization, content-type',
      );
      res.setHeader('access-control-max-age', '600');
    }
    res.writeHead(204);
    res.end();
    return true;
  }
  return false;
}

/** Route matching on a path with `:name` segments; returns the params or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    if (seg.startsWith(':')) {
      if (s[i] === '') return undefined;
      params[seg.slice(1)] = decodeURIComponent(s[i]!);
    } else if (seg !== s[i]) return undefined;
  }
  return params;
}
