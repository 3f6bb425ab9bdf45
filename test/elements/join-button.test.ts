import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/session/session.js';
import '../../src/elements/join-button/join-button.js';
import type { TcJoinButton, JoinDetail, JoinRequestDetail, CallRequestDetail, ConferenceDetail } from '../../src/elements/join-button/join-button.component.js';
import type { TcSession } from '../../src/elements/session/session.component.js';
import type { Conference } from '../../src/model/index.js';
import { TcError } from '../../src/model/error.js';
import type { TcErrorDetail } from '../../src/internal/events.js';
import { MemoryProvider, conference, TEST_HOST } from '../support/memory-provider.js';
import { ISSUER, forgetSignIns, sessionFixture, signInWith, until } from '../support/session-harness.js';

const MINUTE = 60_000;

function part(el: TcJoinButton, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}
function mainButton(el: TcJoinButton): HTMLButtonElement {
  return part(el, 'button') as HTMLButtonElement;
}
function text(node: Element | null): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

let opened: [string, string, string][] = [];
const realOpen = window.open;

beforeEach(() => {
  opened = [];
  // Record instead of opening real tabs; the arguments are what the browser would get.
  window.open = ((url: string, target: string, features: string) => {
    opened.push([url, target, features]);
    return null;
  }) as typeof window.open;
});
afterEach(() => {
  window.open = realOpen;
});

async function setup(c: Conference | undefined, provider = new MemoryProvider({ conferences: c ? [c] : [] }), attrs: { target?: string } = {}) {
  const session = await sessionFixture(html`<tc-join-button target=${attrs.target ?? '_blank'}></tc-join-button>`, { provider });
  const el = session.querySelector('tc-join-button')!;
  el.conference = c;
  await el.updateComplete;
  return { session, el, provider };
}

