import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/session/session.js';
import '../../src/elements/login-button/login-button.js';
import type { TcLoginButton } from '../../src/elements/login-button/login-button.component.js';
import type { TcSession } from '../../src/elements/session/session.component.js';
import { MemoryProvider } from '../support/memory-provider.js';
import { ISSUER, forgetSignIns, sessionFixture, signInWith, until } from '../support/session-harness.js';

function part(el: TcLoginButton, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

async function setup() {
  const session = await sessionFixture(html`<tc-login-button></tc-login-button>`);
  const button = session.querySelector('tc-login-button')!;
  await button.updateComplete;
  return { session, button };
}

describe('<tc-login-button>', () => {
  it('signed out: an enabled "Sign in" button, accessible', async () => {
    const { button } = await setup();
    const signIn = part(button, 'sign-in') as HTMLButtonElement;
    expect(signIn.textContent!.trim()).to.equal('Sign in');
    expect(signIn.disabled).to.equal(false);
    expect(part(button, 'sign-out')).to.equal(null);
    await expect(button).to.be.accessible();
  });

  it('is accessible in dark mode, signed out and signed in', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const { session, button } = await setup();
      await expect(button).to.be.accessible();
      await signInWith(session, new MemoryProvider());
      await button.updateComplete;
      await expect(button).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('loading: the button is disabled and busy', async () => {
    const { session, button } = await setup();
    session.state = 'loading';
    await session.updateComplete;
    await button.updateComplete;
    const signIn = part(button, 'sign-in') as HTMLButtonElement;
    expect(signIn.disabled).to.equal(true);
    expect(signIn.getAttribute('aria-busy')).to.equal('true');
  });

  it('signed in: shows the display name and "Sign out", which signs out', async () => {
    const { session, button } = await setup();
    await signInWith(session, new MemoryProvider(), { id: 'helen', displayName: 'Helen Smith' });
    await button.updateComplete;
    expect(session.state).to.equal('signed-in');
    expect(part(button, 'user')!.textContent).to.equal('Helen Smith');
    const signOut = part(button, 'sign-out') as HTMLButtonElement;
    expect(signOut.textContent!.trim()).to.equal('Sign out');
    await expect(button).to.be.accessible();

    signOut.click();
    await until(() => part(button, 'sign-in') !== null, 'signed out');
    expect(session.state).to.equal('signed-out');
    expect(part(button, 'user')).to.equal(null);
    expect(part(button, 'sign-in')).to.not.equal(null);
  });

  it('shows why sign-in failed (a misconfigured session), keyboard-activated', async () => {
    const session = await fixture<TcSession>(html`<tc-session provider="trueconf" server="https://video.example.com">
      <tc-login-button></tc-login-button>
    </tc-session>`);
    const button = session.querySelector('tc-login-button')!;
    await button.updateComplete;
    (part(button, 'sign-in') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await button.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    await button.updateComplete;
    const error = part(button, 'error');
    expect(error, 'error part').to.not.equal(null);
    expect(error!.getAttribute('role')).to.equal('alert');
    expect(error!.textContent).to.contain('not configured correctly');
    expect(error!.textContent).to.contain('is required');
    await expect(button).to.be.accessible();
  });

  it('finds its session by the session attribute when outside it', async () => {
    forgetSignIns();
    const wrapper = await fixture(html`<div>
      <tc-session id="a" provider="trueconf" server="https://a.example.com" issuer=${ISSUER} client-id="x" storage="session"></tc-session>
      <tc-session id="b" provider="trueconf" server="https://b.example.com" issuer=${ISSUER} client-id="y" storage="session"></tc-session>
      <tc-login-button session="b"></tc-login-button>
    </div>`);
    const [first, second] = wrapper.querySelectorAll('tc-session') as unknown as TcSession[];
    const button = wrapper.querySelector('tc-login-button')!;
    await signInWith(second!, new MemoryProvider(), { id: 'dean', displayName: 'Dean' });
    await button.updateComplete;
    expect(first!.state).to.equal('signed-out');
    expect(part(button, 'user')!.textContent).to.equal('Dean');
  });

  it('without any session: disabled, saying none was found', async () => {
    const button = await fixture<TcLoginButton>(html`<tc-login-button></tc-login-button>`);
    const signIn = part(button, 'sign-in') as HTMLButtonElement;
    expect(signIn.disabled).to.equal(true);
    expect(signIn.title).to.contain('No <tc-session>');
  });
});
