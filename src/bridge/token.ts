/**
 * `POST /token` for public clients: authorization_code (+ PKCE S256) and refresh_token.
 * The browser receives the vendor's access token and the bridge's own refresh handle; the
 * vendor's refresh token never leaves the bridge.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BridgeClientConfig } from './config.js';
import { storageKey, verifyS256 } from './codes.js';
import { clientOrigins, type BridgeContext } from './context.js';
import { applyCors, requestOrigin } from './cors.js';
import { OAuthError, UpstreamError, oauthErrorFromUpstream, sendOAuthError } from './errors.js';
import { mediaType, readBody, sendJson, singleParams } from './http.js';
import type { TokenSet } from './store.js';
import type { VendorTokens } from './upstream/types.js';

type Params = Map<string, string>;

/**
 * Reads a form body and the public client it names. CORS is applied as soon as the client is
 * known, so an allowed page can read the error; a request from an origin the client does not
 * list is refused before anything is spent.
 */
export async function readClientRequest(
  ctx: BridgeContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<{ params: Params; client: BridgeClientConfig }> {
  applyCors(req, res, ctx.allOrigins);
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    throw new OAuthError('invalid_request', 'the body must be application/x-www-form-urlencoded');
  }
  let body: string;
  try {
    body = await readBody(req);
  } catch {
    throw new OAuthError('invalid_request', 'the body is too large');
  }
  const { params, duplicate } = singleParams(new URLSearchParams(body));
  if (duplicate) throw new OAuthError('invalid_request', `parameter ${duplicate} was sent more than once`);
  if (req.headers.authorization) {
    throw new OAuthError('invalid_client', 'only public clients are supported: send client_id in the body, without credentials');
  }
  const clientId = params.get('client_id');
  const client = clientId === undefined ? undefined : ctx.clients.get(clientId);
  if (!client) throw new OAuthError('invalid_client', 'unknown client_id');
  const origin = requestOrigin(req);
  if (origin !== undefined && !client.allowedOrigins.includes(origin)) {
    res.removeHeader('access-control-allow-origin');
    throw new OAuthError('invalid_request', 'this origin is not allowed for this client', 403);
  }
  applyCors(req, res, clientOrigins(client));
  return { params, client };
}

export async function handleToken(ctx: BridgeContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const { params, client } = await readClientRequest(ctx, req, res);
    const grantType = params.get('grant_type');
    let body: Record<string, unknown>;
    if (grantType === 'authorization_code') body = await authorizationCodeGrant(ctx, params, client);
    else if (grantType === 'refresh_token') body = await refreshTokenGrant(ctx, params, client);
    else if (grantType === undefined) throw new OAuthError('invalid_request', 'grant_type is required');
    else throw new OAuthError('unsupported_grant_type', 'supported: authorization_code, refresh_token');
    sendJson(res, 200, body);
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    sendOAuthError(res, err);
  }
}

function tokenResponse(set: TokenSet, refreshHandle: string | undefined): Record<string, unknown> {
  const vendor = set.vendor;
  const body: Record<string, unknown> = { access_token: vendor.accessToken, token_type: 'Bearer' };
  // Counted from now, not from the vendor's answer, which may be up to a code lifetime ago.
  if (vendor.expiresAt !== undefined) body.expires_in = Math.max(0, Math.floor((vendor.expiresAt - Date.now()) / 1000));
  if (refreshHandle !== undefined) body.refresh_token = refreshHandle;
  if (vendor.scope !== undefined) body.scope = vendor.scope;
  return { ...vendor.extras, ...body };
}

