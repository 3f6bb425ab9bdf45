/**
 * OAuth errors as the bridge reports them (RFC 6749 §5.2 JSON, or redirect parameters), and the
 * mapping of anything an upstream vendor does wrong into one of them. Upstream bodies are never
 * relayed: they may be HTML pages, stack traces, or echo the bridge's own credentials.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from './http.js';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable';

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  invalid_scope: 400,
  access_denied: 403,
  server_error: 500,
  temporarily_unavailable: 503,
};

export class OAuthError extends Error {
  override name = 'OAuthError';
  readonly status: number;
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    status?: number,
  ) {
    super(`${error}: ${description}`);
    this.status = status ?? STATUS[error];
  }
}

export function sendOAuthError(res: ServerResponse, err: OAuthError, headers: Record<string, string> = {}): void {
  const extra: Record<string, string> = { ...headers };
  // RFC 6749 §5.2: invalid_client on 401 names the scheme the client should have used.
  if (err.status === 401) extra['www-authenticate'] = 'Bearer error="invalid_client"';
  sendJson(res, err.status, { error: err.error, error_description: err.description }, extra);
}

/** What an upstream token call can fail with, before it is turned into an OAuthError. */
export interface UpstreamFailure {
  /** HTTP status, or 0 when nothing came back (network error, timeout). */
  status: number;
  /** The OAuth `error` string when the vendor sent one. */
  oauthError?: string;
  /** True when the body was not JSON (an HTML error page from a proxy, for instance). */
  notJson?: boolean;
}

export class UpstreamError extends Error {
  override name = 'UpstreamError';
  constructor(
    readonly failure: UpstreamFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Maps an upstream token-endpoint failure to the error the browser sees.
 * - the vendor refused the grant (expired/used code, dead refresh token) → invalid_grant;
 * - the vendor refused the bridge's own credentials → server_error (a deployment problem,
 *   not something the browser can fix; the bridge's client details stay private);
 * - 5xx, 429, HTML pages, timeouts → temporarily_unavailable; anything else (the vendor
 *   calling the bridge's request invalid, 4xx HTML pages) → server_error.
 */
export function oauthErrorFromUpstream(failure: UpstreamFailure): OAuthError {
  const { status, oauthError } = failure;
  if (oauthError === 'invalid_grant') return new OAuthError('invalid_grant', 'the vendor refused the grant');
  if (oauthError === 'invalid_client' || oauthError === 'unauthorized_client') {
    return new OAuthError('server_error', 'the vendor refused the bridge configuration');
  }
  if (oauthError === 'invalid_scope') return new OAuthError('invalid_scope', 'the vendor refused the requested scope');
  if (oauthError === 'temporarily_unavailable') return new OAuthError('temporarily_unavailable', 'the vendor is unavailable');
  if (status === 0 || status === 429 || status >= 500) {
    return new OAuthError('temporarily_unavailable', 'the vendor did not answer properly; try again later');
  }
  // A 4xx without a usable OAuth body: vendors such as TrueConf v4 answer a dead grant with
  // a bare 400/401, so the grant is what failed as far as the browser can tell.
  if ((status === 400 || status === 401) && !failure.notJson && oauthError === undefined) {
    return new OAuthError('invalid_grant', 'the vendor refused the grant');
  }
  return new OAuthError('server_error', 'unexpected answer from the vendor');
}
