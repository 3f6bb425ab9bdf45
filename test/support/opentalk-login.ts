/**
 * Real user tokens from the OpenTalk lab's realm for Node tests: the authorization code flow with
 * PKCE, driving the realm's login form like a browser (manual redirects, cookies carried), and a
 * TokenSource that refreshes with the refresh_token grant.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { OpentalkLab } from '../../demo/lab/opentalk/index.js';
import type { TokenSource } from '../../src/http/token-source.js';
import { CookieJar as Jar } from './cookie-jar.js';

async function step(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

/** Follows redirects while they stay on `origin`; returns the last response and where it pointed next. */
async function follow(jar: Jar, url: string, origin: string): Promise<{ response: Response; leaving?: string }> {
  let current = url;
  for (let hops = 0; hops < 10; hops++) {
    const response = await step(jar, current);
    const location = response.headers.get('location');
    if (!location) return { response };
    const next = new URL(location, current).href;
    if (!next.startsWith(origin)) return { response, leaving: next };
    current = next;
  }
  throw new Error('too many redirects');
}

export interface LabTokens {
  access_token: string;
  refresh_token: string;
}

/** Signs `username` in at the lab realm; `redirectUri` must be registered at the lab's client. */
export async function opentalkSignIn(lab: OpentalkLab, username: string, redirectUri: string): Promise<LabTokens> {
  const verifier = randomBytes(48).toString('base64url');
  const authorize = new URL(`${lab.issuer}/protocol/openid-connect/auth`);
  authorize.search = new URLSearchParams({
    client_id: lab.client.id,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    state: randomBytes(16).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const jar = new Jar();
  const form = await follow(jar, authorize.href, lab.keycloakUrl);
  assert.equal(form.response.status, 200, 'the login page');
  const action = /<form method="post" action="([^"]+)"/.exec(await form.response.text())?.[1];
  assert.ok(action, 'login form present');
  const posted = await step(jar, new URL(action.replace(/&#38;|&amp;/g, '&'), lab.keycloakUrl).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: username }).toString(),
  });
  assert.equal(posted.status, 303);
  const done = await follow(jar, new URL(posted.headers.get('location')!, lab.keycloakUrl).href, lab.keycloakUrl);
  assert.ok(done.leaving, 'redirected back to the client');
  const code = new URL(done.leaving).searchParams.get('code');
  assert.ok(code, 'an authorization code');
  return tokenRequest(lab, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier });
}

async function tokenRequest(lab: OpentalkLab, params: Record<string, string>): Promise<LabTokens> {
  const response = await fetch(`${lab.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: lab.client.id, ...params }).toString(),
  });
  const body = (await response.json()) as LabTokens;
  assert.equal(response.status, 200, JSON.stringify(body));
  return body;
}

/** The session's side for adapter tests: a signed-in user's tokens, refreshed at the realm. */
export class RealmTokens implements TokenSource {
  refreshCalls = 0;
  constructor(
    private readonly lab: OpentalkLab,
    private tokens: LabTokens,
  ) {}

  async getAccessToken(): Promise<string | undefined> {
    return this.tokens.access_token;
  }

  async refresh(rejected: string): Promise<string | undefined> {
    if (rejected !== this.tokens.access_token) return this.tokens.access_token;
    this.refreshCalls++;
    this.tokens = await tokenRequest(this.lab, { grant_type: 'refresh_token', refresh_token: this.tokens.refresh_token });
    return this.tokens.access_token;
  }
}
