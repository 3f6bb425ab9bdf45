/**
 * AuthSession in Chromium without a server: the authorization request it builds, and the responses it
 * refuses before any network call (explicit metadata; the token endpoint is unreachable on purpose,
 * so a refusal that happened too late would show up as a network error instead).
 */
import { expect } from '@open-wc/testing';
import { AuthSession } from '../../src/auth/session.js';
import type { SessionConfig } from '../../src/auth/config.js';
import type { AuthorizationServer } from '../../src/auth/discovery.js';
import type { TcError } from '../../src/model/error.js';

const issuer = 'https://as.example.test/realms/lab';
const metadata: AuthorizationServer = {
  issuer,
  authorization_endpoint: `${issuer}/auth`,
  token_endpoint: 'https://127.0.0.1:9/token',
  authorization_response_iss_parameter_supported: true,
};

function config(overrides: Partial<SessionConfig> = {}): SessionConfig {
  return {
    provider: 'opentalk',
    server: 'https://ot.example.test',
    issuer,
    clientId: 'web',
    redirectUri: 'https://app.example.test/portal',
    scope: undefined,
    apiBase: undefined,
    apiVersion: undefined,
    loginMode: 'redirect',
    storage: 'memory',
    ...overrides,
  };
}

const TX_KEY = `tc-auth:tx:${issuer}|web`;
const original = location.href;

/** Starts a redirect sign-in and returns the authorization URL it would have navigated to. */
async function startSignIn(c = config(), params?: Record<string, string>): Promise<URL> {
  let target = '';
  const session = new AuthSession(c, { metadata, navigate: (url) => (target = url) });
  await session.init();
  await session.signIn(params ? { params } : {});
  session.dispose();
  return new URL(target);
}

/** What the browser shows when the authorization server sends it back. */
function arriveWith(params: Record<string, string>): void {
  const url = new URL(original);
  url.hash = '';
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  history.replaceState(null, '', url.href);
}

async function initRejection(): Promise<TcError> {
  const session = new AuthSession(config(), { metadata });
  try {
    await session.init();
    throw new Error('init() resolved');
  } catch (error) {
    expect(session.state).to.equal('signed-out');
    expect(session.error).to.equal(error);
    return error as TcError;
  } finally {
    session.dispose();
  }
}

afterEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', original);
});

describe('AuthSession authorization request', () => {
  it('sends PKCE S256, state and (with openid) nonce; the challenge matches the stored verifier', async () => {
    const url = await startSignIn();
    const p = url.searchParams;
    const tx = JSON.parse(sessionStorage.getItem(TX_KEY)!);
    expect(url.origin + url.pathname).to.equal(`${issuer}/auth`);
    expect(p.get('response_type')).to.equal('code');
    expect(p.get('client_id')).to.equal('web');
    expect(p.get('redirect_uri')).to.equal('https://app.example.test/portal');
    expect(p.get('scope')).to.equal('openid profile email');
    expect(p.get('code_challenge_method')).to.equal('S256');
    expect(p.get('state')).to.equal(tx.state);
    expect(p.get('nonce')).to.equal(tx.nonce);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tx.codeVerifier));
    const expected = btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(p.get('code_challenge')).to.equal(expected);
    expect(url.href).not.to.contain(tx.codeVerifier);
  });

  it('sends no nonce without openid, and extra parameters cannot override the security ones', async () => {
    const url = await startSignIn(config({ provider: 'trueconf' }), {
      prompt: 'login',
      state: 'attacker',
      code_challenge_method: 'plain',
      redirect_uri: 'https://evil.test/',
    });
    const p = url.searchParams;
    expect(p.get('nonce')).to.equal(null);
    expect(p.get('scope')).to.equal(null);
    expect(p.get('prompt')).to.equal('login');
    expect(p.get('state')).not.to.equal('attacker');
    expect(p.get('code_challenge_method')).to.equal('S256');
    expect(p.get('redirect_uri')).to.equal('https://app.example.test/portal');
  });

  it('refuses metadata whose endpoints are plain http off loopback', async () => {
    const session = new AuthSession(config(), {
      metadata: { ...metadata, token_endpoint: 'http://as.example.test/token' },
    });
    const error = await session.metadata().then(
      () => undefined,
      (e: TcError) => e,
    );
    expect(error?.kind).to.equal('config');
    expect(error?.message).to.contain('token_endpoint');
  });
});

