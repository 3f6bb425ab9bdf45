import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startDemoServer, type DemoServer } from '../../demo/server.js';

let browser: Browser;
let demo: DemoServer;

before(async () => {
  assert.ok(existsSync('dist/tc-widgets.js'), 'run `npm run build` first: dist/tc-widgets.js is missing');
  demo = await startDemoServer({}, { quiet: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

test('the demo page loads only dist/tc-widgets.js and it defines <tc-session>', async () => {
  const page = await browser.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    // Vite's dev server adds its own HMR client; everything else must come from the bundle.
    const viteClient = path.startsWith('/@vite/') || path.startsWith('/node_modules/vite/');
    if (r.resourceType() === 'script' && !viteClient) scripts.push(path);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${demo.url}/demo/bundle.html`);
  await page.waitForFunction(() => customElements.get('tc-session') !== undefined);
  assert.deepEqual(scripts, ['/dist/tc-widgets.js']);
  assert.deepEqual(errors, []);

  // The bundle's element really validates: an unknown provider shows its error part.
  const message = await page.evaluate(async () => {
    const el = document.createElement('tc-session');
    el.setAttribute('provider', 'zoom');
    document.body.append(el);
    await (el as unknown as { updateComplete: Promise<void> }).updateComplete;
    return el.shadowRoot?.querySelector('[part="error"]')?.textContent ?? '';
  });
  assert.match(message, /Unknown provider "zoom"/);
  await page.close();
});
