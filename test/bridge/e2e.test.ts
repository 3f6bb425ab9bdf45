/**
 * The real chain, with the lab emulators: client → bridge /authorize → the vendor's login form
 * (helen / helen) → bridge /callback → client redirect → /token → the vendor API, directly or
 * through the bridge's pass-through. Vendor quirks stay on (TrueConf: no state, no PKCE, no
 * CORS; Telphin: no state echo; Webex: Basic auth).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTelphin, type TelphinLab } from '../../demo/lab/telphin/index.js';
import { startTrueconf, type TrueconfLab } from '../../demo/lab/trueconf/index.js';
import { startWebex, type WebexLab } from '../../demo/lab/webex/index.js';
import { startBridge, type RunningBridge, type UpstreamKind } from '../../src/bridge/index.js';
import { Browser, PORTAL, authorizeUrl, pkce, redeem, refresh, type Pkce } from './support/browser.js';

type VendorLab = TrueconfLab | WebexLab | TelphinLab;

interface Chain {
  vendor: VendorLab;
  bridge: RunningBridge;
  logs: string[];
  close(): Promise<void>;
}

async function startChain(kind: UpstreamKind, vendor: VendorLab): Promise<Chain> {
  const logs: string[] = [];
  const bridge = await startBridge({
    clients: [{ clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], allowedOrigins: [PORTAL.origin] }],
    upstream: { kind, baseUrl: vendor.url, clientId: vendor.client.id, clientSecret: vendor.client.secret },
    passthrough: true,
    log: (line) => logs.push(line),
  });
  // What the lab orchestrator does: register the bridge's callback at the vendor.
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

function decodeHtml(value: string): string {
  return value.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-z-]+)="([^"]*)"/gi)) out[m[1]!.toLowerCase()] = decodeHtml(m[2]!);
  return out;
}

/** Fills and submits the vendor's login form the way a person would. */
async function submitLogin(browser: Browser, pageUrl: string, html: string, login: string, password: string): Promise<Response> {
  const form = /<form[^>]*>/i.exec(html);
  assert.ok(form, 'the vendor shows a login form');
  const action = new URL(attributes(form[0]).action ?? pageUrl, pageUrl);
  const fields = new URLSearchParams();
  for (const input of html.matchAll(/<input[^>]*>/gi)) {
    const attrs = attributes(input[0]);
    if (attrs.type === 'hidden' && attrs.name) fields.set(attrs.name, attrs.value ?? '');
  }
  fields.set('username', login);
  fields.set('password', password);
  // A named submit button ("Sign in") sends its value too (Telphin's allow/deny).
  const button = /<button[^>]*type="submit"[^>]*name="([^"]+)"[^>]*value="([^"]+)"[^>]*>\s*Sign in/i.exec(html);
  if (button) fields.set(button[1]!, button[2]!);
  return browser.request(action, {
    method: 'POST',
    body: fields,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/**
 * What the TrueConf 5.5 page script does in the browser: fetch the callback with credentials
 * from the TrueConf origin (as often as the page says), then send the top window to the landing URL.
 */
async function runCallbackQuirkPage(browser: Browser, vendorOrigin: string, html: string): Promise<string> {
  const callback = JSON.parse(/const callback = (".*?");/.exec(html)![1]!) as string;
  const landing = JSON.parse(/const landing = (".*?");/.exec(html)![1]!) as string;
  const deliveries = Number(/i < (\d+);/.exec(html)?.[1] ?? '1');
  for (let i = 0; i < deliveries; i++) {
    const response = await browser.request(callback, { headers: { origin: vendorOrigin } });
    // Without these two headers the browser would drop the response (spec §3.4).
    assert.equal(response.headers.get('access-control-allow-origin'), vendorOrigin);
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    await response.arrayBuffer();
  }
  return landing;
}

interface Signed {
  params: URLSearchParams;
  pkce: Pkce;
  code: string;
}

/** The whole browser side of a bridged sign-in against an emulator. */
async function signInAt(chain: Chain, login = 'helen', state = 'client-state'): Promise<Signed> {
  const browser = new Browser();
  const verifier = pkce();
  const toVendor = await browser.request(
    authorizeUrl(chain.bridge, {
      client_id: PORTAL.clientId,
      redirect_uri: PORTAL.redirectUri,
      response_type: 'code',
      state,
      code_challenge: verifier.challenge,
      code_challenge_method: 'S256',
    }),
  );
  assert.equal(toVendor.status, 302);
  const vendorPage = toVendor.headers.get('location')!;
  assert.ok(vendorPage.startsWith(chain.vendor.url), 'the bridge sends the browser to the vendor');
  const form = await browser.request(vendorPage);
  assert.equal(form.status, 200);
  const afterLogin = await submitLogin(browser, vendorPage, await form.text(), login, login);
  let next: string;
  if (afterLogin.status === 200) {
    // TrueConf 5.5 quirk page.
    next = await runCallbackQuirkPage(browser, new URL(chain.vendor.url).origin, await afterLogin.text());
  } else {
    assert.equal(afterLogin.status, 302, 'the vendor accepts helen/helen');
    next = new URL(afterLogin.headers.get('location')!, vendorPage).href;
    assert.ok(next.startsWith(chain.bridge.callbackUrl), 'the vendor calls the bridge back');
  }
  const { url } = await browser.navigate(next, PORTAL.redirectUri);
  assert.equal(url.searchParams.get('state'), state);
  assert.equal(url.searchParams.get('iss'), chain.bridge.issuer);
  return { params: url.searchParams, pkce: verifier, code: url.searchParams.get('code') ?? '' };
}

async function tokensFor(chain: Chain, login = 'helen'): Promise<Record<string, string>> {
  const signed = await signInAt(chain, login);
  assert.ok(signed.code, `code expected, got ${signed.params.toString()}`);
  const response = await redeem(chain.bridge, signed, PORTAL, { origin: PORTAL.origin });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('access-control-allow-origin'), PORTAL.origin);
  return (await response.json()) as Record<string, string>;
}

function tokenEndpointPosts(vendor: VendorLab, path: string): number {
  // Code exchanges and refreshes both land here.
  return vendor.requests.filter((r) => r.method === 'POST' && r.path === path).length;
}

describe('e2e: TrueConf v3 (emulator) through the bridge', () => {
  let chain: Chain;
  before(async () => {
    chain = await startChain('trueconf-v3', await startTrueconf());
  });
  after(() => chain.close());

  test('sign in as helen; the token works through the pass-through with CORS TrueConf never sends', async () => {
    const tokens = await tokensFor(chain);
    const direct = await fetch(`${chain.vendor.url}/api/v3.11/conferences`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, origin: PORTAL.origin },
    });
    assert.equal(direct.status, 200);
    assert.equal(direct.headers.get('access-control-allow-origin'), null, 'TrueConf itself sends no CORS');
    const bridged = await fetch(`${chain.bridge.issuer}/api/v3.11/conferences`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, origin: PORTAL.origin },
    });
    assert.equal(bridged.status, 200);
    assert.equal(bridged.headers.get('access-control-allow-origin'), PORTAL.origin);
    const body = (await bridged.json()) as { conferences: unknown[] };
    assert.ok(Array.isArray(body.conferences) && body.conferences.length > 0);
  });

  test('refresh with rotation, then the old bridge handle is refused', async () => {
    const tokens = await tokensFor(chain);
    const renewed = await refresh(chain.bridge, tokens.refresh_token!);
    assert.equal(renewed.status, 200);
    const body = (await renewed.json()) as Record<string, string>;
    const api = await fetch(`${chain.bridge.issuer}/api/v3.11/conferences`, { headers: { authorization: `Bearer ${body.access_token}` } });
    assert.equal(api.status, 200);
    assert.equal((await refresh(chain.bridge, tokens.refresh_token!)).status, 400);
  });

  test('nginx HTML page at the token endpoint during refresh → temporarily_unavailable, then recovers', async () => {
    const tokens = await tokensFor(chain);
    (chain.vendor as TrueconfLab).settings.failNext = 1;
    (chain.vendor as TrueconfLab).settings.failStatus = 502;
    const failed = await refresh(chain.bridge, tokens.refresh_token!);
    assert.equal(failed.status, 503);
    const text = await failed.text();
    assert.doesNotMatch(text, /nginx|<html/i);
    assert.equal((JSON.parse(text) as Record<string, string>).error, 'temporarily_unavailable');
    assert.equal((await refresh(chain.bridge, tokens.refresh_token!)).status, 200);
  });

  test('nginx HTML page at the code exchange → temporarily_unavailable back at the client', async () => {
    (chain.vendor as TrueconfLab).settings.failNext = 1;
    (chain.vendor as TrueconfLab).settings.failStatus = 503;
    const signed = await signInAt(chain);
    assert.equal(signed.params.get('error'), 'temporarily_unavailable');
    assert.equal(signed.params.has('code'), false);
  });

  test('TrueConf without rotation ("omit"): the second refresh is a clean invalid_grant', async () => {
    const lab = chain.vendor as TrueconfLab;
    lab.settings.refreshRotation = 'omit';
    try {
      const tokens = await tokensFor(chain);
      const first = await refresh(chain.bridge, tokens.refresh_token!);
      assert.equal(first.status, 200);
      const next = (await first.json()) as Record<string, string>;
      const second = await refresh(chain.bridge, next.refresh_token!);
      assert.equal(second.status, 400);
      assert.equal(((await second.json()) as Record<string, string>).error, 'invalid_grant');
    } finally {
      lab.settings.refreshRotation = 'rotate';
    }
  });

  test('wrong password stays on the vendor form: no callback, no code', async () => {
    const browser = new Browser();
    const toVendor = await browser.request(
      authorizeUrl(chain.bridge, {
        client_id: PORTAL.clientId,
        redirect_uri: PORTAL.redirectUri,
        response_type: 'code',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
      }),
    );
    const page = toVendor.headers.get('location')!;
    const response = await submitLogin(browser, page, await (await browser.request(page)).text(), 'helen', 'wrong');
    assert.equal(response.headers.get('location'), null);
  });
});

