/**
 * Real sign-ins in Chromium against the lab: the page's `<tc-session>` redirects (or opens a popup) to
 * the authorization server, a person logs in on its form, and the page comes back signed in.
 * OpenTalk's realm is used directly (PKCE public client); TrueConf, Webex and Telphin through the bridge.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { accessToken, events, fillLogin, newContext, signIn, startRig, tokenRequests, waitForState, type Rig } from '../auth/support/rig.js';

let rig: Rig;
before(async () => {
  rig = await startRig();
});
after(async () => {
  await rig?.close();
});

describe('direct PKCE to the OpenTalk realm', () => {
  test('redirect sign-in: S256 + state + nonce, back to the same page without code/state/iss, named from the ID token', async () => {
    const context = await newContext(rig);
    const page = await context.newPage();
    const pageUrl = rig.app.page('opentalk');
    const authorizeRequests: URL[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/protocol/openid-connect/auth')) authorizeRequests.push(new URL(r.url()));
    });
    await page.goto(`${pageUrl}?tab=mine#section-2`);
    await waitForState(page, 'signed-out');
    await page.evaluate(() => {
      void tcTest.session().signIn();
    });
    await page.waitForURL((url) => url.href.startsWith(rig.lab.describe().opentalk.issuer));
    await fillLogin(page, 'helen');
    await page.waitForURL((url) => url.href.startsWith(pageUrl));
    await waitForState(page, 'signed-in');

    const sent = authorizeRequests[0]!.searchParams;
    assert.equal(sent.get('code_challenge_method'), 'S256');
    assert.match(sent.get('code_challenge') ?? '', /^[\w-]{43}$/);
    assert.ok((sent.get('state') ?? '').length >= 32, 'state is sent');
    assert.ok((sent.get('nonce') ?? '').length >= 32, 'nonce is sent with openid');
    assert.equal(sent.get('scope'), 'openid profile email');
    assert.equal(sent.get('redirect_uri'), pageUrl);

    // Same page and place; the response parameters are gone from the address bar.
    assert.equal(page.url(), `${pageUrl}?tab=mine#section-2`);
    const user = await page.evaluate(() => tcTest.session().user);
    assert.equal(user?.displayName, 'Helen Park');
    const seen = await events(page);
    assert.ok(seen.some((e) => e.type === 'tc-sign-in' && e.user === 'Helen Park'));
    assert.ok(!seen.some((e) => e.type === 'tc-error'), JSON.stringify(seen));

    // The token really works at the OpenTalk controller.
    const token = await accessToken(page);
    const me = await fetch(`${rig.lab.opentalk.url}/v1/users/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    await context.close();
  });
});

describe('bridged sign-in (the bridge holds the vendor secret; the browser speaks PKCE to it)', () => {
  const cases = [
    { vendor: 'trueconf', login: 'helen', api: (lab: Rig['lab']) => `${lab.trueconf.url}/api/v3.11/conferences` },
    { vendor: 'trueconfV4', login: 'dean', api: (lab: Rig['lab']) => `${lab.trueconf.url}/api/v4/me` },
    { vendor: 'webex', login: 'kevin', api: (lab: Rig['lab']) => `${lab.webex.url}/v1/people/me` },
    { vendor: 'telphin', login: 'helen', api: (lab: Rig['lab']) => `${lab.telphin.url}/api/ver1.0/user` },
  ] as const;

  for (const { vendor, login, api } of cases) {
    test(`${vendor}: redirect sign-in through the bridge; the vendor accepts the access token`, async () => {
      const context = await newContext(rig);
      const page = await context.newPage();
      const bridge = rig.lab.bridges[vendor];
      const authorize: URL[] = [];
      page.on('request', (r) => {
        if (r.url().startsWith(`${bridge.url}/authorize`)) authorize.push(new URL(r.url()));
      });
      const before = tokenRequests(rig, vendor);
      await signIn(page, rig.app.page(vendor), login);

      assert.equal(authorize.length, 1);
      assert.equal(authorize[0]!.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(authorize[0]!.searchParams.get('nonce'), null, 'no nonce without openid');
      assert.equal(tokenRequests(rig, vendor) - before, 1, 'one code exchange');
      assert.equal(page.url(), rig.app.page(vendor));
      const token = await accessToken(page);
      const res = await fetch(api(rig.lab), { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200, await res.clone().text());
      const seen = await events(page);
      assert.ok(!seen.some((e) => e.type === 'tc-error'), JSON.stringify(seen.filter((e) => e.type === 'tc-error')));
      await context.close();
    });
  }

  test('trueconf: the display name comes from the vendor adapter ("me") when the issuer gives none', async () => {
    const context = await newContext(rig);
    const page = await context.newPage();
    await signIn(page, rig.app.page('trueconfV4'), 'kevin');
    await page.waitForFunction(() => tcTest.session().user?.displayName, undefined, { timeout: 10_000 });
    const user = await page.evaluate(() => tcTest.session().user);
    assert.equal(user?.displayName, 'Kevin Müller');
    await context.close();
  });
});

describe('popup sign-in', () => {
  /** Starts a popup sign-in from the page, returning the popup and the page's pending signIn() outcome. */
  async function startPopup(page: Page) {
    const popupOpened = page.waitForEvent('popup');
    const outcome = page.evaluate(() =>
      tcTest
        .session()
        .signIn()
        .then(
          () => 'ok',
          (e: { kind: string; code: string }) => `${e.kind}:${e.code}`,
        ),
    );
    const popup = await popupOpened;
    return { popup, outcome };
  }

  test('the popup logs in and hands the response to its opener, which never navigates', async () => {
    const context = await newContext(rig);
    const page = await context.newPage();
    const pageUrl = rig.app.page('opentalk', 'memory', 'popup');
    await page.goto(pageUrl);
    await waitForState(page, 'signed-out');
    const { popup, outcome } = await startPopup(page);
    const logs: string[] = [];
    popup.on('console', (m) => logs.push(m.text()));
    await popup.waitForURL((url) => url.href.startsWith(rig.lab.describe().opentalk.issuer));
    await fillLogin(popup, 'dean');
    assert.equal(await outcome, 'ok');
    await waitForState(page, 'signed-in');
    assert.equal(page.url(), pageUrl);
    assert.equal(await page.evaluate(() => tcTest.session().user?.displayName), 'Dean Окунев');
    assert.ok(logs.includes('tc-test: callback opener=present'), logs.join('\n'));
    await popup.waitForEvent('close', { timeout: 5000 }).catch(() => undefined);
    assert.equal(popup.isClosed(), true, 'the popup closed itself');
    await context.close();
  });

  test('COOP on the callback severs window.opener: the result still arrives over BroadcastChannel', async () => {
    rig.app.settings.coopOnCallback = true;
    const context = await newContext(rig);
    try {
      const page = await context.newPage();
      await page.goto(rig.app.page('opentalk', 'memory', 'popup'));
      await waitForState(page, 'signed-out');
      const { popup, outcome } = await startPopup(page);
      const logs: string[] = [];
      popup.on('console', (m) => logs.push(m.text()));
      await popup.waitForURL((url) => url.href.startsWith(rig.lab.describe().opentalk.issuer));
      await fillLogin(popup, 'helen');
      assert.equal(await outcome, 'ok');
      await waitForState(page, 'signed-in');
      assert.ok(logs.includes('tc-test: callback opener=none'), `the opener was not cut: ${logs.join('\n')}`);
    } finally {
      rig.app.settings.coopOnCallback = false;
      await context.close();
    }
  });

  test('a popup closed before signing in rejects signIn() with popup_closed and reports tc-error', async () => {
    const context = await newContext(rig);
    const page = await context.newPage();
    await page.goto(rig.app.page('opentalk', 'memory', 'popup'));
    await waitForState(page, 'signed-out');
    const { popup, outcome } = await startPopup(page);
    await popup.waitForURL((url) => url.href.startsWith(rig.lab.describe().opentalk.issuer));
    await popup.close();
    assert.equal(await outcome, 'auth:popup_closed');
    assert.equal(await page.evaluate(() => tcTest.session().state), 'signed-out');
    const seen = await events(page);
    assert.ok(seen.some((e) => e.type === 'tc-error' && e.error?.code === 'popup_closed'));
    await context.close();
  });

  test('a blocked popup (frame without allow-popups) is detected and said', async () => {
    const context = await newContext(rig);
    const page = await context.newPage();
    await page.goto(`${rig.app.url}/sandboxed.html`);
    const frame = page.frames().find((f) => f.url().includes('/app/opentalk/'))!;
    await frame.waitForFunction(() => globalThis.tcTest?.session()?.state === 'signed-out');
    const result = await frame.evaluate(() =>
      tcTest
        .session()
        .signIn()
        .then(
          () => undefined,
          (e: { kind: string; code: string; message: string }) => ({ kind: e.kind, code: e.code, message: e.message }),
        ),
    );
    assert.equal(result?.kind, 'auth');
    assert.equal(result?.code, 'popup_blocked');
    assert.match(result?.message ?? '', /blocked the sign-in window/);
    const seen = await frame.evaluate(() => tcTest.events);
    assert.ok(seen.some((e) => e.type === 'tc-error' && e.error?.code === 'popup_blocked'));
    await context.close();
  });
});
