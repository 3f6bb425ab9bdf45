/**
 * `GET /authorize`: the browser-facing authorization endpoint. Problems with the client or
 * the redirect URI are shown as a page (redirecting to an unverified URI would make the bridge
 * an open redirector); everything else goes back to the client with `error`, `state` and `iss`.
 * Then the browser is sent to the vendor, with the bridge as the (confidential) client.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CODE_CHALLENGE, randomToken, s256 } from './codes.js';
import type { BridgeContext } from './context.js';
import { redirect, sendErrorPage, serializeCookie, singleParams } from './http.js';

/** The client's redirect URI with response parameters added (its own query is kept). */
export function clientRedirect(ctx: BridgeContext, redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.append(key, value);
  url.searchParams.append('iss', ctx.issuer);
  return url.href;
}

export function handleAuthorize(ctx: BridgeContext, _req: IncomingMessage, res: ServerResponse, url: URL): void {
  const { params, duplicate } = singleParams(url.searchParams);
  if (duplicate === 'client_id' || duplicate === 'redirect_uri') {
    sendErrorPage(res, 400, 'invalid_request', `The parameter ${duplicate} was sent more than once.`);
    return;
  }
  const clientId = params.get('client_id');
  const client = clientId === undefined ? undefined : ctx.clients.get(clientId);
  if (!client) {
    sendErrorPage(res, 400, 'invalid_client', 'This application is not registered with the sign-in bridge.');
    return;
  }
  const redirectUri = params.get('redirect_uri');
  // Exact string comparison: no trailing-slash, port, case or query leniency.
  if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
    sendErrorPage(res, 400, 'invalid_request', 'The redirect_uri is missing or not registered for this application.');
    return;
  }

  const state = params.get('state');
  const fail = (error: string, description: string): void =>
    redirect(res, clientRedirect(ctx, redirectUri, { error, error_description: description, state }));

  if (duplicate) return fail('invalid_request', `parameter ${duplicate} was sent more than once`);
  if (params.get('response_type') !== 'code') return fail('unsupported_response_type', 'only response_type=code is supported');
  const responseMode = params.get('response_mode');
  if (responseMode !== undefined && responseMode !== 'query') return fail('invalid_request', 'only response_mode=query is supported');
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  if (challenge === undefined) return fail('invalid_request', 'PKCE is required: send code_challenge with S256');
  // A missing method means `plain` (RFC 7636 §4.3), which is refused like an explicit `plain`.
  if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
  if (!CODE_CHALLENGE.test(challenge)) return fail('invalid_request', 'code_challenge is not a base64url SHA-256 value');

  const upstreamVerifier = ctx.upstream.pkce ? randomToken() : undefined;
  const tx = ctx.store.addTransaction({
    clientId: client.clientId,
    redirectUri,
    codeChallenge: challenge,
    state,
    upstreamVerifier,
    expiresAt: Date.now() + ctx.config.transactionTtlSeconds * 1000,
  });
  const location = ctx.upstream.authorizationUrl({
    redirectUri: ctx.callbackUrl,
    state: tx.upstreamState,
    ...(upstreamVerifier ? { codeChallenge: s256(upstreamVerifier) } : {}),
  });
  const headers: Record<string, string> = {};
  if (ctx.upstream.stateEcho !== 'always') {
    // Vendors that drop `state` (TrueConf) give the callback nothing to find the sign-in by;
    // this cookie comes back on the callback navigation (SameSite=Lax) and ties it to this browser.
    headers['set-cookie'] = serializeCookie(ctx.txCookie, tx.id, {
      maxAgeSeconds: ctx.config.transactionTtlSeconds,
      secure: ctx.secureCookies,
    });
  }
  ctx.log(`authorize: client ${client.clientId} sent to ${ctx.upstream.kind}`);
  redirect(res, location.href, headers);
}
