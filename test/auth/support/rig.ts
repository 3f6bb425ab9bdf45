/**
 * One lab, one page server and one Chromium for a file of sign-in end-to-end tests, plus the few
 * steps every test repeats (fill a vendor's login form, wait for a session state, count token requests).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLab, type BridgeName, type Lab } from '../../../demo/lab/start.js';
import { launchBrowser } from '../../e2e/browser.js';
import { startAppServer, type AppServer } from './app-server.js';
import type { RecordedEvent } from './app-entry.js';

export interface Rig {
  lab: Lab;
  app: AppServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startRig(): Promise<Rig> {
  const app = await startAppServer();
  let lab: Lab | undefined;
  try {
    lab = await startLab({ quiet: true, redirectUris: app.pages, origins: [app.url] });
    app.useLab(lab.describe());
    const browser = await launchBrowser();
    const running = lab;
    return {
      lab: running,
      app,
      browser,
      close: async () => {
        await browser.close();
        await running.close();
        await app.close();
      },
    };
  } catch (error) {
    await lab?.close();
    await app.close();
    throw error;
  }
}

/** A fresh context per test: no realm or vendor cookies (SSO) carried over from another test. */
export async function newContext(rig: Rig): Promise<BrowserContext> {
  return rig.browser.newContext();
}

/** Fills the lab login form every emulator serves (labelled username/password, "Sign in"). */
export async function fillLogin(page: Page, login = 'helen'): Promise<void> {
  await page.locator('input[name="username"]').fill(login);
  await page.locator('input[name="password"]').fill(login);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function waitForState(page: Page, state: 'loading' | 'signed-in' | 'signed-out'): Promise<void> {
  await page.waitForFunction((s) => globalThis.tcTest?.session()?.state === s, state, { timeout: 15_000 });
}

export async function sessionState(page: Page): Promise<string> {
  return page.evaluate(() => tcTest.session().state as string);
}

export async function events(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => tcTest.events as RecordedEvent[]);
}

/**
 * Signs in whether or not the authorization server still has a login session in this context: with
 * one (SSO) it sends the browser straight back, without a form.
 */
export async function signIn(page: Page, pageUrl: string, login = 'helen'): Promise<void> {
  if (!page.url().startsWith(pageUrl)) await page.goto(pageUrl);
  await waitForState(page, 'signed-out');
  const away = page.waitForURL((url) => !url.href.startsWith(pageUrl) || url.searchParams.has('code'), { waitUntil: 'commit' });
  await page.evaluate(() => {
    void tcTest.session().signIn();
  });
  await away;
  if (!page.url().startsWith(pageUrl)) {
    await fillLogin(page, login);
    await page.waitForURL((url) => url.href.startsWith(pageUrl), { timeout: 15_000 });
  }
  await waitForState(page, 'signed-in');
}

/** The token set a `session`/`local` storage page keeps (read as any script of the origin could). */
export async function storedTokens(page: Page, storage: 'session' | 'local'): Promise<{ accessToken: string; refreshToken?: string } | undefined> {
  return page.evaluate((kind) => {
    const store = kind === 'session' ? sessionStorage : localStorage;
    const key = Object.keys(store).find((k) => k.startsWith('tc-auth:tokens:'));
    return key ? JSON.parse(store.getItem(key)!) : undefined;
  }, storage);
}

export async function accessToken(page: Page): Promise<string> {
  return page.evaluate(async () => (await tcTest.session().auth!.getAccessToken()) as string);
}

/** Token endpoint requests the authorization server answered (code exchanges and refreshes). */
export function tokenRequests(rig: Rig, server: 'opentalk' | BridgeName): number {
  if (server === 'opentalk') {
    const path = new URL(`${rig.lab.describe().opentalk.issuer}/protocol/openid-connect/token`).pathname;
    return rig.lab.opentalk.requests.filter((r) => r.method === 'POST' && r.path === path).length;
  }
  return rig.lab.bridges[server].requests.filter((r) => r.method === 'POST' && r.path === '/token').length;
}

/**
 * Starts a redirect sign-in on `pageUrl`, logs in, and stops the browser on its way back: resolves to
 * the callback URL (with a real code) the authorization server sent, which the page never ran.
 */
export async function captureCallback(rig: Rig, page: Page, pageUrl: string, login = 'helen'): Promise<URL> {
  if (!page.url().startsWith(pageUrl)) await page.goto(pageUrl);
  await waitForState(page, 'signed-out');
  await page.evaluate(() => {
    void tcTest.session().signIn();
  });
  await page.waitForURL((url) => !url.href.startsWith(pageUrl));
  rig.app.settings.holdCallbacks = true;
  try {
    const held = rig.app.nextHeldCallback();
    await fillLogin(page, login);
    return await held;
  } finally {
    rig.app.settings.holdCallbacks = false;
  }
}
