/**
 * `GET /callback`: where the vendor sends the browser back to the bridge. The vendor code is
 * exchanged upstream (with the bridge's secret), the vendor tokens are stored server-side, and
 * the browser goes on to its client with a code of the bridge's own.
 *
 * TrueConf 5.5 quirk: its authorize page delivers the callback with a credentialed fetch from
 * the TrueConf origin and then navigates the window to `<origin>/&state=null`. The fetch is
 * answered with CORS for that origin only; the navigation then picks up the finished sign-in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientRedirect } from './authorize.js';
import type { BridgeContext } from './context.js';
import { applyCors, requestOrigin } from './cors.js';
import { OAuthError, UpstreamError, oauthErrorFromUpstream } from './errors.js';
import { readCookie, redirect, sendErrorPage, sendJson, serializeCookie } from './http.js';
import type { Transaction } from './store.js';

/** Vendor authorization errors that mean the same to the browser client; others are the bridge's problem. */
const PASSED_ON_ERRORS = new Set([
  'access_denied',
  'invalid_scope',
  'temporarily_unavailable',
  'login_required',
  'consent_required',
  'interaction_required',
]);

function clearCookie(ctx: BridgeContext): string {
  return serializeCookie(ctx.txCookie, '', { maxAgeSeconds: 0, secure: ctx.secureCookies });
}

/** Finds the sign-in a callback belongs to: by the bridge's `state` where the vendor echoes it, else by cookie. */
function findTransaction(ctx: BridgeContext, req: IncomingMessage, params: URLSearchParams): Transaction | undefined {
  const state = params.get('state');
  const echoed = state !== null && state !== '' && !(ctx.upstream.stateEcho === 'never' && state === 'null');
  if (echoed) return ctx.store.transactionByUpstreamState(state);
  if (ctx.upstream.stateEcho === 'always') return undefined;
  return ctx.store.transaction(readCookie(req, ctx.txCookie));
}

/** Exchanges the vendor code and works out where the browser goes next (code or error). */
async function finish(ctx: BridgeContext, tx: Transaction, params: URLSearchParams): Promise<string> {
  const back = (extra: Record<string, string>): string => clientRedirect(ctx, tx.redirectUri, { ...extra, state: tx.state });
  const result = ctx.upstream.parseCallback(params);
  if (result.kind === 'error') {
    ctx.log(`callback: ${ctx.upstream.kind} answered with an error`);
    const error = PASSED_ON_ERRORS.has(result.error) ? result.error : 'server_error';
    return back({ error, error_description: `sign-in at the vendor ended with ${error}` });
  }
  try {
    const tokens = await ctx.upstream.exchangeCode(result.params, ctx.callbackUrl, tx.upstreamVerifier);
    const setExpiresAt = tokens.refreshExpiresAt ?? Date.now() + ctx.config.refreshTtlSeconds * 1000;
    const set = ctx.store.addTokenSet(tx.clientId, tokens, setExpiresAt);
    const code = ctx.store.mintCode({
      clientId: tx.clientId,
      redirectUri: tx.redirectUri,
      codeChallenge: tx.codeChallenge,
      tokenSetId: set.id,
      expiresAt: Date.now() + ctx.config.codeTtlSeconds * 1000,
    });
    ctx.log(`callback: signed in at ${ctx.upstream.kind} for client ${tx.clientId}`);
    return back({ code });
  } catch (err) {
    const oauthError =
      err instanceof UpstreamError ? oauthErrorFromUpstream(err.failure) : new OAuthError('server_error', 'code exchange failed');
    ctx.log(`callback: code exchange failed (${err instanceof Error ? err.message : 'unknown error'})`);
    // invalid_grant is not an authorization-endpoint error code (RFC 6749 §4.1.2.1).
    const error = oauthError.error === 'invalid_grant' || oauthError.error === 'invalid_client' ? 'server_error' : oauthError.error;
    return back({ error, error_description: 'the vendor did not accept the sign-in; try again' });
  }
}

export async function handleCallback(ctx: BridgeContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const origin = requestOrigin(req);
  const vendorFetch = origin !== undefined && origin === ctx.upstream.origin;
  if (vendorFetch) applyCors(req, res, new Set([origin]), { credentials: true });

  const tx = findTransaction(ctx, req, url.searchParams);
  if (!tx) {
    ctx.log('callback: no matching sign-in (unknown state, no cookie, or expired)');
    if (vendorFetch) sendJson(res, 400, { error: 'invalid_request', error_description: 'no sign-in in progress' });
    else sendErrorPage(res, 400, 'invalid_request', 'No sign-in is in progress in this browser, or it took too long. Start again.');
    return;
  }
  // A callback delivered twice (fetch, then navigation; or a reload) is handled once.
  if (!tx.outcome) {
    tx.vendorCode = url.searchParams.get('code') ?? undefined;
    tx.outcome = finish(ctx, tx, url.searchParams);
  }
  const location = await tx.outcome;
  if (vendorFetch) {
    // The window navigates to `/&state=null` next; keep the transaction for it.
    sendJson(res, 200, { status: 'received' });
    return;
  }
  ctx.store.dropTransaction(tx);
  redirect(res, location, ctx.upstream.stateEcho === 'always' ? {} : { 'set-cookie': clearCookie(ctx) });
}

/** `/&state=null` (TrueConf 5.5): the navigation that follows the fetch-delivered callback. */
export async function handleStateNull(ctx: BridgeContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const tx = ctx.store.transaction(readCookie(req, ctx.txCookie));
  if (!tx?.outcome) {
    sendErrorPage(res, 400, 'invalid_request', 'No finished sign-in was found for this browser. Start again.');
    return;
  }
  const location = await tx.outcome;
  ctx.store.dropTransaction(tx);
  redirect(res, location, { 'set-cookie': clearCookie(ctx) });
}
