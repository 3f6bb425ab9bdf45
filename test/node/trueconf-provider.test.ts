/**
 * The TrueConf adapter against the lab's TrueConf emulator over real HTTP, on API v3.11 and v4:
 * visibility, mapping both ways (checked against the emulator's stored state), validation errors on
 * model fields, run/stop, invitations, invite into a live conference, the token-rejected refresh
 * path, HTML error pages and idempotent create across a lost response.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, readBody, type RunningService } from '../../demo/lab/http.js';
import { startTrueconf, type TrueconfLab } from '../../demo/lab/trueconf/index.js';
import type { SessionConfig } from '../../src/auth/config.js';
import type { TokenSource } from '../../src/http/token-source.js';
import type { Conference, ConferenceDraft } from '../../src/model/conference.js';
import { TcError } from '../../src/model/error.js';
import { createProvider, TrueconfProvider } from '../../src/providers/trueconf/index.js';
import { zoneOffsetMinutes } from '../../src/providers/trueconf/time-zones.js';

let lab: TrueconfLab;
/** A pass-through proxy in front of the lab that can swallow one response (a "lost response"). */
let proxy: RunningService;
let dropNext: ((method: string, path: string) => boolean) | undefined;

before(async () => {
  lab = await startTrueconf();
  proxy = await listen(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const target = new URL(req.url ?? '/', lab.url);
    const drop = dropNext?.(req.method ?? 'GET', target.pathname) ?? false;
    if (drop) dropNext = undefined;
    const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        // The server did the work; the client never hears about it.
        if (drop) return void req.socket.destroy();
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(Buffer.concat(chunks));
      });
    });
    upstream.end(body);
  });
});

after(async () => {
  await proxy.close();
  await lab.close();
});

/** The session's side for tests: password grant, and a real refresh_token grant on refresh(). */
class LabTokens implements TokenSource {
  access: string | undefined;
  refreshToken: string | undefined;
  refreshCalls = 0;
  constructor(private readonly generation: 'v3' | 'v4', private readonly user: string) {}

