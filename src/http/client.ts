/**
 * The fetch client every provider adapter uses: bearer tokens, JSON in and out, one refresh on a
 * rejected token, Retry-After, timeouts, cancellation, shared identical GETs, and every failure as
 * a TcError. No `window` access, so it runs in Node 20 as well.
 */
import { TcError } from '../model/error.js';
import { isSecureUrl, parseUrl } from '../internal/urls.js';
import type { TokenSource } from './token-source.js';
import { isJsonType, looksLikeHtml, mediaType } from './content-type.js';
import {
  defaultMessage,
  errorFromResponse,
  hostOf,
  kindForStatus,
  type ErrorResponse,
  type VendorErrorMapper,
} from './errors.js';
import { InflightRequests } from './inflight.js';
import { parseRetryAfter } from './retry-after.js';
import { abortedError, raceAbort, sleep } from './signals.js';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

export interface HttpClientOptions {
  /** Prefix of every relative path, e.g. `https://tc.example.com/api/v3.11` (no trailing slash needed). */
  baseUrl: string;
  /** Bearer tokens; without it requests are sent unauthenticated. */
  tokens?: TokenSource;
  /** Defaults to the global fetch (looked up per call, so tests and polyfills can replace it). */
  fetch?: typeof fetch;
  /**
   * `header` (default): `Authorization: Bearer`. `query`: only for vendors that accept nothing else;
   * refused unless the URL is https (or http on loopback).
   */
  tokenIn?: 'header' | 'query';
  /** Query parameter name for `tokenIn: 'query'`. Default `access_token`. */
  tokenQueryName?: string;
  /** Per attempt (request + body). Default 30 000 ms. */
  timeoutMs?: number;
  /** Longest `Retry-After` the client waits out itself before retrying once. Default 10 s. */
  maxRetryAfterSeconds?: number;
  /** Turns the vendor's error bodies into TcError details (kind, message, model field messages). */
  mapError?: VendorErrorMapper;
  /**
   * Whether an error response means "this access token is no longer valid". Default: status 401.
   * (TrueConf v3 answers 403 `accessTokenInvalid`.)
   */
  isTokenRejected?: (response: ErrorResponse) => boolean;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  method?: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Default true. False for public endpoints (no token is fetched or sent). */
  auth?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  /** The final request URL (without a query token). */
  url: string;
  /** Parsed JSON, or undefined for an empty body. Shared between deduplicated callers: treat as read-only. */
  data: T;
}

type BodyOptions = Omit<RequestOptions, 'method' | 'body'>;

export interface HttpClient {
  readonly baseUrl: string;
  request<T = unknown>(path: string, options?: RequestOptions): Promise<HttpResponse<T>>;
  get<T = unknown>(path: string, options?: BodyOptions): Promise<T>;
  post<T = unknown>(path: string, body?: unknown, options?: BodyOptions): Promise<T>;
  put<T = unknown>(path: string, body?: unknown, options?: BodyOptions): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown, options?: BodyOptions): Promise<T>;
  delete<T = unknown>(path: string, options?: BodyOptions): Promise<T>;
  /** The absolute URL for `path` + `query`, as the client would request it (without a token). */
  url(path: string, query?: Record<string, QueryValue>): string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRY_AFTER = 10;
/** Rejected tokens remembered so late failures with an old token reuse the refresh already made. */
const REFRESH_MEMORY = 16;

interface ReadBody {
  type: string;
  text: string;
  json: unknown;
  /** Why the body is not usable data, when it is not. */
  problem?: 'html' | 'garbled' | 'type';
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const base = parseUrl(baseUrl);
  if (!base) throw new TcError({ kind: 'config', message: `Invalid API base URL "${options.baseUrl}".` });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxWait = options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER;
  const tokenIn = options.tokenIn ?? 'header';
  const tokenQueryName = options.tokenQueryName ?? 'access_token';
  const isTokenRejected = options.isTokenRejected ?? ((r: ErrorResponse) => r.status === 401);
  const inflight = new InflightRequests();
  const refreshes = new Map<string, Promise<string | undefined>>();

