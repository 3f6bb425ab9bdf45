/**
 * What a browser does during a bridged sign-in, done with fetch against the real servers:
 * follow redirects by hand (so each hop can be checked), keep cookies per host, and talk to
 * /token like a public client. Plus PKCE and a helper that starts a bridge for a test vendor.
 */
import { createHash, randomBytes } from 'node:crypto';
import { startBridge, type BridgeConfig, type RunningBridge } from '../../../src/bridge/index.js';
import { startTestVendor, type TestVendor } from './vendor.js';
import type { UpstreamKind } from '../../../src/bridge/index.js';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export class Browser {
  /** host:port → cookie name → value */
  readonly jar = new Map<string, Map<string, string>>();

  cookies(url: string | URL): Map<string, string> {
    const host = new URL(url).host;
    let jar = this.jar.get(host);
    if (!jar) this.jar.set(host, (jar = new Map()));
    return jar;
  }

  /** One request, no redirect following; stores Set-Cookie like a browser would. */
  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const jar = this.cookies(url);
    if (jar.size > 0 && init.credentials !== 'omit') {
      headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const maxAge = attrs.map((a) => a.trim().toLowerCase()).find((a) => a.startsWith('max-age='));
      if (value === '' || maxAge === 'max-age=0') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** Follows redirects until a URL starting with `stopAt` is reached; returns that URL. */
  async navigate(start: string, stopAt: string, maxHops = 10): Promise<{ url: URL; hops: string[] }> {
    let url = start;
    const hops: string[] = [];
    for (let i = 0; i < maxHops; i++) {
      if (url.startsWith(stopAt)) return { url: new URL(url), hops };
      hops.push(url);
      const response = await this.request(url);
      await response.arrayBuffer();
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(`navigation stopped at ${url} with HTTP ${response.status}`);
      }
      url = new URL(location, url).href;
    }
    throw new Error('too many redirects');
  }
}

export function authorizeUrl(bridge: RunningBridge, params: Record<string, string | undefined>): string {
  const url = new URL(`${bridge.issuer}/authorize`);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}

export async function postForm(url: string, fields: Record<string, string | undefined>, headers: Record<string, string> = {}): Promise<Response> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) body.set(key, value);
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, redirect: 'manual' });
}

/** Two public clients on different portals, as in a real deployment. */
export const PORTAL = { clientId: 'portal', redirectUri: 'http://127.0.0.1:5173/app/callback', origin: 'http://127.0.0.1:5173' };
export const OTHER = { clientId: 'intranet', redirectUri: 'http://localhost:8081/cb', origin: 'http://localhost:8081' };
export const EVIL_ORIGIN = 'http://127.0.0.1:6666';

export interface Lab {
  vendor: TestVendor;
  bridge: RunningBridge;
  logs: string[];
  close(): Promise<void>;
}

/** A test vendor and a bridge in front of it, with the bridge's callback registered at the vendor. */
export async function startPair(kind: UpstreamKind, overrides: Partial<BridgeConfig> = {}): Promise<Lab> {
  const vendor = await startTestVendor(kind);
  const logs: string[] = [];
  const bridge = await startBridge({
    clients: [
      { clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], allowedOrigins: [PORTAL.origin] },
      { clientId: OTHER.clientId, redirectUris: [OTHER.redirectUri], allowedOrigins: [OTHER.origin] },
    ],
    upstream: { kind, baseUrl: vendor.url, clientId: vendor.client.id, clientSecret: vendor.client.secret },
    passthrough: true,
    log: (line) => logs.push(line),
    ...overrides,
  });
  vendor.client.redirectUris.push(bridge.callbackUrl);
  return {
    vendor,
    bridge,
    logs,
    close: async () => {
      await bridge.close();
      await vendor.close();
    },
  };
}

export interface SignInResult {
  code: string;
  params: URLSearchParams;
  pkce: Pkce;
  browser: Browser;
  hops: string[];
}

/** Runs the whole browser side of a sign-in and returns the bridge's code at the client. */
export async function signIn(
  bridge: RunningBridge,
  client: { clientId: string; redirectUri: string } = PORTAL,
  browser = new Browser(),
): Promise<SignInResult> {
  const verifier = pkce();
  const state = randomBytes(12).toString('base64url');
  const { url, hops } = await browser.navigate(
    authorizeUrl(bridge, {
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      response_type: 'code',
      state,
      code_challenge: verifier.challenge,
      code_challenge_method: 'S256',
    }),
    client.redirectUri,
  );
  const code = url.searchParams.get('code');
  if (url.searchParams.get('state') !== state) throw new Error('state not returned');
  if (!code) throw new Error(`no code: ${url.search}`);
  return { code, params: url.searchParams, pkce: verifier, browser, hops };
}

export async function redeem(
  bridge: RunningBridge,
  signin: { code: string; pkce: Pkce },
  client: { clientId: string; redirectUri: string } = PORTAL,
  headers: Record<string, string> = {},
): Promise<Response> {
  return postForm(
    `${bridge.issuer}/token`,
    {
      grant_type: 'authorization_code',
      code: signin.code,
      code_verifier: signin.pkce.verifier,
      redirect_uri: client.redirectUri,
      client_id: client.clientId,
    },
    headers,
  );
}

export async function refresh(bridge: RunningBridge, refreshToken: string, clientId = PORTAL.clientId): Promise<Response> {
  return postForm(`${bridge.issuer}/token`, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId });
}
