/**
 * Webex integration OAuth: `/v1/authorize` (login form, PKCE optional, `state` echoed) and
 * `/v1/access_token` (client secret required even with PKCE, via Basic or the body).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { basicAuth, randomHex, readBody, redirect, sendHtml, sendJson } from '../http.js';
import { findUser } from '../users.js';
import { errorPage, loginPage } from './pages.js';
import { trackingId } from './errors.js';
import type { WebexClient } from './store.js';
import type { WebexContext } from './settings.js';

const SESSION_COOKIE = 'webexlab_session';
const AUTHORIZE_FIELDS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'prompt',
  'nonce',
  'login_hint',
] as const;

type Params = Record<string, string>;

interface AuthorizeRequest {
  client: WebexClient;
  redirectUri: string;
  responseType: 'code' | 'token';
  scopes: string[];
  state?: string;
  challenge?: string;
  method?: 'S256' | 'plain';
  prompt?: string;
}

type Checked =
  | { ok: true; request: AuthorizeRequest }
  | { ok: false; page: { status: number; title: string; message: string } }
  | { ok: false; redirectTo: string };

/** Appends parameters to the query (code flow) or the fragment (implicit flow). */
function withParams(uri: string, params: Params, fragment: boolean): string {
  const encoded = new URLSearchParams(params).toString();
  if (fragment) return `${uri}#${encoded}`;
  return `${uri}${uri.includes('?') ? '&' : '?'}${encoded}`;
}

function checkAuthorize(ctx: WebexContext, p: Params): Checked {
  const client = p.client_id ? ctx.store.clients.get(p.client_id) : undefined;
  if (!client) return { ok: false, page: { status: 400, title: 'Invalid client', message: 'The client_id is not registered.' } };
  let redirectUri = p.redirect_uri;
  if (!redirectUri) {
    // Optional only when the integration has exactly one registered URI [doc W2].
    if (client.redirectUris.length !== 1) {
      return { ok: false, page: { status: 400, title: 'Invalid redirect_uri', message: 'redirect_uri is required.' } };
    }
    redirectUri = client.redirectUris[0]!;
  } else if (!client.redirectUris.includes(redirectUri)) {
    return { ok: false, page: { status: 400, title: 'Invalid redirect_uri', message: 'redirect_uri does not match a registered URI.' } };
  }
  const fragment = p.response_type === 'token';
  const fail = (error: string, description: string): Checked => ({
    ok: false,
    redirectTo: withParams(redirectUri, { error, error_description: description, ...(p.state ? { state: p.state } : {}) }, fragment),
  });
  if (p.response_type !== 'code' && p.response_type !== 'token') {
    return fail('unsupported_response_type', 'The lab supports response_type code and token.');
  }
  const scopes = (p.scope ?? '').split(/\s+/).filter(Boolean);
  if (scopes.length === 0) return fail('invalid_scope', 'The requested scope is invalid.');
  const unknown = scopes.filter((s) => !client.scopes.includes(s));
  if (unknown.length) return fail('invalid_scope', `The requested scope is invalid: ${unknown.join(' ')}`);
  let method: 'S256' | 'plain' | undefined;
  if (p.code_challenge) {
    const m = p.code_challenge_method ?? 'plain';
    if (m !== 'S256' && m !== 'plain') return fail('invalid_request', 'code_challenge_method must be S256 or plain.');
    const shape = m === 'S256' ? /^[A-Za-z0-9_-]{43}$/ : /^[A-Za-z0-9._~-]{43,128}$/;
    if (!shape.test(p.code_challenge)) return fail('invalid_request', 'code_challenge is malformed.');
    method = m;
  } else if (p.code_challenge_method) {
    return fail('invalid_request', 'code_challenge_method without code_challenge.');
  }
  return {
    ok: true,
    request: {
      client,
      redirectUri,
      responseType: p.response_type,
      scopes,
      ...(p.state ? { state: p.state } : {}),
      ...(p.code_challenge && method ? { challenge: p.code_challenge, method } : {}),
      ...(p.prompt ? { prompt: p.prompt } : {}),
    },
  };
}

function sessionLogin(ctx: WebexContext, req: IncomingMessage): string | undefined {
  if (!ctx.settings.rememberLogin) return undefined;
  const cookie = req.headers.cookie ?? '';
  const sid = /(?:^|;\s*)webexlab_session=([0-9a-f]+)/.exec(cookie)?.[1];
  return sid ? ctx.store.sessions.get(sid) : undefined;
}