async function authorizationCodeGrant(ctx: BridgeContext, params: Params, client: BridgeClientConfig): Promise<Record<string, unknown>> {
  const code = params.get('code');
  if (!code) throw new OAuthError('invalid_request', 'code is required');
  // Spent on first presentation, whatever the outcome: a code gets exactly one attempt.
  const record = ctx.store.spendCode(code);
  if (!record) throw new OAuthError('invalid_grant', 'unknown authorization code');
  const refuse = (description: string): never => {
    ctx.store.revokeTokenSet(record.tokenSetId);
    throw new OAuthError('invalid_grant', description);
  };
  if (record.used) {
    // RFC 6749 §4.1.2: a replayed code revokes what it already released.
    ctx.log(`token: authorization code replayed for client ${client.clientId}; its tokens are revoked`);
    refuse('authorization code already used');
  }
  if (record.expiresAt <= Date.now()) refuse('authorization code expired');
  if (record.clientId !== client.clientId) refuse('authorization code was issued to another client');
  if (params.get('redirect_uri') !== record.redirectUri) refuse('redirect_uri does not match the authorization request');
  const verifier = params.get('code_verifier');
  if (!verifier) {
    ctx.store.revokeTokenSet(record.tokenSetId);
    throw new OAuthError('invalid_request', 'code_verifier is required');
  }
  if (!verifyS256(verifier, record.codeChallenge)) refuse('code_verifier does not match the code_challenge');

  const set = ctx.store.tokenSet(record.tokenSetId);
  if (!set) throw new OAuthError('invalid_grant', 'the sign-in is no longer valid');
  set.issued = true;
  const handle = set.vendor.refreshToken !== undefined ? ctx.store.rotateRefreshHandle(set) : undefined;
  ctx.log(`token: tokens issued to client ${client.clientId}`);
  return tokenResponse(set, handle);
}

/**
 * In-flight refreshes by set. A request that presents the very handle an in-flight refresh was
 * started with (two tabs racing) shares its result instead of being taken for a replay.
 */
const inFlight = new WeakMap<TokenSet, { handleKey: string; result: Promise<Record<string, unknown>> }>();

async function refreshTokenGrant(ctx: BridgeContext, params: Params, client: BridgeClientConfig): Promise<Record<string, unknown>> {
  const handle = params.get('refresh_token');
  if (!handle) throw new OAuthError('invalid_request', 'refresh_token is required');
  const found = ctx.store.findByRefreshHandle(handle);
  if (!found) throw new OAuthError('invalid_grant', 'unknown or revoked refresh token');
  const { set, rotated } = found;
  if (set.clientId !== client.clientId) throw new OAuthError('invalid_grant', 'refresh token was issued to another client');
  const pending = inFlight.get(set);
  if (pending && pending.handleKey === storageKey(handle)) return pending.result;
  if (rotated) {
    // A rotated handle presented again has leaked somewhere (RFC 9700 §4.14.2): end the whole set.
    ctx.store.revokeTokenSet(set.id);
    ctx.log(`token: rotated refresh token replayed for client ${client.clientId}; its tokens are revoked`);
    throw new OAuthError('invalid_grant', 'refresh token already used');
  }
  const work = refreshUpstream(ctx, set);
  inFlight.set(set, { handleKey: storageKey(handle), result: work });
  try {
    return await work;
  } finally {
    inFlight.delete(set);
  }
}

async function refreshUpstream(ctx: BridgeContext, set: TokenSet): Promise<Record<string, unknown>> {
  const old = set.vendor;
  if (old.refreshToken === undefined) throw new OAuthError('invalid_grant', 'this sign-in cannot be refreshed');
  let fresh: VendorTokens;
  try {
    fresh = await ctx.upstream.refresh(old.refreshToken);
  } catch (err) {
    const oauthError =
      err instanceof UpstreamError ? oauthErrorFromUpstream(err.failure) : new OAuthError('server_error', 'refresh failed');
    ctx.log(`token: upstream refresh failed (${err instanceof Error ? err.message : 'unknown error'})`);
    // A dead vendor grant ends the set; a vendor hiccup leaves the handle usable for a retry.
    if (oauthError.error === 'invalid_grant') ctx.store.revokeTokenSet(set.id);
    throw oauthError;
  }
  // Vendors that do not rotate (TrueConf may omit it) keep the refresh token they had.
  const vendor: VendorTokens = {
    ...fresh,
    refreshToken: fresh.refreshToken ?? old.refreshToken,
    extras: { ...old.extras, ...fresh.extras },
  };
  const refreshExpiresAt = fresh.refreshExpiresAt ?? old.refreshExpiresAt;
  if (refreshExpiresAt !== undefined) vendor.refreshExpiresAt = refreshExpiresAt;
  ctx.store.updateVendorTokens(set, vendor);
  set.expiresAt = refreshExpiresAt ?? Date.now() + ctx.config.refreshTtlSeconds * 1000;
  const handle = ctx.store.rotateRefreshHandle(set);
  ctx.log(`token: refreshed at ${ctx.upstream.kind} for client ${set.clientId}`);
  return tokenResponse(set, handle);
}
