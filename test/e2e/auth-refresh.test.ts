/**
 * Refresh and sign-out under concurrency, in Chromium against the lab. Refresh requests are counted
 * where they land: the authorization server's token endpoint (the realm's or the bridge's request log).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { accessToken, events, newContext, signIn, startRig, storedTokens, tokenRequests, waitForState, type Rig } from '../auth/support/rig.js';

let rig: Rig;
before(async () => {
  rig = await startRig();
});
after(async () => {
  await rig?.close();
});

/** `count` calls to the OpenTalk controller, each through its own HTTP client (as separate elements would). */
async function callController(page: Page, count: number, at?: number): Promise<string[]> {
  return page.evaluate(
    async ({ base, count, at }) => {
      const t = tcTest;
      if (at) await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
      const calls = Array.from({ length: count }, (_, i) =>
        t.createHttpClient({ baseUrl: base, tokens: t.session().auth }).get('/v1/users/me', { query: { probe: i } }),
      );
      const settled = await Promise.allSettled(calls);
      return settled.map((r) => (r.status === 'fulfilled' ? 'ok' : `${r.reason?.kind}: ${r.reason?.message}`));
    },
    { base: rig.lab.opentalk.url, count, at },
  );
}

/**
 * Holds each token request for a moment in the browser's network layer (it still reaches the realm
 * unchanged), so refreshes that start "at once" really overlap instead of finishing before the next begins.
 */
async function slowTokenEndpoint(context: BrowserContext, ms = 400): Promise<void> {
  await context.route(
    (url) => url.pathname.endsWith('/protocol/openid-connect/token'),
    async (route) => {
      await new Promise((r) => setTimeout(r, ms));
      await route.continue();
    },
  );
}

function controller401s(): number {
  return rig.lab.opentalk.requests.filter((r) => r.server === 'controller' && r.status === 401).length;
}

test('20 concurrent calls that all get 401 cause exactly one refresh request, and all succeed after it', async () => {
  const context = await newContext(rig);
  const page = await context.newPage();
  await signIn(page, rig.app.page('opentalk'));
  const oldToken = await accessToken(page);
  await slowTokenEndpoint(context);
  rig.lab.opentalk.expireAccessTokens();
  const refreshesBefore = tokenRequests(rig, 'opentalk');
  const rejectedBefore = controller401s();

  const results = await callController(page, 20);

  assert.deepEqual(results, Array(20).fill('ok'));
  assert.equal(controller401s() - rejectedBefore, 20, 'every call was rejected once');
  assert.equal(tokenRequests(rig, 'opentalk') - refreshesBefore, 1, 'exactly one refresh request');
  assert.notEqual(await accessToken(page), oldToken);
  await context.close();
});

test('two pages of one browser context refreshing at once cause one refresh request (Web Locks + BroadcastChannel)', async () => {
  const pageUrl = rig.app.page('opentalk', 'local');
  const context = await newContext(rig);
  const first = await context.newPage();
  await signIn(first, pageUrl);
  const second = await context.newPage();
  await second.goto(pageUrl);
  await waitForState(second, 'signed-in'); // restored from localStorage
  await slowTokenEndpoint(context);
  rig.lab.opentalk.expireAccessTokens();
  const before = tokenRequests(rig, 'opentalk');

  // Both pages start at the same instant.
  const at = Date.now() + 400;
  const [a, b] = await Promise.all([callController(first, 5, at), callController(second, 5, at)]);

  assert.deepEqual([...a, ...b], Array(10).fill('ok'));
  assert.equal(tokenRequests(rig, 'opentalk') - before, 1, 'one refresh for both pages');
  assert.equal(await accessToken(first), await accessToken(second), 'both pages hold the new token');
  await context.close();
});

test('two pages sharing a sign-in through copied sessionStorage refresh once: the waiting page takes the result over BroadcastChannel', async () => {
  const pageUrl = rig.app.page('opentalk', 'session');
  const context = await newContext(rig);
  const first = await context.newPage();
  await signIn(first, pageUrl);
  // A page opened from this one starts with a copy of its sessionStorage: the same refresh token.
  const [second] = await Promise.all([
    context.waitForEvent('page'),
    first.evaluate((url) => {
      window.open(url, '_blank');
    }, pageUrl),
  ]);
  await waitForState(second!, 'signed-in');
  assert.equal((await storedTokens(second!, 'session'))!.refreshToken, (await storedTokens(first, 'session'))!.refreshToken);
  await slowTokenEndpoint(context);
  rig.lab.opentalk.expireAccessTokens();
  const before = tokenRequests(rig, 'opentalk');

  const at = Date.now() + 400;
  const [a, b] = await Promise.all([callController(first, 5, at), callController(second!, 5, at)]);

  assert.deepEqual([...a, ...b], Array(10).fill('ok'));
  assert.equal(tokenRequests(rig, 'opentalk') - before, 1, 'one refresh for both pages');
  assert.equal(await accessToken(first), await accessToken(second!));
  assert.equal((await storedTokens(second!, 'session'))!.refreshToken, (await storedTokens(first, 'session'))!.refreshToken, 'both keep the rotated refresh token');
  await context.close();
});