/** Issues the code (or implicit token) and answers with the redirect to the client. */
function complete(ctx: WebexContext, res: ServerResponse, request: AuthorizeRequest, login: string): void {
  const state: Params = request.state ? { state: request.state } : {};
  if (request.responseType === 'token') {
    const token = randomHex(32);
    ctx.store.accessTokens.set(token, {
      login,
      clientId: request.client.id,
      scopes: request.scopes,
      expiresAt: Date.now() + ctx.settings.accessTokenLifetime * 1000,
    });
    const params = { access_token: token, token_type: 'Bearer', expires_in: String(ctx.settings.accessTokenLifetime), ...state };
    redirect(res, withParams(request.redirectUri, params, true));
    return;
  }
  const code = randomHex(24);
  ctx.store.codes.set(code, {
    clientId: request.client.id,
    redirectUri: request.redirectUri,
    login,
    scopes: request.scopes,
    ...(request.challenge && request.method ? { challenge: request.challenge, method: request.method } : {}),
    expiresAt: Date.now() + ctx.settings.codeLifetime * 1000,
    used: false,
  });
  redirect(res, withParams(request.redirectUri, { code, ...state }, false));
}

function hiddenFields(p: Params): Params {
  const out: Params = {};
  for (const k of AUTHORIZE_FIELDS) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

/** GET shows the form (or redirects at once with a session); POST checks the credentials. */
export async function handleAuthorize(ctx: WebexContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const isPost = req.method === 'POST';
  const p: Params = isPost ? Object.fromEntries(new URLSearchParams(await readBody(req))) : Object.fromEntries(url.searchParams);
  const checked = checkAuthorize(ctx, p);
  if (!checked.ok) {
    if ('page' in checked) sendHtml(res, checked.page.status, errorPage(checked.page.title, checked.page.message));
    else redirect(res, checked.redirectTo);
    return;
  }
  const request = checked.request;
  if (!isPost) {
    const login = sessionLogin(ctx, req);
    const forceForm = request.prompt === 'login' || request.prompt === 'select_account';
    if (login && !forceForm) return complete(ctx, res, request, login);
    if (request.prompt === 'none') {
      const state: Params = request.state ? { state: request.state } : {};
      const params = { error: 'login_required', error_description: 'The user is not signed in.', ...state };
      return redirect(res, withParams(request.redirectUri, params, request.responseType === 'token'));
    }
    sendHtml(res, 200, loginPage('/v1/authorize', hiddenFields(p)));
    return;
  }
  const user = findUser(p.username ?? '');
  if (!user || user.password !== p.password) {
    sendHtml(res, 401, loginPage('/v1/authorize', hiddenFields(p), 'Incorrect username or password.'));
    return;
  }
  if (ctx.settings.rememberLogin) {
    const sid = randomHex(20);
    ctx.store.sessions.set(sid, user.id);
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`);
  }
  complete(ctx, res, request, user.id);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function pkceMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const derived = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return sameSecret(derived, challenge);
}

/** `POST /v1/access_token`. Returns the grant type seen, for the request log. */
export async function handleToken(ctx: WebexContext, req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
  const fail = (status: number, error: string, description: string, headers: Record<string, string> = {}): void => {
    if (ctx.settings.tokenErrorShape === 'oauth') {
      sendJson(res, status, { error, error_description: description }, headers);
      return;
    }
    // The Webex envelope wraps the identity broker's answer in its message text.
    const id = trackingId();
    const message = `POST failed: HTTP/1.1 ${status} (url = ${ctx.baseUrl}/v1/access_token, request/response TrackingId = ${id}, error = '${error}', description = '${description}')`;
    sendJson(res, status, { message, errors: [{ description: message }], trackingId: id }, { trackingid: id, ...headers });
  };
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await readBody(req);
  if (type !== 'application/x-www-form-urlencoded') {
    fail(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    return undefined;
  }
  const p: Params = Object.fromEntries(new URLSearchParams(text));
  const grantType = p.grant_type;

  const basic = basicAuth(req);
  const clientId = basic?.id ?? p.client_id;
  const secret = basic?.secret ?? p.client_secret;
  const client = clientId ? ctx.store.clients.get(clientId) : undefined;
  const challengeHeader: Record<string, string> = basic ? { 'www-authenticate': 'Basic realm="webex"' } : {};
  if (basic && p.client_id && p.client_id !== basic.id) {
    fail(401, 'invalid_client', 'client_id in the body differs from the Basic credentials.', challengeHeader);
    return grantType;
  }
  // The secret is required even when the code was issued with PKCE [doc W2, spec Unknown 1].
  if (!client || !secret || !sameSecret(secret, client.secret)) {
    fail(401, 'invalid_client', 'Client authentication failed.', challengeHeader);
    return grantType;
  }

  if (grantType === 'authorization_code') {
    if (!p.code || !p.redirect_uri) {
      fail(400, 'invalid_request', 'code and redirect_uri are required.');
      return grantType;
    }
    const code = ctx.store.codes.get(p.code);
    if (!code || code.used || code.expiresAt < Date.now() || code.clientId !== client.id) {
      fail(400, 'invalid_grant', 'The authorization code is invalid, expired or already used.');
      return grantType;
    }
    code.used = true;
    if (code.redirectUri !== p.redirect_uri) {
      fail(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
      return grantType;
    }
    if (code.challenge && code.method) {
      if (!p.code_verifier || !pkceMatches(p.code_verifier, code.challenge, code.method)) {
        fail(400, 'invalid_grant', 'PKCE verification failed.');
        return grantType;
      }
    }
    sendJson(res, 200, issue(ctx, code.login, client.id, code.scopes));
    return grantType;
  }

  if (grantType === 'refresh_token') {
    const grant = p.refresh_token ? ctx.store.refreshTokens.get(p.refresh_token) : undefined;
    if (!p.refresh_token) {
      fail(400, 'invalid_request', 'refresh_token is required.');
      return grantType;
    }
    if (!grant || grant.clientId !== client.id || grant.expiresAt < Date.now()) {
      fail(400, 'invalid_grant', 'The refresh token provided is expired, revoked, malformed, or invalid.');
      return grantType;
    }
    if (ctx.settings.rotateRefreshToken) {
      ctx.store.refreshTokens.delete(p.refresh_token);
      sendJson(res, 200, issue(ctx, grant.login, client.id, grant.scopes));
      return grantType;
    }
    // Refreshing extends the refresh token's life (secondary source W9) and keeps its value.
    grant.expiresAt = Date.now() + ctx.settings.refreshTokenLifetime * 1000;
    sendJson(res, 200, issue(ctx, grant.login, client.id, grant.scopes, p.refresh_token));
    return grantType;
  }

  fail(400, 'unsupported_grant_type', 'Supported grant types: authorization_code, refresh_token.');
  return grantType;
}

function issue(ctx: WebexContext, login: string, clientId: string, scopes: string[], keepRefresh?: string): Record<string, unknown> {
  const now = Date.now();
  const access = randomHex(32);
  ctx.store.accessTokens.set(access, { login, clientId, scopes, expiresAt: now + ctx.settings.accessTokenLifetime * 1000 });
  const refresh = keepRefresh ?? randomHex(32);
  if (!keepRefresh) {
    ctx.store.refreshTokens.set(refresh, { login, clientId, scopes, expiresAt: now + ctx.settings.refreshTokenLifetime * 1000 });
  }
  return {
    access_token: access,
    expires_in: ctx.settings.accessTokenLifetime,
    refresh_token: refresh,
    refresh_token_expires_in: ctx.settings.refreshTokenLifetime,
    token_type: 'Bearer',
    scope: scopes.join(' '),
  };
}

/** `GET /v1/.well-known/openid-configuration`, after the documented example [doc W2]. */
export function discovery(ctx: WebexContext): Record<string, unknown> {
  return {
    issuer: ctx.baseUrl,
    authorization_endpoint: `${ctx.baseUrl}/v1/authorize`,
    token_endpoint: `${ctx.baseUrl}/v1/access_token`,
    grant_types_supported: ['authorization_code', 'implicit', 'refresh_token'],
    response_types_supported: ['code', 'id_token'],
    code_challenge_methods_supported: ['plain', 'S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
    scopes_supported: [...new Set([...ctx.store.clients.values()].flatMap((c) => c.scopes))],
  };
}
