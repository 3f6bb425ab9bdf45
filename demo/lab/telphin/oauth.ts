/**
 * Telphin PBX-application OAuth (spec B1/B2): `/oauth/authorize` for `public` apps (`scope=all`,
 * no PKCE, `state` only when switched on) and `/oauth/token` (secret always required; grants
 * authorization_code, client_credentials, password, refresh_token; bad refresh → 401 invalid_grant).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { basicAuth, randomHex, readBody, redirect, sendHtml, sendJson } from '../http.js';
import { findUser } from '../users.js';
import { errorPage, loginPage } from './pages.js';
import type { TelphinContext } from './settings.js';
import type { TelphinApp } from './store.js';

type Params = Record<string, string>;
const SESSION_COOKIE = 'telphinlab_session';
const FORWARDED = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'] as const;

function withQuery(uri: string, params: Params): string {
  return `${uri}${uri.includes('?') ? '&' : '?'}${new URLSearchParams(params).toString()}`;
}

type Checked = { ok: true; app: TelphinApp; redirectUri: string } | { ok: false; answer: (res: ServerResponse) => void };

function checkAuthorize(ctx: TelphinContext, p: Params): Checked {
  const app = p.client_id ? ctx.store.apps.get(p.client_id) : undefined;
  if (!app) return { ok: false, answer: (res) => sendHtml(res, 400, errorPage('Ошибка', 'Unknown client_id.')) };
  const redirectUri = p.redirect_uri ?? '';
  if (!app.redirectUris.includes(redirectUri)) {
    return { ok: false, answer: (res) => sendHtml(res, 400, errorPage('Ошибка', 'redirect_uri does not match the application.')) };
  }
  const fail = (error: string, description: string): Checked => ({
    ok: false,
    answer: (res) => redirect(res, withQuery(redirectUri, { error, error_description: description, ...stateParam(ctx, p) })),
  });
  // Only `public` apps may use the user-consent flow [doc T1, T2].
  if (app.type !== 'public') return fail('unauthorized_client', 'Only public applications may use authorization_code.');
  if (p.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code.');
  if (p.scope !== 'all') return fail('invalid_scope', 'scope must be all.');
  // code_challenge is not part of the documented request: ignored, never verified.
  return { ok: true, app, redirectUri };
}

function stateParam(ctx: TelphinContext, p: Params): Params {
  return ctx.settings.echoState && p.state ? { state: p.state } : {};
}

function issueCode(ctx: TelphinContext, res: ServerResponse, app: TelphinApp, redirectUri: string, login: string, p: Params): void {
  const code = randomHex(16);
  ctx.store.codes.set(code, {
    appId: app.id,
    login,
    redirectUri,
    expiresAt: Date.now() + ctx.settings.codeLifetime * 1000,
    used: false,
  });
  redirect(res, withQuery(redirectUri, { code, ...stateParam(ctx, p) }));
}

export async function handleAuthorize(ctx: TelphinContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const isPost = req.method === 'POST';
  const p: Params = isPost ? Object.fromEntries(new URLSearchParams(await readBody(req))) : Object.fromEntries(url.searchParams);
  const checked = checkAuthorize(ctx, p);
  if (!checked.ok) return checked.answer(res);
  const { app, redirectUri } = checked;
  const hidden: Params = {};
  for (const k of FORWARDED) if (p[k] !== undefined) hidden[k] = p[k];

  if (!isPost) {
    const sid = /(?:^|;\s*)telphinlab_session=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1];
    const login = ctx.settings.rememberLogin && sid ? ctx.store.sessions.get(sid) : undefined;
    // Consent is remembered until revoked, so a known user goes straight back [doc T2].
    if (login && ctx.store.consents.has(`${login} ${app.id}`)) return issueCode(ctx, res, app, redirectUri, login, p);
    return sendHtml(res, 200, loginPage(app.name, hidden));
  }
  if (p.decision === 'deny') {
    return redirect(res, withQuery(redirectUri, { error: 'access_denied', error_description: 'The user denied access.', ...stateParam(ctx, p) }));
  }
  const user = findUser(p.username ?? '');
  if (!user || user.password !== p.password || !ctx.store.user(user.id)) {
    return sendHtml(res, 401, loginPage(app.name, hidden, 'Неверный логин или пароль / Wrong login or password.'));
  }
  ctx.store.consents.add(`${user.id} ${app.id}`);
  if (ctx.settings.rememberLogin) {
    const sid = randomHex(20);
    ctx.store.sessions.set(sid, user.id);
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax`);
  }
  issueCode(ctx, res, app, redirectUri, user.id, p);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `POST /oauth/token`. Parameters may come in the form body or the query string [code T14]. */
