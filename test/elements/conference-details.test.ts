import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conference-details/conference-details.js';
import type { InviteDetail, TcConferenceDetails } from '../../src/elements/conference-details/conference-details.component.js';
import { TcError, type Conference } from '../../src/model/index.js';
import type { TcErrorDetail } from '../../src/internal/events.js';
import { MemoryProvider, type MemoryProviderOptions } from '../support/memory-provider.js';
import { sessionFixture, signInWith } from '../support/session-harness.js';

const START = '2030-07-01T07:00:00.000Z'; // a Monday; 10:00 in Moscow

async function setup(inner: (p: MemoryProvider) => ReturnType<typeof html>, options: MemoryProviderOptions = {}, prepare?: (p: MemoryProvider) => void) {
  const provider = new MemoryProvider(options);
  prepare?.(provider);
  const session = await sessionFixture(inner(provider));
  const errors: TcError[] = [];
  session.addEventListener('tc-error', (e) => errors.push((e as CustomEvent<TcErrorDetail>).detail.error));
  const el = session.querySelector('tc-conference-details') as TcConferenceDetails;
  const $ = <T extends Element = HTMLElement>(selector: string) => el.shadowRoot!.querySelector<T>(selector);
  return { session, el, provider, errors, $, signIn: () => signInWith(session, provider, provider.user) };
}