describe('e2e: TrueConf v4 (emulator) through the bridge', () => {
  let chain: Chain;
  before(async () => {
    chain = await startChain('trueconf-v4', await startTrueconf());
  });
  after(() => chain.close());

  test('sign in as dean; JSON auth_code exchange; /api/v4/me through the pass-through', async () => {
    const tokens = await tokensFor(chain, 'dean');
    assert.equal(tokens.user_id, 'dean');
    const me = await fetch(`${chain.bridge.issuer}/api/v4/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, origin: PORTAL.origin },
    });
    assert.equal(me.status, 200);
    assert.match(JSON.stringify(await me.json()), /Окунев/);
  });

  test('5.5 callback quirk (fetch from the TrueConf origin, delivered twice, then /&state=null)', async () => {
    const lab = chain.vendor as TrueconfLab;
    lab.settings.callbackQuirk = true;
    lab.settings.callbackQuirkDeliveries = 2;
    try {
      const before = tokenEndpointPosts(lab, '/api/v4/oauth2/token');
      const tokens = await tokensFor(chain);
      assert.equal(tokenEndpointPosts(lab, '/api/v4/oauth2/token'), before + 1, 'one code exchange for two deliveries');
      const me = await fetch(`${chain.bridge.issuer}/api/v4/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      assert.equal(me.status, 200);
    } finally {
      lab.settings.callbackQuirk = false;
    }
  });

  test('refresh (JSON body) and an upstream invalid_grant in TrueConf’s envelope → invalid_grant', async () => {
    const lab = chain.vendor as TrueconfLab;
    const tokens = await tokensFor(chain);
    assert.equal((await refresh(chain.bridge, tokens.refresh_token!)).status, 200);
    const more = await tokensFor(chain);
    lab.state.refreshTokens.clear();
    const dead = await refresh(chain.bridge, more.refresh_token!);
    assert.equal(dead.status, 400);
    assert.equal(((await dead.json()) as Record<string, string>).error, 'invalid_grant');
  });
});

