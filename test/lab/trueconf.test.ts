/**
 * The TrueConf emulator against real HTTP on 127.0.0.1: the OAuth login form driven like a
 * browser would (GET page, POST credentials, follow the 302 to a real callback server), then
 * every documented quirk of the token endpoints and the v3.x / v4 API.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { listen, type RunningService } from '../../demo/lab/http.js';
import { startTrueconf, type TrueconfLab } from '../../demo/lab/trueconf/index.js';

// Response bodies are walked freely here; the assertions are what check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

let lab: TrueconfLab;
let callback: RunningService;
let callbackUri: string;
/** Every request the callback server received: path + query. */
const callbacks: URL[] = [];
let appToken: string;

const HEX40 = /^[0-9a-f]{40}$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function decodeEntities(s: string): string {
  return s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

function hiddenInputs(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = decodeEntities(m[2]!);
  }
  return fields;
}

/** Opens the authorize page and submits its form as a browser would. */
async function submitLogin(query: Record<string, string>, username: string, password = username): Promise<Response> {
  const page = await fetch(`${lab.url}/oauth2/authorize?${new URLSearchParams(query)}`);
  assert.equal(page.status, 200);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  assert.ok(action, 'login form present');
  return fetch(new URL(action, lab.url), {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ ...hiddenInputs(html), username, password }),
  });
}

const authorizeQuery = (extra: Record<string, string> = {}): Record<string, string> => ({
  client_id: lab.client.id,
  response_type: 'code',
  redirect_uri: callbackUri,
  ...extra,
});

/** Full sign-in: returns what reached the callback server after following the 302. */
async function signIn(username = 'helen', extra: Record<string, string> = {}): Promise<URL> {
  const res = await submitLogin(authorizeQuery(extra), username);
  assert.equal(res.status, 302);
  const location = res.headers.get('location')!;
  assert.ok(location.startsWith(`${callbackUri}?`), location);
  const seen = callbacks.length;
  const landed = await fetch(location);
  assert.equal(landed.status, 200);
  assert.equal(callbacks.length, seen + 1);
  return callbacks.at(-1)!;
}

