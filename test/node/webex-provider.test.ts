/**
 * The Webex adapter against the lab's Webex emulator over real HTTP. Tokens come from the
 * emulator's real OAuth form flow (login page, code, secret-authenticated exchange — the part the
 * bridge does in production). Covers visibility and ownership, Link paging, create once and weekly
 * (checked against the emulator's stored series), server and client validation on model fields,
 * 429 + Retry-After, refresh on 401, update, delete and me().
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startWebex, type WebexLab } from '../../demo/lab/webex/index.js';
import type { SessionConfig } from '../../src/auth/config.js';
import type { TokenSource } from '../../src/http/token-source.js';
import type { Conference, Weekday } from '../../src/model/conference.js';
import { TcError } from '../../src/model/error.js';
import { wallClock } from '../../src/model/time-zone.js';
import { createProvider, WebexProvider, type WebexProviderOptions } from '../../src/providers/webex/index.js';

const REDIRECT = 'http://127.0.0.1:9/bridge/callback'; // only parsed, never contacted
const SCOPE = 'meeting:schedules_read meeting:schedules_write spark:kms';
let lab: WebexLab;

before(async () => {
  lab = await startWebex();
  lab.client.redirectUris.push(REDIRECT);
});
after(() => lab.close());

const decode = (html: string) => html.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

/** Signs in on the emulator's login form like a browser and returns the authorization code. */
async function authorizationCode(login: string): Promise<string> {
  const url = new URL(`${lab.url}/v1/authorize`);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: lab.client.id, redirect_uri: REDIRECT, scope: SCOPE, state: 's' })) {
    url.searchParams.set(k, v);
  }
  const html = await (await fetch(url)).text();
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  assert.ok(action, 'login form present');
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(decode(m[1]!), decode(m[2]!));
  form.set('username', login);
  form.set('password', login);
  const res = await fetch(new URL(decode(action), lab.url), { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(res.status, 302);
  const code = new URL(res.headers.get('location')!).searchParams.get('code');
  assert.ok(code);
  return code;
}

/** The session's side: code exchange and refresh with the client secret (the bridge's job in production). */
class LabTokens implements TokenSource {
  access: string | undefined;
  refreshToken: string | undefined;
  refreshCalls = 0;
  constructor(private readonly login: string) {}

  private async grant(fields: Record<string, string>): Promise<void> {
    const res = await fetch(`${lab.url}/v1/access_token`, {
      method: 'POST',
      body: new URLSearchParams({ ...fields, client_id: lab.client.id, client_secret: lab.client.secret }),
    });
    const body = (await res.json()) as { access_token?: string; refresh_token?: string };
    assert.equal(res.status, 200, JSON.stringify(body));
    this.access = body.access_token;
    if (body.refresh_token) this.refreshToken = body.refresh_token;
  }

  async signIn(): Promise<void> {
    await this.grant({ grant_type: 'authorization_code', code: await authorizationCode(this.login), redirect_uri: REDIRECT });
  }

  async getAccessToken(): Promise<string | undefined> {
    return this.access;
  }

  async refresh(_rejected: string): Promise<string | undefined> {
    this.refreshCalls += 1;
    await this.grant({ grant_type: 'refresh_token', refresh_token: this.refreshToken! });
    return this.access;
  }
}

function config(): SessionConfig {
  return {
    provider: 'webex',
    server: lab.url,
    issuer: 'http://127.0.0.1:9/bridge',
    clientId: 'portal',
    redirectUri: undefined,
    scope: undefined,
    apiBase: undefined,
    apiVersion: undefined,
    loginMode: 'redirect',
    storage: 'memory',
  };
}

const signedInTokens = new Map<string, LabTokens>();
async function signedIn(login = 'helen', options: WebexProviderOptions = {}) {
  let tokens = signedInTokens.get(login);
  if (!tokens) {
    tokens = new LabTokens(login);
    await tokens.signIn();
    signedInTokens.set(login, tokens);
  }
  return { provider: new WebexProvider({ config: config(), tokens }, options), tokens };
}

const rejectsWith = async (promise: Promise<unknown>, check: (e: TcError) => void) => {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof TcError, `expected TcError, got ${String(e)}`);
    check(e);
    return true;
  });
};

