/**
 * Authorization responses the session must refuse, in Chromium against the lab's OpenTalk realm and
 * bridges, with real codes: each case checks the refusal (TcError kind `auth` via `tc-error`), that no
 * code was redeemed (the token endpoint's request count), and that the URL was cleaned.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  captureCallback,
  events,
  newContext,
  signIn,
  startRig,
  tokenRequests,
  waitForState,
  type Rig,
} from '../auth/support/rig.js';

let rig: Rig;
before(async () => {
  rig = await startRig();
});
after(async () => {
  await rig?.close();
});

async function lastError(page: Page) {
  await page.waitForFunction(() => tcTest.events.some((e: { type: string }) => e.type === 'tc-error'));
  return (await events(page)).filter((e) => e.type === 'tc-error').at(-1)!.error!;
}

function withParam(url: URL, name: string, value: string | undefined): string {
  const copy = new URL(url);
  if (value === undefined) copy.searchParams.delete(name);
  else copy.searchParams.set(name, value);
  return copy.href;
}

test('forged state: an attacker\'s real code and state, landed in a victim page with its own sign-in pending, is refused unredeemed', async () => {
  const pageUrl = rig.app.page('opentalk');
  // The attacker signs in as kevin in their own browser and keeps the callback instead of using it.
  const attackerContext = await newContext(rig);
  const attackerCallback = await captureCallback(rig, await attackerContext.newPage(), pageUrl, 'kevin');
  await attackerContext.close();

  const context = await newContext(rig);
  const page = await context.newPage();
  // The victim's own sign-in is pending (the transaction with the victim's state is stored)...
  await captureCallback(rig, page, pageUrl, 'helen');
  const before = tokenRequests(rig, 'opentalk');
  // ...when a link lands the attacker's response in the victim's page (login CSRF).
  await page.goto(attackerCallback.href);
  const error = await lastError(page);
  assert.equal(error.kind, 'auth');
  assert.equal(error.code, 'state_mismatch');
  assert.equal(await page.evaluate(() => tcTest.session().state), 'signed-out');
  assert.equal(tokenRequests(rig, 'opentalk'), before, 'the attacker\'s code was never redeemed');
  assert.equal(page.url(), pageUrl, 'code, state and iss are removed from the URL');
  await context.close();
});

test('an unsolicited response (no sign-in pending in this tab) is refused unredeemed', async () => {
  const pageUrl = rig.app.page('opentalk');
  const attackerContext = await newContext(rig);
  const attackerCallback = await captureCallback(rig, await attackerContext.newPage(), pageUrl, 'kevin');
  await attackerContext.close();

  const context = await newContext(rig);
  const page = await context.newPage();
  const before = tokenRequests(rig, 'opentalk');
  await page.goto(attackerCallback.href);
  const error = await lastError(page);
  assert.equal(error.kind, 'auth');
  assert.equal(error.code, 'unexpected_response');
  assert.equal(tokenRequests(rig, 'opentalk'), before);
  assert.equal(page.url(), pageUrl);
  await context.close();
});

test('wrong iss (RFC 9207 mix-up): a response naming another issuer, or none where the realm promises one, is refused unredeemed', async () => {
  const pageUrl = rig.app.page('opentalk');
  const otherIssuer = rig.lab.bridges.trueconf.issuer;
  for (const iss of [otherIssuer, `${rig.lab.describe().opentalk.issuer}/`, undefined]) {
    const context = await newContext(rig);
    const page = await context.newPage();
    const callback = await captureCallback(rig, page, pageUrl, 'helen');
    assert.equal(callback.searchParams.get('iss'), rig.lab.describe().opentalk.issuer, 'the realm sends iss');
    const before = tokenRequests(rig, 'opentalk');
    await page.goto(withParam(callback, 'iss', iss));
    const error = await lastError(page);
    assert.equal(error.kind, 'auth', String(iss));
    assert.equal(error.code, iss === undefined ? 'issuer_missing' : 'issuer_mismatch', String(iss));
    assert.equal(await page.evaluate(() => tcTest.session().state), 'signed-out');
    assert.equal(tokenRequests(rig, 'opentalk'), before, `no code redeemed for iss=${String(iss)}`);
    assert.equal(page.url(), pageUrl);
    await context.close();
  }
});

test('wrong iss through a bridge: the TrueConf bridge\'s response relabelled with the realm\'s issuer is refused', async () => {
  const pageUrl = rig.app.page('trueconf');
  const context = await newContext(rig);
  const page = await context.newPage();
  const callback = await captureCallback(rig, page, pageUrl, 'helen');
  assert.equal(callback.searchParams.get('iss'), rig.lab.bridges.trueconf.issuer);
  const before = tokenRequests(rig, 'trueconf');
  await page.goto(withParam(callback, 'iss', rig.lab.describe().opentalk.issuer));
  // The response names another issuer than this session's: not ours, so nothing is redeemed and the
  // pending transaction is spent.
  const error = await lastError(page);
  assert.equal(error.code, 'issuer_mismatch');
  assert.equal(tokenRequests(rig, 'trueconf'), before);
  await context.close();
});

test('a callback is single-use: replaying it (back button, reload) after sign-in is refused without a second exchange', async () => {
  const pageUrl = rig.app.page('opentalk');
  const context = await newContext(rig);
  const page = await context.newPage();
  const callback = await captureCallback(rig, page, pageUrl, 'helen');
  await page.goto(callback.href);
  await waitForState(page, 'signed-in');
  const transactions = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('tc-auth:tx:')));
  assert.deepEqual(transactions, [], 'verifier and state are deleted after use');
  const before = tokenRequests(rig, 'opentalk');
  await page.goto(callback.href);
  const error = await lastError(page);
  assert.equal(error.code, 'unexpected_response');
  assert.equal(tokenRequests(rig, 'opentalk'), before);
  await context.close();
});

test('a stale transaction expires: a response arriving after the sign-in time limit is refused and the transaction deleted', async () => {
  const pageUrl = rig.app.page('opentalk');
  const context = await newContext(rig);
  const page = await context.newPage();
  const callback = await captureCallback(rig, page, pageUrl, 'helen');
  // Age the stored transaction past the 10-minute limit before the response arrives.
  await page.goto(`${pageUrl}?prepare=1`);
  await waitForState(page, 'signed-out');
  const aged = await page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => k.startsWith('tc-auth:tx:'))!;
    const tx = JSON.parse(sessionStorage.getItem(key)!);
    tx.createdAt -= 11 * 60_000;
    sessionStorage.setItem(key, JSON.stringify(tx));
    return key;
  });
  const before = tokenRequests(rig, 'opentalk');
  await page.goto(callback.href);
  const error = await lastError(page);
  assert.equal(error.code, 'unexpected_response');
  assert.equal(tokenRequests(rig, 'opentalk'), before);
  assert.equal(await page.evaluate((key) => sessionStorage.getItem(key), aged), null);
  await context.close();
});

test('a forged response does not sign out a stored session', async () => {
  const pageUrl = rig.app.page('opentalk', 'session');
  const attackerContext = await newContext(rig);
  const attackerCallback = await captureCallback(rig, await attackerContext.newPage(), pageUrl, 'kevin');
  await attackerContext.close();

  const context = await newContext(rig);
  const page = await context.newPage();
  await signIn(page, pageUrl, 'helen');
  await page.goto(attackerCallback.href);
  const error = await lastError(page);
  assert.equal(error.code, 'unexpected_response');
  assert.equal(await page.evaluate(() => tcTest.session().state), 'signed-in');
  assert.equal(await page.evaluate(() => tcTest.session().user?.displayName), 'Helen Park');
  await context.close();
});