test('an access token about to expire is refreshed before use', async () => {
  rig.lab.opentalk.settings.accessTokenTtl = 20; // inside the 30 s refresh margin
  const context = await newContext(rig);
  try {
    const page = await context.newPage();
    await signIn(page, rig.app.page('opentalk', 'session'));
    const issued = (await storedTokens(page, 'session'))!;
    const before = tokenRequests(rig, 'opentalk');
    const token = await accessToken(page);
    assert.equal(tokenRequests(rig, 'opentalk') - before, 1);
    assert.notEqual(token, issued.accessToken);
    assert.notEqual((await storedTokens(page, 'session'))!.refreshToken, issued.refreshToken, 'the rotated refresh token replaced the old one');
  } finally {
    rig.lab.opentalk.settings.accessTokenTtl = 300;
    await context.close();
  }
});

test('rotated refresh tokens replace old ones (bridge): two refreshes in a row work; the first refresh token is dead', async () => {
  const pageUrl = rig.app.page('trueconfV4', 'session');
  const bridge = rig.lab.bridges.trueconfV4;
  const context = await newContext(rig);
  const page = await context.newPage();
  await signIn(page, pageUrl, 'dean');
  const issued = (await storedTokens(page, 'session'))!;
  const before = tokenRequests(rig, 'trueconfV4');
  for (let i = 0; i < 2; i++) {
    const current = await accessToken(page);
    const next = await page.evaluate(async (t) => tcTest.session().auth!.refresh(t), current);
    assert.ok(next && next !== current, `refresh ${i + 1} gave a new access token`);
  }
  assert.equal(tokenRequests(rig, 'trueconfV4') - before, 2);
  const latest = (await storedTokens(page, 'session'))!;
  assert.notEqual(latest.refreshToken, issued.refreshToken);
  // The first refresh token was rotated away: the bridge refuses it.
  const replay = await fetch(`${bridge.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: issued.refreshToken!, client_id: 'tc-widgets-demo' }),
  });
  assert.equal(replay.status, 400);
  assert.equal(((await replay.json()) as { error: string }).error, 'invalid_grant');
  await context.close();
});

test('invalid_grant on refresh signs out with the reason (tc-sign-out, tc-error kind auth)', async () => {
  const context = await newContext(rig);
  const page = await context.newPage();
  const issuer = rig.lab.describe().opentalk.issuer;
  await signIn(page, rig.app.page('opentalk', 'session'));
  const tokens = (await storedTokens(page, 'session'))!;
  // The grant dies at the realm (an administrator ends the session).
  const revoked = await fetch(`${issuer}/protocol/openid-connect/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: tokens.refreshToken!, token_type_hint: 'refresh_token', client_id: rig.lab.describe().opentalk.clientId }),
  });
  assert.equal(revoked.status, 200);
  rig.lab.opentalk.expireAccessTokens();

  const [result] = await callController(page, 1);
  assert.match(result!, /^auth: /);
  await waitForState(page, 'signed-out');
  const seen = await events(page);
  const signOut = seen.find((e) => e.type === 'tc-sign-out');
  assert.equal(signOut?.error?.kind, 'auth');
  assert.equal(signOut?.error?.code, 'invalid_grant');
  assert.ok(seen.some((e) => e.type === 'tc-error' && e.error?.code === 'invalid_grant'));
  assert.equal(await storedTokens(page, 'session'), undefined, 'tokens are gone from storage');
  await context.close();
});

test('sign-out in one page signs the other out, and the tokens are revoked at the realm', async () => {
  const pageUrl = rig.app.page('opentalk', 'session');
  const context = await newContext(rig);
  const first = await context.newPage();
  await signIn(first, pageUrl, 'kevin');
  const second = await context.newPage();
  await signIn(second, pageUrl, 'kevin'); // its own sign-in (the realm remembers kevin: no form)
  const firstTokens = (await storedTokens(first, 'session'))!;
  const revokePath = new URL(`${rig.lab.describe().opentalk.issuer}/protocol/openid-connect/revoke`).pathname;
  const revokesBefore = rig.lab.opentalk.requests.filter((r) => r.path === revokePath && r.method === 'POST').length;

  await first.evaluate(() => tcTest.session().signOut());

  await waitForState(first, 'signed-out');
  await waitForState(second, 'signed-out');
  assert.ok((await events(second)).some((e) => e.type === 'tc-sign-out' && !e.error), 'the other page heard it');
  assert.equal(await storedTokens(second, 'session'), undefined);
  const revokes = rig.lab.opentalk.requests.filter((r) => r.path === revokePath && r.method === 'POST').length - revokesBefore;
  assert.ok(revokes >= 1, 'revoked at the realm');
  const refresh = await fetch(`${rig.lab.describe().opentalk.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: firstTokens.refreshToken!, client_id: rig.lab.describe().opentalk.clientId }),
  });
  assert.equal(refresh.status, 400, 'the refresh token no longer works');
  await context.close();
});
