/**
 * Real <tc-session> elements signed in through their own code path: the tokens a sign-in would have
 * stored are put in sessionStorage (`storage="session"`), and the vendor adapter is registered with
 * `registerProvider`, so the session restores the sign-in and loads "its" adapter exactly as after a
 * page reload. The adapter is a MemoryProvider: component tests cover rendering states; the lab's
 * real servers are covered end to end.
 */
import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/elements/session/session.js';
import type { TcSession } from '../../src/elements/session/session.component.js';
import { storageKey } from '../../src/auth/storage.js';
import type { ProviderName, SessionUser } from '../../src/model/index.js';
import { registerProvider } from '../../src/providers/registry.js';
import type { ConferenceProvider } from '../../src/providers/types.js';

export const HELEN: SessionUser = { id: 'helen', displayName: 'Helen Smith' };

/** The issuer is this test server: sign-out's token revocation then fails fast and locally (404). */
export const ISSUER = location.origin;

const adapters = new Map<ProviderName, ConferenceProvider>();
for (const name of ['trueconf', 'opentalk', 'webex', 'telphin'] as const) {
  registerProvider(name, () => {
    const adapter = adapters.get(name);
    if (!adapter) throw new Error(`test: no adapter given for ${name}`);
    return adapter;
  });
}

/** Stores what a finished sign-in of `clientId` would have stored, and which adapter it gets. */
export function storeSignIn(provider: ConferenceProvider, user: SessionUser = HELEN, clientId = 'portal'): void {
  adapters.set(provider.name, provider);
  sessionStorage.setItem(
    storageKey('tokens', ISSUER, clientId),
    JSON.stringify({ accessToken: `test-${Math.random().toString(36).slice(2)}`, user }),
  );
}

export function forgetSignIns(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('tc-auth:')) sessionStorage.removeItem(key);
}

/** Waits until `predicate` holds, re-checking after each animation frame. */
export async function until(predicate: () => boolean, message = 'condition', timeout = 3000): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/**
 * A TrueConf session around `inner`, signed in with `provider` when given (else signed out).
 * Resolves once the session has its adapter.
 */
export async function sessionFixture(
  inner: TemplateResult,
  options: { provider?: ConferenceProvider; user?: SessionUser; id?: string; clientId?: string } = {},
): Promise<TcSession> {
  forgetSignIns();
  const clientId = options.clientId ?? 'portal';
  if (options.provider) storeSignIn(options.provider, options.user, clientId);
  const session = await fixture<TcSession>(html`<tc-session id=${options.id ?? 'main'} provider="trueconf"
    server="https://video.example.com" issuer=${ISSUER} client-id=${clientId} storage="session">${inner}</tc-session>`);
  await session.updateComplete;
  if (options.provider) await until(() => session.snapshot.provider === options.provider, 'the session to load its adapter');
  return session;
}

/**
 * Signs an already rendered, signed-out session in: stores the sign-in, then changes the session's
 * configuration (its scope), which makes it start a new OAuth session that restores the stored sign-in.
 */
export async function signInLater(session: TcSession, provider: ConferenceProvider, user: SessionUser = HELEN): Promise<void> {
  storeSignIn(provider, user, session.clientId);
  session.scope = `${session.scope} test`.trim();
  await until(() => session.snapshot.provider === provider, 'the session to sign in');
}

/** Signs `session` (from `sessionFixture`) in with `provider` as `user`; same as `signInLater`. */
export const signInWith = signInLater;
