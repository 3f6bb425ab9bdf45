import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/elements/session/session.js';
import '../../src/elements/create-meeting/create-meeting.js';
import type {
  MeetingCreateRequestDetail,
  MeetingCreatedDetail,
  TcCreateMeeting,
} from '../../src/elements/create-meeting/create-meeting.component.js';
import { addDays, isoDate, wallTimeAt, weekdayOf, zonedToEpoch } from '../../src/elements/create-meeting/zoned-time.js';
import { TcError, type ConferenceDraft } from '../../src/model/index.js';
import type { TcErrorDetail } from '../../src/internal/events.js';
import { MemoryProvider, type MemoryProviderOptions } from '../support/memory-provider.js';
import { sessionFixture, signInWith } from '../support/session-harness.js';

async function setup(options: MemoryProviderOptions = {}, signedIn = true) {
  const provider = new MemoryProvider(options);
  const session = await sessionFixture(html`<tc-create-meeting></tc-create-meeting>`);
  if (signedIn) await signInWith(session, provider, provider.user);
  const el = session.querySelector('tc-create-meeting') as TcCreateMeeting;
  await el.updateComplete;
  const errors: TcError[] = [];
  el.addEventListener('tc-error', (e) => errors.push((e as CustomEvent<TcErrorDetail>).detail.error));
  const $ = <T extends Element = HTMLInputElement>(selector: string) => el.shadowRoot!.querySelector<T>(selector);
  return { session, el, provider, errors, $ };
}

