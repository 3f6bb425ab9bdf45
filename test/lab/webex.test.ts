/**
 * The Webex emulator over real HTTP: the login form, token endpoint quirks (secret required even
 * with PKCE, Basic or body), the meetings API with its validation and paging, join redirects,
 * 429 + Retry-After and CORS.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { startWebex, type WebexLab } from '../../demo/lab/webex/index.js';

const REDIRECT = 'http://127.0.0.1:9/webex/callback'; // only parsed, never contacted
const SCOPE = 'meeting:schedules_read meeting:schedules_write spark:kms';
let lab: WebexLab;

before(async () => {
  lab = await startWebex();
  lab.client.redirectUris.push(REDIRECT);
});
after(() => lab.close());

function decode(html: string): string {
  return html.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}

function authorizeUrl(params: Record<string, string> = {}): string {
  const url = new URL(`${lab.url}/v1/authorize`);
  const all = { response_type: 'code', client_id: lab.client.id, redirect_uri: REDIRECT, scope: SCOPE, state: 's-123', ...params };
  for (const [k, v] of Object.entries(all)) if (v !== '') url.searchParams.set(k, v);
  return url.href;
}

/** Loads the login page, submits it like a browser and returns the redirect Location. */
async function signIn(params: Record<string, string> = {}, login = 'helen', password = login): Promise<URL> {
  const page = await fetch(authorizeUrl(params));
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  assert.ok(action, 'login form present');
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(decode(m[1]!), decode(m[2]!));
  form.set('username', login);
  form.set('password', password);
  const res = await fetch(new URL(decode(action), lab.url), { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(res.status, 302, `login of ${login} redirects`);
  return new URL(res.headers.get('location')!);
}

async function exchange(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${lab.url}/v1/access_token`, { method: 'POST', body: new URLSearchParams(fields), headers });
}

function basic(id: string, secret: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` };
}

const tokens = new Map<string, string>();
async function tokenFor(login: string, scope = SCOPE): Promise<string> {
  const key = `${login} ${scope}`;
  const cached = tokens.get(key);
  if (cached) return cached;
  const code = (await signIn({ scope }, login)).searchParams.get('code')!;
  const res = await exchange({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: lab.client.id, client_secret: lab.client.secret });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { access_token: string };
  tokens.set(key, body.access_token);
  return body.access_token;
}

async function api(login: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${await tokenFor(login)}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const url = path.startsWith('http') ? path : `${lab.url}${path}`;
  return fetch(url, { ...init, headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}), redirect: 'manual' });
}

interface WebexError {
  message: string;
  errors: { description: string }[];
  trackingId: string;
}

async function assertWebexError(res: Response, status: number): Promise<WebexError> {
  assert.equal(res.status, status);
  const body = (await res.json()) as WebexError;
  assert.equal(typeof body.message, 'string');
  assert.ok(Array.isArray(body.errors) && body.errors.length > 0);
  for (const e of body.errors) assert.equal(typeof e.description, 'string');
  assert.match(body.trackingId, /^[0-9A-F]{32}_\d{13}$/);
  return body;
}

type Meeting = Record<string, unknown> & { id: string; title: string; state: string; start: string; end: string; meetingType: string };

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function isoIn(ms: number, seconds = 0): string {
  const t = Math.floor((Date.now() + ms) / 60_000) * 60_000 + seconds * 1000;
  return new Date(t).toISOString();
}

