import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/session/session.js';
import '../../src/elements/conference-list/conference-list.js';
import type {
  ConferenceSelectDetail,
  ConferencesLoadDetail,
  TcConferenceList,
} from '../../src/elements/conference-list/conference-list.component.js';
import type { TcJoinButton } from '../../src/elements/join-button/join-button.component.js';
import type { TcSession } from '../../src/elements/session/session.component.js';
import type { Conference } from '../../src/model/index.js';
import { TcError } from '../../src/model/error.js';
import type { TcErrorDetail } from '../../src/internal/events.js';
import { MemoryProvider, conference } from '../support/memory-provider.js';
import { ISSUER, forgetSignIns, sessionFixture, signInWith, until } from '../support/session-harness.js';

const HOUR = 3_600_000;

// Long lists re-measure their rows when resized (ResizeObserver); Chromium may report that as a benign
// "ResizeObserver loop" error event, which the test framework would count as a failure.
window.addEventListener(
  'error',
  (e) => {
    if (/ResizeObserver loop/.test(e.message)) e.stopImmediatePropagation();
  },
  true,
);

function parts(el: TcConferenceList, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}
function part(el: TcConferenceList, name: string): HTMLElement | null {
  return parts(el, name)[0] ?? null;
}
function text(node: Element | null | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
function rows(el: TcConferenceList): HTMLElement[] {
  return parts(el, 'row');
}

function many(count: number, make: (i: number) => Partial<Conference> = () => ({})): Conference[] {
  return Array.from({ length: count }, (_, i) => conference({ id: `m${i}`, title: `Meeting ${i}`, ...make(i) }));
}

async function setup(provider: MemoryProvider, attrs = html`<tc-conference-list></tc-conference-list>`) {
  const session = await sessionFixture(attrs, { provider });
  const el = session.querySelector('tc-conference-list')!;
  return { session, el };
}

async function loaded(el: TcConferenceList): Promise<void> {
  await until(() => part(el, 'skeleton') === null && (rows(el).length > 0 || !!part(el, 'empty') || !!part(el, 'error')), 'list loaded');
  await el.updateComplete;
}

describe('<tc-conference-list> loading, rows and states', () => {
  it('shows a skeleton while loading, then rows with topic, badge, schedule, owner and a join button', async () => {
    const start = Date.UTC(2031, 0, 15, 9, 30);
    const provider = new MemoryProvider({
      conferences: [
        conference({ id: 'a', title: 'Планёрка', state: 'live', owner: { id: 'dean', displayName: 'Dean Jones' } }),
        conference({ id: 'b', title: 'Wöchentliche Übersicht', state: 'scheduled', schedule: { kind: 'once', start: new Date(start).toISOString(), durationMinutes: 45 } }),
        conference({ id: 'c', title: 'Permanent room', state: 'stopped', schedule: { kind: 'none' } }),
        conference({ id: 'd', title: 'Old', state: 'ended' }),
      ],
    });
    const release = provider.hold();
    const { el } = await setup(provider);
    await el.updateComplete;
    expect(part(el, 'skeleton')).to.not.equal(null);
    expect(part(el, 'skeleton')!.getAttribute('aria-hidden')).to.equal('true');
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal('Loading conferences…');
    await expect(el).to.be.accessible();

    const load = oneEvent(el, 'tc-conferences-load');
    release();
    const detail = ((await load) as CustomEvent<ConferencesLoadDetail>).detail;
    expect(detail.conferences.map((c) => c.id)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(detail.hasMore).to.equal(false);
    await el.updateComplete;

    expect(rows(el).map((r) => text(r.querySelector('[part="topic"]')))).to.deep.equal([
      'Планёрка',
      'Wöchentliche Übersicht',
      'Permanent room',
      'Old',
    ]);
    expect(rows(el).map((r) => r.querySelector('[part~="badge"]')!.getAttribute('part'))).to.deep.equal([
      'badge badge-live',
      'badge badge-scheduled',
      'badge badge-room',
      'badge badge-ended',
    ]);
    expect(rows(el).map((r) => text(r.querySelector('[part~="badge"]')))).to.deep.equal(['Live', 'Scheduled', 'Room', 'Ended']);
    expect(text(rows(el)[0]!.querySelector('[part="owner"]'))).to.equal('Owner: Dean Jones');
    expect(text(rows(el)[2]!.querySelector('[part="owner"]'))).to.equal('Owner: You');
    const schedule = text(rows(el)[1]!.querySelector('[part="schedule"]'));
    expect(schedule).to.contain('45 min');
    expect(rows(el)[2]!.querySelector('[part="schedule"]')).to.equal(null);
    // One join button per row, handed the row's conference (no request of its own).
    const joins = rows(el).map((r) => r.querySelector('tc-join-button') as TcJoinButton);
    expect(joins.map((j) => j.conference?.id)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(provider.count('get')).to.equal(0);
    expect(provider.count('list')).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('formats the schedule in the viewer\'s time zone and the nearest lang', async () => {
    const iso = '2031-01-15T09:30:00.000Z';
    const provider = new MemoryProvider({
      conferences: [conference({ state: 'scheduled', schedule: { kind: 'once', start: iso, durationMinutes: 90, timeZone: 'Asia/Tokyo' } })],
    });
    const session = await sessionFixture(html`<div lang="de"><tc-conference-list></tc-conference-list></div>`, { provider });
    const el = session.querySelector('tc-conference-list')!;
    await loaded(el);
    const schedule = part(el, 'schedule')!;
    const local = new Date(iso);
    const hh = String(local.getHours()).padStart(2, '0');
    const mm = String(local.getMinutes()).padStart(2, '0');
    // German: "Mi., 15. Jan. 2031, 09:30 · 90 Min." in a UTC browser; the hour follows the viewer's zone.
    expect(text(schedule)).to.contain(`${hh}:${mm}`);
    expect(text(schedule)).to.match(/15\. Jan/);
    expect(text(schedule)).to.contain('90 Min.');
    // Planned in Tokyo: the tooltip shows it there (18:30 JST).
    expect(schedule.title).to.contain('18:30');
    expect(schedule.title).to.contain('(Asia/Tokyo)');

    el.setAttribute('lang', 'en-US');
    el.requestUpdate();
    await el.updateComplete;
    expect(text(part(el, 'schedule'))).to.match(/Jan 15, 2031/);
  });

  it('weekly schedules list their days, shifted to the viewer\'s calendar day', async () => {
    // Monday 08:00 in Kiritimati (UTC+14) is Sunday 18:00 UTC.
    const provider = new MemoryProvider({
      conferences: [
        conference({
          state: 'scheduled',
          schedule: { kind: 'weekly', start: '2031-01-05T18:00:00.000Z', durationMinutes: 30, timeZone: 'Pacific/Kiritimati', days: [1, 3] },
        }),
      ],
    });
    const { el } = await setup(provider, html`<tc-conference-list lang="en-US"></tc-conference-list>`);
    await loaded(el);
    const viewerShift = new Date('2031-01-05T18:00:00.000Z').getDay(); // 0 (Sunday) in a UTC browser
    // Sunday and Tuesday evening in UTC (Monday first); Monday and Wednesday where the viewer is east enough.
    const expected = viewerShift === 0 ? 'Weekly on Tue, Sun' : 'Weekly on Mon, Wed';
    expect(text(part(el, 'schedule'))).to.contain(expected);
  });

  it('is accessible in dark mode too (rows, badges, join buttons, load more)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const provider = new MemoryProvider({
        conferences: [
          conference({ state: 'live', guestUrl: 'https://video.example.com/g/1' }),
          conference({ state: 'scheduled', owner: { id: 'kevin' }, schedule: { kind: 'once', start: new Date(Date.now() + HOUR).toISOString() } }),
          conference({ state: 'stopped' }),
          conference({ state: 'live', joinUrl: 'javascript:alert(1)' }),
          conference({ state: 'ended' }),
        ],
      });
      const { el } = await setup(provider, html`<tc-conference-list page-size="4"></tc-conference-list>`);
      await loaded(el);
      expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('renders a topic with HTML markup as text', async () => {
    const evil = '<img src=x onerror="window.__xss = true">';
    const provider = new MemoryProvider({ conferences: [conference({ title: evil })] });
    const { el } = await setup(provider);
    await loaded(el);
    await new Promise((r) => setTimeout(r, 50));
    expect(text(part(el, 'topic'))).to.equal(evil);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __xss?: boolean }).__xss).to.equal(undefined);
  });

  for (const [filter, message] of [
    ['upcoming', 'No upcoming conferences.'],
    ['running', 'No conferences are running now.'],
  ] as const) {
    it(`empty (${filter}): says so, having asked the provider with that filter`, async () => {
      const provider = new MemoryProvider({ conferences: [conference({ state: 'ended' })] });
      const { el } = await setup(provider, html`<tc-conference-list filter=${filter}></tc-conference-list>`);
      await loaded(el);
      expect(text(part(el, 'empty'))).to.equal(message);
      expect(provider.calls.find((c) => c.method === 'list')!.args[0]).to.deep.include({ filter });
      await expect(el).to.be.accessible();
    });
  }

  it('empty (all) with no conferences at all', async () => {
    const { el } = await setup(new MemoryProvider());
    await loaded(el);
    expect(text(part(el, 'empty'))).to.equal('You have no conferences yet.');
  });

  it('changing the filter reloads with it', async () => {
    const provider = new MemoryProvider({
      conferences: [conference({ id: 'l', state: 'live' }), conference({ id: 's', state: 'scheduled' }), conference({ id: 'e', state: 'ended' })],
    });
    const { el } = await setup(provider);
    await loaded(el);
    expect(rows(el)).to.have.length(3);
    el.filter = 'running';
    await until(() => rows(el).length === 1, 'running only');
    expect(el.conferences.map((c) => c.id)).to.deep.equal(['l']);
    expect(provider.calls.filter((c) => c.method === 'list').map((c) => (c.args[0] as { filter: string }).filter)).to.deep.equal(['all', 'running']);
  });

  it('an error shows the headline, the detail and Retry (and fires tc-error); Retry loads', async () => {
    const provider = new MemoryProvider({ conferences: [conference({ title: 'Back again' })] });
    provider.failNext('list', new TcError({ kind: 'protocol', status: 500, message: 'Expected JSON, got text/html', code: 'html' }));
    const errors: TcError[] = [];
    document.addEventListener('tc-error', (e) => errors.push((e as CustomEvent<TcErrorDetail>).detail.error), { once: true });
    const { el } = await setup(provider);
    await loaded(el);
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(text(error)).to.contain('The server sent an answer that could not be read.');
    expect(text(error)).to.contain('Expected JSON, got text/html');
    expect(errors.map((e) => e.code)).to.deep.equal(['html']);
    await expect(el).to.be.accessible();
    (part(el, 'retry') as HTMLButtonElement).click();
    await until(() => rows(el).length === 1, 'rows after retry');
    expect(part(el, 'error')).to.equal(null);
  });

  it('offline: a clear message', async () => {
    const provider = new MemoryProvider();
    provider.failNext('list', new TypeError('Failed to fetch'));
    const { el } = await setup(provider);
    await loaded(el);
    expect(text(part(el, 'error'))).to.contain("Can't reach the server. Check your connection.");
  });
});

describe('<tc-conference-list> paging', () => {
  it('"Load more" appends pages until the last', async () => {
    const provider = new MemoryProvider({ conferences: many(120) });
    const { el } = await setup(provider, html`<tc-conference-list page-size="50"></tc-conference-list>`);
    await loaded(el);
    expect(rows(el)).to.have.length(50);
    const more = () => part(el, 'load-more') as HTMLButtonElement | null;
    expect(text(more())).to.equal('Load more');
    await expect(el).to.be.accessible();

    const release = provider.hold();
    more()!.click();
    await el.updateComplete;
    expect(more()!.disabled).to.equal(true);
    expect(text(more())).to.equal('Loading…');
    more()!.click(); // ignored while loading
    release();
    await until(() => rows(el).length === 100, '100 rows');
    more()!.click();
    await until(() => rows(el).length === 120, '120 rows');
    expect(more()).to.equal(null);
    const cursors = provider.calls.filter((c) => c.method === 'list').map((c) => (c.args[0] as { cursor?: string }).cursor);
    expect(cursors).to.deep.equal([undefined, '50', '100']);
    expect(rows(el)[119]!.getAttribute('aria-posinset')).to.equal('120');
    expect(rows(el)[0]!.getAttribute('aria-setsize')).to.equal('120');
  });

  it('announces how many conferences loaded, in the singular for one', async () => {
    const announced = (el: TcConferenceList) => text(el.shadowRoot!.querySelector('[role="status"][aria-live="polite"]'));
    const one = await setup(new MemoryProvider({ conferences: many(1) }));
    await loaded(one.el);
    expect(announced(one.el)).to.equal('1 conference.');

    const provider = new MemoryProvider({ conferences: many(51) });
    const { el } = await setup(provider, html`<tc-conference-list page-size="50"></tc-conference-list>`);
    await loaded(el);
    expect(announced(el)).to.equal('50 conferences.');
    (part(el, 'load-more') as HTMLButtonElement).click();
    await until(() => rows(el).length === 51, 'the last row');
    await el.updateComplete;
    expect(announced(el)).to.equal('1 more conference loaded.');
  });

  it('a failed "Load more" keeps the rows and offers Retry', async () => {
    const provider = new MemoryProvider({ conferences: many(60) });
    const { el } = await setup(provider, html`<tc-conference-list page-size="50"></tc-conference-list>`);
    await loaded(el);
    provider.failNext('list', new TcError({ kind: 'rate-limited', status: 429, retryAfter: 3, message: 'Too Many Requests' }));
    (part(el, 'load-more') as HTMLButtonElement).click();
    await until(() => part(el, 'error') !== null, 'page error');
    expect(rows(el)).to.have.length(50);
    expect(text(part(el, 'error'))).to.contain('Try again in 3 s');
    (part(el, 'retry') as HTMLButtonElement).click();
    await until(() => rows(el).length === 60, 'all rows');
    expect(part(el, 'error')).to.equal(null);
  });

  it('10,000 conferences: only the rows in view are rendered, and End reaches the last', async () => {
    const provider = new MemoryProvider({ conferences: many(10_000) });
    const { el } = await setup(provider, html`<tc-conference-list page-size="10000" style="--tc-list-max-height: 400px"></tc-conference-list>`);
    await until(() => rows(el).length > 0, 'virtual rows', 10_000);
    const list = part(el, 'list')!;
    expect(list.classList.contains('virtual')).to.equal(true);
    expect(el.conferences).to.have.length(10_000);
    expect(rows(el).length).to.be.within(1, 100);
    expect(rows(el)[0]!.getAttribute('aria-setsize')).to.equal('10000');

    rows(el)[0]!.focus();
    await sendKeys({ press: 'End' });
    await until(() => el.shadowRoot!.activeElement?.getAttribute('data-index') === '9999', 'last row focused');
    expect(text(el.shadowRoot!.activeElement!.querySelector('[part="topic"]'))).to.equal('Meeting 9999');
    expect(rows(el).length).to.be.below(100);
  });

  it('a long list scrolled by hand renders the rows in view, with the scroll height of every row', async () => {
    const provider = new MemoryProvider({ conferences: many(5_000) });
    const { el } = await setup(provider, html`<tc-conference-list page-size="5000" style="--tc-list-max-height: 300px"></tc-conference-list>`);
    await until(() => rows(el).length > 0, 'virtual rows', 10_000);
    const list = part(el, 'list')!;
    const rowHeight = rows(el)[0]!.getBoundingClientRect().height;
    expect(list.scrollHeight).to.be.closeTo(5_000 * rowHeight, 5_000);

    list.scrollTop = 2_500 * rowHeight;
    await until(() => rows(el).some((r) => r.dataset.index === '2500'), 'rows around the middle');
    const top = list.getBoundingClientRect().top;
    const inView = rows(el).filter((r) => r.getBoundingClientRect().bottom > top && r.getBoundingClientRect().top < top + 300);
    expect(inView.length).to.be.within(3, 10);
    expect(inView.map((r) => text(r.querySelector('[part="topic"]')))).to.include('Meeting 2500');
    expect(rows(el).length).to.be.below(60);
  });
});

describe('<tc-conference-list> selection and keyboard', () => {
  async function three() {
    const provider = new MemoryProvider({ conferences: many(3) });
    const { el } = await setup(provider);
    await loaded(el);
    return { el, provider };
  }

  it('rows use a roving tabindex; arrows, Home and End move focus', async () => {
    const { el } = await three();
    expect(rows(el).map((r) => r.tabIndex)).to.deep.equal([0, -1, -1]);
    rows(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => el.shadowRoot!.activeElement === rows(el)[1], 'second row');
    await sendKeys({ press: 'End' });
    await until(() => el.shadowRoot!.activeElement === rows(el)[2], 'last row');
    await sendKeys({ press: 'ArrowDown' }); // stays on the last
    await sendKeys({ press: 'Home' });
    await until(() => el.shadowRoot!.activeElement === rows(el)[0], 'first row');
    await sendKeys({ press: 'ArrowUp' });
    expect(el.shadowRoot!.activeElement).to.equal(rows(el)[0]);
    await el.updateComplete;
    expect(rows(el).map((r) => r.tabIndex)).to.deep.equal([0, -1, -1]);
  });

  it('Enter and Space select the focused row (tc-conference-select), marking it current', async () => {
    const { el } = await three();
    rows(el)[1]!.focus();
    let selected = oneEvent(el, 'tc-conference-select');
    await sendKeys({ press: 'Enter' });
    expect(((await selected) as CustomEvent<ConferenceSelectDetail>).detail.conference.id).to.equal('m1');
    await el.updateComplete;
    expect(rows(el)[1]!.getAttribute('aria-current')).to.equal('true');
    expect(rows(el)[1]!.getAttribute('part')).to.equal('row row-selected');

    await sendKeys({ press: 'ArrowDown' });
    selected = oneEvent(el, 'tc-conference-select');
    await sendKeys({ press: 'Space' });
    const event = (await selected) as CustomEvent<ConferenceSelectDetail>;
    expect(event.detail.conference.id).to.equal('m2');
    expect(event.bubbles && event.composed).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('a click selects the row, but a click on its join button does not', async () => {
    const { el } = await three();
    const selections: string[] = [];
    el.addEventListener('tc-conference-select', (e) => selections.push((e as CustomEvent<ConferenceSelectDetail>).detail.conference.id));
    (rows(el)[2]!.querySelector('[part="topic"]') as HTMLElement).click();
    const join = rows(el)[0]!.querySelector('tc-join-button')!;
    const realOpen = window.open;
    window.open = () => null;
    try {
      (join.shadowRoot!.querySelector('[part~="button"]') as HTMLButtonElement).click();
    } finally {
      window.open = realOpen;
    }
    expect(selections).to.deep.equal(['m2']);
  });

  it('starting a conference from its row updates the row\'s badge', async () => {
    const provider = new MemoryProvider({ conferences: [conference({ id: 'r', state: 'stopped', owner: { id: 'helen' } })] });
    const { el } = await setup(provider);
    await loaded(el);
    expect(text(part(el, 'badge'))).to.equal('Room');
    const realOpen = window.open;
    window.open = () => null;
    try {
      const join = rows(el)[0]!.querySelector('tc-join-button')!;
      const button = join.shadowRoot!.querySelector('[part~="button"]') as HTMLButtonElement;
      expect(text(button)).to.equal('Start');
      button.click();
      await until(() => text(part(el, 'badge')) === 'Live', 'live badge');
    } finally {
      window.open = realOpen;
    }
  });
});

describe('<tc-conference-list> session and refresh', () => {
  it('signed out: asks to sign in and requests nothing; loads on sign-in; clears on sign-out', async () => {
    const session = await sessionFixture(html`<tc-conference-list></tc-conference-list>`);
    const el = session.querySelector('tc-conference-list')!;
    await until(() => session.state === 'signed-out', 'signed out');
    await el.updateComplete;
    expect(text(part(el, 'signed-out'))).to.equal('Sign in to see your conferences.');
    await expect(el).to.be.accessible();

    const provider = new MemoryProvider({ conferences: many(2) });
    await signInWith(session, provider);
    await loaded(el);
    expect(rows(el)).to.have.length(2);

    await session.signOut();
    await until(() => part(el, 'signed-out') !== null, 'signed-out message');
    expect(rows(el)).to.have.length(0);
    expect(el.conferences).to.have.length(0);
    expect(provider.count('list')).to.equal(1);
  });

  it('uses the session named by its session attribute', async () => {
    forgetSignIns();
    const provider = new MemoryProvider({ conferences: many(1) });
    const wrapper = await fixture(html`<div>
      <tc-session id="one" provider="trueconf" server="https://video.example.com" issuer=${ISSUER} client-id="one" storage="session"></tc-session>
      <tc-session id="two" provider="trueconf" server="https://video.example.com" issuer=${ISSUER} client-id="two" storage="session"></tc-session>
      <tc-conference-list session="two"></tc-conference-list>
    </div>`);
    const el = wrapper.querySelector('tc-conference-list')!;
    const [one, two] = wrapper.querySelectorAll('tc-session') as unknown as TcSession[];
    await signInWith(two!, provider);
    await loaded(el);
    expect(rows(el)).to.have.length(1);
    expect(one!.state).to.equal('signed-out');
  });

  it('refresh() re-reads the list, keeping the rows on screen and the pages shown', async () => {
    const provider = new MemoryProvider({ conferences: many(70) });
    const { el } = await setup(provider, html`<tc-conference-list page-size="50"></tc-conference-list>`);
    await loaded(el);
    (part(el, 'load-more') as HTMLButtonElement).click();
    await until(() => rows(el).length === 70, '70 rows');
    provider.conferences.set('m0', { ...provider.conferences.get('m0')!, title: 'Renamed', state: 'ended' });
    const release = provider.hold();
    const done = el.refresh();
    await el.updateComplete;
    expect(rows(el)).to.have.length(70); // no skeleton during a refresh
    expect(part(el, 'list')!.getAttribute('aria-busy')).to.equal('true');
    release();
    await done;
    await el.updateComplete;
    expect(text(rows(el)[0]!.querySelector('[part="topic"]'))).to.equal('Renamed');
    expect(rows(el)).to.have.length(70);
    expect(provider.count('list')).to.equal(4);
  });

  it('refresh-interval refreshes periodically, but not while the tab is hidden', async () => {
    const provider = new MemoryProvider({ conferences: many(1) });
    const { el } = await setup(provider, html`<tc-conference-list refresh-interval="1"></tc-conference-list>`);
    await loaded(el);
    await until(() => provider.count('list') >= 2, 'a periodic refresh', 3000);

    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    try {
      const before = provider.count('list');
      await new Promise((r) => setTimeout(r, 2300));
      expect(provider.count('list')).to.be.at.most(before + 1); // at most one already in flight
      const hiddenCount = provider.count('list');
      await new Promise((r) => setTimeout(r, 1200));
      expect(provider.count('list')).to.equal(hiddenCount);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
    }
    const paused = provider.count('list');
    document.dispatchEvent(new Event('visibilitychange'));
    await until(() => provider.count('list') === paused + 1, 'refresh on becoming visible', 500);
    el.refreshInterval = 0;
    await el.updateComplete;
  });

  it('stops refreshing once removed from the page', async () => {
    const provider = new MemoryProvider({ conferences: many(1) });
    const { el } = await setup(provider, html`<tc-conference-list refresh-interval="1"></tc-conference-list>`);
    await loaded(el);
    el.remove();
    const count = provider.count('list');
    await new Promise((r) => setTimeout(r, 1500));
    expect(provider.count('list')).to.equal(count);
  });
});
