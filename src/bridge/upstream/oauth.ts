/**
 * Shared upstream plumbing on oauth4webapi: the vendor described as an authorization server,
 * callback validation, code and refresh grants, and turning whatever went wrong into an
 * UpstreamError that carries only a status and an OAuth error code (never a body).
 */
import * as oauth from 'oauth4webapi';
import { isLoopbackHost, type UpstreamConfig } from '../config.js';
import { UpstreamError, type UpstreamFailure } from '../errors.js';
import type { CallbackResult, UpstreamAdapter, VendorTokens } from './types.js';

export interface UpstreamEndpoints {
  authorizeUrl: URL;
  tokenUrl: URL;
  apiBase: URL;
}

export interface UpstreamContext {
  config: UpstreamConfig & { clientSecret: string };
  endpoints: UpstreamEndpoints;
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  timeoutMs: number;
}

export function upstreamContext(
  config: UpstreamConfig,
  defaults: { authorize: string; token: string; api: string },
  timeoutMs: number,
): UpstreamContext {
  const base = config.baseUrl.replace(/\/+$/, '');
  const endpoints: UpstreamEndpoints = {
    authorizeUrl: new URL(config.authorizeUrl ?? base + defaults.authorize),
    tokenUrl: new URL(config.tokenUrl ?? base + defaults.token),
    apiBase: new URL((config.apiBaseUrl ?? base + defaults.api).replace(/\/+$/, '') + '/'),
  };
  return {
    config: config as UpstreamConfig & { clientSecret: string },
    endpoints,
    as: {
      issuer: base,
      authorization_endpoint: endpoints.authorizeUrl.href,
      token_endpoint: endpoints.tokenUrl.href,
    },
    client: { client_id: config.clientId },
    timeoutMs,
  };
}

/** The adapter fields every vendor derives from its endpoints alike. */
export function endpointFields(ctx: UpstreamContext): Pick<UpstreamAdapter, 'origin' | 'apiBase' | 'parseCallback'> {
  return {
    origin: ctx.endpoints.authorizeUrl.origin,
    apiBase: ctx.endpoints.apiBase,
    parseCallback: (params) => parseCallback(ctx, params),
  };
}

/** The authorize endpoint with `params` added in the order given; undefined ones are left out. */
export function authorizeUrl(endpoint: URL, params: Record<string, string | undefined>): URL {
  const url = new URL(endpoint);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}

/** oauth4webapi refuses plain http unless told; allow it only for loopback (the lab). */
export function requestOptions(ctx: UpstreamContext, additionalParameters?: Record<string, string>): oauth.TokenEndpointRequestOptions {
  const options: oauth.TokenEndpointRequestOptions = { signal: AbortSignal.timeout(ctx.timeoutMs) };
  if (additionalParameters) options.additionalParameters = additionalParameters;
  if (ctx.endpoints.tokenUrl.protocol === 'http:' && isLoopbackHost(ctx.endpoints.tokenUrl.hostname)) {
    options[oauth.allowInsecureRequests] = true;
  }
  return options;
}

/**
 * The bridge found the transaction by its own means (state or cookie) before calling this, so
 * the state itself is not re-checked here; oauth4webapi still refuses a foreign `iss`, implicit
 * and JARM responses, and extracts a vendor `error`.
 */
export function parseCallback(ctx: UpstreamContext, params: URLSearchParams): CallbackResult {
  try {
    return { kind: 'code', params: oauth.validateAuthResponse(ctx.as, ctx.client, params, oauth.skipStateCheck) };
  } catch (err) {
    if (err instanceof oauth.AuthorizationResponseError) return { kind: 'error', error: err.error };
    return { kind: 'error', error: 'server_error' };
  }
}

export async function codeGrant(
  ctx: UpstreamContext,
  auth: oauth.ClientAuth,
  callback: URLSearchParams,
  redirectUri: string,
  codeVerifier: string | undefined,
  additionalParameters?: Record<string, string>,
): Promise<VendorTokens> {
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      ctx.as,
      ctx.client,
      auth,
      callback,
      redirectUri,
      codeVerifier ?? oauth.nopkce,
      requestOptions(ctx, additionalParameters),
    );
    return vendorTokens(await oauth.processAuthorizationCodeResponse(ctx.as, ctx.client, response));
  } catch (err) {
    throw await upstreamErrorWithBody(err);
  }
}

export async function refreshGrant(
  ctx: UpstreamContext,
  auth: oauth.ClientAuth,
  refreshToken: string,
  additionalParameters?: Record<string, string>,
): Promise<VendorTokens> {
  try {
    const response = await oauth.refreshTokenGrantRequest(
      ctx.as,
      ctx.client,
      auth,
      refreshToken,
      requestOptions(ctx, additionalParameters),
    );
    return vendorTokens(await oauth.processRefreshTokenResponse(ctx.as, ctx.client, response));
  } catch (err) {
    throw await upstreamErrorWithBody(err);
  }
}