/** Tomorrow (Berlin calendar) at hh:mm Berlin time, as an ISO instant, and that day's weekday. */
function berlinTomorrow(hh: number, mm = 0): { iso: string; weekday: Weekday } {
  const day = wallClock('Europe/Berlin', Date.now() + 86_400_000);
  // Berlin is UTC+1 or UTC+2: try both and keep the one that shows hh:mm there.
  for (const offset of [1, 2]) {
    const t = Date.UTC(day.year, day.month - 1, day.day, hh - offset, mm);
    const w = wallClock('Europe/Berlin', t);
    if (w.hour === hh && w.minute === mm && w.day === day.day) return { iso: new Date(t).toISOString(), weekday: w.weekday };
  }
  throw new Error('no such Berlin time');
}

const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
const posts = () => lab.requests.filter((r) => r.method === 'POST' && r.path === '/v1/meetings').length;

it('createProvider builds the adapter from the registry context', () => {
  const provider = createProvider({ config: config(), tokens: new LabTokens('helen') });
  assert.equal(provider.name, 'webex');
  assert.deepEqual(provider.joinHosts, [new URL(lab.url).host, '*.webex.com']);
  assert.equal(provider.capabilities.startStop, false);
  assert.equal(provider.capabilities.participants, false);
  assert.deepEqual(provider.capabilities.schedules, ['once', 'weekly']);
});

it('me() reads /v1/people/me', async () => {
  const { provider } = await signedIn('helen');
  assert.deepEqual(await provider.me(), { id: lab.state.personId('helen'), displayName: 'Helen Park', email: 'helen@lab.test' });
});

describe('list', () => {
  it("all: helen's own and invited series, not others', paged through Link rel=next", async () => {
    const now = Date.now();
    const { provider } = await signedIn('helen', { now: () => now });
    const seen: Conference[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await provider.list({ pageSize: 3, ...(cursor ? { cursor } : {}) });
      assert.ok(page.items.length <= 3);
      seen.push(...page.items);
      if (page.next) assert.ok(page.next.startsWith(`${lab.url}/v1/meetings?`), 'the cursor is the Link URL');
      cursor = page.next;
      pages += 1;
    } while (cursor && pages < 20);
    const from = now - 30 * 86_400_000;
    const to = now + 365 * 86_400_000;
    const expected = [...lab.state.series.values()]
      .filter((s) => s.host === 'helen' || s.invitees.some((i) => i.email === 'helen@lab.test'))
      .filter((s) => lab.state.occurrences(s, to).some((o) => o.end > from && o.start < to))
      .map((s) => s.id)
      .sort();
    assert.deepEqual(seen.map((c) => c.id).sort(), expected);
    assert.ok(pages >= 3, `several pages (${pages})`);
    assert.ok(!seen.some((c) => c.title === 'Kevin 1:1 (private)'), "kevin's private meeting is not listed");

    const own = seen.find((c) => c.title === 'My Conference')!;
    assert.equal(own.owner?.id, lab.state.personId('helen'));
    assert.equal(own.state, 'scheduled');
    assert.equal(own.mode, 'default');
    assert.deepEqual(own.capabilities, { canStart: false, canStop: false, canEdit: true, canDelete: true, canInvite: false, canJoin: true });
    assert.match(own.joinUrl ?? '', new RegExp(`^${lab.url}/lab/j\\.php\\?MTID=m[0-9a-f]+$`));

    const others = seen.find((c) => c.title.startsWith('Wöchentliche Teamrunde'))!;
    assert.deepEqual(others.owner, { id: lab.state.personId('kevin'), displayName: 'Kevin Müller', email: 'kevin@lab.test' });
    assert.equal(others.capabilities.canEdit, false);
    assert.equal(others.capabilities.canDelete, false);
    assert.equal(others.capabilities.canJoin, true);
    assert.equal(others.schedule.kind, 'weekly');
    assert.deepEqual(others.schedule.days, [1, 4]);
    assert.equal(others.schedule.timeZone, 'Europe/Berlin');
    assert.equal(others.schedule.durationMinutes, 60);

    const markup = seen.find((c) => c.title.startsWith('Quarterly review'))!;
    assert.equal(markup.title, 'Quarterly review <img src=x onerror=alert(1)>');
    assert.equal(markup.description, '<b>Q3</b> numbers & "plans"');
    const expired = seen.find((c) => c.title === 'Retrospektive Sprint 41')!;
    assert.equal(expired.state, 'ended');
    assert.equal(expired.capabilities.canJoin, false);
  });

  it('upcoming: occurrences from now, with live ones; max is capped at 100', async () => {
    const { provider } = await signedIn('helen');
    const before = lab.requests.length;
    const page = await provider.list({ filter: 'upcoming', pageSize: 500 });
    const sent = lab.requests.slice(before).find((r) => r.path === '/v1/meetings');
    assert.equal(sent?.status, 200, 'a page size over 100 is sent as max=100, which Webex accepts');
    assert.ok(page.items.length > 0);
    assert.ok(page.items.every((c) => c.state === 'live' || c.state === 'scheduled'));
    assert.ok(page.items.every((c) => /^[0-9a-f]{32}_\d{8}T\d{6}Z$/.test(c.id)), 'occurrence ids');
    const live = page.items.find((c) => c.title === 'Планёрка отдела продаж');
    assert.equal(live?.state, 'live');
    assert.equal(live?.capabilities.canEdit, false);
    assert.ok(page.items.some((c) => c.title === 'Design review' && c.state === 'scheduled'));
    assert.ok(!page.items.some((c) => c.title === 'Kevin 1:1 (private)'));
  });

  it('running: live instances only (in progress and in the lobby)', async () => {
    const { provider } = await signedIn('helen');
    const page = await provider.list({ filter: 'running' });
    assert.deepEqual(page.items.map((c) => c.title).sort(), ['Планёрка отдела продаж', 'Совещание: бюджет 2026']);
    assert.ok(page.items.every((c) => c.state === 'live' && !c.capabilities.canEdit && c.capabilities.canJoin));
  });
});