  private async grant(params: Record<string, string>): Promise<void> {
    const v4 = this.generation === 'v4';
    const client = v4 ? { client_id: lab.client.id } : { client_id: 'trueconf_server_users' };
    const secret = v4 && params.grant_type === 'refresh_token' ? { client_secret: lab.client.secret } : {};
    const res = await fetch(`${lab.url}${v4 ? '/api/v4/oauth2/token' : '/oauth2/v1/token'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...params, ...client, ...secret }),
    });
    const body = (await res.json()) as { access_token?: string; refresh_token?: string };
    assert.equal(res.status, 200, JSON.stringify(body));
    this.access = body.access_token;
    if (body.refresh_token) this.refreshToken = body.refresh_token;
  }

  signIn(): Promise<void> {
    return this.grant({ grant_type: 'password', username: this.user, password: this.user });
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

function config(version: string, apiBase?: string): SessionConfig {
  return {
    provider: 'trueconf',
    server: lab.url,
    issuer: lab.url,
    clientId: lab.client.id,
    redirectUri: undefined,
    scope: undefined,
    apiBase,
    apiVersion: version,
    loginMode: 'redirect',
    storage: 'memory',
  };
}

async function signedIn(version: string, user = 'helen', options: { apiBase?: string; timeZones?: string[] } = {}) {
  const tokens = new LabTokens(version.startsWith('v4') ? 'v4' : 'v3', user);
  await tokens.signIn();
  const provider = new TrueconfProvider(
    { config: config(version, options.apiBase), tokens },
    { timeZones: options.timeZones ?? ['Europe/Berlin'] },
  );
  return { provider, tokens };
}

/** `daysAhead` days from today (Moscow calendar), at hh:mm Moscow time (UTC+3, no DST), as ISO. */
function moscow(daysAhead: number, hh: number, mm = 0): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Moscow', year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(new Date(Date.now() + daysAhead * 86_400_000))
      .map((p) => [p.type, p.value]),
  );
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), hh - 3, mm)).toISOString();
}

const rejectsWith = async (promise: Promise<unknown>, check: (e: TcError) => void) => {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof TcError, `expected TcError, got ${String(e)}`);
    check(e);
    return true;
  });
};

const stored = (id: string) => {
  const c = lab.state.conferences.get(id);
  assert.ok(c, `conference ${id} stored in the lab`);
  return c;
};

const unique = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;

it('createProvider builds the adapter from the registry context', async () => {
  const tokens = new LabTokens('v3', 'helen');
  const provider = createProvider({ config: config('v3.11'), tokens });
  assert.equal(provider.name, 'trueconf');
  assert.deepEqual(provider.joinHosts, [new URL(lab.url).host]);
  assert.deepEqual(provider.capabilities.modes, ['all-on-screen', 'lecture', 'role-based', 'smart-meeting']);
  assert.equal((provider as TrueconfProvider).api.baseUrl, `${lab.url}/api/v3.11`);
  const v4 = createProvider({ config: config('v4', 'http://127.0.0.1:1/proxy'), tokens }) as TrueconfProvider;
  assert.equal(v4.api.baseUrl, 'http://127.0.0.1:1/proxy/api/v4');
  const dflt = createProvider({ config: config(undefined as unknown as string), tokens }) as TrueconfProvider;
  assert.equal(dflt.api.version, 'v3.11');
});

for (const version of ['v3.11', 'v4']) {
  const prefix = `/api/${version}`;

  describe(`TrueConf ${version}`, () => {
    it('me() names the signed-in user', async () => {
      const { provider } = await signedIn(version);
      assert.deepEqual(await provider.me(), { id: 'helen@lab', displayName: 'Helen Park', email: 'helen@lab.test' });
    });

    it('list: helen sees her own and invited conferences, not others\'; paging with a cursor', async () => {
      const { provider } = await signedIn(version);
      const seen: Conference[] = [];
      let cursor: string | undefined;
      let pages = 0;
      let total: number | undefined;
      do {
        const page = await provider.list({ pageSize: 3, ...(cursor ? { cursor } : {}) });
        assert.ok(page.items.length <= 3);
        seen.push(...page.items);
        total = page.total;
        cursor = page.next;
        pages += 1;
      } while (cursor && pages < 20);
      const expected = [...lab.state.conferences.values()]
        .filter((c) => c.owner === 'helen' || c.invitations.some((i) => i.id === 'helen'))
        .map((c) => c.id)
        .sort();
      assert.deepEqual(seen.map((c) => c.id).sort(), expected);
      assert.equal(total, expected.length);
      assert.ok(pages >= 3, 'several pages were fetched');
      assert.ok(!seen.some((c) => c.id === '7785012239'), "kevin's private room is not listed");
      assert.ok(!seen.some((c) => c.id === '5037781126'), "dean's uninvited lecture is not listed");
    });

    it('list filter running asks the server for running conferences only', async () => {
      const { provider } = await signedIn(version);
      const page = await provider.list({ filter: 'running' });
      assert.ok(page.items.length > 0);
      assert.ok(page.items.every((c) => c.state === 'live'));
      assert.ok(page.items.some((c) => c.id === '5576502892'));
      const upcoming = await provider.list({ filter: 'upcoming', pageSize: 100 });
      assert.ok(upcoming.items.every((c) => c.state === 'live' || c.state === 'scheduled'));
      assert.ok(upcoming.items.some((c) => c.id === '7702215563'));
    });

    it('get maps a stored conference: links, owner, invitees, mode, state', async () => {
      const { provider } = await signedIn(version);
      const c = await provider.get('4219111751');
      assert.equal(c.title, 'My Conference');
      assert.equal(c.owner?.id, 'helen@lab');
      assert.equal(c.mode, 'all-on-screen');
      assert.equal(c.state, 'stopped');
      assert.deepEqual(c.schedule, { kind: 'none' });
      assert.equal(c.maxParticipants, 10);
      assert.equal(c.joinUrl, `${lab.url}/webrtc/4219111751`);
      assert.equal(c.guestUrl, `${lab.url}/c/4219111751`);
      assert.deepEqual(c.invitees.map((i) => i.id).sort(), ['dean', 'helen']);
      assert.deepEqual(c.capabilities, { canStart: true, canStop: false, canEdit: true, canDelete: true, canInvite: true, canJoin: true });

      const markup = await provider.get('3108842207');
      assert.equal(markup.title, 'Design review <img src=x onerror=alert(1)>');
      assert.equal(markup.mode, 'role-based');
      assert.equal(markup.state, 'scheduled');

      const interview = await provider.get('7702215563');
      assert.equal(interview.mode, 'lecture');
      assert.equal(interview.schedule.kind, 'once');
      assert.equal(interview.schedule.durationMinutes, 45);
      assert.equal(interview.schedule.start, new Date(stored('7702215563').schedule.type === 'once' ? (stored('7702215563').schedule as { startTime: number }).startTime * 1000 : 0).toISOString());
      // No zone name on TrueConf: a zone with the stored offset (+180) at that instant.
      assert.equal(zoneOffsetMinutes(interview.schedule.timeZone!, new Date(interview.schedule.start!)), 180);

      assert.equal((await provider.get('2290017344')).state, 'ended');
      const weekly = await provider.get('6615530098');
      assert.equal(weekly.schedule.kind, 'weekly');
      assert.equal(weekly.state, 'scheduled');
      assert.equal(weekly.schedule.days?.length, 2);

      const live = await provider.get('8801473650');
      assert.equal(live.state, 'live');
      assert.equal(live.mode, 'smart-meeting');
      assert.equal(live.owner?.id, 'dean@lab');
      assert.deepEqual(live.capabilities, { canStart: false, canStop: false, canEdit: false, canDelete: false, canInvite: false, canJoin: true });
    });

    it('get of an unknown or invisible conference is not-found', async () => {
      const { provider } = await signedIn(version);
      await rejectsWith(provider.get('7785012239'), (e) => assert.equal(e.kind, 'not-found'));
      await rejectsWith(provider.get('no_such_conf'), (e) => {
        assert.equal(e.kind, 'not-found');
        assert.equal(e.status, 404);
      });
    });

    it('creates a one-time meeting tomorrow 10:00 Europe/Moscow, 45 min, inviting dean (round trip)', async () => {
      const { provider } = await signedIn(version);
      const start = moscow(1, 10);
      const title = unique('Planning');
      const created = await provider.create({
        title,
        schedule: { kind: 'once', start, durationMinutes: 45, timeZone: 'Europe/Moscow' },
        invitees: [{ id: 'dean' }],
      });
      assert.equal(created.title, title);
      assert.equal(created.state, 'scheduled');
      assert.deepEqual(created.schedule, { kind: 'once', start, durationMinutes: 45, timeZone: 'Europe/Moscow' });
      assert.deepEqual(created.invitees.map((i) => i.id), ['dean']);
      assert.equal(created.owner?.id, 'helen@lab');
      assert.equal(created.joinUrl, `${lab.url}/webrtc/${created.id}`);

      const s = stored(created.id);
      assert.equal(s.owner, 'helen');
      assert.equal(s.mode, 'PxP');
      assert.deepEqual(s.schedule, {
        type: 'once',
        startTime: Date.parse(start) / 1000,
        duration: 45 * 60,
        time: '07:00',
        specialTimeOffset: 180,
      });

      // A fresh client (no memory of the zone) whose viewer is in Moscow names the zone back.
      const fresh = await signedIn(version, 'helen', { timeZones: ['Europe/Moscow'] });
      assert.deepEqual((await fresh.provider.get(created.id)).schedule, created.schedule);
      // Elsewhere the instant is the same, the zone a fixed +3.
      const berlin = await signedIn(version, 'helen', { timeZones: ['Europe/Berlin'] });
      const seenFromBerlin = await berlin.provider.get(created.id);
      assert.equal(seenFromBerlin.schedule.start, start);
      assert.equal(seenFromBerlin.schedule.timeZone, 'Etc/GMT-3');

      // Dean sees it through the invitation.
      const dean = await signedIn(version, 'dean');
      assert.ok((await dean.provider.list({ pageSize: 100 })).items.some((c) => c.id === created.id));
    });

    it('creates a weekly meeting whose local days cross midnight in UTC (round trip)', async () => {
      const { provider } = await signedIn(version);
      // 01:30 in Moscow is 22:30 UTC the day before.
      const start = moscow(2, 1, 30);
      const localDay = new Date(Date.parse(start) + 3 * 3_600_000).getUTCDay();
      const days = [localDay, (localDay + 3) % 7].sort() as ConferenceDraft['schedule']['days'];
      const created = await provider.create({
        title: unique('Weekly sync'),
        mode: 'role-based',
        schedule: { kind: 'weekly', start, durationMinutes: 60, timeZone: 'Europe/Moscow', days: days! },
      });
      assert.equal(created.mode, 'role-based');
      assert.equal(created.state, 'scheduled');
      assert.deepEqual(created.schedule, { kind: 'weekly', start, durationMinutes: 60, timeZone: 'Europe/Moscow', days });
      const s = stored(created.id);
      const names = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
      assert.equal(s.mode, 'S|L');
      assert.equal(s.schedule.type, 'week');
      if (s.schedule.type === 'week') {
        assert.equal(s.schedule.time, '22:30');
        assert.equal(s.schedule.specialTimeOffset, 180);
        assert.deepEqual([...s.schedule.days].sort(), days!.map((d) => names[(d + 6) % 7]!).sort());
      }
    });

    it('creates a room without schedule; every mode round-trips', async () => {
      const { provider } = await signedIn(version);
      const vendorMode = { 'all-on-screen': 'PxP', lecture: 'OxP', 'role-based': 'S|L', 'smart-meeting': 'S|L Auto' } as const;
      for (const mode of ['all-on-screen', 'lecture', 'role-based', 'smart-meeting'] as const) {
        const c = await provider.create({ title: unique(`Room ${mode}`), mode, schedule: { kind: 'none' }, allowGuests: mode === 'lecture', maxParticipants: 7 });
        assert.equal(c.mode, mode);
        assert.equal(c.state, 'stopped');
        assert.deepEqual(c.schedule, { kind: 'none' });
        assert.equal(c.maxParticipants, 7);
        assert.equal(c.allowGuests, mode === 'lecture');
        assert.equal(stored(c.id).mode, vendorMode[mode]);
        assert.equal(stored(c.id).access, mode === 'lecture' ? 'public' : 'private');
      }
    });

    it('validation errors come back on the model\'s field names', async () => {
      const { provider } = await signedIn(version);
      const before = lab.state.conferences.size;
      await rejectsWith(
        provider.create({
          title: '',
          maxParticipants: 100_000,
          schedule: { kind: 'once', start: moscow(1, 10), durationMinutes: 0, timeZone: 'Europe/Moscow' },
        }),
        (e) => {
          assert.equal(e.kind, 'validation');
          assert.equal(e.status, 400);
          assert.deepEqual(Object.keys(e.fields).sort(), ['maxParticipants', 'schedule.durationMinutes', 'title']);
          assert.equal(e.fields.maxParticipants, 'Enter a number from 1 to 100.');
          assert.equal(e.message, 'Some fields need attention.');
        },
      );
      await rejectsWith(provider.create({ title: 'No start', schedule: { kind: 'once', durationMinutes: 30, timeZone: 'UTC' } }), (e) => {
        assert.equal(e.kind, 'validation');
        assert.ok('schedule.start' in e.fields, JSON.stringify(e.fields));
      });
      await rejectsWith(provider.create({ title: 'Bad zone', schedule: { kind: 'once', start: moscow(1, 10), durationMinutes: 30, timeZone: 'Mars/Olympus' } }), (e) => {
        assert.equal(e.kind, 'validation');
        assert.ok('schedule.timeZone' in e.fields);
      });
      assert.equal(lab.state.conferences.size, before, 'nothing was created');
    });

    it('start, invite into the live conference, participants, stop', async () => {
      const { provider } = await signedIn(version);
      const room = await provider.create({ title: unique('Live test'), schedule: { kind: 'none' }, invitees: [{ id: 'dean' }] });
      const live = await provider.start(room.id);
      assert.equal(live.state, 'live');
      assert.equal(stored(room.id).state, 'running');
      assert.deepEqual(live.capabilities, { canStart: false, canStop: true, canEdit: false, canDelete: false, canInvite: true, canJoin: true });

      await provider.invite(room.id, [{ id: 'kevin' }]);
      assert.ok(lab.requests.some((r) => r.method === 'POST' && r.path === `${prefix}/conferences/${room.id}/invite` && r.status === 200));
      const people = await provider.participants(room.id);
      const kevin = people.find((p) => p.id === 'kevin@lab');
      assert.ok(kevin, JSON.stringify(people));
      assert.equal(kevin.displayName, 'Kevin Müller');
      assert.ok(kevin.joinedAt && !Number.isNaN(Date.parse(kevin.joinedAt)));

      const stopped = await provider.stop(room.id);
      assert.equal(stopped.state, 'stopped');
      assert.equal(stored(room.id).state, 'stopped');
      assert.deepEqual(await provider.participants(room.id), []);
    });

    it('invitations: invite into a stopped conference adds invitations once', async () => {
      const { provider } = await signedIn(version);
      const room = await provider.create({ title: unique('Invites'), schedule: { kind: 'none' }, invitees: [{ id: 'dean' }] });
      await provider.invite(room.id, [{ id: 'kevin', displayName: 'Kevin M.' }, { id: 'dean' }]);
      await provider.invite(room.id, [{ id: 'kevin' }]);
      const invitees = await provider.invitees(room.id);
      assert.deepEqual(invitees.map((i) => i.id).sort(), ['dean', 'kevin']);
      assert.equal(invitees.find((i) => i.id === 'kevin')?.displayName, 'Kevin M.');
      assert.deepEqual(stored(room.id).invitations.map((i) => i.id).sort(), ['dean', 'kevin']);
    });

    it('update changes only what was asked and keeps the rest', async () => {
      const { provider } = await signedIn(version);
      const room = await provider.create({
        title: unique('Editable'),
        mode: 'lecture',
        schedule: { kind: 'once', start: moscow(3, 9), durationMinutes: 30, timeZone: 'Europe/Moscow' },
        invitees: [{ id: 'kevin' }],
      });
      const updated = await provider.update(room.id, { description: 'Agenda: budgets', maxParticipants: 12 });
      assert.equal(updated.description, 'Agenda: budgets');
      assert.equal(updated.maxParticipants, 12);
      assert.equal(updated.mode, 'lecture');
      assert.deepEqual(updated.schedule, room.schedule);
      assert.deepEqual(updated.invitees.map((i) => i.id), ['kevin']);
      await provider.remove(room.id);
      assert.equal(lab.state.conferences.has(room.id), false);
    });

    it('a running conference refuses a title change: conflict on the title field', async () => {
      const { provider } = await signedIn(version);
      const room = await provider.create({ title: unique('Locked'), schedule: { kind: 'none' } });
      await provider.start(room.id);
      await rejectsWith(provider.update(room.id, { title: 'Renamed while live' }), (e) => {
        assert.equal(e.kind, 'conflict');
        assert.equal(e.code, 'conferenceIsRunning');
        assert.match(e.fields.title ?? '', /Only the description can be changed/);
      });
      const described = await provider.update(room.id, { description: 'Now with notes' });
      assert.equal(described.description, 'Now with notes');
      assert.equal(described.title, room.title);
      await provider.stop(room.id);
    });

    it('reads a weekly schedule stored without start_time as its next occurrence', async () => {
      const { provider } = await signedIn(version, 'helen', { timeZones: ['Europe/Berlin'] });
      const room = await provider.create({ title: unique('No start'), schedule: { kind: 'none' } });
      // Stored as the server might have it: Mondays and Fridays 23:30 UTC, +60 (local Tue/Sat 00:30).
      stored(room.id).schedule = { type: 'week', days: ['monday', 'friday'], time: '23:30', duration: 1800, startTime: null, specialTimeOffset: 60 };
      const c = await provider.get(room.id);
      assert.equal(c.schedule.kind, 'weekly');
      assert.deepEqual(c.schedule.days, [2, 6]);
      assert.equal(c.schedule.durationMinutes, 30);
      const start = new Date(c.schedule.start!);
      assert.ok(start.getTime() + 30 * 60_000 > Date.now(), 'not over yet');
      assert.ok(start.getTime() < Date.now() + 8 * 86_400_000, 'within a week');
      assert.equal(start.toISOString().slice(11, 16), '23:30');
      assert.ok([1, 5].includes(start.getUTCDay()));
      assert.equal(zoneOffsetMinutes(c.schedule.timeZone!, start), 60);
    });

    it("someone else's conference: forbidden with the server's message", async () => {
      const { provider } = await signedIn(version);
      await rejectsWith(provider.stop('8801473650'), (e) => {
        assert.equal(e.kind, 'forbidden');
        assert.equal(e.status, 403);
        assert.match(e.message, /owner/);
      });
      assert.equal(stored('8801473650').state, 'running');
    });

    it('a rejected token (v3: 403 accessTokenInvalid, v4: 401) is refreshed once and the call retried', async () => {
      const { provider, tokens } = await signedIn(version);
      lab.state.accessTokens.delete(tokens.access!);
      const mark = lab.requests.length;
      const page = await provider.list({ pageSize: 5 });
      assert.ok(page.items.length > 0);
      assert.equal(tokens.refreshCalls, 1);
      const log = lab.requests.slice(mark).filter((r) => r.path.endsWith('/conferences') || r.path.includes('token'));
      const rejected = version === 'v4' ? 401 : 403;
      assert.deepEqual(log.map((r) => `${r.method} ${r.path} ${r.status}`), [
        `GET ${prefix}/conferences ${rejected}`,
        `POST ${version === 'v4' ? '/api/v4/oauth2/token' : '/oauth2/v1/token'} 200`,
        `GET ${prefix}/conferences 200`,
      ]);
    });

    it('twenty concurrent calls with a dead token make one refresh request', async () => {
      const { provider, tokens } = await signedIn(version);
      await provider.me();
      lab.state.accessTokens.delete(tokens.access!);
      const mark = lab.requests.length;
      const ids = ['4219111751', '5576502892', '3108842207', '7702215563', '2290017344'];
      await Promise.all(Array.from({ length: 20 }, (_, i) => provider.get(ids[i % ids.length]!)));
      assert.equal(tokens.refreshCalls, 1);
      assert.equal(lab.requests.slice(mark).filter((r) => r.path.includes('token')).length, 1);
    });

    it('identical concurrent reads share one request', async () => {
      const { provider } = await signedIn(version);
      await provider.me();
      const mark = lab.requests.length;
      await Promise.all([provider.list(), provider.list(), provider.list()]);
      assert.equal(lab.requests.slice(mark).filter((r) => r.path === `${prefix}/conferences`).length, 1);
    });

    if (version === 'v4') {
      it('reads timestamps sent as strings (v4 models type them loosely)', async () => {
        const { provider } = await signedIn(version);
        const plain = await provider.get('7702215563');
        lab.settings.v4StringTimestamps = true;
        try {
          assert.deepEqual((await provider.get('7702215563')).schedule, plain.schedule);
        } finally {
          lab.settings.v4StringTimestamps = false;
        }
      });
    }

    it('an HTML 500 page is a server error with a clear message', async () => {
      const { provider } = await signedIn(version);
      await provider.me();
      lab.settings.failNext = 1;
      await rejectsWith(provider.list(), (e) => {
        assert.equal(e.kind, 'server');
        assert.equal(e.status, 500);
        assert.equal(e.message, 'The server had a problem (HTTP 500) and sent an error page instead of data.');
      });
      lab.settings.failNext = 0;
      assert.ok((await provider.list()).items.length > 0, 'a retry works');
    });

    it('idempotent create: a double submit and a repeat with the same key create one meeting', async () => {
      const { provider } = await signedIn(version);
      await provider.me();
      const title = unique('Double click');
      const draft: ConferenceDraft = { title, schedule: { kind: 'none' } };
      const posts = () => lab.requests.filter((r) => r.method === 'POST' && r.path === `${prefix}/conferences`).length;
      const mark = posts();
      const [a, b] = await Promise.all([provider.create(draft, { idempotencyKey: 'k-1' }), provider.create(draft, { idempotencyKey: 'k-1' })]);
      const c = await provider.create(draft, { idempotencyKey: 'k-1' });
      assert.equal(a.id, b.id);
      assert.equal(a.id, c.id);
      assert.equal(posts() - mark, 1);
      assert.equal([...lab.state.conferences.values()].filter((x) => x.topic === title).length, 1);
      // Another key is another meeting.
      const d = await provider.create(draft, { idempotencyKey: 'k-2' });
      assert.notEqual(d.id, a.id);
    });

    it('idempotent create: a retry after a lost response finds the meeting instead of creating a second', async () => {
      const { provider } = await signedIn(version, 'helen', { apiBase: proxy.url });
      await provider.me();
      const title = unique('Lost response');
      const draft: ConferenceDraft = { title, schedule: { kind: 'once', start: moscow(1, 12), durationMinutes: 30, timeZone: 'Europe/Moscow' } };
      dropNext = (method, path) => method === 'POST' && path === `${prefix}/conferences`;
      await rejectsWith(provider.create(draft, { idempotencyKey: 'lost-1' }), (e) => assert.equal(e.kind, 'network'));
      assert.equal([...lab.state.conferences.values()].filter((x) => x.topic === title).length, 1, 'the server did create it');

      const posts = lab.requests.filter((r) => r.method === 'POST' && r.path === `${prefix}/conferences`).length;
      const again = await provider.create(draft, { idempotencyKey: 'lost-1' });
      assert.equal(again.title, title);
      assert.equal(lab.requests.filter((r) => r.method === 'POST' && r.path === `${prefix}/conferences`).length, posts, 'no second POST');
      assert.equal([...lab.state.conferences.values()].filter((x) => x.topic === title).length, 1);
      assert.deepEqual(again.schedule, draft.schedule);
    });

    it('idempotent create: a retry after a failure that created nothing creates it once', async () => {
      const { provider } = await signedIn(version);
      await provider.me();
      const title = unique('Failed first');
      lab.settings.failNext = 1;
      await rejectsWith(provider.create({ title, schedule: { kind: 'none' } }, { idempotencyKey: 'fail-1' }), (e) => assert.equal(e.kind, 'server'));
      assert.equal([...lab.state.conferences.values()].filter((x) => x.topic === title).length, 0);
      const made = await provider.create({ title, schedule: { kind: 'none' } }, { idempotencyKey: 'fail-1' });
      assert.equal(made.title, title);
      assert.equal([...lab.state.conferences.values()].filter((x) => x.topic === title).length, 1);
    });
  });
}