async function post(path: string, body: Record<string, unknown>, as: 'form' | 'json' = 'json', headers: Record<string, string> = {}) {
  const res = await fetch(lab.url + path, {
    method: 'POST',
    headers: { 'content-type': as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', ...headers },
    body: as === 'json' ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>),
  });
  const text = await res.text();
  return { res, status: res.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

const tokenV3 = (params: Record<string, unknown>, as: 'form' | 'json' = 'form') => post('/oauth2/v1/token', params, as);
const tokenV4 = (params: Record<string, unknown>) => post('/api/v4/oauth2/token', params, 'json');

async function exchange(code: string, version: 'v3' | 'v4' = 'v3') {
  const common = { grant_type: 'authorization_code', client_id: lab.client.id, client_secret: lab.client.secret, redirect_uri: callbackUri };
  return version === 'v3' ? tokenV3({ ...common, code }) : tokenV4({ ...common, auth_code: code });
}

async function userToken(username: string): Promise<string> {
  const r = await tokenV3({ grant_type: 'password', client_id: 'trueconf_server_users', username, password: username });
  assert.equal(r.status, 200);
  return r.body.access_token as string;
}

async function api(method: string, path: string, token: string | undefined, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(lab.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: Json | undefined;
  try {
    json = text ? (JSON.parse(text) as Json) : undefined;
  } catch {
    json = undefined;
  }
  return { res, status: res.status, body: json as Json, text };
}

function locations(body: Json): string[] {
  return (body.error.errors as Json[]).map((e) => e.location as string);
}

/** Creates a conference owned by `owner` through the API (v4), for tests that mutate. */
async function createConference(owner: string, extra: Json = {}): Promise<Json> {
  const r = await api('POST', '/api/v4/conferences', appToken, { topic: `Test ${owner}`, owner, mode: 'PxP', ...extra });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.conference as Json;
}

before(async () => {
  callback = await listen((req, res) => {
    callbacks.push(new URL(req.url ?? '/', 'http://callback.invalid'));
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('callback ok');
  });
  callbackUri = `${callback.url}/oauth/callback`;
  lab = await startTrueconf({ redirectUris: [callbackUri] });
  const r = await tokenV3({ grant_type: 'client_credentials', client_id: lab.client.id, client_secret: lab.client.secret });
  appToken = r.body.access_token as string;
});

after(async () => {
  await lab.close();
  await callback.close();
});

describe('authorize page', () => {
  it('serves a plain login form that keeps only client_id, redirect_uri and response_type', async () => {
    const res = await fetch(`${lab.url}/oauth2/authorize?${new URLSearchParams(authorizeQuery({ state: 's1', code_challenge: 'c'.repeat(43), code_challenge_method: 'S256' }))}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    const html = await res.text();
    assert.match(html, /<label for="username">/);
    assert.match(html, /<input id="username" name="username"/);
    assert.match(html, /<label for="password">/);
    assert.match(html, /<input id="password" name="password" type="password"/);
    assert.match(html, /<button type="submit">Sign in<\/button>/);
    assert.deepEqual(Object.keys(hiddenInputs(html)).sort(), ['client_id', 'redirect_uri', 'response_type']);
    assert.doesNotMatch(html, /state|code_challenge/);
  });

  it('redirects to the registered URI with ?code only: no state echoed, PKCE ignored', async () => {
    const received = await signIn('helen', { state: 'csrf-123', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
    assert.equal(received.pathname, '/oauth/callback');
    assert.deepEqual([...received.searchParams.keys()], ['code']);
    // No code_verifier: the server never checked the challenge.
    const t = await exchange(received.searchParams.get('code')!);
    assert.equal(t.status, 200, JSON.stringify(t.body));
    assert.match(t.body.access_token, HEX40);
    assert.match(t.body.refresh_token, HEX40);
    assert.equal(t.body.token_type, 'Bearer');
    assert.equal(t.body.expires_in, 3600);
    assert.equal(typeof t.body.scope, 'string');
  });

  it('sets a session cookie that the web client page recognises', async () => {
    const res = await submitLogin(authorizeQuery(), 'helen');
    const cookie = res.headers.get('set-cookie')!;
    assert.match(cookie, /HttpOnly/);
    const page = await fetch(`${lab.url}/webrtc/4219111751`, { headers: { cookie: cookie.split(';')[0]! } });
    assert.match(await page.text(), /Helen Park is waiting/);
  });

  it('answers an unknown client or an unregistered redirect_uri with an error page, never a redirect', async () => {
    for (const query of [
      authorizeQuery({ client_id: 'nope' }),
      authorizeQuery({ redirect_uri: `${callbackUri}/` }),
      authorizeQuery({ redirect_uri: `${callbackUri}?x=1` }),
      authorizeQuery({ redirect_uri: 'https://evil.example/cb' }),
    ]) {
      const res = await fetch(`${lab.url}/oauth2/authorize?${new URLSearchParams(query)}`, { redirect: 'manual' });
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('location'), null);
      assert.match(res.headers.get('content-type')!, /^text\/html/);
    }
  });

  it('accepts a redirect URI pushed at run time (the orchestrator registers the bridge later)', async () => {
    const late = `${callback.url}/late`;
    lab.client.redirectUris.push(late);
    try {
      const res = await submitLogin(authorizeQuery({ redirect_uri: late }), 'dean');
      assert.equal(res.status, 302);
      assert.match(res.headers.get('location')!, new RegExp(`^${late}\\?code=[0-9a-f]{40}$`));
    } finally {
      lab.client.redirectUris.splice(lab.client.redirectUris.indexOf(late), 1);
    }
  });

  it('shows the form again with an error on a wrong password', async () => {
    const res = await submitLogin(authorizeQuery(), 'helen', 'wrong');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('location'), null);
    const html = await res.text();
    assert.match(html, /role="alert">Invalid login or password/);
    assert.match(html, /value="helen"/);
  });

  it('redirects with ?error for a response_type other than code', async () => {
    const res = await fetch(`${lab.url}/oauth2/authorize?${new URLSearchParams(authorizeQuery({ response_type: 'token' }))}`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), `${callbackUri}?error=unsupported_response_type`);
  });

  it('callbackQuirk: delivers the code by credentialed fetch, then navigates to <origin>/&state=null', async () => {
    lab.settings.callbackQuirk = true;
    try {
      const res = await submitLogin(authorizeQuery({ state: 'lost' }), 'helen');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('location'), null);
      const html = await res.text();
      assert.match(html, /fetch\(callback, \{ credentials: 'include' \}\)/);
      const cb = JSON.parse(/const callback = ("[^"]+");/.exec(html)![1]!) as string;
      const landing = JSON.parse(/const landing = ("[^"]+");/.exec(html)![1]!) as string;
      assert.equal(landing, `${callback.url}/&state=null`);
      const code = new URL(cb).searchParams.get('code')!;
      assert.ok(cb.startsWith(`${callbackUri}?code=`));
      assert.equal((await exchange(code)).status, 200);
    } finally {
      lab.settings.callbackQuirk = false;
    }
  });

  const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  it('callbackQuirk runs in a real browser: cross-origin fetch of the callback, then /&state=null', { skip: !existsSync(chromium) && 'no Chromium' }, async () => {
    const { chromium: launcher } = await import('playwright-core');
    const browser = await launcher.launch({
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    lab.settings.callbackQuirk = true;
    try {
      const page = await browser.newPage();
      await page.goto(`${lab.url}/oauth2/authorize?${new URLSearchParams(authorizeQuery())}`);
      await page.getByLabel('Login').fill('kevin');
      await page.getByLabel('Password').fill('kevin');
      const seen = callbacks.length;
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${callback.url}/&state=null`);
      // The browser may also ask the client origin for a favicon; that is not the flow's doing.
      const got = callbacks.slice(seen).map((u) => u.pathname + u.search).filter((p) => p !== '/favicon.ico');
      assert.equal(got.length, 2, got.join(' '));
      assert.match(got[0]!, /^\/oauth\/callback\?code=[0-9a-f]{40}$/);
      assert.equal(got[1], '/&state=null');
    } finally {
      lab.settings.callbackQuirk = false;
      await browser.close();
    }
  });
});

describe('token endpoints', () => {
  it('codes are single-use: the second exchange is invalid_grant', async () => {
    const code = (await signIn()).searchParams.get('code')!;
    assert.equal((await exchange(code)).status, 200);
    const again = await exchange(code);
    assert.equal(again.status, 400);
    assert.deepEqual(Object.keys(again.body).sort(), ['error', 'error_description']);
    assert.equal(again.body.error, 'invalid_grant');
  });

  it('codes expire after codeTtl', async () => {
    lab.settings.codeTtl = 0.05;
    try {
      const code = (await signIn()).searchParams.get('code')!;
      await sleep(120);
      const r = await exchange(code);
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'invalid_grant');
      assert.match(r.body.error_description, /expired/);
    } finally {
      lab.settings.codeTtl = 60;
    }
  });

  it('requires client_secret for authorization_code, refresh_token and client_credentials', async () => {
    const code = (await signIn()).searchParams.get('code')!;
    const noSecret = await tokenV3({ grant_type: 'authorization_code', client_id: lab.client.id, code, redirect_uri: callbackUri });
    assert.equal(noSecret.status, 400);
    assert.equal(noSecret.body.error, 'invalid_client');
    const wrong = await tokenV3({ grant_type: 'authorization_code', client_id: lab.client.id, client_secret: 'x', code });
    assert.equal(wrong.body.error, 'invalid_client');
    // The failed attempts did not burn the code.
    assert.equal((await exchange(code)).status, 200);
    const cc = await tokenV3({ grant_type: 'client_credentials', client_id: lab.client.id });
    assert.equal(cc.body.error, 'invalid_client');
    const refresh = await tokenV3({ grant_type: 'refresh_token', client_id: lab.client.id, refresh_token: 'a'.repeat(40) });
    assert.equal(refresh.body.error, 'invalid_client');
  });

  it('binds codes to the client and the redirect_uri', async () => {
    const other = { id: 'b'.repeat(40), secret: 'c'.repeat(40), redirectUris: [callbackUri], scope: ['conferences:read'] };
    lab.clients.push(other);
    try {
      const code = (await signIn()).searchParams.get('code')!;
      const stolen = await tokenV3({ grant_type: 'authorization_code', client_id: other.id, client_secret: other.secret, code });
      assert.equal(stolen.body.error, 'invalid_grant');
      const mismatch = await tokenV3({ grant_type: 'authorization_code', client_id: lab.client.id, client_secret: lab.client.secret, code, redirect_uri: `${callbackUri}/x` });
      assert.equal(mismatch.status, 400);
      assert.equal(mismatch.body.error, 'redirect_uri_mismatch');
      lab.settings.requireRedirectUriAtToken = true;
      const omitted = await tokenV3({ grant_type: 'authorization_code', client_id: lab.client.id, client_secret: lab.client.secret, code });
      assert.equal(omitted.body.error, 'redirect_uri_mismatch');
      lab.settings.requireRedirectUriAtToken = false;
      const ok = await tokenV3({ grant_type: 'authorization_code', client_id: lab.client.id, client_secret: lab.client.secret, code });
      assert.equal(ok.status, 200);
    } finally {
      lab.settings.requireRedirectUriAtToken = false;
      lab.clients.pop();
    }
  });

  it('v3 accepts form and JSON bodies, Basic client auth, and auth_code as an alias of code', async () => {
    const creds = { grant_type: 'client_credentials', client_id: lab.client.id, client_secret: lab.client.secret };
    const form = await tokenV3(creds, 'form');
    const json = await tokenV3(creds, 'json');
    for (const r of [form, json]) {
      assert.equal(r.status, 200);
      assert.match(r.body.access_token, HEX40);
      assert.equal(r.body.refresh_token, undefined, 'client_credentials issues no refresh token');
    }
    const basic = await post('/oauth2/v1/token', { grant_type: 'client_credentials' }, 'form', {
      authorization: `Basic ${Buffer.from(`${lab.client.id}:${lab.client.secret}`).toString('base64')}`,
    });
    assert.equal(basic.status, 200);
    const code = (await signIn()).searchParams.get('code')!;
    const alias = await tokenV3({ grant_type: 'authorization_code', client_id: lab.client.id, client_secret: lab.client.secret, auth_code: code }, 'json');
    assert.equal(alias.status, 200);
  });

  it('v3 errors use the OAuth shape {error, error_description}', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{}, 400, 'invalid_request'],
      [{ grant_type: 'implicit', client_id: lab.client.id }, 400, 'unsupported_grant_type'],
      [{ grant_type: 'authorization_code', client_id: lab.client.id, client_secret: lab.client.secret }, 400, 'invalid_request'],
      [{ grant_type: 'password', client_id: 'trueconf_server_users', username: 'helen', password: 'nope' }, 401, 'invalid_grant'],
      [{ grant_type: 'client_credentials', client_id: lab.client.id, client_secret: lab.client.secret, scope: 'admin' }, 400, 'invalid_scope'],
    ];
    for (const [params, status, error] of cases) {
      const r = await tokenV3(params);
      assert.equal(r.status, status, JSON.stringify(params));
      assert.deepEqual(Object.keys(r.body).sort(), ['error', 'error_description']);
      assert.equal(r.body.error, error);
    }
    const get = await fetch(`${lab.url}/oauth2/v1/token`);
    assert.equal(get.status, 405);
  });

  it('v4 takes JSON with auth_code (code also accepted) and answers errors in the TrueConf envelope', async () => {
    const code = (await signIn('dean')).searchParams.get('code')!;
    const ok = await exchange(code, 'v4');
    assert.equal(ok.status, 200);
    assert.match(ok.body.access_token, HEX40);
    assert.equal(ok.body.user_id, 'dean');

    const code2 = (await signIn('dean')).searchParams.get('code')!;
    const withCode = await tokenV4({ grant_type: 'authorization_code', client_id: lab.client.id, client_secret: lab.client.secret, code: code2 });
    assert.equal(withCode.status, 200);

    const reused = await exchange(code, 'v4');
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error.code, 400);
    assert.match(reused.body.error.trace_id, /^\d{10}$/);
    assert.equal(reused.body.error.errors[0].reason, 'invalidGrant');
    assert.equal(reused.body.error.errors[0].location, 'auth_code');

    const badSecret = await tokenV4({ grant_type: 'client_credentials', client_id: lab.client.id, client_secret: 'x' });
    assert.equal(badSecret.status, 401);
    assert.equal(badSecret.body.error.errors[0].reason, 'invalidClient');

    const form = await post('/api/v4/oauth2/token', { grant_type: 'client_credentials', client_id: lab.client.id, client_secret: lab.client.secret }, 'form');
    assert.equal(form.status, 400);
    assert.equal(form.body.error.errors[0].reason, 'invalidRequest');
  });

  it('password grant: no secret with trueconf_server_users (v3) or a registered client (v4)', async () => {
    const v3 = await tokenV3({ grant_type: 'password', client_id: 'trueconf_server_users', username: 'kevin', password: 'kevin' }, 'json');
    assert.equal(v3.status, 200);
    assert.match(v3.body.refresh_token, HEX40);
    const v4 = await tokenV4({ grant_type: 'password', client_id: lab.client.id, username: 'helen', password: 'helen' });
    assert.equal(v4.status, 200);
    const bad = await tokenV4({ grant_type: 'password', client_id: lab.client.id, username: 'helen', password: 'x' });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.errors[0].reason, 'invalidCredentials');
    const builtinCc = await tokenV3({ grant_type: 'client_credentials', client_id: 'trueconf_server_users' });
    assert.equal(builtinCc.body.error, 'invalid_client');
  });

  it('refresh rotates: a new refresh token, the old one dies', async () => {
    const first = await exchange((await signIn()).searchParams.get('code')!);
    const refresh = (rt: string) => tokenV3({ grant_type: 'refresh_token', client_id: lab.client.id, client_secret: lab.client.secret, refresh_token: rt });
    const second = await refresh(first.body.refresh_token);
    assert.equal(second.status, 200);
    assert.notEqual(second.body.refresh_token, first.body.refresh_token);
    assert.notEqual(second.body.access_token, first.body.access_token);
    const old = await refresh(first.body.refresh_token);
    assert.equal(old.status, 400);
    assert.equal(old.body.error, 'invalid_grant');
    assert.equal((await refresh(second.body.refresh_token)).status, 200);
  });

  it("refreshRotation 'omit': no new refresh token (bshaffer default), the used one still dies", async () => {
    lab.settings.refreshRotation = 'omit';
    try {
      const first = await exchange((await signIn()).searchParams.get('code')!);
      const body = { grant_type: 'refresh_token', client_id: lab.client.id, client_secret: lab.client.secret, refresh_token: first.body.refresh_token };
      const second = await tokenV4(body);
      assert.equal(second.status, 200);
      assert.equal(second.body.refresh_token, undefined);
      assert.equal((await tokenV4(body)).status, 400);
    } finally {
      lab.settings.refreshRotation = 'rotate';
    }
  });

  it('short lifetimes: an expired access token fails, a refresh brings it back (counted in requests)', async () => {
    lab.settings.accessTokenTtl = 0.1;
    try {
      const t = await exchange((await signIn()).searchParams.get('code')!);
      assert.equal(t.body.expires_in, 1);
      assert.equal((await api('GET', '/api/v4/me', t.body.access_token)).status, 200);
      await sleep(150);
      assert.equal((await api('GET', '/api/v4/me', t.body.access_token)).status, 401);
      assert.equal((await api('GET', '/api/v3.11/conferences', t.body.access_token)).status, 403);
      const before = lab.requests.filter((r) => r.path === '/oauth2/v1/token').length;
      const r = await tokenV3({ grant_type: 'refresh_token', client_id: lab.client.id, client_secret: lab.client.secret, refresh_token: t.body.refresh_token });
      assert.equal(lab.requests.filter((x) => x.path === '/oauth2/v1/token').length, before + 1);
      assert.equal((await api('GET', '/api/v4/me', r.body.access_token)).status, 200);
    } finally {
      lab.settings.accessTokenTtl = 3600;
    }
  });
});