describe('create, get, update, remove', () => {
  it('creates a one-time meeting once (tomorrow 10:00 Berlin) and reads it back with its invitees', async () => {
    const { provider } = await signedIn('helen');
    const { iso } = berlinTomorrow(10);
    const title = unique('Planung');
    const sent = posts();
    const created = await provider.create({
      title,
      description: 'Agenda: Größen',
      schedule: { kind: 'once', start: iso, durationMinutes: 45, timeZone: 'Europe/Berlin' },
      invitees: [{ id: 'dean@lab.test', displayName: 'Dean' }],
    });
    assert.equal(posts() - sent, 1, 'one POST');
    const series = lab.state.series.get(created.id);
    assert.ok(series, 'stored in the lab');
    assert.equal(series.title, title);
    assert.equal(series.agenda, 'Agenda: Größen');
    assert.equal(series.start, Date.parse(iso));
    assert.equal(series.end, Date.parse(iso) + 45 * 60_000);
    assert.equal(series.timezone, 'Europe/Berlin');
    assert.equal(series.recurrence, undefined);
    assert.deepEqual(series.invitees.map((i) => i.email), ['dean@lab.test']);
    assert.equal(created.state, 'scheduled');
    assert.deepEqual(created.schedule, { kind: 'once', start: iso, durationMinutes: 45, timeZone: 'Europe/Berlin' });

    const got = await provider.get(created.id);
    assert.deepEqual(got.schedule, created.schedule);
    assert.equal(got.title, title);
    assert.equal(got.description, 'Agenda: Größen');
    assert.deepEqual(got.invitees, [{ id: 'dean@lab.test', email: 'dean@lab.test', displayName: 'Dean' }]);
    assert.equal(got.capabilities.canEdit, true);

    // The invitee sees it as someone else's meeting.
    const { provider: dean } = await signedIn('dean');
    const asDean = await dean.get(created.id);
    assert.equal(asDean.capabilities.canEdit, false);
    assert.equal(asDean.owner?.displayName, 'Helen Park');
  });

  it('creates a weekly meeting (RRULE with local weekdays) and round-trips it', async () => {
    const { provider } = await signedIn('helen');
    const { iso, weekday } = berlinTomorrow(10);
    const other = ((weekday + 2) % 7) as Weekday;
    const days = [weekday, other].sort((a, b) => a - b) as Weekday[];
    const created = await provider.create({
      title: unique('Wochenrunde'),
      schedule: { kind: 'weekly', start: iso, durationMinutes: 30, timeZone: 'Europe/Berlin', days },
    });
    const series = lab.state.series.get(created.id)!;
    const names = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
    const byDay = [weekday, other].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => names[d]).join(',');
    assert.equal(series.recurrence, `FREQ=WEEKLY;INTERVAL=1;BYDAY=${byDay}`);
    // Every occurrence is at 10:00 Berlin on one of the chosen days, the first one tomorrow.
    const occurrences = lab.state.occurrences(series, Date.now() + 60 * 86_400_000);
    assert.equal(occurrences[0]!.start, Date.parse(iso));
    for (const o of occurrences) {
      const w = wallClock('Europe/Berlin', o.start);
      assert.equal(`${w.hour}:${w.minute}`, '10:0');
      assert.ok(days.includes(w.weekday));
    }
    const expected = { kind: 'weekly', start: iso, durationMinutes: 30, timeZone: 'Europe/Berlin', days };
    assert.deepEqual(created.schedule, expected);
    assert.deepEqual((await provider.get(created.id)).schedule, expected);
  });

  it("the server's validation errors land on the model's fields; the trackingId is kept", async () => {
    const { provider } = await signedIn('helen');
    const { iso } = berlinTomorrow(11);
    const schedule = { kind: 'once' as const, start: iso, durationMinutes: 30, timeZone: 'Europe/Berlin' };
    await rejectsWith(provider.create({ title: '   ', schedule, invitees: [{ id: 'dean' }] }), (e) => {
      assert.equal(e.kind, 'validation');
      assert.equal(e.status, 400);
      assert.equal(e.message, 'Some fields need attention.');
      assert.deepEqual(Object.keys(e.fields).sort(), ['invitees', 'title']);
      assert.equal(e.fields.title, 'title is required.');
      assert.match(e.fields.invitees!, /invitees\[0\]\.email is not a valid e-mail address/);
      assert.match(e.code ?? '', /^[0-9A-F]{32}_\d{13}$/);
    });
  });

  it("Webex's own rules are checked before sending (failed creates count against the daily quota)", async () => {
    const { provider } = await signedIn('helen');
    const { iso } = berlinTomorrow(12);
    const sent = posts();
    await rejectsWith(provider.create({ title: 'Short', schedule: { kind: 'once', start: iso, durationMinutes: 5, timeZone: 'UTC' } }), (e) => {
      assert.equal(e.kind, 'validation');
      assert.ok(e.fields['schedule.durationMinutes']);
    });
    const past = new Date(Date.now() - 3_600_000).toISOString();
    await rejectsWith(provider.create({ title: 'Past', schedule: { kind: 'once', start: past, durationMinutes: 30, timeZone: 'UTC' } }), (e) => {
      assert.ok(e.fields['schedule.start']);
    });
    await rejectsWith(provider.create({ title: 'Room', schedule: { kind: 'none' } }), (e) => assert.ok(e.fields['schedule.kind']));
    assert.equal(posts(), sent, 'nothing was sent');
  });

  it('update PATCHes the changed fields; a one-time schedule clears the rule', async () => {
    const { provider } = await signedIn('helen');
    const { iso, weekday } = berlinTomorrow(9);
    const created = await provider.create({
      title: unique('Edit me'),
      schedule: { kind: 'weekly', start: iso, durationMinutes: 30, timeZone: 'Europe/Berlin', days: [weekday] },
    });
    const before = lab.requests.length;
    const renamed = await provider.update(created.id, { title: 'Renamed' });
    assert.equal(renamed.title, 'Renamed');
    assert.equal(renamed.schedule.kind, 'weekly', 'the schedule is untouched');
    assert.deepEqual(lab.requests.slice(before).map((r) => [r.method, r.status]), [['PATCH', 200]]);
    const later = berlinTomorrow(14).iso;
    const moved = await provider.update(created.id, { schedule: { kind: 'once', start: later, durationMinutes: 60, timeZone: 'Europe/Berlin' } });
    assert.deepEqual(moved.schedule, { kind: 'once', start: later, durationMinutes: 60, timeZone: 'Europe/Berlin' });
    assert.equal(lab.state.series.get(created.id)!.recurrence, undefined);
    await rejectsWith(provider.update(created.id, { invitees: [] }), (e) => assert.equal(e.code, 'webex.unsupported'));
  });

  it("someone else's meeting cannot be changed (403 forbidden)", async () => {
    const { provider } = await signedIn('helen');
    const kevins = [...lab.state.series.values()].find((s) => s.title.startsWith('Wöchentliche Teamrunde'))!;
    await rejectsWith(provider.update(kevins.id, { title: 'Mine now' }), (e) => {
      assert.equal(e.kind, 'forbidden');
      assert.equal(e.status, 403);
      assert.equal(e.message, 'Only the host can update the meeting.');
    });
  });

  it('remove deletes with 204; the meeting is then not found', async () => {
    const { provider } = await signedIn('helen');
    const created = await provider.create({
      title: unique('Delete me'),
      schedule: { kind: 'once', start: berlinTomorrow(16).iso, durationMinutes: 15, timeZone: 'Europe/Berlin' },
    });
    await provider.remove(created.id);
    assert.equal(lab.requests.at(-1)?.status, 204);
    assert.equal(lab.state.series.has(created.id), false);
    await rejectsWith(provider.get(created.id), (e) => assert.equal(e.kind, 'not-found'));
  });

  it('start, stop, invite and participants are not offered by the API', async () => {
    const { provider } = await signedIn('helen');
    for (const call of [provider.start('x'), provider.stop('x'), provider.invite('x', [{ id: 'a@b.c' }]), provider.participants('x')]) {
      await rejectsWith(call, (e) => assert.equal(e.code, 'webex.unsupported'));
    }
  });
});