describe('e2e: Webex (emulator) through the bridge', () => {
  let chain: Chain;
  before(async () => {
    chain = await startChain('webex', await startWebex());
  });
  after(() => chain.close());

  test('sign in as kevin (Basic auth + PKCE upstream); /v1/people/me with the handed-over token', async () => {
    const tokens = await tokensFor(chain, 'kevin');
    const me = await fetch(`${chain.vendor.url}/v1/people/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(me.status, 200);
    assert.match(JSON.stringify(await me.json()), /Kevin/);
    const bridged = await fetch(`${chain.bridge.issuer}/api/v1/meetings`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, origin: PORTAL.origin },
    });
    assert.equal(bridged.status, 200);
    assert.equal(bridged.headers.get('access-control-allow-origin'), PORTAL.origin);
  });

  test('refresh; a dead vendor refresh token in Webex’s own error shape → invalid_grant', async () => {
    const lab = chain.vendor as WebexLab;
    const tokens = await tokensFor(chain);
    const renewed = await refresh(chain.bridge, tokens.refresh_token!);
    assert.equal(renewed.status, 200);
    const next = (await renewed.json()) as Record<string, string>;
    lab.settings.tokenErrorShape = 'webex';
    lab.state.refreshTokens.clear();
    try {
      const dead = await refresh(chain.bridge, next.refresh_token!);
      assert.equal(dead.status, 400);
      assert.equal(((await dead.json()) as Record<string, string>).error, 'invalid_grant');
    } finally {
      lab.settings.tokenErrorShape = 'oauth';
    }
  });

  test('a bridge with the wrong secret gets server_error at the client, never the secret', async () => {
    const lab = chain.vendor as WebexLab;
    const wrong = await startBridge({
      clients: [{ clientId: PORTAL.clientId, redirectUris: [PORTAL.redirectUri], allowedOrigins: [PORTAL.origin] }],
      upstream: { kind: 'webex', baseUrl: lab.url, clientId: lab.client.id, clientSecret: 'not-the-secret' },
    });
    lab.client.redirectUris.push(wrong.callbackUrl);
    try {
      const signed = await signInAt({ ...chain, bridge: wrong }, 'helen');
      assert.equal(signed.params.get('error'), 'server_error');
      assert.doesNotMatch(signed.params.toString(), /not-the-secret/);
    } finally {
      await wrong.close();
    }
  });
});

describe('e2e: Telphin (emulator) through the bridge', () => {
  let chain: Chain;
  before(async () => {
    chain = await startChain('telphin', await startTelphin());
  });
  after(() => chain.close());

  test('sign in as helen without state echo (cookie binding); /api/ver1.0/user/ through the pass-through', async () => {
    const tokens = await tokensFor(chain);
    const user = await fetch(`${chain.bridge.issuer}/api/ver1.0/user/`, {
      headers: { authorization: `Bearer ${tokens.access_token}`, origin: PORTAL.origin },
    });
    assert.equal(user.status, 200);
    assert.equal(user.headers.get('access-control-allow-origin'), PORTAL.origin);
    assert.match(user.headers.get('access-control-expose-headers') ?? '', /X-RateLimit-Remaining/);
    assert.ok(user.headers.get('x-ratelimit-remaining'));
  });

  test('with state echo switched on, the sign-in is found by state', async () => {
    const lab = chain.vendor as TelphinLab;
    lab.settings.echoState = true;
    try {
      await tokensFor(chain);
    } finally {
      lab.settings.echoState = false;
    }
  });

  test('refresh (scope=all), then a dead refresh token → invalid_grant', async () => {
    const lab = chain.vendor as TelphinLab;
    const tokens = await tokensFor(chain);
    assert.equal((await refresh(chain.bridge, tokens.refresh_token!)).status, 200);
    const more = await tokensFor(chain);
    lab.state.refreshTokens.clear();
    const dead = await refresh(chain.bridge, more.refresh_token!);
    assert.equal(dead.status, 400);
    assert.equal(((await dead.json()) as Record<string, string>).error, 'invalid_grant');
  });

  test('no secret and no vendor refresh token in any bridge log line', () => {
    const lab = chain.vendor as TelphinLab;
    const text = chain.logs.join('\n');
    assert.ok(chain.logs.length > 0);
    assert.equal(text.includes(lab.client.secret), false);
    for (const token of lab.state.refreshTokens.keys()) assert.equal(text.includes(token), false);
  });
});
