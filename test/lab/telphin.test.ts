/**
 * The Telphin emulator over real HTTP: PBX login/consent form, `scope=all`, secret always
 * required, PKCE ignored, refresh rotation with 401 invalid_grant, app types and access levels,
 * click-to-call callback and current calls, the hourly limit with X-RateLimit-* and CORS off.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTelphin, type TelphinApp, type TelphinLab } from '../../demo/lab/telphin/index.js';

const REDIRECT = 'http://127.0.0.1:9/telphin/callback'; // only parsed, never contacted
let lab: TelphinLab;

before(async () => {
  lab = await startTelphin();
  lab.client.redirectUris.push(REDIRECT);
});
after(() => lab.close());

function decode(html: string): string {
  return html.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

function authorizeUrl(params: Record<string, string> = {}, app: TelphinApp = lab.client): string {
  const url = new URL(`${lab.url}/oauth/authorize`);
  const all = { response_type: 'code', client_id: app.id, redirect_uri: REDIRECT, scope: 'all', state: 'st-1', ...params };
  for (const [k, v] of Object.entries(all)) if (v !== '') url.searchParams.set(k, v);
  return url.href;
}

/** GET the login page, POST it as a browser would (pressing "Sign in" or "Deny"), return Location. */
async function signIn(opts: { params?: Record<string, string>; app?: TelphinApp; login?: string; password?: string; decision?: string } = {}): Promise<URL> {
  const page = await fetch(authorizeUrl(opts.params, opts.app));
  assert.equal(page.status, 200);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(decode(m[1]!), decode(m[2]!));
  form.set('username', opts.login ?? 'helen');
  form.set('password', opts.password ?? opts.login ?? 'helen');
  form.set('decision', opts.decision ?? 'allow');
  const action = /<form method="post" action="([^"]+)">/.exec(html)![1]!;
  const res = await fetch(new URL(action, lab.url), { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(res.status, 302);
  return new URL(res.headers.get('location')!);
}

async function token(fields: Record<string, string>, init: { query?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
  const params = new URLSearchParams(fields);
  if (init.query) return fetch(`${lab.url}/oauth/token?${params}`, { method: 'POST', ...(init.headers ? { headers: init.headers } : {}) });
  return fetch(`${lab.url}/oauth/token`, { method: 'POST', body: params, ...(init.headers ? { headers: init.headers } : {}) });
}

interface Tokens {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

async function tokensFor(login: string, app: TelphinApp = lab.client): Promise<Tokens> {
  const code = (await signIn({ login, app })).searchParams.get('code')!;
  const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: app.id, client_secret: app.secret });
  assert.equal(res.status, 200);
  return (await res.json()) as Tokens;
}

const cache = new Map<string, string>();
async function api(login: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  let access = cache.get(login);
  if (!access) {
    access = (await tokensFor(login)).access_token;
    cache.set(login, access);
  }
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${access}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  return fetch(`${lab.url}/api/ver1.0${path}`, { ...init, headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}) });
}

function assertRateHeaders(res: Response): void {
  assert.match(res.headers.get('x-ratelimit-limit') ?? '', /^\d+$/);
  assert.match(res.headers.get('x-ratelimit-remaining') ?? '', /^\d+$/);
  const reset = Number(res.headers.get('x-ratelimit-reset'));
  assert.ok(reset > 0 && reset <= 3600, `reset ${reset}`);
}