describe('API: authentication, CORS and failures', () => {
  it('invalid or missing token: 403 accessTokenInvalid on v3, 401 on v4', async () => {
    for (const token of ['0'.repeat(40), undefined]) {
      const v3 = await api('GET', '/api/v3.11/conferences', token);
      assert.equal(v3.status, 403);
      assert.equal(v3.body.error.code, 403);
      assert.equal(v3.body.error.errors[0].reason, 'accessTokenInvalid');
      assert.equal(v3.body.error.trace_id, undefined);
      const v4 = await api('GET', '/api/v4/conferences', token);
      assert.equal(v4.status, 401);
      assert.equal(v4.body.error.errors[0].reason, 'accessTokenInvalid');
      assert.match(v4.body.error.trace_id, /^\d{10}$/);
      assert.match(v4.res.headers.get('www-authenticate')!, /^Bearer /);
    }
  });

  it('accepts ?access_token= alone; header and query together are 400 invalid_request', async () => {
    const q = await api('GET', `/api/v3.3/conferences?access_token=${appToken}`, undefined);
    assert.equal(q.status, 200);
    const both = await api('GET', `/api/v3.3/conferences?access_token=${appToken}`, appToken);
    assert.equal(both.status, 400);
    assert.equal(both.body.error, 'invalid_request');
    const both4 = await api('GET', `/api/v4/conferences?access_token=${appToken}`, appToken);
    assert.equal(both4.status, 400);
    assert.equal(both4.body.error.errors[0].reason, 'invalidRequest');
  });

  it('serves any v3.N prefix and v4; other prefixes 404', async () => {
    for (const v of ['v3.1', 'v3.2', 'v3.3', 'v3.8', 'v3.11', 'v4']) {
      assert.equal((await api('GET', `/api/${v}/conferences/4219111751`, appToken)).status, 200, v);
    }
    assert.equal((await api('GET', '/api/v5/conferences', appToken)).status, 404);
    assert.equal((await api('GET', '/api/v3.11/nothing', appToken)).status, 404);
  });

  it('GET /api/v4/server needs no token', async () => {
    const r = await api('GET', '/api/v4/server', undefined);
    assert.equal(r.status, 200);
    assert.equal(typeof r.body.product.version, 'string');
  });

  it('a token without the permission gets 403 forbidden', async () => {
    const saved = [...lab.client.scope];
    lab.client.scope.splice(0, lab.client.scope.length, 'users:read');
    try {
      const t = await tokenV3({ grant_type: 'client_credentials', client_id: lab.client.id, client_secret: lab.client.secret });
      const r = await api('GET', '/api/v3.11/conferences', t.body.access_token);
      assert.equal(r.status, 403);
      assert.equal(r.body.error.errors[0].reason, 'forbidden');
      assert.equal((await api('GET', '/api/v3.11/users', t.body.access_token)).status, 200);
    } finally {
      lab.client.scope.splice(0, lab.client.scope.length, ...saved);
    }
  });

  it('sends no CORS headers by default, preflights included', async () => {
    const get = await fetch(`${lab.url}/api/v4/conferences`, { headers: { origin: 'http://portal.test', authorization: `Bearer ${appToken}` } });
    assert.equal(get.status, 200);
    assert.equal(get.headers.get('access-control-allow-origin'), null);
    const pre = await fetch(`${lab.url}/api/v4/conferences`, {
      method: 'OPTIONS',
      headers: { origin: 'http://portal.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
    assert.equal(pre.headers.get('access-control-allow-headers'), null);
    const token = await fetch(`${lab.url}/oauth2/v1/token`, { method: 'OPTIONS', headers: { origin: 'http://portal.test', 'access-control-request-method': 'POST' } });
    assert.equal(token.headers.get('access-control-allow-origin'), null);
  });

  it("CORS switches to '*' or an allow-list", async () => {
    try {
      lab.settings.cors = '*';
      const any = await fetch(`${lab.url}/api/v4/conferences`, { headers: { origin: 'http://portal.test', authorization: `Bearer ${appToken}` } });
      assert.equal(any.headers.get('access-control-allow-origin'), '*');
      const pre = await fetch(`${lab.url}/api/v4/conferences`, {
        method: 'OPTIONS',
        headers: { origin: 'http://portal.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      assert.equal(pre.status, 204);
      assert.match(pre.headers.get('access-control-allow-methods')!, /POST/);
      assert.equal(pre.headers.get('access-control-allow-headers'), 'authorization, content-type');

      lab.settings.cors = ['http://portal.test'];
      const listed = await fetch(`${lab.url}/api/v4/server`, { headers: { origin: 'http://portal.test' } });
      assert.equal(listed.headers.get('access-control-allow-origin'), 'http://portal.test');
      const other = await fetch(`${lab.url}/api/v4/server`, { headers: { origin: 'http://other.test' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    } finally {
      lab.settings.cors = 'off';
    }
  });

  it('failNext: the next API response is an nginx HTML 500, then service resumes', async () => {
    lab.settings.failNext = 2;
    const first = await api('GET', '/api/v4/conferences', appToken);
    assert.equal(first.status, 500);
    assert.match(first.res.headers.get('content-type')!, /^text\/html/);
    assert.match(first.text, /<center>nginx<\/center>/);
    assert.equal(first.body, undefined, 'not JSON');
    const token = await tokenV3({ grant_type: 'client_credentials', client_id: lab.client.id, client_secret: lab.client.secret }).catch((e: unknown) => e);
    assert.ok(token instanceof SyntaxError, 'the token endpoint failed with HTML too');
    assert.equal(lab.settings.failNext, 0);
    assert.equal((await api('GET', '/api/v4/conferences', appToken)).status, 200);
  });

  it('logs every request as {method, path, status} without the query string', async () => {
    await api('GET', `/api/v3.11/conferences/4219111751?access_token=${appToken}`, undefined);
    const last = lab.requests.at(-1)!;
    assert.deepEqual(last, { method: 'GET', path: '/api/v3.11/conferences/4219111751', status: 200 });
  });
});

describe('API: conferences', () => {
  it('GET returns the seed 001 conference in the v3 field set', async () => {
    const r = await api('GET', '/api/v3.11/conferences/4219111751', appToken);
    assert.equal(r.status, 200);
    const c = r.body.conference;
    assert.equal(c.topic, 'My Conference');
    assert.equal(c.type, 0);
    assert.equal(c.owner, 'helen@lab');
    assert.equal(c.auto_invite, 1);
    assert.equal(c.max_participants, 10);
    assert.deepEqual(c.schedule, { type: -1 });
    assert.deepEqual(c.invitations.map((i: Json) => i.id).sort(), ['dean', 'helen']);
    assert.equal(c.allow_guests, false);
    assert.equal(c.recording, 0);
    assert.equal(c.state, 'stopped');
    assert.equal(c.url, `${lab.url}/c/4219111751`);
    assert.equal(c.webclient_url, `${lab.url}/webrtc/4219111751`);
    assert.equal(c.web_client_url, undefined);
    assert.equal(c.mode, undefined);
  });

  it('GET in the v4 field set', async () => {
    const c = (await api('GET', '/api/v4/conferences/4219111751', appToken)).body.conference;
    assert.equal(c.mode, 'PxP');
    assert.equal(c.access, 'private');
    assert.equal(c.recording_enabled, false);
    assert.deepEqual(c.schedule, { type: 'none' });
    assert.equal(c.web_client_url, `${lab.url}/webrtc/4219111751`);
    assert.equal(c.webclient_url, undefined);
    assert.equal(c.type, undefined);
    const running = (await api('GET', '/api/v4/conferences/5576502892', appToken)).body.conference;
    assert.match(running.session_id, /@lab#vcs$/);
  });

  it('unknown id: 404 conferenceNotFound located in the path', async () => {
    const r = await api('GET', '/api/v3.11/conferences/0000000000', appToken);
    assert.equal(r.status, 404);
    assert.deepEqual(r.body.error.errors[0], {
      reason: 'conferenceNotFound',
      message: "Conference '0000000000' is not found.",
      locationType: 'path',
      location: 'conference_id',
    });
  });

  it('lists with v3 page_id/page_size and cnt = total', async () => {
    const all = (await api('GET', '/api/v3.11/conferences?page_size=1000', appToken)).body;
    assert.ok(all.cnt >= 14);
    assert.equal(all.conferences.length, all.cnt);
    const p1 = (await api('GET', '/api/v3.11/conferences?page_id=1&page_size=5', appToken)).body;
    const p2 = (await api('GET', '/api/v3.11/conferences?page_id=2&page_size=5', appToken)).body;
    assert.equal(p1.conferences.length, 5);
    assert.equal(p1.cnt, all.cnt);
    assert.deepEqual([...p1.conferences, ...p2.conferences].map((c: Json) => c.id), all.conferences.slice(0, 10).map((c: Json) => c.id));
    const bad = await api('GET', '/api/v3.11/conferences?page_id=0', appToken);
    assert.equal(bad.status, 400);
    assert.deepEqual(locations(bad.body), ['page_id']);
  });

  it('lists with v4 page/page_size and results; default page size 10', async () => {
    const r = (await api('GET', '/api/v4/conferences', appToken)).body;
    assert.equal(r.conferences.length, 10);
    assert.ok(r.results >= 14);
    assert.equal(r.cnt, undefined);
    const p2 = (await api('GET', '/api/v4/conferences/?page=2&page_size=10', appToken)).body;
    assert.equal(p2.conferences.length, r.results - 10);
  });

  it('filters by state; a bad state is a located 400', async () => {
    const running = (await api('GET', '/api/v4/conferences?state=running&page_size=1000', appToken)).body;
    assert.ok(running.conferences.length >= 4);
    assert.ok(running.conferences.every((c: Json) => c.state === 'running'));
    const stopped = (await api('GET', '/api/v3.11/conferences?state=stopped&page_size=1000', appToken)).body;
    assert.ok(stopped.conferences.every((c: Json) => c.state === 'stopped'));
    const bad = await api('GET', '/api/v4/conferences?state=live', appToken);
    assert.equal(bad.status, 400);
    assert.deepEqual(locations(bad.body), ['state']);
  });

  it("a user's token sees only conferences they own or are invited to", async () => {
    const helen = await userToken('helen');
    const list = (await api('GET', '/api/v3.11/conferences?page_size=1000', helen)).body;
    const all = (await api('GET', '/api/v3.11/conferences?page_size=1000', appToken)).body;
    assert.ok(list.cnt < all.cnt);
    for (const c of list.conferences as Json[]) {
      assert.ok(c.owner === 'helen@lab' || c.invitations.some((i: Json) => i.id === 'helen'), c.topic);
    }
    const ids = list.conferences.map((c: Json) => c.id);
    assert.ok(ids.includes('4219111751'));
    assert.ok(!ids.includes('7785012239'), "not kevin's private room");
    const hidden = await api('GET', '/api/v3.11/conferences/7785012239', helen);
    assert.equal(hidden.status, 404);
    // Invited (not owner): may read, may not run.
    assert.equal((await api('GET', '/api/v4/conferences/9120335478', helen)).status, 200);
    const run = await api('POST', '/api/v4/conferences/9120335478/run', helen);
    assert.equal(run.status, 403);
    assert.equal(run.body.error.errors[0].reason, 'forbidden');
  });

  it('seed has Cyrillic, German and markup topics, and every schedule type', async () => {
    const topics = (await api('GET', '/api/v4/conferences?page_size=1000', appToken)).body.conferences as Json[];
    assert.ok(topics.some((c) => /[а-яё]/i.test(c.topic)));
    assert.ok(topics.some((c) => /[äöüß]/i.test(c.topic)));
    assert.ok(topics.some((c) => c.topic.includes('<img src=x onerror=alert(1)>')));
    const types = new Set(topics.map((c) => `${c.schedule.type}/${c.state}`));
    for (const t of ['none/stopped', 'none/running', 'once/stopped', 'week/stopped', 'week/running']) assert.ok(types.has(t), t);
    const upcoming = topics.filter((c) => c.schedule.type === 'once' && c.schedule.start_time > Date.now() / 1000);
    assert.ok(upcoming.length >= 3);
  });

  it('creates the seed 001 body on v3 (owner defaults to the user) and returns the v3 object', async () => {
    const helen = await userToken('helen');
    const r = await api('POST', '/api/v3.8/conferences', helen, {
      topic: 'Совещание по проекту «Ромашка»',
      type: 0,
      auto_invite: 1,
      max_participants: 10,
      invitations: [{ id: 'helen' }, { id: 'dean' }],
      schedule: { type: -1 },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const c = r.body.conference;
    assert.match(c.id, /^\d{10}$/);
    assert.equal(c.owner, 'helen@lab');
    assert.equal(c.topic, 'Совещание по проекту «Ромашка»');
    assert.equal(c.state, 'stopped');
    assert.equal(c.max_podiums, 10);
    assert.equal(c.webclient_url, `${lab.url}/webrtc/${c.id}`);
    const forOther = await api('POST', '/api/v3.8/conferences', helen, { topic: 'x', owner: 'kevin' });
    assert.equal(forOther.status, 403);
  });

  it('v3 create validation: one located error per bad field', async () => {
    const cases: [Json, string[]][] = [
      [{ topic: '' }, ['topic']],
      [{ topic: 'x'.repeat(241) }, ['topic']],
      [{}, ['topic']],
      [{ topic: 'ok', type: 2 }, ['type']],
      [{ topic: 'ok', schedule: { type: 1 } }, ['schedule.start_time', 'schedule.duration']],
      [{ topic: 'ok', schedule: { type: 1, start_time: 1_900_000_000, duration: 30 } }, ['schedule.duration']],
      [{ topic: 'ok', schedule: { type: 0, duration: 3600 } }, ['schedule.time', 'schedule.days']],
      [{ topic: 'ok', schedule: { type: 0, days: ['someday'], time: '25:00', duration: 3600 } }, ['schedule.time', 'schedule.days']],
      [{ topic: 'ok', schedule: { type: 5 } }, ['schedule.type']],
      [{ topic: 'ok', max_participants: 0 }, ['max_participants']],
      [{ topic: 'ok', max_participants: lab.settings.maxParticipantsLimit + 1 }, ['max_participants']],
      [{ topic: 'ok', owner: 'nobody' }, ['owner']],
      [{ topic: 'ok', invitations: [{ display_name: 'No id' }] }, ['invitations[0].id']],
      [{ topic: 'ok', id: '4219111751' }, ['id']],
    ];
    for (const [body, expected] of cases) {
      const r = await api('POST', '/api/v3.11/conferences', appToken, { owner: 'helen', ...body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.deepEqual(locations(r.body).sort(), [...expected].sort(), JSON.stringify(body));
      assert.ok(r.body.error.errors.every((e: Json) => e.locationType === 'parameter' && typeof e.reason === 'string'));
    }
    const dup = await api('POST', '/api/v3.11/conferences', appToken, { owner: 'helen', topic: 'ok', id: '4219111751' });
    assert.equal(dup.body.error.errors[0].reason, 'uniqueValueAlreadyInUse');
    const max = await api('POST', '/api/v3.11/conferences', appToken, {
      owner: 'helen',
      topic: 'x'.repeat(240),
      schedule: { type: 1, start_time: Math.floor(Date.now() / 1000) + 3600, duration: 3600, special_time_offset: 180 },
    });
    assert.equal(max.status, 200);
    assert.equal(max.body.conference.schedule.type, 1);
    assert.equal(max.body.conference.schedule.special_time_offset, 180);
  });

  it('v4 create validation: mode and owner required, full schedule set (switchable)', async () => {
    const missing = await api('POST', '/api/v4/conferences', appToken, { topic: 'x' });
    assert.deepEqual(locations(missing.body).sort(), ['mode', 'owner']);
    const badMode = await api('POST', '/api/v4/conferences', appToken, { topic: 'x', owner: 'helen', mode: 'lecture' });
    assert.deepEqual(locations(badMode.body), ['mode']);
    const start = Math.floor(Date.now() / 1000) + 7200;
    const partial = { topic: 'x', owner: 'helen', mode: 'OxP', schedule: { type: 'once', start_time: start, duration: 3600 } };
    const strict = await api('POST', '/api/v4/conferences', appToken, partial);
    assert.equal(strict.status, 400);
    assert.deepEqual(locations(strict.body).sort(), ['schedule.special_time_offset', 'schedule.time']);
    const week = await api('POST', '/api/v4/conferences', appToken, { ...partial, schedule: { type: 'week', time: '09:00', duration: 3600 } });
    assert.deepEqual(locations(week.body).sort(), ['schedule.days', 'schedule.special_time_offset', 'schedule.start_time']);
    lab.settings.v4FullSchedule = false;
    try {
      const lenient = await api('POST', '/api/v4/conferences', appToken, partial);
      assert.equal(lenient.status, 200);
      assert.equal(lenient.body.conference.schedule.type, 'once');
      assert.equal(lenient.body.conference.max_podiums, 1);
    } finally {
      lab.settings.v4FullSchedule = true;
    }
    const full = await api('POST', '/api/v4/conferences', appToken, {
      topic: 'Wöchentliches Treffen',
      owner: 'kevin@lab',
      mode: 'S|L Auto',
      access: 'public',
      schedule: { type: 'week', start_time: start, duration: 3600, time: '09:00', days: ['monday', 'wednesday'], special_time_offset: 120 },
      invitations: [{ id: 'helen', is_moderator: true }],
    });
    assert.equal(full.status, 200, JSON.stringify(full.body));
    assert.equal(full.body.conference.owner, 'kevin@lab');
    assert.deepEqual(full.body.conference.invitations, [{ id: 'helen', display_name: null, is_moderator: true }]);
    const asV3 = (await api('GET', `/api/v3.11/conferences/${full.body.conference.id}`, appToken)).body.conference;
    assert.equal(asV3.type, 3);
    assert.equal(asV3.vad_selector, 1);
    assert.equal(asV3.allow_guests, true);
    assert.equal(asV3.schedule.type, 0);
  });

  it('update: PUT on v3 replaces, PATCH on v4 patches, the other verb is 405', async () => {
    const c = await createConference('helen', { max_participants: 20, description: 'keep?', schedule: { type: 'none' } });
    const v3Patch = await api('PATCH', `/api/v3.11/conferences/${c.id}`, appToken, { topic: 'x' });
    assert.equal(v3Patch.status, 405);
    assert.match(v3Patch.res.headers.get('allow')!, /PUT/);
    const v4Put = await api('PUT', `/api/v4/conferences/${c.id}`, appToken, { topic: 'x' });
    assert.equal(v4Put.status, 405);
    assert.match(v4Put.res.headers.get('allow')!, /PATCH/);

    const patched = await api('PATCH', `/api/v4/conferences/${c.id}`, appToken, { topic: 'Patched' });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.conference.topic, 'Patched');
    assert.equal(patched.body.conference.max_participants, 20);
    assert.equal(patched.body.conference.description, 'keep?');

    const replaced = await api('PUT', `/api/v3.11/conferences/${c.id}`, appToken, { topic: 'Replaced', type: 1 });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.body.conference.topic, 'Replaced');
    assert.equal(replaced.body.conference.type, 1);
    assert.equal(replaced.body.conference.description, '', 'PUT resets omitted fields');
    assert.equal(replaced.body.conference.max_participants, lab.settings.maxParticipantsLimit);
    const noTopic = await api('PUT', `/api/v3.11/conferences/${c.id}`, appToken, { description: 'only' });
    assert.deepEqual(locations(noTopic.body), ['topic']);
  });

  it('run / stop, and only the description may change while running', async () => {
    const c = await createConference('dean');
    const run = await api('POST', `/api/v3.11/conferences/${c.id}/run`, appToken);
    assert.deepEqual(run.body, { state: 'running' });
    assert.equal((await api('GET', `/api/v4/conferences/${c.id}`, appToken)).body.conference.state, 'running');
    const locked = await api('PATCH', `/api/v4/conferences/${c.id}`, appToken, { topic: 'Renamed', description: 'fine' });
    assert.equal(locked.status, 400);
    assert.deepEqual(locations(locked.body), ['topic']);
    const desc = await api('PATCH', `/api/v4/conferences/${c.id}`, appToken, { description: 'fine' });
    assert.equal(desc.status, 200);
    const stop = await api('POST', `/api/v4/conferences/${c.id}/stop`, appToken);
    assert.deepEqual(stop.body, { state: 'stopped' });
    const after = (await api('GET', `/api/v4/conferences/${c.id}`, appToken)).body.conference;
    assert.equal(after.state, 'stopped');
    assert.equal(after.session_id, undefined);
  });

  it('delete: v3 answers {id}, v4 204; then 404', async () => {
    const a = await createConference('helen');
    const d3 = await api('DELETE', `/api/v3.11/conferences/${a.id}`, appToken);
    assert.deepEqual(d3.body, { id: a.id });
    assert.equal((await api('GET', `/api/v3.11/conferences/${a.id}`, appToken)).status, 404);
    const b = await createConference('helen');
    const d4 = await api('DELETE', `/api/v4/conferences/${b.id}`, appToken);
    assert.equal(d4.status, 204);
    assert.equal(d4.text, '');
  });
});

describe('API: invitations, participants, users', () => {
  it('invitations: v3 bare body and full user records; v4 wrapped body, is_moderator dropped', async () => {
    const c = await createConference('helen');
    const kevin = await userToken('kevin');
    assert.equal((await api('GET', `/api/v4/conferences/${c.id}`, kevin)).status, 404);

    const add3 = await api('POST', `/api/v3.11/conferences/${c.id}/invitations`, appToken, { id: 'kevin', display_name: 'Kevin M.' });
    assert.equal(add3.status, 200);
    assert.equal(add3.body.invitation.id, 'kevin');
    assert.equal(add3.body.invitation.login_name, 'kevin');
    assert.equal(add3.body.invitation.type, 'user');
    assert.equal((await api('GET', `/api/v4/conferences/${c.id}`, kevin)).status, 200, 'kevin now sees it');
    const dup = await api('POST', `/api/v3.11/conferences/${c.id}/invitations`, appToken, { id: 'kevin@lab' });
    assert.equal(dup.body.error.errors[0].reason, 'uniqueValueAlreadyInUse');

    const bare4 = await api('POST', `/api/v4/conferences/${c.id}/invitations`, appToken, { id: 'dean' });
    assert.equal(bare4.status, 400);
    assert.deepEqual(locations(bare4.body), ['invitation']);
    const add4 = await api('POST', `/api/v4/conferences/${c.id}/invitations`, appToken, { invitation: { id: 'dean', is_moderator: true } });
    assert.equal(add4.status, 200);
    assert.equal(add4.body.invitation.is_moderator, false);

    const list3 = (await api('GET', `/api/v3.11/conferences/${c.id}/invitations`, appToken)).body.invitations as Json[];
    assert.deepEqual(list3.map((i) => i.id).sort(), ['dean', 'kevin']);
    assert.ok(list3.every((i) => i.is_owner === 0 && i.uid.endsWith('@lab')));

    const del3 = await api('DELETE', `/api/v3.11/conferences/${c.id}/invitations/kevin`, appToken);
    assert.deepEqual(del3.body, { id: 'kevin' });
    const del4 = await api('DELETE', `/api/v4/conferences/${c.id}/invitations/dean`, appToken);
    assert.equal(del4.status, 204);
    assert.equal((await api('DELETE', `/api/v4/conferences/${c.id}/invitations/dean`, appToken)).status, 404);
  });

  it('invite into a running conference only; participants in v3 and v4 shapes', async () => {
    const c = await createConference('helen');
    const early = await api('POST', `/api/v3.3/conferences/${c.id}/invite`, appToken, { participants: ['kevin@lab'] });
    assert.equal(early.status, 400);
    assert.equal(early.body.error.errors[0].reason, 'conferenceIsNotRunning');
    await api('POST', `/api/v4/conferences/${c.id}/run`, appToken);
    const invited = await api('POST', `/api/v3.3/conferences/${c.id}/invite`, appToken, { participants: ['kevin@lab', 'dean'] });
    assert.equal(invited.status, 200);
    assert.deepEqual(invited.body.participants, ['kevin@lab', 'dean@lab']);
    const unknown = await api('POST', `/api/v4/conferences/${c.id}/invite`, appToken, { participants: ['kevin', 'ghost'] });
    assert.equal(unknown.status, 400);
    assert.deepEqual(locations(unknown.body), ['participants[1]']);

    const v4 = (await api('GET', `/api/v4/conferences/${c.id}/participants?is_in_conf=true`, appToken)).body;
    assert.equal(v4.cnt, 2);
    assert.deepEqual(v4.list.map((p: Json) => p.id).sort(), ['dean@lab', 'kevin@lab']);
    assert.ok(v4.list.every((p: Json) => typeof p.join_time === 'number' && p.leave_time === null && 'flag' in p));
    const v3 = (await api('GET', `/api/v3.11/conferences/${c.id}/participants`, appToken)).body;
    assert.equal(v3.participants.length, 2);

    const added = await api('POST', `/api/v3.8/conferences/${c.id}/participants`, appToken, { participant_id: 'helen' });
    assert.equal(added.status, 200);
    assert.equal(added.body.participant.id, 'helen@lab');

    await api('POST', `/api/v4/conferences/${c.id}/stop`, appToken);
    const left = (await api('GET', `/api/v4/conferences/${c.id}/participants?is_in_conf=false`, appToken)).body;
    assert.equal(left.cnt, 3);
  });

  it('GET /api/v4/me answers for user tokens', async () => {
    const code = (await signIn('dean')).searchParams.get('code')!;
    const t = await exchange(code, 'v4');
    const me = await api('GET', '/api/v4/me', t.body.access_token);
    assert.equal(me.status, 200);
    assert.equal(me.body.user.id, 'dean');
    assert.equal(me.body.user.display_name, 'Dean Окунев');
    assert.equal((await api('GET', '/api/v4/me', appToken)).status, 403);
  });

  it('v3 /users pages with next_page_id (-1 on the last page)', async () => {
    const p1 = (await api('GET', '/api/v3.11/users?page_id=1&page_size=2', appToken)).body;
    assert.equal(p1.users.length, 2);
    assert.equal(p1.next_page_id, 2);
    const p2 = (await api('GET', '/api/v3.11/users?page_id=2&page_size=2', appToken)).body;
    assert.equal(p2.users.length, 1);
    assert.equal(p2.next_page_id, -1);
    assert.deepEqual(Object.keys(p1.users[0]).includes('login_name'), true);
    const one = await api('GET', '/api/v3.11/users/kevin', appToken);
    assert.equal(one.body.user.display_name, 'Kevin Müller');
    assert.equal((await api('GET', '/api/v3.11/users/ghost', appToken)).status, 404);
  });
});

describe('pages', () => {
  it('/webrtc/{id} shows the escaped topic and records who joined a running conference', async () => {
    const markup = await fetch(`${lab.url}/webrtc/3108842207`);
    const html = await markup.text();
    assert.equal(markup.status, 200);
    assert.doesNotMatch(html, /<img src=x/);
    assert.match(html, /Design review &#60;img src=x onerror=alert\(1\)&#62;/);
    assert.match(html, /<label for="name">Your name<\/label>/);

    const join = await fetch(`${lab.url}/webrtc/5576502892?name=${encodeURIComponent('Gäst <b>')}`);
    const joined = await join.text();
    assert.match(joined, /data-conference-id="5576502892"/);
    assert.match(joined, /data-joined-as="Gäst &#60;b&#62;"/);
    assert.match(joined, /Daily stand-up/);
    const participants = (await api('GET', '/api/v4/conferences/5576502892/participants', appToken)).body.list as Json[];
    assert.ok(participants.some((p) => p.display_name === 'Gäst <b>' && p.flag === 3));

    const waiting = await (await fetch(`${lab.url}/webrtc/4219111751?name=Ann`)).text();
    assert.doesNotMatch(waiting, /data-joined-as/);
    assert.match(waiting, /Ann is waiting/);
  });

  it('/webrtc and /c of an unknown id are 404 pages; /c/{id} links to the web client', async () => {
    assert.equal((await fetch(`${lab.url}/webrtc/1234`)).status, 404);
    assert.equal((await fetch(`${lab.url}/c/1234`)).status, 404);
    const landing = await fetch(`${lab.url}/c/8801473650`);
    const html = await landing.text();
    assert.equal(landing.status, 200);
    assert.match(html, /Еженедельная планёрка/);
    assert.match(html, /href="\/webrtc\/8801473650"/);
  });
});
