/**
 * The demo pages (served by Vite, loading only dist/tc-widgets.js) configured against a fresh lab,
 * plus one Chromium: what `npm start` runs, on free ports, for end-to-end tests.
 *
 * The demo port is chosen first because the lab registers the pages' exact URLs as redirect URIs.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { startLab, type Lab } from '../../demo/lab/start.js';
import { DEMO_PAGES, demoPages } from '../../demo/lab/ports.js';
import { demoSettings, startDemoServer, type DemoServer } from '../../demo/server.js';
import { launchBrowser } from './browser.js';

export interface DemoRig {
  lab: Lab;
  demo: DemoServer;
  browser: Browser;
  /** Absolute URL of a demo page, e.g. `page('trueconf-v4.html')`. */
  page(name: string): string;
  close(): Promise<void>;
}

/** A port that was free a moment ago on 127.0.0.1 (Vite then binds it with strictPort). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The `%VITE_TC_*%` values of the demo pages for a lab (the same ones `npm start` uses). */
export async function startDemoRig(): Promise<DemoRig> {
  if (!existsSync('dist/tc-widgets.js')) throw new Error('run `npm run build` first: dist/tc-widgets.js is missing');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const lab = await startLab({ quiet: true, redirectUris: demoPages(origin) });
  const started: { close(): Promise<unknown> }[] = [lab];
  try {
    const demo = await startDemoServer(demoSettings(lab.describe()), { port, quiet: true });
    started.unshift(demo);
    const browser = await launchBrowser();
    started.unshift(browser);
    return {
      lab,
      demo,
      browser,
      page: (name) => {
        if (!DEMO_PAGES.includes(name)) throw new Error(`no demo page ${name}`);
        return `${demo.url}/demo/${name}`;
      },
      close: async () => {
        for (const s of started) await s.close();
      },
    };
  } catch (error) {
    for (const s of started) await s.close().catch(() => undefined);
    throw error;
  }
}
