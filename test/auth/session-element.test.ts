/** `<tc-session>` wiring to its AuthSession, without a server: what a page sees on refusal and sign-out. */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/session/session.js';
import type { TcSession } from '../../src/elements/session/session.component.js';
import type { TcErrorDetail } from '../../src/internal/events.js';

const original = location.href;
const issuer = 'https://bridge.example.test';

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', original);
});

describe('<tc-session> sign-in wiring', () => {
  it('a response nobody started is refused with tc-error (kind auth), shown in the error part, and removed from the URL', async () => {
    const url = new URL(original);
    url.searchParams.set('code', 'planted');
    url.searchParams.set('state', 'planted');
    history.replaceState(null, '', url.href);
    const host = document.createElement('div');
    const errors: TcErrorDetail[] = [];
    host.addEventListener('tc-error', (e) => errors.push((e as CustomEvent<TcErrorDetail>).detail));
    host.innerHTML = `<tc-session provider="trueconf" server="https://tc.example.test" issuer="${issuer}" client-id="portal"></tc-session>`;
    await fixture(host);
    const el = host.querySelector('tc-session') as TcSession;
    await el.updateComplete;
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(errors.map((e) => [e.error.kind, e.error.code])).to.deep.equal([['auth', 'unexpected_response']]);
    expect(el.state).to.equal('signed-out');
    expect(el.snapshot.error?.code).to.equal('unexpected_response');
    expect(el.shadowRoot!.querySelector('[part="error"]')?.textContent).to.contain('Sign-in problem');
    expect(new URL(location.href).searchParams.has('code')).to.equal(false);
  });

  it('restores a stored sign-in (tc-sign-in), and signOut() fires tc-sign-out and clears storage', async () => {
    const key = `tc-auth:tokens:${issuer}|portal`;
    sessionStorage.setItem(key, JSON.stringify({ accessToken: 'at', user: { id: 'helen', displayName: 'Helen Park' } }));
    const signedIn = oneEvent(document, 'tc-sign-in');
    const el = await fixture<TcSession>(
      html`<tc-session provider="webex" issuer=${issuer} client-id="portal" storage="session"></tc-session>`,
    );
    const event = (await signedIn) as CustomEvent<{ user: { displayName: string } }>;
    expect(event.detail.user.displayName).to.equal('Helen Park');
    expect(el.state).to.equal('signed-in');
    expect(el.user?.displayName).to.equal('Helen Park');

    const signedOut = oneEvent(el, 'tc-sign-out');
    await el.signOut();
    const out = (await signedOut) as CustomEvent<{ reason: unknown }>;
    expect(out.detail.reason).to.equal(undefined);
    expect(el.state).to.equal('signed-out');
    expect(el.user).to.equal(undefined);
    expect(sessionStorage.getItem(key)).to.equal(null);
  });

  it('signIn() on an invalid configuration rejects with the configuration error', async () => {
    const el = await fixture<TcSession>(html`<tc-session provider="trueconf" issuer=${issuer}></tc-session>`);
    const error = await el.signIn().then(
      () => undefined,
      (e: { kind: string }) => e,
    );
    expect(error?.kind).to.equal('config');
  });
});
