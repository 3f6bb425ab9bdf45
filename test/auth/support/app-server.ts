/**
 * Serves the pages the sign-in end-to-end tests drive: `/app/<vendor>/<storage>/<mode>.html`, each a
 * `<tc-session>` configured against the lab, and `/app.js`, the page script bundled from the sources
 * with esbuild. Every page path is registered at the lab as an exact redirect URI.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { escapeHtml, listen, sendHtml } from '../../../demo/lab/http.js';
import type { LabDescription } from '../../../demo/lab/start.js';

export type Vendor = 'opentalk' | 'trueconf' | 'trueconfV4' | 'webex' | 'telphin';
export type Storage = 'memory' | 'session' | 'local';
export type Mode = 'redirect' | 'popup';

export const VENDORS: readonly Vendor[] = ['opentalk', 'trueconf', 'trueconfV4', 'webex', 'telphin'];
const STORAGES: readonly Storage[] = ['memory', 'session', 'local'];
const MODES: readonly Mode[] = ['redirect', 'popup'];

export interface AppSettings {
  /** Sends `Cross-Origin-Opener-Policy: same-origin` with callback pages, which severs a popup's opener. */
  coopOnCallback: boolean;
  /**
   * Answers callback requests (`?code=` or `?error=`) with a blank page and keeps their URL for the test
   * (an attacker's copy of a response, or one to tamper with). Playwright cannot intercept the
   * authorization server's redirect itself.
   */
  holdCallbacks: boolean;
}

export interface AppServer {
  url: string;
  settings: AppSettings;
  /** Every page URL (exact redirect URIs to register). */
  pages: string[];
  page(vendor: Vendor, storage?: Storage, mode?: Mode): string;
  /** Resolves to the next callback URL held while `settings.holdCallbacks` is on. */
  nextHeldCallback(): Promise<URL>;
  /** Gives the server the lab once it runs (the lab needs the page URLs first). */
  useLab(lab: LabDescription): void;
  close(): Promise<void>;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./app-entry.ts', import.meta.url))],
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    tsconfig: `${root}tsconfig.json`,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function attributes(vendor: Vendor, lab: LabDescription): Record<string, string> {
  switch (vendor) {
    case 'opentalk':
      return { provider: 'opentalk', server: lab.opentalk.url, issuer: lab.opentalk.issuer, 'client-id': lab.opentalk.clientId };
    case 'trueconf':
    case 'trueconfV4': {
      const bridge = lab.bridges[vendor];
      return {
        provider: 'trueconf',
        server: lab.trueconf.url,
        issuer: bridge.url,
        'client-id': bridge.clientId,
        'api-base': bridge.url,
        'api-version': vendor === 'trueconf' ? 'v3.11' : 'v4',
      };
    }
    case 'webex':
    case 'telphin':
      return { provider: vendor, server: lab[vendor].url, issuer: lab.bridges[vendor].url, 'client-id': lab.bridges[vendor].clientId };
  }
}

export async function startAppServer(): Promise<AppServer> {
  const script = await bundle();
  let lab: LabDescription | undefined;
  const settings: AppSettings = { coopOnCallback: false, holdCallbacks: false };
  let heldWaiters: ((url: URL) => void)[] = [];
  const service = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://app.invalid');
    if (settings.holdCallbacks && (url.searchParams.has('code') || url.searchParams.has('error'))) {
      const held = new URL(req.url ?? '/', service.url);
      const waiters = heldWaiters;
      heldWaiters = [];
      for (const resolve of waiters) resolve(held);
      sendHtml(res, 200, '<!doctype html><title>held</title><p>held</p>');
      return;
    }
    if (url.pathname === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(script);
      return;
    }
    if (url.pathname === '/sandboxed.html') {
      // A portal frame without allow-popups: window.open returns null there, as with a popup blocker.
      const src = `/app/opentalk/memory/popup.html`;
      sendHtml(res, 200, `<!doctype html><title>frame</title><iframe sandbox="allow-scripts allow-same-origin" src="${src}"></iframe>`);
      return;
    }
    const m = /^\/app\/(\w+)\/(\w+)\/(\w+)\.html$/.exec(url.pathname);
    const [vendor, storage, mode] = (m?.slice(1) ?? []) as [Vendor, Storage, Mode];
    if (!m || !lab || !VENDORS.includes(vendor) || !STORAGES.includes(storage) || !MODES.includes(mode)) {
      sendHtml(res, 404, '<!doctype html><title>Not found</title><p>Not found</p>');
      return;
    }
    const attrs = { ...attributes(vendor, lab), storage, 'login-mode': mode };
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tc-session ${vendor}</title></head>
<body><tc-session ${Object.entries(attrs)
      .map(([k, v]) => `${k}="${escapeHtml(v)}"`)
      .join(' ')}></tc-session>
<script type="module" src="/app.js"></script></body></html>`;
    const headers: Record<string, string> = {};
    if (settings.coopOnCallback && url.searchParams.has('code')) headers['cross-origin-opener-policy'] = 'same-origin';
    sendHtml(res, 200, html, headers);
  });
  const page = (vendor: Vendor, storage: Storage = 'memory', mode: Mode = 'redirect') =>
    `${service.url}/app/${vendor}/${storage}/${mode}.html`;
  const pages = VENDORS.flatMap((v) => STORAGES.flatMap((s) => MODES.map((m) => page(v, s, m))));
  return {
    url: service.url,
    settings,
    pages,
    page,
    nextHeldCallback: () => new Promise<URL>((resolve) => heldWaiters.push(resolve)),
    useLab: (description) => {
      lab = description;
    },
    close: () => service.close(),
  };
}
