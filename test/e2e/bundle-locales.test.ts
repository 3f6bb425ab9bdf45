/**
 * The script-tag bundle's other languages are chunks loaded on demand: an English page needs only
 * dist/tc-widgets.js (served alone it works), a Russian or German page fetches its chunk next to it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';

let browser: Browser;
let server: Server;
let base = '';
/** Whether the server hands out the locale chunks, or only the entry (the bundle "served alone"). */
let chunksServed = true;
const fetched: string[] = [];

before(async () => {
  assert.ok(existsSync('dist/tc-widgets.js'), 'run `npm run build` first: dist/tc-widgets.js is missing');
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const lang = path.match(/^\/page-(\w+)\.html$/)?.[1];
    if (lang) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>bundle</title>
<script type="module" src="/tc-widgets.js"></script></head><body><tc-login-button></tc-login-button></body></html>`);
      return;
    }
    const file = path.slice(1);
    fetched.push(file);
    const isChunk = /^tc-widgets-[\w-]+\.js$/.test(file);
    if ((file === 'tc-widgets.js' || (isChunk && chunksServed)) && existsSync(`dist/${file}`)) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(readFileSync(`dist/${file}`));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function signInLabel(lang: string): Promise<string> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/page-${lang}.html`);
  await page.waitForFunction(() => customElements.get('tc-login-button') !== undefined);
  // Give an on-demand chunk time to arrive and the element time to re-render.
  await page.waitForLoadState('networkidle');
  const label = await page.evaluate(async () => {
    const el = document.querySelector('tc-login-button') as HTMLElement & { updateComplete: Promise<unknown> };
    await el.updateComplete;
    return el.shadowRoot?.querySelector('button')?.textContent?.trim() ?? '';
  });
  await page.close();
  assert.deepEqual(errors, []);
  return label;
}

test('the locale chunks import nothing: the entry stays the only module every page needs', () => {
  const chunks = readdirSync('dist').filter((f) => /^tc-widgets-[\w-]+\.js$/.test(f));
  assert.ok(chunks.some((f) => f.startsWith('tc-widgets-ru-')) && chunks.some((f) => f.startsWith('tc-widgets-de-')), chunks.join(', '));
  const entry = readFileSync('dist/tc-widgets.js', 'utf8');
  // No static import of another chunk from the entry (only dynamic ones).
  assert.doesNotMatch(entry, /(^|[;\n])import\s*[^(]|\bfrom\s*["'`]\.\//);
  for (const chunk of chunks) assert.doesNotMatch(readFileSync(`dist/${chunk}`, 'utf8'), /\bimport\b/);
});

test('an English page loads dist/tc-widgets.js and nothing else', async () => {
  fetched.length = 0;
  assert.equal(await signInLabel('en'), 'Sign in');
  assert.deepEqual(fetched.filter((f) => f.endsWith('.js')), ['tc-widgets.js']);
});

test('a Russian and a German page fetch their messages on demand', async () => {
  fetched.length = 0;
  assert.equal(await signInLabel('ru'), 'Войти');
  assert.ok(fetched.some((f) => f.startsWith('tc-widgets-ru-')), fetched.join(', '));
  assert.ok(!fetched.some((f) => f.startsWith('tc-widgets-de-')), fetched.join(', '));
  assert.equal(await signInLabel('de'), 'Anmelden');
});

test('served alone, the bundle still works and a Russian page stays English', async () => {
  chunksServed = false;
  try {
    assert.equal(await signInLabel('ru'), 'Sign in');
  } finally {
    chunksServed = true;
  }
});
