/**
 * TrueConf's OAuth side (spec §3): the authorize login page (no `state`, no PKCE, exact
 * redirect URIs, optional 5.5 callback quirk) and the v3 / v4 token endpoints.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicAuth, randomHex, readParams, redirect, sendHtml, sendJson } from '../http.js';
import { findUser } from '../users.js';
import { sendTokenError, type TokenError } from './errors.js';
import { callbackQuirkPage, errorPage, loginPage } from './pages.js';
import {
  ALL_SCOPES,
  BUILTIN_USERS_CLIENT,
  type IssuedToken,
  type OAuthClient,
  type TrueconfCore,
} from './store.js';
import type { ApiVersion } from './views.js';

const SESSION_COOKIE = 'tc_lab_session';

/** The login on the lab's own pages, from the cookie the authorize page set. */
export function sessionUser(core: TrueconfCore, req: IncomingMessage): string | undefined {
  const cookies = req.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([0-9a-f]+)`).exec(cookies);
  return match ? core.state.sessions.get(match[1]!) : undefined;
}

const str = (params: Record<string, unknown>, key: string): string | undefined => {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

function withQuery(uri: string, key: string, value: string): string {
  const hash = uri.indexOf('#');
  const base = hash >= 0 ? uri.slice(0, hash) : uri;
  return `${base}${base.includes('?') ? '&' : '?'}${key}=${encodeURIComponent(value)}`;
}

/** GET shows the login page; POST checks the credentials. `state` and `code_challenge` are dropped. */
export async function handleAuthorize(core: TrueconfCore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const params =
    req.method === 'POST' ? await readParams(req) : Object.fromEntries(url.searchParams) as Record<string, unknown>;
  if (!params) {
    sendHtml(res, 400, errorPage('Bad request', 'The form could not be read.'));
    return;
  }
  const clientId = str(params, 'client_id') ?? '';
  const redirectUri = str(params, 'redirect_uri') ?? '';
  const responseType = str(params, 'response_type') ?? '';
  const client = core.clients.find((c) => c.id === clientId);
  // An unknown client or redirect URI is never redirected to: it gets an error page.
  if (!client) {
    sendHtml(res, 400, errorPage('Authorization error', 'The application is not registered on this server.'));
    return;
  }
  if (!client.redirectUris.includes(redirectUri)) {
    sendHtml(res, 400, errorPage('Authorization error', 'The redirect URI is not registered for this application.'));
    return;
  }
  if (responseType !== 'code') {
    redirect(res, withQuery(redirectUri, 'error', 'unsupported_response_type'));
    return;
  }
  const page = { clientId, redirectUri, responseType };
  if (req.method !== 'POST') {
    sendHtml(res, 200, loginPage(page));
    return;
  }
  const username = str(params, 'username') ?? '';
  const user = findUser(username);
  if (!user || user.password !== str(params, 'password')) {
    sendHtml(res, 200, loginPage({ ...page, username, error: 'Invalid login or password.' }));
    return;
  }

  const code = randomHex(20);
  core.state.codes.set(code, {
    code,
    clientId,
    redirectUri,
    userId: user.id,
    expiresAt: Date.now() + core.settings.codeTtl * 1000,
    used: false,
  });
  const session = randomHex(16);
  core.state.sessions.set(session, user.id);
  const cookie = `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Lax`;
  const callback = withQuery(redirectUri, 'code', code);
  if (core.settings.callbackQuirk) {
    const landing = `${new URL(redirectUri).origin}/&state=null`;
    sendHtml(res, 200, callbackQuirkPage(callback, landing, core.settings.callbackQuirkDeliveries), { 'set-cookie': cookie });
    return;
  }
  res.setHeader('set-cookie', cookie);
  redirect(res, callback);
}

type Grant = 'authorization_code' | 'refresh_token' | 'client_credentials' | 'password';
const GRANTS: readonly Grant[] = ['authorization_code', 'refresh_token', 'client_credentials', 'password'];

const invalidRequest = (description: string, location?: string): TokenError => ({
  error: 'invalid_request',
  description,
  status: 400,
  v4Status: 400,
  reason: 'invalidRequest',
  ...(location ? { location } : {}),
});

const invalidClient = (description: string): TokenError => ({
  error: 'invalid_client',
  description,
  status: 400,
  v4Status: 401,
  reason: 'invalidClient',
  location: 'client_id',
});

const invalidGrant = (description: string, location: string): TokenError => ({
  error: 'invalid_grant',
  description,
  status: 400,
  v4Status: 400,
  reason: 'invalidGrant',
  location,
});

/** The built-in client for the password grant; it has no secret, so it is treated as public. */
const builtinClient: OAuthClient = { id: BUILTIN_USERS_CLIENT, secret: '', redirectUris: [], scope: [...ALL_SCOPES] };

/** Secret required everywhere except the password grant (built-in client, or a registered one without secret). */
function authenticateClient(
  core: TrueconfCore,
  req: IncomingMessage,
  params: Record<string, unknown>,
  grant: Grant,
): OAuthClient | TokenError {
  const basic = basicAuth(req);
  const id = basic?.id ?? str(params, 'client_id');
  const secret = basic?.secret ?? str(params, 'client_secret');
  if (!id) return invalidClient('Client credentials were not found in the headers or body');
  if (id === BUILTIN_USERS_CLIENT && secret === undefined && (grant === 'password' || grant === 'refresh_token')) {
    return builtinClient;
  }
  const client = core.clients.find((c) => c.id === id);
  if (!client) return invalidClient('The client id supplied is invalid');
  if (secret === undefined) {
    return grant === 'password'
      ? client
      : invalidClient('This client is invalid or must authenticate using a client secret');
  }
  return secret === client.secret ? client : invalidClient('The client credentials are invalid');
}

function grantScope(requested: string | undefined, allowed: string[]): string | TokenError {
  if (requested === undefined) return allowed.join(' ');
  const wanted = requested.split(' ').filter(Boolean);
  if (!wanted.every((s) => allowed.includes(s))) {
    return { error: 'invalid_scope', description: 'An unsupported scope was requested', status: 400, v4Status: 400, reason: 'invalidScope', location: 'scope' };
  }
  return wanted.join(' ');
}

interface Issued {
  body: Record<string, unknown>;
}

function issue(
  core: TrueconfCore,
  version: ApiVersion,
  client: OAuthClient,
  userId: string | null,
  scope: string,
  options: { refresh: boolean; accessTtl?: number },
): Issued {
  const now = Date.now();
  const ttl = options.accessTtl ?? core.settings.accessTokenTtl;
  const access: IssuedToken = { token: randomHex(20), clientId: client.id, userId, scope, expiresAt: now + ttl * 1000 };
  core.state.accessTokens.set(access.token, access);
  const body: Record<string, unknown> = {
    access_token: access.token,
    expires_in: Math.ceil(ttl),
    token_type: 'Bearer',
    scope,
  };
  if (options.refresh) {
    const refresh: IssuedToken = {
      token: randomHex(20),
      clientId: client.id,
      userId,
      scope,
      expiresAt: now + core.settings.refreshTokenTtl * 1000,
    };
    core.state.refreshTokens.set(refresh.token, refresh);
    body.refresh_token = refresh.token;
  }
  if (version === 'v4' && userId !== null) body.user_id = userId;
  return { body };
}

function runGrant(
  core: TrueconfCore,
  req: IncomingMessage,
  params: Record<string, unknown>,
  version: ApiVersion,
): Issued | TokenError {
  const grantType = str(params, 'grant_type');
  if (!grantType) return invalidRequest('The grant type was not specified in the request', 'grant_type');
  if (!GRANTS.includes(grantType as Grant)) {
    return {
      error: 'unsupported_grant_type',
      description: `Grant type "${grantType}" not supported`,
      status: 400,
      v4Status: 400,
      reason: 'unsupportedGrantType',
      location: 'grant_type',
    };
  }
  const grant = grantType as Grant;
  const client = authenticateClient(core, req, params, grant);
  if ('error' in client) return client;
  const now = Date.now();

  switch (grant) {
    case 'authorization_code': {
      // v3 documents `code`, v4 sends `auth_code`; both are accepted on both endpoints.
      const code = version === 'v4' ? (str(params, 'auth_code') ?? str(params, 'code')) : (str(params, 'code') ?? str(params, 'auth_code'));
      const field = version === 'v4' ? 'auth_code' : 'code';
      if (!code) return invalidRequest(`Missing parameter: "${field}" is required`, field);
      const record = core.state.codes.get(code);
      if (!record || record.used || record.clientId !== client.id) {
        return invalidGrant("Authorization code doesn't exist or is invalid for the client", field);
      }
      if (record.expiresAt <= now) return invalidGrant('The authorization code has expired', field);
      const sent = str(params, 'redirect_uri');
      if ((sent !== undefined && sent !== record.redirectUri) || (sent === undefined && core.settings.requireRedirectUriAtToken)) {
        return {
          error: 'redirect_uri_mismatch',
          description: 'The redirect URI is missing or do not match',
          status: 400,
          v4Status: 400,
          reason: 'redirectUriMismatch',
          location: 'redirect_uri',
        };
      }
      const scope = grantScope(str(params, 'scope'), client.scope);
      if (typeof scope !== 'string') return scope;
      record.used = true;
      return issue(core, version, client, record.userId, scope, { refresh: true });
    }
    case 'refresh_token': {
      const token = str(params, 'refresh_token');
      if (!token) return invalidRequest('Missing parameter: "refresh_token" is required', 'refresh_token');
      const record = core.state.refreshTokens.get(token);
      if (!record || record.clientId !== client.id) return invalidGrant('Invalid refresh token', 'refresh_token');
      if (record.expiresAt <= now) return invalidGrant('Refresh token has expired', 'refresh_token');
      const scope = grantScope(str(params, 'scope'), record.scope.split(' '));
      if (typeof scope !== 'string') return scope;
      // Both modes kill the used token; only `rotate` hands out a new one.
      core.state.refreshTokens.delete(token);
      return issue(core, version, client, record.userId, scope, {
        refresh: core.settings.refreshRotation === 'rotate',
        accessTtl: core.settings.refreshedAccessTokenTtl ?? core.settings.accessTokenTtl,
      });
    }
    case 'client_credentials': {
      const scope = grantScope(str(params, 'scope'), client.scope);
      if (typeof scope !== 'string') return scope;
      return issue(core, version, client, null, scope, { refresh: false });
    }
    case 'password': {
      const username = str(params, 'username');
      const password = str(params, 'password');
      if (!username || !password) return invalidRequest('Missing parameters: "username" and "password" required', username ? 'password' : 'username');
      const user = findUser(username);
      if (!user || user.password !== password) {
        return {
          error: 'invalid_grant',
          description: 'Invalid username and password combination',
          status: 401,
          v4Status: 401,
          reason: 'invalidCredentials',
          location: 'username',
        };
      }
      const scope = grantScope(str(params, 'scope'), client.scope);
      if (typeof scope !== 'string') return scope;
      return issue(core, version, client, user.id, scope, { refresh: true });
    }
  }
}

/** `POST /oauth2/v1/token` (v3: form or JSON) and `POST /api/v4/oauth2/token` (JSON only). */
export async function handleToken(core: TrueconfCore, req: IncomingMessage, res: ServerResponse, version: ApiVersion): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    if (version === 'v3') {
      sendJson(res, 405, { error: 'invalid_request', error_description: 'The request method must be POST when requesting an access token' });
    } else {
      sendTokenError(res, 'v4', { ...invalidRequest('The request method must be POST'), v4Status: 405 });
    }
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (version === 'v4' && type !== 'application/json') {
    await readParams(req).catch(() => undefined);
    sendTokenError(res, 'v4', invalidRequest('The request body must be JSON', 'body'));
    return;
  }
  const params = await readParams(req);
  if (!params) {
    sendTokenError(res, version, invalidRequest('The request body could not be parsed', 'body'));
    return;
  }
  const result = runGrant(core, req, params, version);
  if ('body' in result) sendJson(res, 200, result.body);
  else sendTokenError(res, version, result);
}