describe('<tc-join-button> states', () => {
  it('live: "Join" opens the web client in a new tab with noopener, between tc-join-request and tc-join', async () => {
    const c = conference({ state: 'live' });
    const { el } = await setup(c);
    expect(text(mainButton(el))).to.equal('Join');
    expect(mainButton(el).disabled).to.equal(false);
    await expect(el).to.be.accessible();

    const events: string[] = [];
    let request: JoinRequestDetail | undefined;
    el.addEventListener('tc-join-request', (e) => {
      events.push(`request(opened=${opened.length})`);
      request = (e as CustomEvent<JoinRequestDetail>).detail;
    });
    const joined = oneEvent(el, 'tc-join');
    mainButton(el).click();
    const detail = ((await joined) as CustomEvent<JoinDetail>).detail;
    expect(events).to.deep.equal(['request(opened=0)']);
    expect(request).to.deep.include({ url: c.joinUrl, start: false });
    expect(opened).to.deep.equal([[c.joinUrl, '_blank', 'noopener']]);
    expect(detail).to.deep.include({ url: c.joinUrl, target: '_blank' });
    expect(detail.conference.id).to.equal(c.id);
  });

  it('is accessible in dark mode (live with guest link, and with a reason)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const live = await setup(conference({ state: 'live', guestUrl: `https://${TEST_HOST}/g/1` }));
      await expect(live.el).to.be.accessible();
      const refused = await setup(conference({ state: 'live', joinUrl: 'https://evil.example.net/x' }));
      await expect(refused.el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('on a vendor with nothing to start (OpenTalk rooms, Webex), a room or a scheduled meeting is joined directly', async () => {
    const provider = (c: Conference) => new MemoryProvider({ conferences: [c], capabilities: { startStop: false } });
    const room = conference({ state: 'stopped' });
    const { el } = await setup(room, provider(room));
    expect(text(mainButton(el))).to.equal('Join');
    mainButton(el).click();
    await until(() => opened.length === 1, 'open');
    expect(opened[0]![0]).to.equal(room.joinUrl);

    const soon = conference({ state: 'scheduled', schedule: { kind: 'once', start: new Date(Date.now() + 90 * MINUTE).toISOString(), durationMinutes: 30 } });
    const scheduled = await setup(soon, provider(soon));
    expect(text(mainButton(scheduled.el))).to.equal('Join');
    expect(part(scheduled.el, 'countdown')).to.exist;
    const barred = conference({ state: 'stopped', capabilities: { canStart: false, canStop: false, canEdit: false, canDelete: false, canInvite: false, canJoin: false } });
    const refused = await setup(barred, provider(barred));
    expect(mainButton(refused.el).disabled).to.equal(true);
  });

  it('target="_self" opens in this tab', async () => {
    const c = conference({ state: 'live' });
    const { el } = await setup(c, undefined, { target: '_self' });
    mainButton(el).click();
    await until(() => opened.length === 1, 'open');
    expect(opened[0]).to.deep.equal([c.joinUrl, '_self', 'noopener']);
  });

  it('a cancelled tc-join-request opens nothing and fires no tc-join', async () => {
    const { el } = await setup(conference({ state: 'live' }));
    let joined = false;
    el.addEventListener('tc-join-request', (e) => e.preventDefault());
    el.addEventListener('tc-join', () => (joined = true));
    mainButton(el).click();
    await new Promise((r) => setTimeout(r, 20));
    expect(opened).to.have.length(0);
    expect(joined).to.equal(false);
  });

  it('is usable from the keyboard (Enter on the focused button)', async () => {
    const c = conference({ state: 'live' });
    const { el } = await setup(c);
    mainButton(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => opened.length === 1, 'open');
    expect(opened[0]![0]).to.equal(c.joinUrl);
  });

  it('ended: a disabled "Ended"', async () => {
    const { el } = await setup(conference({ state: 'ended' }));
    expect(text(mainButton(el))).to.equal('Ended');
    expect(mainButton(el).disabled).to.equal(true);
    expect(part(el, 'copy')).to.equal(null);
  });

  it('scheduled, not the owner: a disabled "Starts in N min" countdown', async () => {
    const start = new Date(Date.now() + 10 * MINUTE + 5000).toISOString();
    const { el } = await setup(
      conference({ state: 'scheduled', owner: { id: 'kevin' }, schedule: { kind: 'once', start, durationMinutes: 30 } }),
    );
    expect(text(mainButton(el))).to.equal('Starts in 11 min');
    expect(mainButton(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('scheduled far ahead shows the date instead of minutes', async () => {
    const start = new Date(Date.now() + 3 * 24 * 60 * MINUTE).toISOString();
    const { el } = await setup(conference({ state: 'scheduled', owner: { id: 'kevin' }, schedule: { kind: 'once', start } }));
    expect(text(mainButton(el))).to.match(/^Starts \w{3}, /);
  });

  it('scheduled and startable: "Start" with the countdown beside it', async () => {
    const start = new Date(Date.now() + 30 * MINUTE).toISOString();
    const { el } = await setup(
      conference({ state: 'scheduled', schedule: { kind: 'once', start }, capabilities: { canStart: true } as Conference['capabilities'] }),
    );
    expect(text(mainButton(el))).to.equal('Start');
    expect(text(part(el, 'countdown'))).to.match(/^Starts in (29|30) min$/);
  });

  it('stopped, not the owner: disabled "Join" with the reason', async () => {
    const { el } = await setup(conference({ state: 'stopped', owner: { id: 'kevin' } }));
    expect(mainButton(el).disabled).to.equal(true);
    expect(text(part(el, 'reason'))).to.equal('Waiting for the owner to start it.');
    expect(mainButton(el).getAttribute('aria-describedby')).to.equal('reason');
  });

  it('stopped, owned by the signed-in person: "Start" starts it on the server, then joins', async () => {
    const c = conference({ state: 'stopped', owner: { id: 'helen' } });
    const { el, provider } = await setup(c);
    expect(text(mainButton(el))).to.equal('Start');
    const release = provider.hold();
    const updated = oneEvent(el, 'tc-conference-update');
    const joined = oneEvent(el, 'tc-join');
    mainButton(el).click();
    await el.updateComplete;
    expect(text(mainButton(el))).to.equal('Starting…');
    expect(mainButton(el).disabled).to.equal(true);
    mainButton(el).click(); // a double click starts once
    expect(opened).to.have.length(0);
    release();
    expect(((await updated) as CustomEvent<ConferenceDetail>).detail.conference.state).to.equal('live');
    await joined;
    expect(provider.count('start')).to.equal(1);
    expect(opened).to.deep.equal([[c.joinUrl, '_blank', 'noopener']]);
    await el.updateComplete;
    expect(text(mainButton(el))).to.equal('Join');
  });

  it('a failed start shows the error with Retry, fires tc-error, opens nothing; Retry succeeds', async () => {
    const c = conference({ state: 'stopped', capabilities: { canStart: true } as Conference['capabilities'] });
    const { el, provider } = await setup(c);
    provider.failNext('start', new TcError({ kind: 'server', status: 500, message: 'HTTP 500 from the server' }));
    const failed = oneEvent(el, 'tc-error');
    mainButton(el).click();
    expect(((await failed) as CustomEvent<TcErrorDetail>).detail.error.kind).to.equal('server');
    await el.updateComplete;
    expect(opened).to.have.length(0);
    const error = part(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(text(error)).to.contain('The server had a problem.');
    expect(text(error)).to.contain('HTTP 500');
    await expect(el).to.be.accessible();
    (part(el, 'retry') as HTMLButtonElement).click();
    await until(() => opened.length === 1, 'open after retry');
    await el.updateComplete;
    expect(part(el, 'error')).to.equal(null);
  });
});

describe('<tc-join-button> URL safety', () => {
  const cases: [string, string, RegExp][] = [
    ['javascript:', 'javascript:alert(document.domain)', /uses javascript:, which is not allowed/],
    ['a foreign host', 'https://evil.example.net/webrtc/1', /points to evil\.example\.net, which is not this conference server/],
    ['a look-alike host', `https://${TEST_HOST}.evil.example.net/webrtc/1`, /points to video\.example\.com\.evil/],
    ['plain http off loopback', `http://${TEST_HOST}/webrtc/1`, /not secure/],
    ['credentials', `https://user:pw@${TEST_HOST}/webrtc/1`, /contains a password/],
    ['a relative link', '/webrtc/1', /not a valid URL/],
    ['data:', 'data:text/html,<script>alert(1)</script>', /uses data:/],
  ];
  for (const [name, joinUrl, reason] of cases) {
    it(`${name}: disabled, with the reason as visible text and title`, async () => {
      const { el } = await setup(conference({ state: 'live', joinUrl }));
      const button = mainButton(el);
      expect(button.disabled).to.equal(true);
      expect(text(part(el, 'reason'))).to.match(reason);
      expect(button.title).to.match(reason);
      button.click();
      await new Promise((r) => setTimeout(r, 10));
      expect(opened).to.have.length(0);
    });
  }

  it('no join link: disabled with the reason', async () => {
    const { el } = await setup(conference({ state: 'live', joinUrl: undefined }));
    expect(mainButton(el).disabled).to.equal(true);
    expect(text(part(el, 'reason'))).to.equal('This conference has no join link.');
  });

  it('an unsafe link is refused before starting anything', async () => {
    const { el } = await setup(
      conference({ state: 'stopped', joinUrl: 'javascript:alert(1)', capabilities: { canStart: true } as Conference['capabilities'] }),
    );
    expect(text(mainButton(el))).to.equal('Start');
    expect(mainButton(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('plain http on loopback is allowed when the host is a join host', async () => {
    const provider = new MemoryProvider({ joinHosts: ['127.0.0.1:8123'] });
    const { el } = await setup(conference({ state: 'live', joinUrl: 'http://127.0.0.1:8123/webrtc/x' }), provider);
    expect(mainButton(el).disabled).to.equal(false);
  });

  it('a host entry with a port does not admit another port', async () => {
    const provider = new MemoryProvider({ joinHosts: ['127.0.0.1:8123'] });
    const { el } = await setup(conference({ state: 'live', joinUrl: 'http://127.0.0.1:9999/webrtc/x' }), provider);
    expect(mainButton(el).disabled).to.equal(true);
  });
});

describe('<tc-join-button> by conference-id', () => {
  it('shows loading, then the loaded conference', async () => {
    const c = conference({ state: 'live' });
    const provider = new MemoryProvider({ conferences: [c] });
    const release = provider.hold();
    const session = await sessionFixture(html`<tc-join-button conference-id=${c.id}></tc-join-button>`);
    const el = session.querySelector('tc-join-button')!;
    await signInWith(session, provider);
    await el.updateComplete;
    expect(text(mainButton(el))).to.equal('Loading…');
    expect(mainButton(el).disabled).to.equal(true);
    expect(mainButton(el).getAttribute('aria-busy')).to.equal('true');
    release();
    await until(() => text(mainButton(el)) === 'Join', 'loaded');
    expect(provider.calls.filter((x) => x.method === 'get').map((x) => x.args[0])).to.deep.equal([c.id]);
  });

  it('a failed load shows the error and Retry loads again', async () => {
    const c = conference({ state: 'live' });
    const provider = new MemoryProvider({ conferences: [c] });
    provider.failNext('get', new TypeError('Failed to fetch'));
    const session = await sessionFixture(html`<tc-join-button conference-id=${c.id}></tc-join-button>`);
    const el = session.querySelector('tc-join-button')!;
    await signInWith(session, provider);
    await until(() => part(el, 'error') !== null, 'error');
    expect(text(part(el, 'error'))).to.contain("Can't reach the server");
    expect(mainButton(el).disabled).to.equal(true);
    (part(el, 'retry') as HTMLButtonElement).click();
    await until(() => text(mainButton(el)) === 'Join', 'loaded after retry');
    expect(part(el, 'error')).to.equal(null);
  });

  it('an unknown id says not found', async () => {
    const session = await sessionFixture(html`<tc-join-button conference-id="nope"></tc-join-button>`);
    const el = session.querySelector('tc-join-button')!;
    await signInWith(session, new MemoryProvider());
    await until(() => part(el, 'error') !== null, 'error');
    expect(text(part(el, 'error'))).to.contain('Not found.');
  });

  it('signed out: disabled, asking to sign in', async () => {
    const session = await sessionFixture(html`<tc-join-button conference-id="c1"></tc-join-button>`);
    const el = session.querySelector('tc-join-button')!;
    await el.updateComplete;
    expect(mainButton(el).disabled).to.equal(true);
    expect(text(part(el, 'reason'))).to.equal('Sign in to join.');
    await expect(el).to.be.accessible();
  });
});

describe('<tc-join-button> guest link', () => {
  it('copies the guest link to the clipboard and says so (real clipboard, keyboard)', async () => {
    const guestUrl = `https://${TEST_HOST}/guest/abc`;
    const { el } = await setup(conference({ state: 'live', guestUrl }));
    const copy = part(el, 'copy') as HTMLButtonElement;
    expect(text(copy)).to.equal('Copy guest link');
    copy.focus();
    await sendKeys({ press: 'Enter' }); // a real key press: the user activation the clipboard asks for
    await until(() => text(part(el, 'copy')) !== 'Copy guest link' || part(el, 'guest-link') !== null, 'copy result');
    expect(text(part(el, 'copy'))).to.equal('Link copied');
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal('Guest link copied.');
    // Reading the clipboard needs a permission the test browser lacks; pasting does not.
    const pasteTarget = document.createElement('textarea');
    pasteTarget.setAttribute('aria-label', 'paste target');
    document.body.append(pasteTarget);
    try {
      pasteTarget.focus();
      await sendKeys({ press: 'ControlOrMeta+V' });
      expect(pasteTarget.value).to.equal(guestUrl);
    } finally {
      pasteTarget.remove();
    }
  });

  it('when the clipboard refuses, shows the link to copy by hand', async () => {
    const guestUrl = `https://${TEST_HOST}/guest/abc`;
    const { el } = await setup(conference({ state: 'live', guestUrl }));
    const writeText = navigator.clipboard.writeText;
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    try {
      (part(el, 'copy') as HTMLButtonElement).click();
      await until(() => part(el, 'guest-link') !== null, 'fallback');
      expect((part(el, 'guest-link') as HTMLInputElement).value).to.equal(guestUrl);
      await expect(el).to.be.accessible();
    } finally {
      navigator.clipboard.writeText = writeText;
    }
  });

  it('an unsafe guest link is not offered', async () => {
    const { el } = await setup(conference({ state: 'live', guestUrl: 'javascript:alert(1)' }));
    expect(part(el, 'copy')).to.equal(null);
  });
});

describe('<tc-join-button> call my phone', () => {
  async function withPhone(phoneProvider: string, signedIn: MemoryProvider | undefined) {
    forgetSignIns();
    const wrapper = await fixture(html`<div>
      <tc-session id="main" provider="trueconf" server="https://video.example.com" issuer=${ISSUER} client-id="portal" storage="session">
        <tc-join-button phone-session="phone"></tc-join-button>
      </tc-session>
      <tc-session id="phone" provider=${phoneProvider} issuer=${ISSUER} client-id="phone" storage="session"></tc-session>
    </div>`);
    const [main, phone] = wrapper.querySelectorAll('tc-session') as unknown as TcSession[];
    await signInWith(main!, new MemoryProvider({ conferences: [] }));
    if (signedIn) await signInWith(phone!, signedIn);
    else await until(() => phone!.state === 'signed-out', 'phone session ready');
    const el = wrapper.querySelector('tc-join-button')!;
    el.conference = conference({ state: 'live' });
    await el.updateComplete;
    return el;
  }

  it('not offered without phone-session', async () => {
    const { el } = await setup(conference({ state: 'live' }));
    expect(part(el, 'call')).to.equal(null);
  });

  it('offered but disabled until the Telphin session is signed in', async () => {
    const el = await withPhone('telphin', undefined);
    const call = part(el, 'call') as HTMLButtonElement;
    expect(text(call)).to.equal('Call my phone');
    expect(call.disabled).to.equal(true);
    expect(text(part(el, 'call-reason'))).to.equal('Sign in to the phone service first.');
    expect(call.title).to.equal('Sign in to the phone service first.');
    await expect(el).to.be.accessible();
  });

  it('disabled when the phone session is not Telphin', async () => {
    const el = await withPhone('webex', undefined);
    expect(text(part(el, 'call-reason'))).to.equal('The phone session is not a configured Telphin session.');
  });

  it('disabled when the Telphin provider cannot place calls', async () => {
    const el = await withPhone('telphin', new MemoryProvider({ name: 'telphin', capabilities: { callMe: false } }));
    expect(text(part(el, 'call-reason'))).to.equal('Calling your phone is not available yet.');
  });

  it('fires tc-call-request when it can call', async () => {
    const el = await withPhone('telphin', new MemoryProvider({ name: 'telphin', capabilities: { callMe: true } }));
    const call = part(el, 'call') as HTMLButtonElement;
    expect(call.disabled).to.equal(false);
    const requested = oneEvent(el, 'tc-call-request');
    call.click();
    const detail = ((await requested) as CustomEvent<CallRequestDetail>).detail;
    expect(detail.phoneSession.id).to.equal('phone');
    expect(detail.conference.id).to.equal(el.conference!.id);
  });
});