describe('telphin oauth', () => {
  it('serves a login + consent form and redirects with a code, without state by default', async () => {
    const page = await fetch(authorizeUrl());
    const html = await page.text();
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(html, /<label for="username">/);
    assert.match(html, /name="password" type="password"/);
    assert.match(html, />Sign in<\/button>/);
    assert.match(html, />Deny<\/button>/);
    const bad = new URLSearchParams({ response_type: 'code', client_id: lab.client.id, redirect_uri: REDIRECT, scope: 'all', username: 'helen', password: 'x' });
    assert.equal((await fetch(`${lab.url}/oauth/authorize`, { method: 'POST', body: bad, redirect: 'manual' })).status, 401);

    const loc = await signIn();
    assert.equal(`${loc.origin}${loc.pathname}`, REDIRECT);
    assert.match(loc.searchParams.get('code') ?? '', /^[0-9a-f]{32}$/);
    assert.equal(loc.searchParams.get('state'), null, 'state is not echoed unless switched on');

    lab.settings.echoState = true;
    try {
      assert.equal((await signIn({ params: { state: 'echo' } })).searchParams.get('state'), 'echo');
    } finally {
      lab.settings.echoState = false;
    }
  });

  it('requires scope=all and a registered redirect_uri; Deny gives access_denied', async () => {
    for (const scope of ['read', '']) {
      const res = await fetch(authorizeUrl({ scope }), { redirect: 'manual' });
      assert.equal(res.status, 302);
      assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), 'invalid_scope');
    }
    const wrong = await fetch(authorizeUrl({ redirect_uri: 'http://127.0.0.1:9/other' }), { redirect: 'manual' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.headers.get('location'), null);
    assert.equal((await fetch(authorizeUrl({ client_id: 'nope' }), { redirect: 'manual' })).status, 400);

    const denied = await signIn({ decision: 'deny' });
    assert.equal(denied.searchParams.get('error'), 'access_denied');
    assert.equal(denied.searchParams.get('code'), null);
  });

  it('only lets public applications use the consent flow', async () => {
    const trusted = lab.state.addApp({ type: 'trusted', redirectUris: [REDIRECT] });
    const res = await fetch(authorizeUrl({}, trusted), { redirect: 'manual' });
    assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), 'unauthorized_client');
  });

  it('exchanges a code only with the client secret (body or query string), never via PKCE alone', async () => {
    const c1 = (await signIn({ params: { code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' } })).searchParams.get('code')!;
    const noSecret = await token({ grant_type: 'authorization_code', code: c1, redirect_uri: REDIRECT, client_id: lab.client.id, code_verifier: 'y'.repeat(43) });
    assert.equal(noSecret.status, 401);
    assert.deepEqual(await noSecret.json(), { error: 'invalid_client', error_description: 'Client authentication failed.' });

    // PKCE is not supported: the challenge is ignored, a wrong verifier does not matter.
    const c2 = (await signIn({ params: { code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' } })).searchParams.get('code')!;
    const ok = await token({ grant_type: 'authorization_code', code: c2, redirect_uri: REDIRECT, client_id: lab.client.id, client_secret: lab.client.secret, code_verifier: 'wrong'.repeat(9) });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
    const t = (await ok.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(t).sort(), ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    assert.equal(t.scope, 'all');
    assert.equal(t.token_type, 'Bearer');
    assert.equal(t.expires_in, 3600);

    const again = await token({ grant_type: 'authorization_code', code: c2, redirect_uri: REDIRECT, client_id: lab.client.id, client_secret: lab.client.secret });
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as { error: string }).error, 'invalid_grant');

    const c3 = (await signIn()).searchParams.get('code')!;
    const viaQuery = await token({ grant_type: 'authorization_code', code: c3, redirect_uri: REDIRECT, client_id: lab.client.id, client_secret: lab.client.secret }, { query: true });
    assert.equal(viaQuery.status, 200);
  });

  it('accepts HTTP Basic client auth only when switched on', async () => {
    const basic = { authorization: `Basic ${Buffer.from(`${lab.client.id}:${lab.client.secret}`).toString('base64')}` };
    const c1 = (await signIn()).searchParams.get('code')!;
    assert.equal((await token({ grant_type: 'authorization_code', code: c1, redirect_uri: REDIRECT }, { headers: basic })).status, 401);
    lab.settings.acceptBasicAuth = true;
    try {
      const c2 = (await signIn()).searchParams.get('code')!;
      assert.equal((await token({ grant_type: 'authorization_code', code: c2, redirect_uri: REDIRECT }, { headers: basic })).status, 200);
    } finally {
      lab.settings.acceptBasicAuth = false;
    }
  });

  it('rotates refresh tokens; a used or bad one gets 401 invalid_grant', async () => {
    const first = await tokensFor('dean');
    const auth = { client_id: lab.client.id, client_secret: lab.client.secret };
    const n = lab.requests.filter((r) => r.grantType === 'refresh_token').length;
    const r1 = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token!, ...auth });
    assert.equal(r1.status, 200);
    const second = (await r1.json()) as Tokens;
    assert.ok(second.refresh_token && second.refresh_token !== first.refresh_token);
    assert.notEqual(second.access_token, first.access_token);
    assert.equal(lab.requests.filter((r) => r.grantType === 'refresh_token').length, n + 1);

    for (const refresh of [first.refresh_token!, 'bogus']) {
      const res = await token({ grant_type: 'refresh_token', refresh_token: refresh, ...auth });
      assert.equal(res.status, 401);
      assert.equal(((await res.json()) as { error: string }).error, 'invalid_grant');
    }
    const noSecret = await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token!, client_id: lab.client.id });
    assert.equal(noSecret.status, 401);
    assert.equal(((await noSecret.json()) as { error: string }).error, 'invalid_client');
    assert.equal((await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token!, ...auth })).status, 200);
  });

  it('issues client_credentials to trusted apps without a refresh token, password grant to password apps', async () => {
    const trusted = lab.state.addApp({ type: 'trusted' });
    const cc = await token({ grant_type: 'client_credentials', client_id: trusted.id, client_secret: trusted.secret });
    assert.equal(cc.status, 200);
    const t = (await cc.json()) as Tokens;
    assert.equal(t.refresh_token, undefined);
    const me = await fetch(`${lab.url}/api/ver1.0/user/`, { headers: { authorization: `Bearer ${t.access_token}` } });
    assert.equal(((await me.json()) as { extension_id: unknown }).extension_id, null, 'a trusted app acts as the PBX client');

    const wrongType = await token({ grant_type: 'client_credentials', client_id: lab.client.id, client_secret: lab.client.secret });
    assert.equal(wrongType.status, 400);
    assert.equal(((await wrongType.json()) as { error: string }).error, 'unauthorized_client');

    const pw = lab.state.addApp({ type: 'password_credentials' });
    const ok = await token({ grant_type: 'password', client_id: pw.id, client_secret: pw.secret, username: 'kevin', password: 'kevin' });
    assert.equal(ok.status, 200);
    assert.ok(((await ok.json()) as Tokens).refresh_token);
    const badPw = await token({ grant_type: 'password', client_id: pw.id, client_secret: pw.secret, username: 'kevin', password: 'x' });
    assert.equal(badPw.status, 400);
    assert.equal((await token({ grant_type: 'magic', client_id: pw.id, client_secret: pw.secret })).status, 400);
    assert.equal((await fetch(`${lab.url}/oauth/token`)).status, 405);
  });

  it('remembers login and consent, so a second authorize redirects at once', async () => {
    const form = new URLSearchParams({ response_type: 'code', client_id: lab.client.id, redirect_uri: REDIRECT, scope: 'all', username: 'kevin', password: 'kevin', decision: 'allow' });
    const first = await fetch(`${lab.url}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.match(cookie, /^telphinlab_session=/);
    const second = await fetch(authorizeUrl(), { headers: { cookie }, redirect: 'manual' });
    assert.equal(second.status, 302);
    assert.ok(new URL(second.headers.get('location')!).searchParams.get('code'));
  });
});

describe('telphin api', () => {
  it('answers 401 without a valid token', async () => {
    const res = await fetch(`${lab.url}/api/ver1.0/user/`);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { message: 'Unauthorized' });
    const t = await tokensFor('kevin');
    lab.state.accessTokens.get(t.access_token)!.expiresAt = 0;
    assert.equal((await fetch(`${lab.url}/api/ver1.0/user/`, { headers: { authorization: `Bearer ${t.access_token}` } })).status, 401);
  });

  it('says who the user is, at /user/ and /user, with X-RateLimit-* headers', async () => {
    for (const path of ['/user/', '/user']) {
      const res = await api('dean', path);
      assert.equal(res.status, 200);
      assertRateHeaders(res);
      const me = (await res.json()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(me).sort(), ['admin', 'client_id', 'dealer_id', 'extension_group_id', 'extension_id', 'id', 'login', 'timezone']);
      assert.equal(me.login, 'dean');
      assert.equal(me.client_id, lab.state.clientId);
      assert.equal(me.extension_id, 66102);
      assert.equal(me.admin, false);
    }
  });

  it('lists the client extensions under @me or the numeric client id', async () => {
    const res = await api('helen', '/client/@me/extension/');
    assert.equal(res.status, 200);
    const list = (await res.json()) as { id: number; name: string; type: string }[];
    assert.ok(Array.isArray(list));
    assert.ok(list.some((e) => e.name === `${lab.state.prefix}*101` && e.type === 'phone'));
    const queues = (await (await api('helen', `/client/${lab.state.clientId}/extension/?type=queue`)).json()) as { type: string }[];
    assert.ok(queues.length === 1 && queues[0]!.type === 'queue');
    const one = await api('helen', '/client/@me/extension/66300');
    assert.equal(((await one.json()) as { type: string }).type, 'conference');
    const other = await api('helen', '/client/999/extension/');
    assert.equal(other.status, 404);
    assert.equal(((await other.json()) as { status: string }).status, 'client_not_found');
  });

  it('starts a callback: 201 {call_api_id, call_id}, visible in current_calls', async () => {
    const res = await api('dean', '/extension/66102/callback/', {
      method: 'POST',
      json: { src_num: ['102'], dst_num: '+79161112233', caller_id_name: 'tc-widgets', wait_for_pickup: 30 },
    });
    assert.equal(res.status, 201);
    assertRateHeaders(res);
    const created = (await res.json()) as { call_api_id: string; call_id: string };
    assert.deepEqual(Object.keys(created).sort(), ['call_api_id', 'call_id']);
    assert.match(created.call_api_id, /^[0-9a-f]{32}$/);

    for (const path of ['/client/@me/current_calls/', '/extension/66102/current_calls/', `/extension/66102/current_calls/${created.call_api_id}`]) {
      const list = (await (await api('dean', path)).json()) as { call_list: { call_api_id: string; called_number: string; call_flow: string; answer_time_gmt: string | null }[] };
      const call = list.call_list.find((c) => c.call_api_id === created.call_api_id);
      assert.ok(call, `call in ${path}`);
      assert.equal(call.called_number, '+79161112233');
      assert.equal(call.call_flow, 'out');
      assert.equal(call.answer_time_gmt, null, 'still ringing');
    }
    const kevin = (await (await api('kevin', '/client/@me/current_calls/')).json()) as { call_list: unknown[] };
    assert.equal(kevin.call_list.length, 0, 'an extension user sees only its own calls');
    assert.equal((await api('dean', '/extension/66102/current_calls/ffffffffffffffffffffffffffffffff')).status, 404);
  });

  it('validates the callback body and the extension', async () => {
    const post = (ext: string, json: unknown, login = 'dean'): Promise<Response> => api(login, `/extension/${ext}/callback/`, { method: 'POST', json });
    const cases: [unknown, RegExp][] = [
      [{ dst_num: '+79161112233' }, /src_num/],
      [{ src_num: '102', dst_num: '+79161112233' }, /src_num/],
      [{ src_num: [], dst_num: '+79161112233' }, /src_num/],
      [{ src_num: ['abc'], dst_num: '+79161112233' }, /src_num/],
      [{ src_num: ['102'] }, /dst_num/],
      [{ src_num: ['102'], dst_num: 'call me' }, /dst_num/],
      [{ src_num: ['102'], dst_num: '+7916', call_duration: -1 }, /call_duration/],
    ];
    for (const [body, pattern] of cases) {
      const res = await post('66102', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(((await res.json()) as { message: string }).message, pattern);
    }
    const text = await api('dean', '/extension/66102/callback/', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
    assert.equal(text.status, 400);
    const foreign = await post('66101', { src_num: ['101'], dst_num: '+7916' });
    assert.equal(foreign.status, 403);
    assert.equal(((await foreign.json()) as { status: string }).status, 'access_denied');
    assert.equal((await post('66101', { src_num: ['101'], dst_num: '+7916' }, 'helen')).status, 201, 'the PBX admin may');
    const missing = await post('12345', { src_num: ['1'], dst_num: '+7916' });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { status: string }).status, 'extension_not_found');
    assert.equal((await api('dean', '/extension/66102/callback/')).status, 405);
  });

  it('answers and ends calls over time, moving them to the call history', async () => {
    lab.settings.callAnswerSeconds = 0;
    lab.settings.callLengthSeconds = 0;
    try {
      const res = await api('kevin', '/extension/66103/callback/', { method: 'POST', json: { src_num: ['103'], dst_num: '+74951112233' } });
      const { call_api_id } = (await res.json()) as { call_api_id: string };
      await new Promise((r) => setTimeout(r, 5));
      const now = (await (await api('kevin', '/client/@me/current_calls/')).json()) as { call_list: { call_api_id: string }[] };
      assert.ok(!now.call_list.some((c) => c.call_api_id === call_api_id));
      const hist = (await (await api('kevin', '/client/@me/call_history/?order=desc&per_page=5')).json()) as {
        page: number;
        per_page: number;
        order: string;
        call_history: { call_uuid: string; result: string; to_username: string }[];
      };
      assert.equal(hist.page, 1);
      assert.equal(hist.order, 'desc');
      const item = hist.call_history.find((h) => h.call_uuid === call_api_id);
      assert.ok(item);
      assert.equal(item.result, 'answered');
      assert.equal(item.to_username, '+74951112233');
      assert.equal((await api('kevin', '/client/@me/call_history/?start_datetime=yesterday')).status, 400);
    } finally {
      lab.settings.callAnswerSeconds = 3;
      lab.settings.callLengthSeconds = 60;
    }
  });

  it('refuses non-call resources to an app with Call API access (403 app_access_type_deny)', async () => {
    const callOnly = lab.state.addApp({ type: 'public', access: 'call_api', redirectUris: [REDIRECT] });
    const t = await tokensFor('dean', callOnly);
    const auth = { authorization: `Bearer ${t.access_token}` };
    const ext = await fetch(`${lab.url}/api/ver1.0/client/@me/extension/`, { headers: auth });
    assert.equal(ext.status, 403);
    assert.equal(((await ext.json()) as { status: string }).status, 'app_access_type_deny');
    assert.equal((await fetch(`${lab.url}/api/ver1.0/user/`, { headers: auth })).status, 200);
    assert.equal((await fetch(`${lab.url}/api/ver1.0/client/@me/current_calls/`, { headers: auth })).status, 200);
  });

  it('enforces the hourly limit per PBX client with 429 rate_limit_exceeded', async () => {
    lab.state.resetRateLimit();
    lab.settings.hourlyLimit = 3;
    try {
      const remaining: string[] = [];
      for (const login of ['helen', 'dean', 'kevin']) {
        const res = await api(login, '/user/'); // all users of the client share the budget
        assert.equal(res.status, 200);
        remaining.push(res.headers.get('x-ratelimit-remaining')!);
        await res.body?.cancel();
      }
      assert.deepEqual(remaining, ['2', '1', '0']);
      const over = await api('helen', '/client/@me/current_calls/');
      assert.equal(over.status, 429);
      assertRateHeaders(over);
      assert.equal(over.headers.get('x-ratelimit-limit'), '3');
      assert.equal(over.headers.get('x-ratelimit-remaining'), '0');
      assert.equal(over.headers.get('retry-after'), null, 'Telphin documents no Retry-After');
      assert.equal(((await over.json()) as { status: string }).status, 'rate_limit_exceeded');
    } finally {
      lab.settings.hourlyLimit = 1000;
      lab.state.resetRateLimit();
    }
  });

  it('sends no CORS headers by default; a switch turns them on and exposes X-RateLimit-*', async () => {
    const origin = 'http://localhost:5173';
    const off = await api('helen', '/user/', { headers: { origin } });
    assert.equal(off.headers.get('access-control-allow-origin'), null);
    const pre = await fetch(`${lab.url}/api/ver1.0/user/`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
    lab.settings.cors = [origin];
    try {
      const on = await api('helen', '/user/', { headers: { origin } });
      assert.equal(on.headers.get('access-control-allow-origin'), origin);
      assert.match(on.headers.get('access-control-expose-headers') ?? '', /X-RateLimit-Remaining/);
      const other = await api('helen', '/user/', { headers: { origin: 'http://evil.test' } });
      assert.equal(other.headers.get('access-control-allow-origin'), null);
    } finally {
      lab.settings.cors = 'off';
    }
  });

  it('seeds escaped-worthy names and a call in progress', async () => {
    const hist = (await (await api('helen', '/client/@me/call_history/')).json()) as { call_history: { from_username: string }[] };
    assert.ok(hist.call_history.some((h) => h.from_username.includes('<img')));
    const calls = (await (await api('helen', '/client/@me/current_calls/')).json()) as { call_list: { caller_id_name: string; answer_time_gmt: string }[] };
    const seeded = calls.call_list.find((c) => c.caller_id_name === 'Иван Петров');
    assert.ok(seeded);
    assert.match(seeded.answer_time_gmt, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});