function text(node: Element | null | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function seedPlanned(p: MemoryProvider): Conference {
  return p.seed({
    id: 'planned',
    title: 'Quarterly review',
    description: 'Numbers.\nQuestions.',
    state: 'scheduled',
    schedule: { kind: 'once', start: START, durationMinutes: 45, timeZone: 'Europe/Moscow' },
    invitees: [{ id: 'helen', displayName: 'Helen Parr' }, { id: 'dean', displayName: 'Dean Moriarty' }],
    mode: 'smart-meeting',
  });
}

function seedLive(p: MemoryProvider, init: Partial<Conference> = {}): Conference {
  const c = p.seed({ id: 'live', title: 'Stand-up', state: 'live', schedule: { kind: 'none' }, ...init });
  p.participantsOf.set('live', [
    { id: 'helen', displayName: 'Helen Parr', role: 'owner' },
    { id: 'kevin', displayName: 'Kevin Flynn', role: 'participant' },
  ]);
  return c;
}

const byId = (id: string) => html`<tc-conference-details conference-id=${id} refresh-interval="0"></tc-conference-details>`;

describe('<tc-conference-details>', () => {
  it('loads by conference-id: loading state, then the details, invitees and a join button', async () => {
    const { el, provider, $, signIn } = await setup(() => byId('planned'), {}, seedPlanned);
    const release = provider.hold('get');
    await signIn();
    await el.updateComplete;
    expect(text($('[part="loading"]'))).to.equal('Loading…');
    await expect(el).to.be.accessible();
    release();
    await waitUntil(() => $('[part="base"]') && provider.count('invitees') === 1 && $('[part="invitee"]'));

    expect(text($('[part="title"]'))).to.equal('Quarterly review');
    expect($('[part="title"]')!.getAttribute('role')).to.equal('heading');
    expect(text($('[part~="state"]'))).to.equal('Scheduled');
    expect($('[part~="state-scheduled"]')).to.exist;
    expect(text($('[part="owner"]'))).to.equal('You', 'the signed-in owner is "You", as in the list');
    expect(text($('[part="mode"]'))).to.equal('Smart meeting');
    expect($('[part="description"]')!.textContent).to.equal('Numbers.\nQuestions.');
    expect([...el.shadowRoot!.querySelectorAll('[part="invitee"]')].map(text)).to.deep.equal(['You', 'Dean Moriarty']);
    const join = $<HTMLElement & { conference?: Conference }>('tc-join-button')!;
    expect(join.conference?.id).to.equal('planned');
    expect(provider.count('get')).to.equal(1);
    expect(provider.count('participants')).to.equal(0); // not live
    expect($('[part="invite-form"]')).to.equal(null); // not live
    await expect(el).to.be.accessible();
  });

  it('shows the schedule in the viewer’s zone and language, with the meeting’s own zone aside', async () => {
    const { session, el, $, signIn } = await setup(() => byId('planned'), {}, seedPlanned);
    session.setAttribute('lang', 'de');
    await signIn();
    await waitUntil(() => $('[part="schedule"]'));
    const schedule = $('[part="schedule"]')!;
    const start = Date.parse(START);
    const time = new Intl.DateTimeFormat('de', { hour: 'numeric', minute: '2-digit' }).format(start);
    const weekday = new Intl.DateTimeFormat('de', { weekday: 'short' }).format(start);
    expect(text(schedule)).to.contain(time);
    expect(text(schedule)).to.contain(weekday);
    expect(text(schedule)).to.contain('45');
    const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (viewerZone !== 'Europe/Moscow') {
      expect(schedule.getAttribute('title')).to.contain('Europe/Moscow');
      expect(schedule.getAttribute('title')).to.contain('10:00');
    }
    el.remove();
  });

  it('uses a given conference without fetching it', async () => {
    let given!: Conference;
    const { $, signIn, provider } = await setup(
      () => html`<tc-conference-details .conference=${given} refresh-interval="0"></tc-conference-details>`,
      {},
      (p) => (given = seedPlanned(p)),
    );
    await signIn();
    await waitUntil(() => provider.count('invitees') === 1 && $('[part="invitee"]'));
    expect(text($('[part="title"]'))).to.equal('Quarterly review');
    expect(provider.count('get')).to.equal(0);
  });

  it('says when the conference does not exist', async () => {
    const { el, errors, $, signIn } = await setup(() => byId('nope'));
    await signIn();
    await waitUntil(() => $('[part="not-found"]'));
    expect(text($('[part="not-found"]'))).to.equal('This conference does not exist or was deleted.');
    expect(errors.map((e) => e.kind)).to.deep.equal(['not-found']);
    await expect(el).to.be.accessible();
  });

  it('shows an error with a retry that loads again', async () => {
    const { el, provider, errors, $, signIn } = await setup(() => byId('planned'), {}, seedPlanned);
    provider.failNext('get', new TcError({ kind: 'server', status: 500, message: 'Expected JSON, got text/html' }));
    await signIn();
    await waitUntil(() => $('[part="error"]'));
    expect($('[part="error"]')!.getAttribute('role')).to.equal('alert');
    expect(text($('[part="error"]'))).to.contain('The server had a problem.');
    expect(text($('[part="error"]'))).not.to.contain('text/html');
    expect(errors.map((e) => e.kind)).to.deep.equal(['server']);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => $('[part="title"]'));
    expect(text($('[part="title"]'))).to.equal('Quarterly review');
    expect(provider.count('get')).to.equal(2);
  });

  it('renders a topic, description and names with markup as text', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { el, $, signIn } = await setup(() => byId('x'), {}, (p) =>
      p.seed({ id: 'x', title: evil, description: `<b>bold</b>${evil}`, invitees: [{ id: 'a', displayName: evil }], owner: { id: 'o', displayName: evil } }),
    );
    await signIn();
    await waitUntil(() => $('[part="invitee"]'));
    expect(text($('[part="title"]'))).to.equal(evil);
    expect(text($('[part="description"]'))).to.equal(`<b>bold</b>${evil}`);
    expect(text($('[part="owner"]'))).to.equal(evil);
    expect(text($('[part="invitee"]'))).to.equal(evil);
    expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
  });

  it('lists live participants and refreshes them every refresh-interval', async () => {
    const { el, provider, $, signIn } = await setup(
      () => html`<tc-conference-details conference-id="live" refresh-interval="1"></tc-conference-details>`,
      {},
      (p) => seedLive(p),
    );
    await signIn();
    await waitUntil(() => $('[part="participant"]'));
    expect(text($('[part~="state"]'))).to.equal('Live');
    expect([...el.shadowRoot!.querySelectorAll('[part="participant"]')].map(text)).to.deep.equal(['You Owner', 'Kevin Flynn']);
    provider.participantsOf.get('live')!.push({ id: 'dean', displayName: 'Dean Moriarty', role: 'guest' });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="participant"]').length === 3, 'refresh', { timeout: 3000 });
    expect(text(el.shadowRoot!.querySelectorAll('[part="participant"]')[2])).to.equal('Dean Moriarty Guest');
    // A failed refresh keeps what is shown and fires no tc-error.
    const errorsBefore: Event[] = [];
    el.addEventListener('tc-error', (e) => errorsBefore.push(e));
    provider.failNext('get', new TcError({ kind: 'network', message: 'Failed to fetch' }));
    await waitUntil(() => $('[part~="error"]'), 'quiet error', { timeout: 3000 });
    expect(text($('[part~="error"]'))).to.contain('Could not refresh');
    expect(el.shadowRoot!.querySelectorAll('[part="participant"]')).to.have.length(3);
    expect(errorsBefore).to.have.length(0);
    el.refreshInterval = 0;
  });

  it('invites a person into a running conference (keyboard) and fires tc-invite', async () => {
    const { el, provider, errors, $, signIn } = await setup(() => byId('live'), {}, (p) => seedLive(p));
    await signIn();
    await waitUntil(() => $('[part="invite-input"]') && $('[part="participant"]'));
    await expect(el).to.be.accessible();

    $('[part="invite-input"]')!.focus();
    await sendKeys({ type: 'nobody' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $('[part="field-error"]'));
    expect(text($('[part="field-error"]'))).to.equal("User 'nobody' is not found.");
    const input = $<HTMLInputElement>('[part="invite-input"]')!;
    expect(input.value).to.equal('nobody');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('invite-error');
    expect(errors.map((e) => e.kind)).to.deep.equal(['validation']);

    input.select();
    await sendKeys({ type: 'dean' });
    const invited = oneEvent(el, 'tc-invite');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await invited) as CustomEvent<InviteDetail>;
    expect(detail.conference.id).to.equal('live');
    expect(detail.people).to.deep.equal([{ id: 'dean' }]);
    const call = provider.calls.filter((c) => c.method === 'invite').at(-1)!;
    expect(call.args).to.deep.equal(['live', [{ id: 'dean' }]]);
    await el.updateComplete;
    expect(text($('[part="status"]'))).to.equal('Invited dean.');
    expect(input.value).to.equal('');
  });

  it('offers Invite only when live, supported and allowed', async () => {
    const stopped = await setup(() => byId('room'), {}, (p) => p.seed({ id: 'room', title: 'Room' }));
    await stopped.signIn();
    await waitUntil(() => stopped.$('[part="title"]'));
    expect(stopped.$('[part="invite-form"]')).to.equal(null);
    expect(stopped.$('[part="participants"]')).to.equal(null);

    const unsupported = await setup(() => byId('live'), { capabilities: { inviteIntoLive: false, participants: false } }, (p) => seedLive(p));
    await unsupported.signIn();
    await waitUntil(() => unsupported.$('[part="title"]'));
    expect(unsupported.$('[part="invite-form"]')).to.equal(null);
    expect(unsupported.provider.count('participants')).to.equal(0);

    const notAllowed = await setup(() => byId('live'), {}, (p) =>
      seedLive(p, { capabilities: { canStart: false, canStop: false, canEdit: false, canDelete: false, canInvite: false, canJoin: true } }),
    );
    await notAllowed.signIn();
    await waitUntil(() => notAllowed.$('[part="participant"]'));
    expect(notAllowed.$('[part="invite-form"]')).to.equal(null);
  });

  it('follows the embedded join button when it starts the conference', async () => {
    const { provider, $, signIn } = await setup(() => byId('room'), {}, (p) => p.seed({ id: 'room', title: 'Room' }));
    await signIn();
    await waitUntil(() => $('tc-join-button'));
    const started = await provider.start('room');
    $('tc-join-button')!.dispatchEvent(new CustomEvent('tc-conference-update', { detail: { conference: started }, bubbles: true, composed: true }));
    await waitUntil(() => $('[part="participant"]'));
    expect(text($('[part~="state"]'))).to.equal('Live');
    expect($('[part="invite-form"]')).to.exist;
  });

  it('asks to sign in when signed out', async () => {
    const { el, $ } = await setup(() => byId('planned'));
    expect(text($('[part="notice"]'))).to.contain('Sign in');
    await expect(el).to.be.accessible();
  });
  it('follows a start made by another join button on the page (e.g. a list row)', async () => {
    const { el, $, signIn } = await setup(() => byId('planned'), {}, seedPlanned);
    await signIn();
    await waitUntil(() => text($('[part~="state"]')) === 'Scheduled');
    const elsewhere = document.createElement('div');
    document.body.append(elsewhere);
    const started = { ...el.current!, state: 'live' as const };
    elsewhere.dispatchEvent(new CustomEvent('tc-conference-update', { detail: { conference: started }, bubbles: true, composed: true }));
    await waitUntil(() => text($('[part~="state"]')) === 'Live', 'details switch to Live');
    // Another conference's update is ignored.
    elsewhere.dispatchEvent(new CustomEvent('tc-conference-update', { detail: { conference: { ...started, id: 'other', state: 'ended' } }, bubbles: true, composed: true }));
    await el.updateComplete;
    expect(text($('[part~="state"]'))).to.equal('Live');
    elsewhere.remove();
  });
});