describe('throttling and expiry', () => {
  it('429 with a short Retry-After is waited out and retried once', async () => {
    const { provider } = await signedIn('helen');
    await provider.me();
    lab.settings.retryAfter = 1;
    lab.settings.rateLimitNext = 1;
    const before = lab.requests.length;
    const page = await provider.list({ filter: 'upcoming' });
    assert.ok(page.items.length > 0);
    assert.deepEqual(lab.requests.slice(before).map((r) => r.status), [429, 200]);
  });

  it('429 with a long Retry-After becomes a rate-limited TcError with retryAfter', async () => {
    const { provider } = await signedIn('helen');
    await provider.me();
    lab.settings.retryAfter = 120;
    lab.settings.rateLimitNext = 1;
    try {
      await rejectsWith(provider.list({ filter: 'upcoming' }), (e) => {
        assert.equal(e.kind, 'rate-limited');
        assert.equal(e.status, 429);
        assert.equal(e.retryAfter, 120);
        assert.equal(e.retryable, true);
      });
    } finally {
      lab.settings.rateLimitNext = 0;
      lab.settings.retryAfter = 2;
    }
  });

  it('an expired access token is refreshed once and the call retried', async () => {
    const tokens = new LabTokens('kevin');
    await tokens.signIn();
    const provider = new WebexProvider({ config: config(), tokens });
    lab.state.expireAccessTokens();
    const me = await provider.me();
    assert.equal(me.displayName, 'Kevin Müller');
    assert.equal(tokens.refreshCalls, 1);
    // The other cached sign-ins were expired too: sign them in again.
    signedInTokens.clear();
  });
});