  function buildUrl(path: string, query?: Record<string, QueryValue>): URL {
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(path);
    const url = parseUrl(absolute ? path : `${baseUrl}${path.startsWith('/') ? '' : '/'}${path}`);
    if (!url) throw new TcError({ kind: 'config', message: `Invalid request URL "${path}".` });
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(name, String(v));
      else url.searchParams.set(name, String(value));
    }
    return url;
  }

  /** Concurrent rejections of the same token share one refresh call. */
  function refreshOnce(tokens: TokenSource, rejected: string): Promise<string | undefined> {
    let pending = refreshes.get(rejected);
    if (!pending) {
      pending = tokens.refresh(rejected);
      refreshes.set(rejected, pending);
      // A failed refresh may be retried by a later request.
      pending.catch(() => refreshes.delete(rejected));
      while (refreshes.size > REFRESH_MEMORY) refreshes.delete(refreshes.keys().next().value as string);
    }
    return pending;
  }

  async function readBody(response: Response): Promise<ReadBody> {
    const type = mediaType(response.headers.get('content-type'));
    const text = await response.text();
    if (text.trim() === '') return { type, text, json: undefined };
    if (isJsonType(type)) {
      try {
        return { type, text, json: JSON.parse(text) };
      } catch {
        return { type, text, json: undefined, problem: looksLikeHtml(type, text) ? 'html' : 'garbled' };
      }
    }
    return { type, text, json: undefined, problem: looksLikeHtml(type, text) ? 'html' : 'type' };
  }

  /**
   * A body that is not the JSON we asked for. On a success status that is a protocol problem; on an
   * error status (typically a proxy's or server's HTML error page) the status says more: a 502 page
   * is a server problem, not a garbled answer.
   */
  function unreadableBody(body: ReadBody, status: number): TcError {
    const ok = status >= 200 && status < 300;
    const message =
      body.problem === 'html'
        ? ok
          ? `The server answered with an HTML page instead of data (HTTP ${status}).`
          : `The server had a problem (HTTP ${status}) and sent an error page instead of data.`
        : body.problem === 'garbled'
          ? `The server sent unreadable data (HTTP ${status}).`
          : `The server answered with ${body.type || 'an untyped body'} instead of JSON (HTTP ${status}).`;
    return new TcError({ kind: ok ? 'protocol' : kindForStatus(status), status, message, code: body.problem });
  }

  /** One fetch + body read under a timeout. Errors come out as TcError. */
  async function attempt(
    method: string,
    url: URL,
    token: string | undefined,
    request: RequestOptions,
    signal: AbortSignal | undefined,
  ): Promise<{ response: Response; body: ReadBody }> {
    const target = new URL(url);
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers, ...request.headers };
    if (token !== undefined) {
      if (tokenIn === 'query') target.searchParams.set(tokenQueryName, token);
      else headers.authorization = `Bearer ${token}`;
    }
    let payload: string | undefined;
    if (request.body !== undefined) {
      payload = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const limit = request.timeoutMs ?? timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limit);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const doFetch = options.fetch ?? globalThis.fetch;
    try {
      const response = await doFetch(target.href, {
        method,
        headers,
        body: payload ?? null,
        signal: controller.signal,
        credentials: 'omit',
        redirect: 'follow',
      });
      const body = await readBody(response);
      return { response, body };
    } catch (error) {
      if (timedOut) {
        throw new TcError({
          kind: 'timeout',
          message: `${hostOf(url.href)} did not answer within ${Math.round(limit / 1000)} s.`,
          cause: error,
        });
      }
      if (signal?.aborted) throw abortedError(signal.reason);
      if (error instanceof TcError) throw error;
      if (error instanceof TypeError) {
        throw new TcError({
          kind: 'network',
          message: `Cannot reach ${hostOf(url.href)}. Check your connection.`,
          cause: error,
        });
      }
      throw TcError.from(error, 'network');
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function execute<T>(
    method: string,
    url: URL,
    initialToken: string | undefined,
    request: RequestOptions,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse<T>> {
    let token = initialToken;
    let refreshed = false;
    let waited = false;
    for (;;) {
      const { response, body } = await attempt(method, url, token, request, signal);
      const status = response.status;
      if (status >= 200 && status < 300) {
        if (body.problem) throw unreadableBody(body, status);
        return { status, headers: response.headers, url: url.href, data: body.json as T };
      }
      const failure: ErrorResponse = { status, body: body.json, headers: response.headers, method, url: url.href };

      if (token !== undefined && options.tokens && isTokenRejected(failure)) {
        if (!refreshed) {
          refreshed = true;
          const next = await raceAbort(refreshOnce(options.tokens, token), signal);
          if (next !== undefined && next !== token) {
            token = next;
            continue;
          }
        }
        const mapped = body.json !== undefined ? errorFromResponse(failure, options.mapError) : undefined;
        throw new TcError({
          kind: 'auth',
          status,
          message: defaultMessage('auth'),
          ...(mapped?.code ? { code: mapped.code } : {}),
        });
      }

      if (status === 429 || status === 503) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        if (retryAfter !== undefined && retryAfter <= maxWait && !waited) {
          waited = true;
          await sleep(retryAfter * 1000, signal);
          continue;
        }
        if (status === 429 || retryAfter !== undefined) {
          const mapped = body.json !== undefined ? errorFromResponse(failure, options.mapError) : undefined;
          throw new TcError({
            kind: 'rate-limited',
            status,
            message:
              retryAfter !== undefined
                ? `The server is busy. Try again in ${retryAfter} s.`
                : defaultMessage('rate-limited'),
            ...(retryAfter !== undefined ? { retryAfter } : {}),
            ...(mapped?.code ? { code: mapped.code } : {}),
          });
        }
      }

      if (body.problem) throw unreadableBody(body, status);
      throw errorFromResponse(failure, options.mapError);
    }
  }

  async function request<T>(path: string, req: RequestOptions = {}): Promise<HttpResponse<T>> {
    const method = (req.method ?? 'GET').toUpperCase();
    const signal = req.signal;
    if (signal?.aborted) throw abortedError(signal.reason);
    const url = buildUrl(path, req.query);
    const useAuth = req.auth !== false && options.tokens !== undefined;
    let token: string | undefined;
    if (useAuth) {
      if (url.origin !== base!.origin) {
        throw new TcError({ kind: 'config', message: `Refusing to send the access token to ${url.host}.` });
      }
      if (tokenIn === 'query' && !isSecureUrl(url)) {
        throw new TcError({
          kind: 'config',
          message: `Refusing to put an access token into a plain-http URL (${url.host}); use https.`,
        });
      }
      token = await raceAbort(options.tokens!.getAccessToken(), signal);
      if (token === undefined) {
        throw new TcError({ kind: 'auth', message: 'You are not signed in. Sign in first.' });
      }
    }
    if (method === 'GET' && req.body === undefined) {
      const key = `${url.href}\n${token ?? ''}\n${JSON.stringify(req.headers ?? {})}`;
      return inflight.run(key, (shared) => execute<T>(method, url, token, req, shared), signal);
    }
    return execute<T>(method, url, token, req, signal);
  }

  const data = async <T>(path: string, req: RequestOptions): Promise<T> => (await request<T>(path, req)).data;

  return {
    baseUrl,
    request,
    get: (path, o = {}) => data(path, { ...o, method: 'GET' }),
    post: (path, body, o = {}) => data(path, { ...o, method: 'POST', body }),
    put: (path, body, o = {}) => data(path, { ...o, method: 'PUT', body }),
    patch: (path, body, o = {}) => data(path, { ...o, method: 'PATCH', body }),
    delete: (path, o = {}) => data(path, { ...o, method: 'DELETE' }),
    url: (path, query) => buildUrl(path, query).href,
  };
}
