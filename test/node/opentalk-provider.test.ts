/**
 * The OpenTalk adapter against the lab's controller and realm over real HTTP, with user tokens
 * from the realm's code flow: visibility, paging with and without a readable `Link`, filters,
 * create/update mapping checked against the emulator's stored state, invitations and guest links,
 * error bodies on model fields, the ACL's empty 403, and the 401 → refresh path.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody, type RunningService } from '../../demo/lab/http.js';
import { startOpentalk, type OpentalkLab } from '../../demo/lab/opentalk/index.js';
import type { SessionConfig } from '../../src/auth/config.js';
import { zonedToEpoch } from '../../src/elements/create-meeting/zoned-time.js';
import type { Conference } from '../../src/model/conference.js';
import { TcError } from '../../src/model/error.js';
import { wallClock } from '../../src/model/time-zone.js';
import { createProvider, OpentalkProvider } from '../../src/providers/opentalk/index.js';
import { opentalkSignIn, RealmTokens } from '../support/opentalk-login.js';

const CALLBACK = 'http://127.0.0.1:5199/callback';
const ZONE = 'Europe/Berlin';

let lab: OpentalkLab;
/** The controller as a browser sees it cross-origin: every response's `Link` header is unreadable. */
let linkless: RunningService;
const tokens: Record<string, RealmTokens> = {};

before(async () => {
  lab = await startOpentalk({ redirectUris: [CALLBACK] });
  for (const user of ['helen', 'dean', 'kevin']) tokens[user] = new RealmTokens(lab, await opentalkSignIn(lab, user, CALLBACK));
  linkless = await listen(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers.set(k, v);
    const upstream = await fetch(new URL(req.url ?? '/', lab.url), {
      method: req.method ?? 'GET',
      headers,
      ...(body ? { body } : {}),
    });
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (name !== 'link' && name !== 'content-length' && name !== 'transfer-encoding') out[name] = value;
    });
    res.writeHead(upstream.status, out);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
});

after(async () => {
  await linkless?.close();
  await lab?.close();
});

function config(server = lab.url): SessionConfig {
  return {
    provider: 'opentalk',
    server,
    issuer: lab.issuer,
    clientId: lab.client.id,
    redirectUri: CALLBACK,
    scope: 'openid profile email',
    apiBase: undefined,
    apiVersion: undefined,
    loginMode: 'redirect',
    storage: 'memory',
  };
}

const providerFor = (user: string, server?: string) => new OpentalkProvider({ config: config(server), tokens: tokens[user]! });