describe('webex oauth', () => {
  it('serves a login form, rejects a wrong password and redirects with code and the same state', async () => {
    const page = await fetch(authorizeUrl());
    const html = await page.text();
    assert.match(html, /<label for="username">/);
    assert.match(html, /name="password" type="password"/);
    assert.match(html, />Sign in<\/button>/);
    const form = new URLSearchParams({ response_type: 'code', client_id: lab.client.id, redirect_uri: REDIRECT, scope: SCOPE, username: 'helen', password: 'nope' });
    const wrong = await fetch(`${lab.url}/v1/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /role="alert"/);

    const location = await signIn({ state: 'äöü & <state>' });
    assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
    assert.match(location.searchParams.get('code') ?? '', /^[0-9a-f]{48}$/);
    assert.equal(location.searchParams.get('state'), 'äöü & <state>');
  });

  it('refuses unregistered redirect URIs on its own page and unregistered scopes by redirect, echoing state', async () => {
    const bad = await fetch(authorizeUrl({ redirect_uri: 'http://127.0.0.1:9/evil' }), { redirect: 'manual' });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('location'), null);

    for (const scope of ['spark:all meeting:schedules_read', '']) {
      const res = await fetch(authorizeUrl({ scope, state: 'keep-me' }), { redirect: 'manual' });
      assert.equal(res.status, 302);
      const loc = new URL(res.headers.get('location')!);
      assert.equal(loc.searchParams.get('error'), 'invalid_scope');
      assert.equal(loc.searchParams.get('state'), 'keep-me');
    }
  });

  it('requires the client secret at the token endpoint even when PKCE was used', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    const noSecret = await exchange({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: lab.client.id, code_verifier: verifier });
    assert.equal(noSecret.status, 401);
    assert.deepEqual(Object.keys((await noSecret.json()) as object).sort(), ['error', 'error_description']);

    const code2 = (await signIn({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    const wrongSecret = await exchange({ grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT, code_verifier: verifier }, basic(lab.client.id, 'x'));
    assert.equal(wrongSecret.status, 401);
    assert.match(wrongSecret.headers.get('www-authenticate') ?? '', /^Basic/);
    assert.equal(((await wrongSecret.json()) as { error: string }).error, 'invalid_client');
  });

  it('accepts the client credentials by HTTP Basic or in the body', async () => {
    const c1 = (await signIn()).searchParams.get('code')!;
    const viaBasic = await exchange({ grant_type: 'authorization_code', code: c1, redirect_uri: REDIRECT }, basic(lab.client.id, lab.client.secret));
    assert.equal(viaBasic.status, 200);
    assert.equal(viaBasic.headers.get('cache-control'), 'no-store');
    const t = (await viaBasic.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(t).sort(), ['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'scope', 'token_type']);
    assert.equal(t.token_type, 'Bearer');
    assert.equal(t.scope, SCOPE);
    assert.equal(t.expires_in, lab.settings.accessTokenLifetime);

    const c2 = (await signIn()).searchParams.get('code')!;
    const viaBody = await exchange({ grant_type: 'authorization_code', code: c2, redirect_uri: REDIRECT, client_id: lab.client.id, client_secret: lab.client.secret });
    assert.equal(viaBody.status, 200);
    const json = await exchange({ grant_type: 'authorization_code', code: c2, redirect_uri: REDIRECT });
    assert.equal(json.status, 401); // no client authentication at all
  });

  it('verifies PKCE only when a challenge was sent, and codes are single-use', async () => {
    const { verifier, challenge } = pkce();
    const auth = { client_id: lab.client.id, client_secret: lab.client.secret, redirect_uri: REDIRECT, grant_type: 'authorization_code' };
    const c1 = (await signIn({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    const wrong = await exchange({ ...auth, code: c1, code_verifier: pkce().verifier });
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_grant');

    const c2 = (await signIn({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    assert.equal((await exchange({ ...auth, code: c2 })).status, 400, 'verifier missing');
    const c3 = (await signIn({ code_challenge: challenge, code_challenge_method: 'S256' })).searchParams.get('code')!;
    assert.equal((await exchange({ ...auth, code: c3, code_verifier: verifier })).status, 200);
    const again = await exchange({ ...auth, code: c3, code_verifier: verifier });
    assert.equal(again.status, 400);
    assert.equal(((await again.json()) as { error: string }).error, 'invalid_grant');

    const plainVerifier = randomBytes(40).toString('base64url');
    const c4 = (await signIn({ code_challenge: plainVerifier, code_challenge_method: 'plain' })).searchParams.get('code')!;
    assert.equal((await exchange({ ...auth, code: c4, code_verifier: plainVerifier })).status, 200);

    const c5 = (await signIn()).searchParams.get('code')!; // no challenge: no verifier needed
    assert.equal((await exchange({ ...auth, code: c5 })).status, 200);
    const c6 = (await signIn()).searchParams.get('code')!;
    assert.equal((await exchange({ ...auth, code: c6, redirect_uri: `${REDIRECT}/other` })).status, 400);
  });

  it('refreshes with the same refresh token by default, rotates when switched, and logs the grant', async () => {
    const code = (await signIn({}, 'dean')).searchParams.get('code')!;
    const first = (await (
      await exchange({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, basic(lab.client.id, lab.client.secret))
    ).json()) as { access_token: string; refresh_token: string };
    const before = lab.requests.filter((r) => r.grantType === 'refresh_token').length;
    const r1 = await exchange({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: lab.client.id, client_secret: lab.client.secret });
    assert.equal(r1.status, 200);
    const t1 = (await r1.json()) as { access_token: string; refresh_token: string };
    assert.notEqual(t1.access_token, first.access_token);
    assert.equal(t1.refresh_token, first.refresh_token);
    assert.equal(lab.requests.filter((r) => r.grantType === 'refresh_token' && r.status === 200).length, before + 1);

    const noSecret = await exchange({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: lab.client.id });
    assert.equal(noSecret.status, 401);

    lab.settings.rotateRefreshToken = true;
    try {
      const r2 = (await (
        await exchange({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, basic(lab.client.id, lab.client.secret))
      ).json()) as { refresh_token: string };
      assert.notEqual(r2.refresh_token, first.refresh_token);
      const old = await exchange({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, basic(lab.client.id, lab.client.secret));
      assert.equal(old.status, 400);
      assert.equal(((await old.json()) as { error: string }).error, 'invalid_grant');
    } finally {
      lab.settings.rotateRefreshToken = false;
    }
  });

  it('answers token errors in the Webex envelope when switched, and refuses JSON bodies', async () => {
    lab.settings.tokenErrorShape = 'webex';
    try {
      const res = await exchange({ grant_type: 'refresh_token', refresh_token: 'nope' }, basic(lab.client.id, lab.client.secret));
      const body = await assertWebexError(res, 400);
      assert.match(body.message, /error = 'invalid_grant'/);
    } finally {
      lab.settings.tokenErrorShape = 'oauth';
    }
    const json = await fetch(`${lab.url}/v1/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...basic(lab.client.id, lab.client.secret) },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });
    assert.equal(json.status, 400);
    assert.equal(((await json.json()) as { error: string }).error, 'invalid_request');
    const grant = await exchange({ grant_type: 'client_credentials' }, basic(lab.client.id, lab.client.secret));
    assert.equal(((await grant.json()) as { error: string }).error, 'unsupported_grant_type');
  });

  it('remembers the login in a cookie, honours prompt=none and supports the implicit flow', async () => {
    const none = await fetch(authorizeUrl({ prompt: 'none' }), { redirect: 'manual' });
    assert.equal(new URL(none.headers.get('location')!).searchParams.get('error'), 'login_required');

    const form = new URLSearchParams({ response_type: 'code', client_id: lab.client.id, redirect_uri: REDIRECT, scope: SCOPE, username: 'kevin', password: 'kevin' });
    const login = await fetch(`${lab.url}/v1/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.match(cookie, /^webexlab_session=/);
    const again = await fetch(authorizeUrl({ state: 'second' }), { headers: { cookie }, redirect: 'manual' });
    assert.equal(again.status, 302);
    assert.equal(new URL(again.headers.get('location')!).searchParams.get('state'), 'second');

    const implicit = await fetch(authorizeUrl({ response_type: 'token', state: 'imp' }), { headers: { cookie }, redirect: 'manual' });
    const fragment = new URLSearchParams(new URL(implicit.headers.get('location')!).hash.slice(1));
    assert.equal(fragment.get('token_type'), 'Bearer');
    assert.equal(fragment.get('state'), 'imp');
    assert.equal(fragment.get('refresh_token'), null);
    const me = await fetch(`${lab.url}/v1/people/me`, { headers: { authorization: `Bearer ${fragment.get('access_token')}` } });
    assert.equal(((await me.json()) as { emails: string[] }).emails[0], 'kevin@lab.test');
  });
});

describe('webex meetings api', () => {
  it('answers 401 in the Webex envelope without a valid token, and after expiry', async () => {
    const none = await fetch(`${lab.url}/v1/meetings`);
    const body = await assertWebexError(none, 401);
    assert.match(body.message, /valid access token/);
    assert.match(none.headers.get('trackingid') ?? '', /^[0-9A-F]{32}_/);
    await assertWebexError(await fetch(`${lab.url}/v1/meetings`, { headers: { authorization: 'Bearer nope' } }), 401);

    const code = (await signIn({}, 'dean')).searchParams.get('code')!;
    const t = (await (await exchange({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, basic(lab.client.id, lab.client.secret))).json()) as {
      access_token: string;
    };
    const ok = await fetch(`${lab.url}/v1/people/me`, { headers: { authorization: `Bearer ${t.access_token}` } });
    assert.equal(ok.status, 200);
    const grant = lab.state.accessTokens.get(t.access_token)!;
    grant.expiresAt = Date.now() - 1;
    await assertWebexError(await fetch(`${lab.url}/v1/people/me`, { headers: { authorization: `Bearer ${t.access_token}` } }), 401);
  });

  it('returns the person with a ciscospark people id', async () => {
    const res = await api('helen', '/v1/people/me');
    const me = (await res.json()) as { id: string; displayName: string; emails: string[]; type: string };
    assert.match(Buffer.from(me.id, 'base64url').toString(), /^ciscospark:\/\/us\/PEOPLE\/[0-9a-f-]{36}$/);
    assert.equal(me.displayName, 'Helen Park');
    assert.deepEqual(me.emails, ['helen@lab.test']);
    assert.equal(me.type, 'person');
  });

  it('refuses writes with a read-only token (403)', async () => {
    const token = await tokenFor('helen', 'meeting:schedules_read');
    const res = await fetch(`${lab.url}/v1/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x', start: isoIn(3_600_000), end: isoIn(7_200_000) }),
    });
    const body = await assertWebexError(res, 403);
    assert.match(body.message, /missing required scopes/);
  });

  it('lists series by default (a week ahead), visible to host and invitees only', async () => {
    const res = await api('helen', '/v1/meetings?max=100');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('link'), null);
    const { items } = (await res.json()) as { items: Meeting[] };
    assert.ok(items.length >= 6);
    for (const m of items) {
      assert.equal(m.meetingType, 'meetingSeries');
      assert.match(m.id, /^[0-9a-f]{32}$/);
      assert.match(m.start, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      for (const k of ['title', 'password', 'timezone', 'hostUserId', 'hostDisplayName', 'hostEmail', 'hostKey', 'siteUrl', 'webLink', 'telephony']) {
        assert.ok(k in m, `meeting has ${k}`);
      }
    }
    const titles = items.map((m) => m.title);
    assert.ok(titles.includes('My Conference'));
    assert.ok(titles.includes('Quarterly review <img src=x onerror=alert(1)>'));
    assert.ok(titles.includes('Планёрка отдела продаж'));
    assert.ok(titles.includes('Wöchentliche Teamrunde: Größenplanung & Übergabe'));
    assert.ok(!titles.includes('Kevin 1:1 (private)'));
    assert.ok(!titles.includes('Retrospektive Sprint 41'), 'ended yesterday: outside the default window');

    const kevin = (await (await api('kevin', '/v1/meetings?max=100')).json()) as { items: Meeting[] };
    assert.ok(kevin.items.some((m) => m.title === 'Kevin 1:1 (private)'));
    assert.ok(!kevin.items.some((m) => m.title === 'My Conference'));
  });

  it('rejects max > 100 (and < 1) with 400 and pages with Link rel="next"', async () => {
    await assertWebexError(await api('helen', '/v1/meetings?max=101'), 400);
    await assertWebexError(await api('helen', '/v1/meetings?max=0'), 400);
    await assertWebexError(await api('helen', '/v1/meetings?meetingType=bogus'), 400);

    const all = ((await (await api('helen', '/v1/meetings?meetingType=scheduledMeeting&max=100')).json()) as { items: Meeting[] }).items;
    assert.ok(all.length > 6);
    const seen: string[] = [];
    let next: string | undefined = `/v1/meetings?meetingType=scheduledMeeting&max=3`;
    let pages = 0;
    while (next) {
      const res = await api('helen', next);
      assert.equal(res.status, 200);
      const page = ((await res.json()) as { items: Meeting[] }).items;
      assert.ok(page.length <= 3 && page.length > 0);
      seen.push(...page.map((m) => m.id));
      const link = res.headers.get('link');
      next = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
      if (link) assert.ok(next, `Link header shape: ${link}`);
      pages++;
    }
    assert.equal(pages, Math.ceil(all.length / 3));
    assert.deepEqual(seen, all.map((m) => m.id));
  });

  it('lists occurrences and instances in every state, with the documented id shapes', async () => {
    const occ = ((await (await api('helen', '/v1/meetings?meetingType=scheduledMeeting&max=100')).json()) as { items: Meeting[] }).items;
    const states = new Set(occ.map((m) => m.state));
    for (const s of ['inProgress', 'lobby', 'ready', 'scheduled']) assert.ok(states.has(s), `occurrence state ${s}`);
    for (const m of occ) {
      assert.equal(m.meetingType, 'scheduledMeeting');
      assert.match(m.id, /^[0-9a-f]{32}_\d{8}T\d{6}Z$/);
      assert.equal(m.meetingSeriesId, m.id.split('_')[0]);
    }
    assert.ok(occ.filter((m) => m.title === 'Daily stand-up').length >= 5, 'recurring series expands');

    const inst = ((await (await api('helen', '/v1/meetings?meetingType=meeting')).json()) as { items: Meeting[] }).items;
    const ended = inst.filter((m) => m.state === 'ended');
    assert.ok(ended.length >= 2);
    for (const m of ended) assert.equal(m.meetingNumber, undefined, 'ended instances have no meeting number');
    const live = inst.find((m) => m.state === 'inProgress')!;
    assert.equal(typeof live.meetingNumber, 'string');
    assert.equal(live.meetingType, 'meeting');

    const past = ((await (await api('helen', `/v1/meetings?meetingType=scheduledMeeting&from=${isoIn(-4 * 86_400_000)}&to=${isoIn(-60_000)}&max=100`)).json()) as {
      items: Meeting[];
    }).items;
    assert.ok(past.some((m) => m.state === 'missed'));
    assert.ok(past.some((m) => m.state === 'ended'));
    const expired = ((await (await api('helen', '/v1/meetings?from=2000-01-01&to=2100-01-01&state=expired&max=100')).json()) as { items: Meeting[] }).items;
    assert.ok(expired.some((m) => m.title === 'Einführung für neue Kolleg:innen'));
    assert.ok(expired.every((m) => m.state === 'expired'));
    await assertWebexError(await api('helen', '/v1/meetings?from=yesterday'), 400);
  });

  it('renders times in the zone of the timezone header', async () => {
    const utc = ((await (await api('helen', '/v1/meetings?max=100')).json()) as { items: Meeting[] }).items;
    const berlin = ((await (await api('helen', '/v1/meetings?max=100', { headers: { timezone: 'Europe/Berlin' } })).json()) as { items: Meeting[] }).items;
    assert.equal(berlin.length, utc.length);
    for (let i = 0; i < utc.length; i++) {
      assert.match(berlin[i]!.start, /[+-]0[12]:00$/);
      assert.equal(Date.parse(berlin[i]!.start), Date.parse(utc[i]!.start));
    }
    await assertWebexError(await api('helen', '/v1/meetings', { headers: { timezone: 'Mars/Olympus' } }), 400);
  });

  it('creates a meeting (200, a series object, times truncated to the minute) and gets it back', async () => {
    const res = await api('helen', '/v1/meetings', {
      method: 'POST',
      json: {
        title: 'Sprint-Planung «Q4» <b>',
        start: isoIn(2 * 86_400_000, 42),
        end: isoIn(2 * 86_400_000 + 3_600_000, 17),
        timezone: 'Europe/Berlin',
        agenda: 'Backlog',
        invitees: [{ email: 'dean@lab.test' }, { email: 'guest@example.com', displayName: 'Gast', coHost: true }],
      },
    });
    assert.equal(res.status, 200);
    const m = (await res.json()) as Meeting;
    assert.equal(m.meetingType, 'meetingSeries');
    assert.equal(m.state, 'active');
    assert.match(m.id, /^[0-9a-f]{32}$/);
    assert.equal(m.title, 'Sprint-Planung «Q4» <b>');
    assert.equal(m.timezone, 'Europe/Berlin');
    assert.match(m.start, /:00Z$/);
    assert.equal(Date.parse(m.end) - Date.parse(m.start), 3_600_000);
    assert.equal(typeof m.password, 'string');

    const got = (await (await api('helen', `/v1/meetings/${m.id}`)).json()) as Meeting;
    assert.equal(got.title, m.title);
    const dean = await api('dean', `/v1/meetings/${m.id}`);
    assert.equal(dean.status, 200, 'invitee sees it');
    await assertWebexError(await api('kevin', `/v1/meetings/${m.id}`), 404);
    const withPassword = await api('kevin', `/v1/meetings/${m.id}`, { headers: { password: m.password as string } });
    assert.equal(withPassword.status, 200, 'the password header unlocks a meeting');

    const inv = (await (await api('helen', `/v1/meetingInvitees?meetingId=${m.id}`)).json()) as { items: { email: string; coHost: boolean }[] };
    assert.deepEqual(
      inv.items.map((i) => [i.email, i.coHost]),
      [
        ['dean@lab.test', false],
        ['guest@example.com', true],
      ],
    );
  });

  it('moves a start within the current minute to the next minute', async () => {
    if (Date.now() % 60_000 > 58_000) await new Promise((r) => setTimeout(r, 61_000 - (Date.now() % 60_000)));
    const thisMinute = Math.floor(Date.now() / 60_000) * 60_000;
    const res = await api('helen', '/v1/meetings', {
      method: 'POST',
      json: { title: 'Right now', start: new Date(thisMinute).toISOString(), end: new Date(thisMinute + 30 * 60_000).toISOString() },
    });
    assert.equal(res.status, 200);
    const m = (await res.json()) as Meeting;
    assert.equal(Date.parse(m.start), thisMinute + 60_000);
  });

  it('validates a create like Webex and lists every problem as {description}', async () => {
    const post = (json: unknown): Promise<Response> => api('helen', '/v1/meetings', { method: 'POST', json });
    const hour = 3_600_000;
    const missing = await assertWebexError(await post({}), 400);
    assert.equal(missing.message, 'The input parameters contain invalid items.');
    assert.deepEqual(missing.errors.map((e) => e.description), ['title is required.', 'start is required.', 'end is required.']);

    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['past start', { start: isoIn(-hour), end: isoIn(hour) }, /earlier than the current time/],
      ['end before start', { start: isoIn(2 * hour), end: isoIn(hour) }, /later than the start/],
      ['too short', { start: isoIn(hour), end: isoIn(hour + 5 * 60_000) }, /between 10 minutes and 23 hours 59 minutes/],
      ['too long', { start: isoIn(hour), end: isoIn(hour + 24 * hour) }, /between 10 minutes/],
      ['ten years ahead', { start: isoIn(3653 * 24 * hour), end: isoIn(3653 * 24 * hour + hour) }, /10 or more years/],
      ['bad time', { start: 'tomorrow', end: isoIn(hour) }, /Invalid start time/],
      ['bad zone', { timezone: 'Europe/Nowhere' }, /Invalid timezone/],
      ['bad rrule', { recurrence: 'FREQ=HOURLY' }, /recurrence/],
      ['bad invitee', { invitees: [{ email: 'not-an-email' }] }, /invitees\[0\]\.email/],
      ['long agenda', { agenda: 'x'.repeat(1301) }, /1300/],
      ['join before host', { joinBeforeHostMinutes: 7 }, /0, 5, 10 or 15/],
      ['password', { password: 'a b' }, /password validation failed/],
    ];
    for (const [name, patch, pattern] of cases) {
      const body = await assertWebexError(await post({ title: name, start: isoIn(hour), end: isoIn(2 * hour), ...patch }), 400);
      assert.ok(body.errors.some((e) => pattern.test(e.description)), `${name}: ${JSON.stringify(body.errors)}`);
    }
    const notJson = await api('helen', '/v1/meetings', { method: 'POST', body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await assertWebexError(notJson, 400);
  });

  it('creates a recurring series whose occurrences are listed by meetingSeriesId', async () => {
    const start = isoIn(86_400_000);
    const m = (await (
      await api('helen', '/v1/meetings', {
        method: 'POST',
        json: { title: 'Täglich', start, end: isoIn(86_400_000 + 1_800_000), recurrence: 'FREQ=DAILY;INTERVAL=1;COUNT=3' },
      })
    ).json()) as Meeting;
    assert.equal(m.recurrence, 'FREQ=DAILY;INTERVAL=1;COUNT=3');
    const q = `/v1/meetings?meetingType=scheduledMeeting&meetingSeriesId=${m.id}&to=${isoIn(30 * 86_400_000)}`;
    const occ = ((await (await api('helen', q)).json()) as { items: Meeting[] }).items;
    assert.equal(occ.length, 3);
    assert.deepEqual(
      occ.map((o) => Date.parse(o.start) - Date.parse(start)),
      [0, 1, 2].map((d) => d * 86_400_000),
    );
  });

  it('patches (merge semantics, null clears), puts, and refuses non-hosts and instances', async () => {
    const created = (await (
      await api('helen', '/v1/meetings', {
        method: 'POST',
        json: { title: 'To patch', agenda: 'old', start: isoIn(3_600_000), end: isoIn(7_200_000), invitees: [{ email: 'dean@lab.test' }] },
      })
    ).json()) as Meeting;
    const patched = await api('helen', `/v1/meetings/${created.id}`, {
      method: 'PATCH',
      json: { title: 'Patched', agenda: null },
      headers: { 'content-type': 'application/json-patch+json' },
    });
    assert.equal(patched.status, 200);
    const p = (await patched.json()) as Meeting;
    assert.equal(p.title, 'Patched');
    assert.equal(p.agenda, undefined);
    assert.equal(p.start, created.start);

    await assertWebexError(await api('helen', `/v1/meetings/${created.id}`, { method: 'PATCH', json: { end: created.start } }), 400);
    await assertWebexError(await api('dean', `/v1/meetings/${created.id}`, { method: 'PATCH', json: { title: 'x' } }), 403);
    await assertWebexError(await api('kevin', `/v1/meetings/${created.id}`, { method: 'PATCH', json: { title: 'x' } }), 404);

    await assertWebexError(await api('helen', `/v1/meetings/${created.id}`, { method: 'PUT', json: { title: 'Only title' } }), 400);
    const put = await api('helen', `/v1/meetings/${created.id}`, {
      method: 'PUT',
      json: { title: 'Put', start: isoIn(5 * 3_600_000), end: isoIn(6 * 3_600_000) },
    });
    assert.equal(put.status, 200);
    assert.equal(((await put.json()) as Meeting).title, 'Put');

    const inst = ((await (await api('helen', '/v1/meetings?meetingType=meeting')).json()) as { items: Meeting[] }).items[0]!;
    await assertWebexError(await api('helen', `/v1/meetings/${inst.id}`, { method: 'PATCH', json: { title: 'x' } }), 400);
  });

  it('patches and deletes single occurrences of a series', async () => {
    const series = (await (
      await api('helen', '/v1/meetings', {
        method: 'POST',
        json: { title: 'Weekly', start: isoIn(86_400_000), end: isoIn(86_400_000 + 3_600_000), recurrence: 'FREQ=WEEKLY;COUNT=3' },
      })
    ).json()) as Meeting;
    const q = `/v1/meetings?meetingType=scheduledMeeting&meetingSeriesId=${series.id}&to=${isoIn(40 * 86_400_000)}`;
    const [first, second] = ((await (await api('helen', q)).json()) as { items: Meeting[] }).items;
    const edited = await api('helen', `/v1/meetings/${second!.id}`, { method: 'PATCH', json: { title: 'Weekly (moved)' } });
    assert.equal(edited.status, 200);
    const e = (await edited.json()) as Meeting;
    assert.equal(e.isModified, true);
    assert.equal(e.title, 'Weekly (moved)');

    const del = await api('helen', `/v1/meetings/${first!.id}`, { method: 'DELETE' });
    assert.equal(del.status, 204);
    const left = ((await (await api('helen', q)).json()) as { items: Meeting[] }).items;
    assert.deepEqual(left.map((o) => o.title), ['Weekly (moved)', 'Weekly']);
  });

  it('deletes with 204 and no body; only the host may; instances cannot be deleted', async () => {
    const m = (await (
      await api('helen', '/v1/meetings', {
        method: 'POST',
        json: { title: 'Doomed', start: isoIn(3_600_000), end: isoIn(7_200_000), invitees: [{ email: 'dean@lab.test' }] },
      })
    ).json()) as Meeting;
    await assertWebexError(await api('dean', `/v1/meetings/${m.id}`, { method: 'DELETE' }), 403);
    const res = await api('helen', `/v1/meetings/${m.id}?sendEmail=false`, { method: 'DELETE' });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    await assertWebexError(await api('helen', `/v1/meetings/${m.id}`), 404);
    const inst = ((await (await api('helen', '/v1/meetings?meetingType=meeting')).json()) as { items: Meeting[] }).items[0]!;
    await assertWebexError(await api('helen', `/v1/meetings/${inst.id}`, { method: 'DELETE' }), 400);
  });

  it('joins with a 302 to the join link by default, and with JSON for joinDirectly:false', async () => {
    const list = ((await (await api('helen', '/v1/meetings?max=100')).json()) as { items: Meeting[] }).items;
    const markup = list.find((m) => m.title.includes('<img'))!;
    const res = await api('helen', '/v1/meetings/join', { method: 'POST', json: { meetingId: markup.id } });
    assert.equal(res.status, 302);
    const location = res.headers.get('location')!;
    assert.ok(location.startsWith(`${lab.url}/join/${markup.id}_`), location);
    const page = await fetch(location);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes('Quarterly review &#60;img src=x onerror=alert(1)&#62;'), 'title shown, escaped');
    assert.ok(!html.includes('<img src=x'));
    assert.match(html, /data-testid="joined-as">Helen Park</);
    assert.equal(lab.state.joins.at(-1)!.title, markup.title);

    const json = await api('helen', '/v1/meetings/join', { method: 'POST', json: { meetingNumber: markup.meetingNumber, joinDirectly: false, expirationMinutes: 10 } });
    assert.equal(json.status, 200);
    const links = (await json.json()) as { joinLink: string; startLink?: string; expiration: string };
    assert.ok(links.joinLink.includes('integrationJoinToken='));
    assert.ok(links.startLink?.includes('integrationStartToken='), 'the host gets a start link');
    const minutes = (Date.parse(links.expiration) - Date.now()) / 60_000;
    assert.ok(minutes > 9 && minutes <= 10, `expiration in ~10 min: ${links.expiration}`);

    const dean = (await (await api('dean', '/v1/meetings/join', { method: 'POST', json: { webLink: markup.webLink, joinDirectly: false } })).json()) as {
      startLink?: string;
    };
    assert.equal(dean.startLink, undefined, 'an invitee gets no start link');

    await assertWebexError(await api('helen', '/v1/meetings/join', { method: 'POST', json: {} }), 400);
    await assertWebexError(await api('helen', '/v1/meetings/join', { method: 'POST', json: { meetingId: markup.id, meetingNumber: '1' } }), 400);
    await assertWebexError(await api('helen', '/v1/meetings/join', { method: 'POST', json: { meetingId: markup.id, expirationMinutes: 61 } }), 400);
    await assertWebexError(await api('kevin', '/v1/meetings/join', { method: 'POST', json: { meetingId: 'f'.repeat(32) } }), 404);
    const forged = await fetch(`${lab.url}/join/${markup.id}?integrationJoinToken=forged`);
    assert.equal(forged.status, 404);
  });

  it('starts the lobby meeting when its host joins', async () => {
    const occ = ((await (await api('kevin', '/v1/meetings?meetingType=scheduledMeeting&max=100')).json()) as { items: Meeting[] }).items;
    const lobby = occ.find((m) => m.state === 'lobby')!;
    const links = (await (await api('kevin', '/v1/meetings/join', { method: 'POST', json: { meetingId: lobby.meetingSeriesId, joinDirectly: false } })).json()) as {
      joinLink: string;
    };
    assert.equal((await fetch(links.joinLink)).status, 200);
    const after = (await (await api('kevin', `/v1/meetings/${lobby.id}`)).json()) as Meeting;
    assert.equal(after.state, 'inProgress');
  });

  it('answers 429 with Retry-After when throttled (next-n switch and per-window cap)', async () => {
    lab.settings.rateLimitNext = 1;
    const limited = await api('helen', '/v1/people/me');
    await assertWebexError(limited, 429);
    assert.equal(limited.headers.get('retry-after'), String(lab.settings.retryAfter));
    assert.equal((await api('helen', '/v1/people/me')).status, 200);

    lab.settings.rateLimit = { requests: 2, windowSeconds: 30 };
    try {
      const statuses: number[] = [];
      let retry: string | null = null;
      for (let i = 0; i < 4; i++) {
        const r = await api('helen', '/v1/people/me');
        statuses.push(r.status);
        if (r.status === 429) retry = r.headers.get('retry-after');
        await r.body?.cancel();
      }
      assert.deepEqual(statuses, [200, 200, 429, 429]);
      assert.ok(Number(retry) >= 1 && Number(retry) <= 30);
    } finally {
      lab.settings.rateLimit = null;
    }
  });

  it('counts failed creates against the daily quota', async () => {
    lab.settings.createQuotaPerDay = (lab.state.createAttempts.get('dean')?.length ?? 0) + 2;
    try {
      await assertWebexError(await api('dean', '/v1/meetings', { method: 'POST', json: {} }), 400);
      await assertWebexError(await api('dean', '/v1/meetings', { method: 'POST', json: {} }), 400);
      const res = await api('dean', '/v1/meetings', { method: 'POST', json: { title: 'ok', start: isoIn(3_600_000), end: isoIn(7_200_000) } });
      await assertWebexError(res, 429);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
    } finally {
      lab.settings.createQuotaPerDay = 100;
    }
  });

  it('sends CORS headers for any origin, exposing Link, and answers preflights for PATCH', async () => {
    const pre = await fetch(`${lab.url}/v1/meetings/abc`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type, timezone' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.match(pre.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    assert.match(pre.headers.get('access-control-allow-headers') ?? '', /timezone/);
    const get = await api('helen', '/v1/meetings?max=1', { headers: { origin: 'http://localhost:5173' } });
    assert.equal(get.headers.get('access-control-allow-origin'), '*');
    assert.match(get.headers.get('access-control-expose-headers') ?? '', /Link/);
    assert.ok(get.headers.get('link'));
    const token = await fetch(`${lab.url}/v1/access_token`, { method: 'POST', headers: { origin: 'http://localhost:5173' } });
    assert.equal(token.headers.get('access-control-allow-origin'), '*');

    lab.settings.cors = 'off';
    try {
      const off = await api('helen', '/v1/people/me', { headers: { origin: 'http://localhost:5173' } });
      assert.equal(off.headers.get('access-control-allow-origin'), null);
    } finally {
      lab.settings.cors = '*';
    }
  });

  it('logs every request with its status', async () => {
    const n = lab.requests.length;
    await (await fetch(`${lab.url}/v1/meetings`)).text();
    const entry = lab.requests[n]!;
    assert.deepEqual(entry, { method: 'GET', path: '/v1/meetings', status: 401 });
  });
});