const EXTRA_FIELDS = ['user_id', 'display_name'] as const;

/** Normalises a vendor token response (already checked for access_token and token_type). */
export function vendorTokens(body: Record<string, unknown>): VendorTokens {
  const now = Date.now();
  const seconds = (value: unknown): number | undefined => {
    const n = typeof value === 'string' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const expiresIn = seconds(body.expires_in);
  const refreshExpiresIn = seconds(body.refresh_token_expires_in);
  const extras: Record<string, string> = {};
  for (const field of EXTRA_FIELDS) {
    const value = body[field];
    if (typeof value === 'string' || typeof value === 'number') extras[field] = String(value);
  }
  const tokens: VendorTokens = {
    accessToken: String(body.access_token),
    tokenType: 'Bearer',
    extras,
  };
  if (expiresIn !== undefined) tokens.expiresAt = now + expiresIn * 1000;
  if (typeof body.refresh_token === 'string' && body.refresh_token !== '') tokens.refreshToken = body.refresh_token;
  if (refreshExpiresIn !== undefined) tokens.refreshExpiresAt = now + refreshExpiresIn * 1000;
  if (typeof body.scope === 'string') tokens.scope = body.scope;
  return tokens;
}

/** Reduces any failure of an upstream call to status + OAuth error, dropping bodies. */
export function upstreamError(err: unknown): UpstreamError {
  if (err instanceof UpstreamError) return err;
  let failure: UpstreamFailure;
  if (err instanceof oauth.ResponseBodyError) {
    failure = { status: err.status, oauthError: err.error };
  } else if (err instanceof oauth.WWWAuthenticateChallengeError) {
    const fromChallenge = err.cause.find((c) => typeof c.parameters.error === 'string')?.parameters.error;
    failure = { status: err.status, ...(fromChallenge ? { oauthError: fromChallenge } : {}) };
  } else if (err instanceof oauth.OperationProcessingError && err.cause instanceof Response) {
    const type = err.cause.headers.get('content-type') ?? '';
    failure = { status: err.cause.status, notJson: !/json/i.test(type) };
  } else if (err instanceof oauth.OperationProcessingError || err instanceof oauth.UnsupportedOperationError) {
    // A 200 that is not a usable token response (HTML, missing fields, odd token_type).
    failure = { status: 200, notJson: err instanceof oauth.OperationProcessingError && err.code === oauth.PARSE_ERROR };
  } else {
    // fetch failure or timeout: nothing came back.
    failure = { status: 0 };
  }
  const label = failure.oauthError ?? (failure.status === 0 ? 'no answer' : failure.notJson ? 'non-JSON answer' : 'unusable answer');
  return new UpstreamError(failure, `upstream token endpoint: HTTP ${failure.status}, ${label}`);
}

/**
 * The OAuth error code inside a vendor's non-standard error body:
 * - RFC 6749 `{error: "invalid_grant"}`;
 * - TrueConf's envelope `{error: {code, errors: [{reason: "invalidGrant"}]}}` (camelCase reason);
 * - Webex's `{message: "POST failed: … error = 'invalid_grant' …", trackingId}`.
 */
export function errorCodeFromBody(body: Record<string, unknown> | undefined): string | undefined {
  const error = body?.error;
  if (typeof error === 'string') return error;
  if (error !== null && typeof error === 'object') {
    const errors = (error as { errors?: unknown }).errors;
    const reason = Array.isArray(errors) ? (errors[0] as { reason?: unknown } | undefined)?.reason : undefined;
    if (typeof reason === 'string' && /^[a-z][A-Za-z]*$/.test(reason)) return reason.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  }
  const message = body?.message;
  if (typeof message === 'string') return /\berror = '([a-z_]+)'/.exec(message)?.[1];
  return undefined;
}

/** Like upstreamError, but reads a JSON error body oauth4webapi did not understand for its error code. */
async function upstreamErrorWithBody(err: unknown): Promise<UpstreamError> {
  const base = upstreamError(err);
  if (base.failure.oauthError !== undefined || base.failure.notJson || !(err instanceof oauth.OperationProcessingError)) return base;
  const response = err.cause;
  if (!(response instanceof Response) || response.bodyUsed) return base;
  try {
    const body: unknown = await response.json();
    const code = body !== null && typeof body === 'object' ? errorCodeFromBody(body as Record<string, unknown>) : undefined;
    if (code !== undefined) return new UpstreamError({ ...base.failure, oauthError: code }, `${base.message}, ${code}`);
  } catch {
    // not JSON after all: keep the status-only failure
  }
  return base;
}