/** Types a value the way a person's input event does. */
async function fill(el: TcCreateMeeting, selector: string, value: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

function text(node: Element | null | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The message element an input's aria-describedby points to. */
function describedMessage(el: TcCreateMeeting, selector: string): string {
  const input = el.shadowRoot!.querySelector(selector)!;
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => text(el.shadowRoot!.getElementById(id))).join(' | ');
}

function tomorrowIn(zone: string): string {
  return isoDate(addDays(wallTimeAt(Date.now(), zone), 1));
}

async function submit(el: TcCreateMeeting) {
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  await el.updateComplete;
}

async function settled(el: TcCreateMeeting) {
  await waitUntil(() => !el.submitting, 'submit did not finish');
  await el.updateComplete;
}

/** A form that passes client validation: a topic, tomorrow 10:00 in Moscow, 45 minutes. */
async function fillValid(el: TcCreateMeeting, title = 'Quarterly review') {
  await fill(el, '#title', title);
  await fill(el, '#time-zone', 'Europe/Moscow');
  await fill(el, '#date', tomorrowIn('Europe/Moscow'));
  await fill(el, '#time', '10:00');
  await fill(el, '#duration', '45');
}

describe('<tc-create-meeting>', () => {
  it('offers only what the provider can do', async () => {
    const { el, $ } = await setup();
    const modes = [...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('#mode option')].map((o) => o.value);
    expect(modes).to.deep.equal(['all-on-screen', 'lecture', 'role-based', 'smart-meeting']);
    const kinds = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="kind"]')].map((i) => i.value);
    expect(kinds).to.deep.equal(['none', 'once', 'weekly']);
    expect($<HTMLSelectElement>('#time-zone')!.value).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect($<HTMLSelectElement>('#time-zone')!.options.length).to.be.greaterThan(300);
    expect($('#invitee')).to.exist;
    expect($('#max-participants')).to.exist;
    expect($('#allow-guests')).to.exist;

    const plain = await setup({ capabilities: { modes: ['default'], schedules: ['none'], invitations: false, guests: false, maxParticipants: false } });
    expect(plain.$('#mode')).to.equal(null);
    expect(plain.$('input[name="kind"]')).to.equal(null);
    expect(plain.$('#date')).to.equal(null);
    expect(plain.$('#invitee')).to.equal(null);
    expect(plain.$('#allow-guests')).to.equal(null);
  });

  it('asks to sign in when signed out', async () => {
    const { el, $ } = await setup({}, false);
    expect(text($('[part="notice"]'))).to.contain('Sign in');
    expect($('form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows client validation messages on the fields and sends nothing', async () => {
    const { el, provider, errors, $ } = await setup();
    await fill(el, '#date', '2020-01-01');
    await fill(el, '#duration', '0');
    await fill(el, '#max-participants', '0');
    await submit(el);

    expect($('#title')!.getAttribute('aria-invalid')).to.equal('true');
    expect(describedMessage(el, '#title')).to.equal('Enter a topic.');
    expect($('#date')!.getAttribute('aria-invalid')).to.equal('true');
    expect(describedMessage(el, '#time')).to.equal('Choose a time in the future.');
    expect(describedMessage(el, '#duration')).to.contain('from 1 to 1439 minutes');
    expect(describedMessage(el, '#max-participants')).to.equal('Enter a whole number, at least 1.');
    expect(el.shadowRoot!.activeElement).to.equal($('#title'));
    expect(provider.count('create')).to.equal(0);
    expect(errors).to.have.length(0);
    await expect(el).to.be.accessible();

    await fill(el, '#title', 'x'.repeat(241));
    await submit(el);
    expect(describedMessage(el, '#title')).to.equal('Use at most 240 characters.');

    // Typing in a field clears its message.
    await fill(el, '#title', 'Fine');
    expect($('#title')!.hasAttribute('aria-invalid')).to.equal(false);
    expect($('#title')!.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('rejects a weekly meeting without days', async () => {
    const { el, provider, $ } = await setup();
    await fillValid(el);
    $('input[name="kind"][value="weekly"]')!.click();
    await el.updateComplete;
    for (const box of el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="day"]:checked')) box.click();
    await el.updateComplete;
    await submit(el);
    expect(text($('[part="field-error"]#days-error'))).to.equal('Choose at least one day.');
    expect(provider.count('create')).to.equal(0);
  });

  it("shows the server's field errors under the right fields and keeps the input", async () => {
    const { el, provider, errors, $ } = await setup();
    await fillValid(el, 'Planning');
    await fill(el, '#invitee', 'dean nobody');
    await submit(el);
    await settled(el);

    expect(provider.count('create')).to.equal(1);
    expect(provider.conferences.size).to.equal(0);
    expect(errors.map((e) => e.kind)).to.deep.equal(['validation']);
    expect(describedMessage(el, '#invitee')).to.contain("User 'nobody' is not found.");
    expect($('#invitee')!.getAttribute('aria-invalid')).to.equal('true');
    expect($('#title')!.value).to.equal('Planning');
    expect($('#date')!.value).to.equal(tomorrowIn('Europe/Moscow'));
    expect([...el.shadowRoot!.querySelectorAll('[part~="invitee"] span')].map(text)).to.deep.equal(['dean', 'nobody']);
    expect(el.shadowRoot!.activeElement).to.equal($('#invitee'));

    provider.failNext('create', new TcError({
      kind: 'validation', status: 400, message: 'Bad Request',
      fields: { title: 'Value is already in use. Please try another.', 'schedule.start': 'The server is busy then.', 'rights.guest': 'Needs a webinar licence.' },
    }));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="remove-invitee"][aria-label="Remove nobody"]')!.click();
    await submit(el);
    await settled(el);
    expect(describedMessage(el, '#title')).to.equal('Value is already in use. Please try another.');
    expect(describedMessage(el, '#date')).to.equal('The server is busy then.');
    expect(describedMessage(el, '#time')).to.equal('The server is busy then.');
    // A field the form does not have is still shown, in the general area.
    expect(text($('[part="error"]'))).to.contain('Needs a webinar licence.');
    expect($('#title')!.value).to.equal('Planning');
    expect($('#time')!.value).to.equal('10:00');
    await expect(el).to.be.accessible();
  });

  it('creates exactly one meeting on a double click', async () => {
    const { el, provider, $ } = await setup();
    await fillValid(el, 'Double');
    const release = provider.hold('create');
    const button = $<HTMLButtonElement>('[part~="submit"]')!;
    button.click();
    button.click(); // same task: before the disabled state renders
    await el.updateComplete;
    expect(button.disabled).to.equal(true);
    expect($('[part="form"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(text(button)).to.equal('Creating…');
    release();
    await settled(el);
    expect(provider.count('create')).to.equal(1);
    expect(provider.conferences.size).to.equal(1);

    // A real double click from the browser.
    await fillValid(el, 'Double again');
    const created = oneEvent(el, 'tc-meeting-created');
    button.scrollIntoView({ block: 'center' });
    const box = button.getBoundingClientRect();
    const at = { position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] as [number, number] };
    await sendMouse({ type: 'click', ...at });
    await sendMouse({ type: 'click', ...at });
    await created;
    await settled(el);
    expect(provider.count('create')).to.equal(2);
    expect(provider.conferences.size).to.equal(2);
  });

  it('a retry after a lost response reuses the idempotency key and creates one meeting', async () => {
    const { el, provider, errors, $ } = await setup();
    await fillValid(el, 'Lost response');
    provider.failNext('create', new TcError({ kind: 'timeout', message: 'timed out' }), { after: true });
    await submit(el);
    await settled(el);
    expect(provider.conferences.size).to.equal(1); // the server did create it
    expect(errors.map((e) => e.kind)).to.deep.equal(['timeout']);
    expect(text($('[part="error"]'))).to.contain('did not answer in time');
    expect($('#title')!.value).to.equal('Lost response');

    const created = oneEvent(el, 'tc-meeting-created');
    $<HTMLButtonElement>('[part~="retry"]')!.click();
    const { detail } = (await created) as CustomEvent<MeetingCreatedDetail>;
    await settled(el);
    expect(provider.conferences.size).to.equal(1);
    expect(detail.conference.id).to.equal([...provider.conferences.keys()][0]);
    const keys = provider.calls.filter((c) => c.method === 'create').map((c) => (c.args[1] as { idempotencyKey: string }).idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.be.a('string').and.not.equal('');
    expect(keys[1]).to.equal(keys[0]);
    // Reset after success.
    expect($('#title')!.value).to.equal('');
    expect(text($('[part="status"]'))).to.equal('Meeting “Lost response” created.');
  });

  it('an edit after a failure makes a new key; a success makes a new key', async () => {
    const { el, provider } = await setup();
    await fillValid(el, 'First');
    provider.failNext('create', new TcError({ kind: 'network', message: 'Failed to fetch' }));
    await submit(el);
    await settled(el);
    await fill(el, '#title', 'First (edited)');
    await submit(el);
    await settled(el);
    await fillValid(el, 'Second');
    await submit(el);
    await settled(el);
    const keys = provider.calls.filter((c) => c.method === 'create').map((c) => (c.args[1] as { idempotencyKey: string }).idempotencyKey);
    expect(keys).to.have.length(3);
    expect(new Set(keys).size).to.equal(3);
    expect(provider.conferences.size).to.equal(2);
  });

  it('a 500 with an HTML page gives a clear message and a retry that resubmits', async () => {
    const { el, provider, errors, $ } = await setup();
    await fillValid(el, 'After a 500');
    provider.failNext('create', new TcError({ kind: 'protocol', status: 500, message: 'Expected JSON, got text/html', code: 'html' }));
    await submit(el);
    await settled(el);
    const box = $('[part="error"]')!;
    expect(box.getAttribute('role')).to.equal('alert');
    expect(text(box)).to.contain('The server had a problem');
    expect(text(box)).to.contain('Try again');
    expect(text(box)).not.to.contain('text/html');
    expect(errors[0]!.status).to.equal(500);
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>('[part~="retry"]')!.click();
    await waitUntil(() => provider.conferences.size === 1);
    await settled(el);
    expect(provider.count('create')).to.equal(2);
    expect($('[part="error"]')).to.equal(null);
  });

  it('says so clearly when offline, and works again once online', async () => {
    const { el, provider, errors, $ } = await setup();
    await fillValid(el, 'Offline');
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      await submit(el);
      await el.updateComplete;
      expect(text($('[part="error"]'))).to.contain('You are offline');
      expect(provider.count('create')).to.equal(0);
      expect(errors.map((e) => e.kind)).to.deep.equal(['network']);
    } finally {
      delete (navigator as unknown as Record<string, unknown>)['onLine'];
      Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
    window.dispatchEvent(new Event('online'));
    await el.updateComplete;
    expect(text($('[part="error"]'))).not.to.contain('You are offline');
    $<HTMLButtonElement>('[part~="retry"]')!.click();
    await waitUntil(() => provider.conferences.size === 1);
  });

  it('converts tomorrow 10:00 Europe/Moscow to the right UTC instant', async () => {
    const { el, provider } = await setup();
    await fillValid(el, 'Moscow');
    const request = oneEvent(el, 'tc-meeting-create-request');
    await submit(el);
    const { detail } = (await request) as CustomEvent<MeetingCreateRequestDetail>;
    const date = tomorrowIn('Europe/Moscow');
    // Moscow has been UTC+3 all year since 2014.
    expect(detail.draft.schedule).to.deep.equal({
      kind: 'once',
      start: `${date}T07:00:00.000Z`,
      durationMinutes: 45,
      timeZone: 'Europe/Moscow',
    });
    await settled(el);
    expect([...provider.conferences.values()][0]!.schedule.start).to.equal(`${date}T07:00:00.000Z`);
  });

  it('converts wall time in DST zones (gap, overlap, half-hour offsets)', () => {
    const at = (y: number, mo: number, d: number, h: number, mi: number, zone: string) => {
      const t = zonedToEpoch({ year: y, month: mo, day: d, hour: h, minute: mi }, zone);
      return t === undefined ? undefined : new Date(t).toISOString();
    };
    expect(at(2030, 7, 1, 9, 0, 'America/New_York')).to.equal('2030-07-01T13:00:00.000Z');
    expect(at(2030, 1, 15, 9, 0, 'America/New_York')).to.equal('2030-01-15T14:00:00.000Z');
    expect(at(2030, 3, 31, 2, 30, 'Europe/Berlin')).to.equal(undefined); // clocks jump 02:00 → 03:00
    expect(at(2030, 10, 27, 2, 30, 'Europe/Berlin')).to.equal('2030-10-27T00:30:00.000Z'); // first of two
    expect(at(2030, 1, 1, 10, 0, 'Asia/Kathmandu')).to.equal('2030-01-01T04:15:00.000Z');
    expect(at(2030, 10, 6, 2, 15, 'Australia/Lord_Howe')).to.equal(undefined); // 30-minute DST jump
    expect(at(2030, 12, 31, 23, 30, 'Pacific/Kiritimati')).to.equal('2030-12-31T09:30:00.000Z');
  });

  it('refuses a wall time skipped by a DST change', async () => {
    const { el, provider, $ } = await setup();
    await fill(el, '#title', 'Gap');
    await fill(el, '#time-zone', 'Europe/Berlin');
    await fill(el, '#date', '2030-03-31');
    await fill(el, '#time', '02:30');
    await submit(el);
    expect(describedMessage(el, '#time')).to.contain('does not exist');
    expect(provider.count('create')).to.equal(0);
    expect($('#time')!.value).to.equal('02:30');
  });

  it('creates a weekly meeting from the first matching day', async () => {
    const { el, provider, $ } = await setup();
    await fill(el, '#title', 'Weekly sync');
    $('input[name="kind"][value="weekly"]')!.click();
    await el.updateComplete;
    await fill(el, '#time-zone', 'Europe/Moscow');
    const from = addDays(wallTimeAt(Date.now(), 'Europe/Moscow'), 3);
    await fill(el, '#date', isoDate(from));
    await fill(el, '#time', '09:30');
    await fill(el, '#duration', '30');
    for (const box of el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="day"]')) {
      if (box.checked !== ['1', '3'].includes(box.value)) box.click();
    }
    await el.updateComplete;
    const request = oneEvent(el, 'tc-meeting-create-request');
    await submit(el);
    const draft = ((await request) as CustomEvent<MeetingCreateRequestDetail>).detail.draft;
    let first = from;
    while (![1, 3].includes(weekdayOf(first))) first = addDays(first, 1);
    expect(draft.schedule).to.deep.equal({
      kind: 'weekly',
      start: `${isoDate(first)}T06:30:00.000Z`,
      durationMinutes: 30,
      timeZone: 'Europe/Moscow',
      days: [1, 3],
    });
    await settled(el);
    expect(provider.conferences.size).to.equal(1);
  });

  it('sends mode, invitees, limit and guests; a room has no schedule fields', async () => {
    const { el, provider, $ } = await setup();
    await fill(el, '#title', 'Room');
    $('input[name="kind"][value="none"]')!.click();
    await el.updateComplete;
    expect($('#date')).to.equal(null);
    await fill(el, '#mode', 'smart-meeting');
    await fill(el, '#invitee', 'dean');
    await fill(el, '#max-participants', '12');
    $('#allow-guests')!.click();
    await el.updateComplete;
    const request = oneEvent(el, 'tc-meeting-create-request');
    await submit(el);
    const draft: ConferenceDraft = ((await request) as CustomEvent<MeetingCreateRequestDetail>).detail.draft;
    expect(draft).to.deep.equal({
      title: 'Room',
      mode: 'smart-meeting',
      schedule: { kind: 'none' },
      invitees: [{ id: 'dean' }], // typed but not added: added on submit
      maxParticipants: 12,
      allowGuests: true,
    });
    await settled(el);
    expect(provider.conferences.size).to.equal(1);
  });

  it('a cancelled create request sends nothing', async () => {
    const { el, provider } = await setup();
    await fillValid(el, 'Cancelled');
    el.addEventListener('tc-meeting-create-request', (e) => e.preventDefault(), { once: true });
    await submit(el);
    await settled(el);
    expect(provider.count('create')).to.equal(0);
  });

  it('fires tc-meeting-created (bubbling, composed) and resets the form', async () => {
    const { el, $ } = await setup();
    await fillValid(el, 'Created');
    await fill(el, '#invitee', 'dean');
    const created = oneEvent(document, 'tc-meeting-created');
    await submit(el);
    const event = (await created) as CustomEvent<MeetingCreatedDetail>;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.conference.title).to.equal('Created');
    expect(event.detail.conference.invitees.map((p) => p.id)).to.deep.equal(['dean']);
    await el.updateComplete;
    expect($('#title')!.value).to.equal('');
    expect($('[part~="invitee"]')).to.equal(null);
    expect($<HTMLSelectElement>('#time-zone')!.value).to.equal('Europe/Moscow'); // kept for the next one
    expect(text($('[part="status"]'))).to.equal('Meeting “Created” created.');
  });

  it('shows a topic with markup as text', async () => {
    const { el, provider, $ } = await setup();
    const topic = '<img src=x onerror=alert(1)>';
    await fillValid(el, topic);
    await submit(el);
    await settled(el);
    expect([...provider.conferences.values()][0]!.title).to.equal(topic);
    expect(text($('[part="status"]'))).to.equal(`Meeting “${topic}” created.`);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('works from the keyboard', async () => {
    const { el, provider, $ } = await setup();
    $('#invitee')!.focus();
    await sendKeys({ type: 'dean' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('[part~="invitee"] span')].map(text)).to.deep.equal(['dean']);
    expect(provider.count('create')).to.equal(0); // Enter adds, it does not submit
    await sendKeys({ type: 'kevin, helen dean' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('[part~="invitee"] span')].map(text)).to.deep.equal(['dean', 'kevin', 'helen']);
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('[part~="invitee"]')).to.have.length(2);

    // Tab reaches the chip's remove button; Enter removes it and focus returns to the box.
    $<HTMLButtonElement>('[part~="add-invitee"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal('Remove dean');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('[part~="invitee"] span')].map(text)).to.deep.equal(['kevin']);
    expect(el.shadowRoot!.activeElement).to.equal($('#invitee'));

    // Enter in the topic submits the form.
    await fillValid(el, '');
    $('#title')!.focus();
    await sendKeys({ type: 'Keyboard meeting' });
    const created = oneEvent(el, 'tc-meeting-created');
    await sendKeys({ press: 'Enter' });
    await created;
    expect([...provider.conferences.values()][0]!.title).to.equal('Keyboard meeting');
  });

  it('passes axe checks in its main states', async () => {
    const { el, $ } = await setup();
    await expect(el).to.be.accessible();
    $('input[name="kind"][value="weekly"]')!.click();
    await fill(el, '#invitee', 'dean');
    $<HTMLButtonElement>('[part~="add-invitee"]')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
