/**
 * Message language of the real elements: chosen from `<html lang>` (followed live), English for
 * anything unsupported, explicit `setLocale()` pinning it. The Russian and German modules are
 * fetched only when asked for.
 */
import { expect, html } from '@open-wc/testing';
import '../../src/elements/session/session.js';
import '../../src/elements/login-button/login-button.js';
import '../../src/elements/conference-list/conference-list.js';
import type { TcLoginButton } from '../../src/elements/login-button/login-button.component.js';
import type { TcConferenceList } from '../../src/elements/conference-list/conference-list.component.js';
import { followDocumentLanguage, getLocale, setLocale, SUPPORTED_LOCALES } from '../../src/i18n/localization.js';
import { MemoryProvider, conference } from '../support/memory-provider.js';
import { sessionFixture, until } from '../support/session-harness.js';

const root = document.documentElement;

function signInText(button: TcLoginButton): string {
  return button.shadowRoot!.querySelector('[part~="sign-in"]')?.textContent?.trim() ?? '';
}

function partText(list: TcConferenceList, name: string): string {
  return list.shadowRoot!.querySelector(`[part~="${name}"]`)?.textContent?.trim() ?? '';
}

function signedOutText(list: TcConferenceList): string {
  return list.shadowRoot!.querySelector('[part~="signed-out"]')?.textContent?.trim() ?? '';
}

/** The locale modules this page has fetched so far. */
function fetchedLocales(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => /\/i18n\/locales\/(\w+)\.ts/.exec(entry.name)?.[1])
    .filter((name): name is string => name !== undefined);
}

async function frames(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

async function setup() {
  const session = await sessionFixture(html`<tc-login-button></tc-login-button><tc-conference-list></tc-conference-list>`);
  const button = session.querySelector('tc-login-button')!;
  const list = session.querySelector('tc-conference-list')!;
  await until(() => signInText(button) !== '' && signedOutText(list) !== '', 'the signed-out elements');
  return { button, list };
}

describe('i18n: message language', () => {
  before(() => root.removeAttribute('lang'));
  after(() => root.removeAttribute('lang'));

  it('supports en, ru and de', () => {
    expect([...SUPPORTED_LOCALES]).to.deep.equal(['en', 'ru', 'de']);
  });

  it('without <html lang>: English, and no other language is fetched', async () => {
    const { button, list } = await setup();
    await frames(2);
    expect(signInText(button)).to.equal('Sign in');
    expect(signedOutText(list)).to.equal('Sign in to see your conferences.');
    expect(getLocale()).to.equal('en');
    expect(fetchedLocales()).to.deep.equal([]);
  });

  it('<html lang="ru">: Russian, fetched on demand', async () => {
    const { button, list } = await setup();
    root.lang = 'ru';
    await until(() => signInText(button) === 'Войти', 'Russian "Sign in"');
    expect(signedOutText(list)).to.equal('Войдите, чтобы увидеть свои конференции.');
    expect(getLocale()).to.equal('ru');
    expect(fetchedLocales()).to.deep.equal(['ru']);
  });

  it('an element added to a Russian page renders Russian from its first render', async () => {
    root.lang = 'ru';
    await until(() => getLocale() === 'ru', 'Russian');
    const { button } = await setup();
    expect(signInText(button)).to.equal('Войти');
  });

  it('the portal switching <html lang> to German re-renders the elements', async () => {
    root.lang = 'ru';
    const { button, list } = await setup();
    await until(() => signInText(button) === 'Войти', 'Russian first');
    root.lang = 'de';
    await until(() => signInText(button) === 'Anmelden', 'German "Sign in"');
    expect(signedOutText(list)).to.equal('Melden Sie sich an, um Ihre Konferenzen zu sehen.');
    expect(getLocale()).to.equal('de');
  });

  it('regional tags use their language; unsupported languages and a removed lang give English', async () => {
    const { button } = await setup();
    root.lang = 'de-AT';
    await until(() => signInText(button) === 'Anmelden', 'German for de-AT');
    root.lang = 'fr-FR';
    await until(() => signInText(button) === 'Sign in', 'English for fr-FR');
    expect(getLocale()).to.equal('en');
    root.lang = 'RU-ru';
    await until(() => signInText(button) === 'Войти', 'Russian for RU-ru');
    root.removeAttribute('lang');
    await until(() => signInText(button) === 'Sign in', 'English without lang');
  });

  it('setLocale() pins the language until followDocumentLanguage()', async () => {
    root.lang = 'en';
    const { button } = await setup();
    await setLocale('ru-RU');
    await until(() => signInText(button) === 'Войти', 'Russian by setLocale');
    expect(getLocale()).to.equal('ru');

    root.lang = 'de';
    // Long enough for the observer, the (cached) module and a render, had it still been following.
    await frames(5);
    expect(signInText(button)).to.equal('Войти');

    await followDocumentLanguage();
    await until(() => signInText(button) === 'Anmelden', 'German again from <html lang>');
    root.lang = 'en';
    await until(() => signInText(button) === 'Sign in', 'English from <html lang>');

    await setLocale('xx');
    expect(getLocale()).to.equal('en');
    await followDocumentLanguage();
  });

  it('a lang change that keeps the messages (en-US -> en-GB) still re-renders dates; German changes both', async () => {
    root.lang = 'en-US';
    const start = '2031-01-15T09:30:00.000Z';
    const provider = new MemoryProvider({
      conferences: [conference({ state: 'scheduled', schedule: { kind: 'once', start, durationMinutes: 90 } })],
    });
    const session = await sessionFixture(html`<tc-conference-list></tc-conference-list>`, { provider });
    const list = session.querySelector('tc-conference-list')!;
    await until(() => partText(list, 'schedule') !== '', 'the scheduled row');
    expect(partText(list, 'schedule')).to.match(/Jan 15, 2031/);
    expect(partText(list, 'badge')).to.equal('Scheduled');

    root.lang = 'en-GB';
    await until(() => /15 Jan 2031/.test(partText(list, 'schedule')), 'British date order');
    expect(partText(list, 'badge')).to.equal('Scheduled');

    root.lang = 'de-DE';
    await until(() => partText(list, 'badge') === 'Geplant', 'German badge');
    expect(partText(list, 'schedule')).to.match(/15\. Jan\. 2031/);
    expect(partText(list, 'owner')).to.match(/^Organisator: /);
  });
});