export async function handleToken(ctx: TelphinContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<string | undefined> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await readBody(req);
  const p: Params = {
    ...Object.fromEntries(url.searchParams),
    ...(type === 'application/x-www-form-urlencoded' ? Object.fromEntries(new URLSearchParams(text)) : {}),
  };
  const fail = (status: number, error: string, description: string): string | undefined => {
    sendJson(res, status, { error, error_description: description });
    return p.grant_type;
  };
  const basic = ctx.settings.acceptBasicAuth ? basicAuth(req) : undefined;
  const appId = basic?.id ?? p.client_id;
  const secret = basic?.secret ?? p.client_secret;
  const app = appId ? ctx.store.apps.get(appId) : undefined;
  if (!p.grant_type) return fail(400, 'invalid_request', 'grant_type is required.');
  // Every grant authenticates the app with its secret, public apps included.
  if (!app || !secret || !same(secret, app.secret)) return fail(401, 'invalid_client', 'Client authentication failed.');
  if (p.scope !== undefined && p.scope !== 'all') return fail(400, 'invalid_scope', 'scope must be all.');
  const now = Date.now();

  switch (p.grant_type) {
    case 'authorization_code': {
      if (app.type !== 'public') return fail(400, 'unauthorized_client', 'Only public applications may use authorization_code.');
      if (!p.code || !p.redirect_uri) return fail(400, 'invalid_request', 'code and redirect_uri are required.');
      const code = ctx.store.codes.get(p.code);
      if (!code || code.used || code.expiresAt < now || code.appId !== app.id || code.redirectUri !== p.redirect_uri) {
        if (code) code.used = true;
        return fail(400, 'invalid_grant', 'Invalid authorization code.');
      }
      code.used = true;
      sendJson(res, 200, issue(ctx, app, code.login, true));
      return p.grant_type;
    }
    case 'client_credentials': {
      if (app.type !== 'trusted') return fail(400, 'unauthorized_client', 'Only trusted applications may use client_credentials.');
      // No refresh token for trusted apps [doc T3].
      sendJson(res, 200, issue(ctx, app, undefined, false));
      return p.grant_type;
    }
    case 'password': {
      if (app.type !== 'password_credentials') return fail(400, 'unauthorized_client', 'The application may not use the password grant.');
      const user = findUser(p.username ?? '');
      if (!user || user.password !== p.password || !ctx.store.user(user.id)) return fail(400, 'invalid_grant', 'Invalid username or password.');
      sendJson(res, 200, issue(ctx, app, user.id, true));
      return p.grant_type;
    }
    case 'refresh_token': {
      if (app.type === 'trusted') return fail(400, 'unauthorized_client', 'Trusted applications have no refresh token.');
      const grant = p.refresh_token ? ctx.store.refreshTokens.get(p.refresh_token) : undefined;
      // An expired, unknown or already used refresh token: 401 invalid_grant [doc T5].
      if (!grant || grant.appId !== app.id || grant.expiresAt < now || !grant.login) {
        return fail(401, 'invalid_grant', 'Invalid refresh token.');
      }
      if (ctx.settings.rotateRefreshToken) ctx.store.refreshTokens.delete(p.refresh_token!);
      sendJson(res, 200, issue(ctx, app, grant.login, ctx.settings.rotateRefreshToken, ctx.settings.rotateRefreshToken ? undefined : p.refresh_token));
      return p.grant_type;
    }
    default:
      return fail(400, 'unsupported_grant_type', `Unsupported grant_type: ${p.grant_type}`);
  }
}

function issue(ctx: TelphinContext, app: TelphinApp, login: string | undefined, withRefresh: boolean, keepRefresh?: string): Record<string, unknown> {
  const now = Date.now();
  const access = randomHex(16);
  ctx.store.accessTokens.set(access, { appId: app.id, ...(login ? { login } : {}), expiresAt: now + ctx.settings.accessTokenLifetime * 1000 });
  const body: Record<string, unknown> = {
    access_token: access,
    token_type: 'Bearer',
    expires_in: ctx.settings.accessTokenLifetime,
    scope: 'all',
  };
  if (keepRefresh) body.refresh_token = keepRefresh;
  else if (withRefresh && login) {
    const refresh = randomHex(16);
    ctx.store.refreshTokens.set(refresh, { appId: app.id, login, expiresAt: now + ctx.settings.refreshTokenLifetime * 1000 });
    body.refresh_token = refresh;
  }
  return body;
}