describe('AuthSession callback handling', () => {
  it('refuses a forged state before redeeming anything and restores the page address', async () => {
    history.replaceState(null, '', `${original}#meetings`);
    await startSignIn();
    arriveWith({ code: 'stolen-code', state: 'forged', iss: issuer });
    const error = await initRejection();
    expect(error.kind).to.equal('auth');
    expect(error.code).to.equal('state_mismatch');
    expect(location.href).to.equal(`${original}#meetings`);
    expect(sessionStorage.getItem(TX_KEY)).to.equal(null, 'the transaction is spent');
  });

  it('refuses another issuer\'s iss (mix-up) with the right state', async () => {
    const url = await startSignIn();
    arriveWith({ code: 'c', state: url.searchParams.get('state')!, iss: 'https://evil.example.test' });
    const error = await initRejection();
    expect(error.code).to.equal('issuer_mismatch');
    expect(new URL(location.href).searchParams.has('code')).to.equal(false);
  });

  it('reports an error response from the authorization server (access_denied) with its state checked', async () => {
    const url = await startSignIn();
    arriveWith({ error: 'access_denied', error_description: 'The user said no', state: url.searchParams.get('state')!, iss: issuer });
    const error = await initRejection();
    expect(error.kind).to.equal('auth');
    expect(error.code).to.equal('access_denied');
    expect(error.message).to.contain('The user said no');
    const left = new URL(location.href).searchParams;
    expect(['error', 'error_description', 'state', 'iss'].some((k) => left.has(k))).to.equal(false);
  });

  it('keeps the rest of the query when it removes the response parameters', async () => {
    arriveWith({ code: 'x', state: 'nobody-started-this', session_state: 's', view: 'week' });
    const error = await initRejection();
    expect(error.code).to.equal('unexpected_response');
    const left = new URL(location.href).searchParams;
    expect(left.get('view')).to.equal('week');
    expect(left.has('wtr-session-id')).to.equal(true);
    expect(['code', 'state', 'session_state'].some((k) => left.has(k))).to.equal(false);
  });

  it('leaves a response to the session that started it when two sessions on the page have sign-ins pending', async () => {
    await startSignIn(config({ clientId: 'other' }));
    const mine = await startSignIn();
    arriveWith({ code: 'c', state: mine.searchParams.get('state')!, iss: issuer });
    const other = new AuthSession(config({ clientId: 'other' }), { metadata });
    await other.init();
    expect(other.error).to.equal(undefined);
    expect(sessionStorage.getItem(`tc-auth:tx:${issuer}|other`)).not.to.equal(null, 'its own transaction is kept');
    other.dispose();
    // The owner redeems it (here the token endpoint is unreachable: a network error, not a refusal).
    const error = await initRejection();
    expect(error.kind).to.equal('network');
  });

  it('forgets transactions older than the time limit', async () => {
    const url = await startSignIn();
    const tx = JSON.parse(sessionStorage.getItem(TX_KEY)!);
    sessionStorage.setItem(TX_KEY, JSON.stringify({ ...tx, createdAt: Date.now() - 11 * 60_000 }));
    sessionStorage.setItem(`tc-auth:tx:https://other.test|x`, JSON.stringify({ ...tx, createdAt: Date.now() - 11 * 60_000 }));
    arriveWith({ code: 'c', state: url.searchParams.get('state')!, iss: issuer });
    const error = await initRejection();
    expect(error.code).to.equal('unexpected_response');
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('tc-auth:tx:'))).to.deep.equal([]);
  });
});

describe('AuthSession storage', () => {
  it('memory (default) restores nothing; session restores a stored set and drops a malformed one', async () => {
    const key = `tc-auth:tokens:${issuer}|web`;
    sessionStorage.setItem(key, JSON.stringify({ accessToken: 'at-1', refreshToken: 'rt-1', user: { id: 'u', displayName: 'Uma' } }));
    const memory = new AuthSession(config(), { metadata });
    await memory.init();
    expect(memory.state).to.equal('signed-out');
    memory.dispose();

    const stored = new AuthSession(config({ storage: 'session' }), { metadata });
    await stored.init();
    expect(stored.state).to.equal('signed-in');
    expect(stored.user?.displayName).to.equal('Uma');
    expect(await stored.getAccessToken()).to.equal('at-1');
    stored.dispose();

    sessionStorage.setItem(key, '{"accessToken": 42}');
    const broken = new AuthSession(config({ storage: 'session' }), { metadata });
    await broken.init();
    expect(broken.state).to.equal('signed-out');
    expect(sessionStorage.getItem(key)).to.equal(null);
    broken.dispose();
  });

  it('signOut clears the stored tokens and fires change', async () => {
    const key = `tc-auth:tokens:${issuer}|web`;
    sessionStorage.setItem(key, JSON.stringify({ accessToken: 'at-1' }));
    const session = new AuthSession(config({ storage: 'session' }), { metadata });
    await session.init();
    let changes = 0;
    session.addEventListener('change', () => changes++);
    await session.signOut();
    expect(session.state).to.equal('signed-out');
    expect(changes).to.be.greaterThan(0);
    expect(sessionStorage.getItem(key)).to.equal(null);
    expect(await session.getAccessToken()).to.equal(undefined);
    session.dispose();
  });
});