async function rejection(promise: Promise<unknown>): Promise<TcError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TcError, `expected a TcError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

async function walk(provider: OpentalkProvider, filter: 'all' | 'upcoming', pageSize: number) {
  const pages: Conference[][] = [];
  let cursor: string | undefined;
  do {
    const page = await provider.list({ filter, pageSize, ...(cursor ? { cursor } : {}) });
    pages.push(page.items);
    cursor = page.next;
    assert.ok(pages.length < 50, 'paging ends');
  } while (cursor);
  return pages;
}

/** Tomorrow 10:00 in Berlin as a UTC instant. */
function tomorrowAtTen(): string {
  const today = wallClock(ZONE, Date.now());
  const d = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  const at = zonedToEpoch({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 10, minute: 0 }, ZONE);
  return new Date(at!).toISOString();
}

describe('OpenTalk adapter', () => {
  it('is created by the registry factory with the frontend and controller hosts as join hosts', () => {
    const provider = createProvider({ config: config(), tokens: tokens.helen! });
    assert.equal(provider.name, 'opentalk');
    assert.deepEqual(provider.joinHosts, [new URL(lab.url).host]);
    assert.equal(provider.capabilities.startStop, false);
    assert.equal(provider.capabilities.participants, false);
    assert.equal(provider.capabilities.invitations, true);
  });

  it('me(): the signed-in user from /v1/users/me', async () => {
    const me = await providerFor('helen').me();
    assert.deepEqual(me, { id: lab.seed.users.helen, displayName: 'Helen Park', email: 'helen@lab.test' });
  });

  it("list(all): helen sees her events and the ones she is invited to, not kevin's private one", async () => {
    const page = await providerFor('helen').list({ filter: 'all', pageSize: 100 });
    const byId = new Map(page.items.map((c) => [c.id, c]));
    const { events, rooms } = lab.seed;
    assert.ok(byId.has(events.myConference!));
    assert.ok(byId.has(events.retro!), "kevin's retro: helen is invited");
    assert.ok(!byId.has(events.kevinPrivate!), "kevin's private event stays private");
    assert.equal(page.next, undefined);
    const mine = byId.get(events.myConference!)!;
    assert.equal(mine.title, 'My Conference');
    assert.equal(mine.state, 'scheduled');
    assert.equal(mine.mode, 'default');
    assert.equal(mine.schedule.kind, 'once');
    assert.equal(mine.schedule.durationMinutes, 60);
    assert.equal(mine.schedule.timeZone, ZONE);
    assert.equal(mine.owner?.displayName, 'Helen Park');
    assert.equal(mine.joinUrl, `${lab.url}/room/${rooms.myConference}`);
    assert.equal(mine.capabilities.canEdit, true);
    assert.equal(mine.capabilities.canStart, false);
    assert.equal(byId.get(events.retro!)!.capabilities.canEdit, false, 'not hers to edit');
    assert.equal(byId.get(events.retro!)!.state, 'ended');
    assert.equal(byId.get(events.live!)!.state, 'live');
    assert.equal(byId.get(events.adhoc!)!.state, 'stopped', 'a time-independent event is a standing room');
    assert.equal(byId.get(events.adhoc!)!.schedule.kind, 'none');
    const standup = byId.get(events.standup!)!;
    assert.equal(standup.schedule.kind, 'weekly', 'a daily Mon–Fri series is weekly on five days');
    assert.deepEqual(standup.schedule.days, [1, 2, 3, 4, 5]);
    assert.equal(byId.get(events.endedSeries!)!.state, 'ended');
    assert.equal(byId.get(events.html!)!.title, 'Review <img src=x onerror=alert(1)>', 'titles are data, kept as sent');
  });

  it('pages with the cursor rebuilt from the last item, the same as following the Link', async () => {
    const whole = (await providerFor('helen').list({ filter: 'all', pageSize: 100 })).items.map((c) => c.id);
    assert.ok(whole.length > 8, `enough events to page (${whole.length})`);
    const requestsBefore = lab.requests.length;
    const viaLink = (await walk(providerFor('helen'), 'all', 3)).flat().map((c) => c.id);
    const withoutLink = await walk(providerFor('helen', linkless.url), 'all', 3);
    assert.ok(withoutLink.length >= 3, 'several pages');
    assert.ok(withoutLink.slice(0, -1).every((p) => p.length === 3), 'full pages before the last');
    assert.deepEqual(viaLink, whole);
    assert.deepEqual(withoutLink.flat().map((c) => c.id), whole);
    const afterCalls = lab.requests.slice(requestsBefore).filter((r) => r.path === '/v1/events' && r.status !== 200);
    assert.deepEqual(afterCalls, [], 'every rebuilt cursor was accepted');
  });

  it('filters: upcoming = not over yet (no standing rooms); running = live now', async () => {
    const upcoming = (await walk(providerFor('helen'), 'upcoming', 5)).flat();
    const ids = upcoming.map((c) => c.id);
    assert.ok(ids.includes(lab.seed.events.myConference!));
    assert.ok(!ids.includes(lab.seed.events.oldCall!), 'ended');
    assert.ok(!ids.includes(lab.seed.events.adhoc!), 'time-independent');
    assert.ok(upcoming.every((c) => c.state === 'live' || c.state === 'scheduled'), JSON.stringify(upcoming.map((c) => c.state)));
    const running = await providerFor('helen').list({ filter: 'running', pageSize: 100 });
    assert.deepEqual(running.items.map((c) => c.id), [lab.seed.events.live]);
  });

  it('creates a one-time meeting tomorrow 10:00 Berlin with invitees and a guest link; reads it back the same', async () => {
    const provider = providerFor('helen');
    const start = tomorrowAtTen();
    const created = await provider.create({
      title: 'Abstimmung Größe',
      description: 'Erster Termin',
      schedule: { kind: 'once', start, durationMinutes: 45, timeZone: ZONE },
      invitees: [{ id: lab.seed.users.dean! }, { id: 'guest@example.org', isModerator: true }],
      allowGuests: true,
    });
    const stored = lab.state.events.get(created.id)!;
    assert.equal(stored.title, 'Abstimmung Größe');
    assert.equal(stored.isTimeIndependent, false);
    assert.deepEqual(stored.startsAt, { datetime: start.replace(/\.000Z$/, 'Z'), timezone: ZONE });
    assert.equal(Date.parse(stored.endsAt!.datetime) - Date.parse(start), 45 * 60_000);
    assert.deepEqual(stored.recurrencePattern, []);
    assert.deepEqual(
      stored.invitees.map((i) => [i.userId ?? i.email, i.role]),
      [[lab.seed.users.dean, 'user'], ['guest@example.org', 'moderator']],
    );
    assert.deepEqual(created.schedule, { kind: 'once', start, durationMinutes: 45, timeZone: ZONE });
    assert.equal(created.state, 'scheduled');
    assert.equal(created.description, 'Erster Termin');
    assert.equal(created.allowGuests, true);
    assert.equal(created.joinUrl, `${lab.url}/room/${stored.roomId}`);
    assert.match(created.guestUrl ?? '', new RegExp(`^${lab.url}/room/${stored.roomId}\\?invite=[0-9a-f-]{36}$`));
    const guestPage = await fetch(created.guestUrl!);
    assert.equal(guestPage.status, 200, 'the guest link opens the room');
    // An email invitee's profile carries no role (spec §7.3), so the moderator flag is not read back.
    assert.deepEqual(
      created.invitees.map((i) => [i.id, i.isModerator ?? false]),
      [[lab.seed.users.dean, false], ['guest@example.org', false]],
    );
    assert.deepEqual((await provider.invitees(created.id)).map((i) => i.displayName ?? i.email), ['Dean Окунев', 'guest@example.org']);
    // The invitee sees it, without the owner's guest link.
    const asDean = await providerFor('dean').get(created.id);
    assert.equal(asDean.capabilities.canEdit, false);
    assert.equal(asDean.guestUrl, undefined);
  });

  it('creates a weekly meeting (Mon, Wed) and maps it back; update and remove', async () => {
    const provider = providerFor('helen');
    const start = tomorrowAtTen();
    const created = await provider.create({
      title: 'Wöchentliche Runde',
      schedule: { kind: 'weekly', start, durationMinutes: 30, timeZone: ZONE, days: [3, 1] },
    });
    const stored = lab.state.events.get(created.id)!;
    assert.deepEqual(stored.recurrencePattern, ['FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE']);
    assert.equal(stored.startsAt!.timezone, ZONE);
    assert.deepEqual(created.schedule, { kind: 'weekly', start, durationMinutes: 30, timeZone: ZONE, days: [1, 3] });
    assert.equal(created.state, 'scheduled');
    assert.equal(created.guestUrl, undefined, 'no guest link unless asked for');

    const updated = await provider.update(created.id, { title: 'Runde (offen)', schedule: { kind: 'none' } });
    assert.equal(updated.title, 'Runde (offen)');
    assert.deepEqual(updated.schedule, { kind: 'none' });
    assert.equal(updated.state, 'stopped');
    assert.equal(lab.state.events.get(created.id)!.isTimeIndependent, true);
    const back = await provider.update(created.id, { schedule: { kind: 'once', start, durationMinutes: 15, timeZone: 'Europe/Moscow' } });
    assert.deepEqual(back.schedule, { kind: 'once', start, durationMinutes: 15, timeZone: 'Europe/Moscow' });

    await provider.remove(created.id);
    assert.equal(lab.state.events.has(created.id), false);
    const gone = await rejection(provider.get(created.id));
    assert.equal(gone.kind, 'forbidden', 'the ACL answers for unknown ids too');
  });

  it('maps validation_errors onto model fields (title), and checks the zone before sending', async () => {
    const provider = providerFor('helen');
    const error = await rejection(provider.create({ title: 'x'.repeat(300), schedule: { kind: 'once', start: tomorrowAtTen(), durationMinutes: 30, timeZone: ZONE } }));
    assert.equal(error.kind, 'validation');
    assert.equal(error.status, 422);
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(Object.keys(error.fields), ['title']);
    const before = lab.requests.length;
    const zone = await rejection(provider.create({ title: 'Zone', schedule: { kind: 'once', start: tomorrowAtTen(), timeZone: 'Mars/Olympus' } }));
    assert.equal(zone.kind, 'validation');
    assert.ok(zone.fields['schedule.timeZone']);
    assert.equal(lab.requests.length, before, 'nothing was sent');
    const start = await rejection(provider.create({ title: 'No start', schedule: { kind: 'once', timeZone: ZONE } }));
    assert.ok(start.fields['schedule.start']);
  });

  it("the ACL's empty-body 403 becomes kind forbidden", async () => {
    const helen = providerFor('helen');
    const read = await rejection(helen.get(lab.seed.events.kevinPrivate!));
    assert.equal(read.kind, 'forbidden');
    assert.equal(read.status, 403);
    const write = await rejection(helen.update(lab.seed.events.quarterly!, { title: 'Mine now' }));
    assert.equal(write.kind, 'forbidden');
    assert.equal(lab.state.events.get(lab.seed.events.quarterly!)!.title, 'Quartalsplanung Q3 – Größe & Prioritäten');
  });

  it('start, stop and participants are not in the API: they reject with kind config', async () => {
    const provider = providerFor('helen');
    for (const call of [provider.start('x'), provider.stop('x'), provider.participants('x')]) {
      const error = await rejection(call);
      assert.equal(error.kind, 'config');
      assert.equal(error.code, 'opentalk.unsupported');
    }
  });

  it('an expired access token is refreshed once at the realm and the call retried', async () => {
    const provider = providerFor('kevin');
    lab.expireAccessTokens();
    const before = tokens.kevin!.refreshCalls;
    const [me, page] = await Promise.all([provider.me(), provider.list({ pageSize: 5 })]);
    assert.equal(me.displayName, 'Kevin Müller');
    assert.ok(page.items.length > 0);
    assert.equal(tokens.kevin!.refreshCalls - before, 1);
  });
});
