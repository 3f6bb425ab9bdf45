// Requests the elements make against the lab's TrueConf emulator, counted where they arrive
// (lab.trueconf.requests): a real page with <tc-session> + <tc-login-button> + <tc-conference-list> +
// <tc-conference-details> + <tc-join-button>, signed in as helen through the bridge with the real
// redirect flow (TrueConf login form). Then twenty concurrent API calls that all get 401, in one tab
// and spread over three tabs, and how many refresh requests they cause.
import { createServer } from 'node:http';
import { tsImport } from 'tsx/esm/api';
import { bundlePage, launchChromium } from './support/browser.mjs';
import { printTable, record, unmeasured } from './support/budgets.mjs';

/** Both API generations: v3.x refuses a bad token with 403 `accessTokenInvalid`, v4 with 401. */
const GENERATIONS = [
  { version: 'v3.11', bridge: 'trueconf' },
  { version: 'v4', bridge: 'trueconfV4' },
];
const pagePath = (version) => `/bench/requests-${version}.html`;

const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

async function servePage(script, pageHtml) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://bench.invalid').pathname;
    const generation = GENERATIONS.find((g) => path === pagePath(g.version));
    if (path === '/bench/requests.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(script);
    } else if (generation) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(pageHtml(generation, new URL(req.url ?? '/', 'http://bench.invalid').searchParams.get('elements')));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((r) => server.close(r)) };
}

/**
 * The page a portal author would write: one session, the elements inside it. `mixed` (default):
 * login button, list, details and join button of one conference; `lists`: three lists alike.
 */
function pageMarkup(lab, generation, conferenceId, elements) {
  const bridge = lab.bridges[generation.bridge];
  const attrs = {
    id: 'session',
    provider: 'trueconf',
    server: lab.trueconf.url,
    issuer: bridge.url,
    'client-id': bridge.clientId,
    'api-base': bridge.url,
    'api-version': generation.version,
    // Shared by the tabs of the three-tab round, as a portal that keeps people signed in across tabs would.
    storage: 'local',
  };
  const id = escapeAttr(conferenceId);
  const inner =
    elements === 'lists'
      ? '<tc-conference-list></tc-conference-list>'.repeat(3)
      : `<tc-login-button></tc-login-button>
  <tc-conference-list></tc-conference-list>
  <tc-conference-details conference-id="${id}"></tc-conference-details>
  <tc-join-button conference-id="${id}"></tc-join-button>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tc-widgets request bench</title></head>
<body><tc-session ${Object.entries(attrs).map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(' ')}>
  ${inner}
</tc-session>
<script type="module" src="/bench/requests.js"></script></body></html>`;
}

/** Which element need a request served, by emulator path. */
function kindOf({ method, path }) {
  if (path === '/api/v4/me') return 'me';
  if (method === 'GET' && /^\/api\/[^/]+\/conferences$/.test(path)) return 'list';
  if (method === 'GET' && /^\/api\/[^/]+\/conferences\/[^/]+$/.test(path)) return 'get';
  if (path.endsWith('/invitations')) return 'invitations';
  if (path.endsWith('/participants')) return 'participants';
  if (path.startsWith('/api/') && !path.includes('/oauth2/')) return 'other API';
  return 'oauth';
}

const COLUMNS = ['list', 'get', 'me', 'invitations', 'participants', 'other API'];

function countByKind(requests) {
  const counts = Object.fromEntries([...COLUMNS, 'oauth'].map((k) => [k, 0]));
  for (const r of requests) counts[kindOf(r)] += 1;
  return counts;
}

/** Waits until `log` has not grown for `quietMs` (the page has stopped asking). */
async function quiet(log, quietMs = 750, maxMs = 15_000) {
  const deadline = Date.now() + maxMs;
  let length = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    if (log.length !== length) {
      length = log.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function loaded(page, log) {
  await page.waitForFunction(() => globalThis.tcBench?.loaded(), undefined, { timeout: 15_000 });
  await quiet(log);
}

async function signIn(page, pageUrl, log) {
  await page.goto(pageUrl);
  await page.waitForFunction(() => globalThis.tcBench?.state() === 'signed-out', undefined, { timeout: 15_000 });
  await page.evaluate(() => globalThis.tcBench.signIn());
  await page.waitForURL((url) => !url.href.startsWith(pageUrl));
  await page.locator('input[name="username"]').fill('helen');
  await page.locator('input[name="password"]').fill('helen');
  log.length = 0;
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(pageUrl), { timeout: 15_000 });
  await loaded(page, log);
}

/** Makes every access token the emulator issued invalid, so the next API call of every tab gets 401. */
function expireAccessTokens(lab, generation) {
  lab.trueconf.state.accessTokens.clear();
  lab.trueconf.requests.length = 0;
  lab.bridges[generation.bridge].requests.length = 0;
}

const TOKEN_PATHS = ['/oauth2/v1/token', '/api/v4/oauth2/token'];

function refreshFigures(lab, generation, succeeded) {
  const tc = lab.trueconf.requests;
  const refused = (r) => r.status === 401 || (generation.version !== 'v4' && r.status === 403);
  return {
    succeeded,
    refused: tc.filter((r) => r.path.startsWith('/api/') && !TOKEN_PATHS.includes(r.path) && refused(r)).length,
    refreshes: lab.bridges[generation.bridge].requests.filter((r) => r.method === 'POST' && r.path === '/token').length,
    upstream: tc.filter((r) => r.method === 'POST' && TOKEN_PATHS.includes(r.path)).length,
  };
}

/** One API generation: sign in, reload, open two more tabs, then the two 401 bursts. */
async function measureGeneration(lab, browser, generation, pageUrl) {
  const context = await browser.newContext();
  try {
    const log = lab.trueconf.requests;
    const tabA = await context.newPage();

    await signIn(tabA, pageUrl, log);
    const afterSignIn = countByKind(log);

    log.length = 0;
    await tabA.reload();
    await loaded(tabA, log);
    const afterReload = countByKind(log);

    log.length = 0;
    await tabA.goto(`${pageUrl}?elements=lists`);
    await loaded(tabA, log);
    const threeLists = countByKind(log);
    await tabA.goto(pageUrl);
    await loaded(tabA, log);

    const tabB = await context.newPage();
    const tabC = await context.newPage();
    for (const tab of [tabB, tabC]) {
      await tab.goto(pageUrl);
      await loaded(tab, log);
    }

    expireAccessTokens(lab, generation);
    const perTab = await Promise.all([
      tabA.evaluate(() => globalThis.tcBench.burst(7, 1)),
      tabB.evaluate(() => globalThis.tcBench.burst(7, 8)),
      tabC.evaluate(() => globalThis.tcBench.burst(6, 15)),
    ]);
    await quiet(log);
    const threeTabs = refreshFigures(lab, generation, perTab.reduce((a, b) => a + b, 0));

    expireAccessTokens(lab, generation);
    const ok = await tabA.evaluate(() => globalThis.tcBench.burst(20, 21));
    await quiet(log);
    const oneTab = refreshFigures(lab, generation, ok);
    return { afterSignIn, afterReload, threeLists, threeTabs, oneTab };
  } finally {
    await context.close();
  }
}

async function measure() {
  const { startLab } = await tsImport('../../demo/lab/start.ts', import.meta.url);
  const script = await bundlePage(new URL('./fixtures/requests-page.ts', import.meta.url));
  let markup = () => '<!doctype html><title>not ready</title>';
  const server = await servePage(script, (generation, elements) => markup(generation, elements));
  const pageUrl = (generation) => `${server.url}${pagePath(generation.version)}`;
  let lab;
  let browser;
  try {
    lab = await startLab({ quiet: true, redirectUris: GENERATIONS.map(pageUrl), origins: [server.url] });
    const mine = [...lab.trueconf.state.conferences.values()].find((c) => c.topic === 'My Conference');
    if (!mine) throw new Error('the lab has no "My Conference" seed');
    markup = (generation, elements) => pageMarkup(lab.describe(), generation, mine.id, elements);
    browser = await launchChromium();
    const figures = [];
    for (const generation of GENERATIONS) {
      figures.push({ generation, ...(await measureGeneration(lab, browser, generation, pageUrl(generation))) });
    }
    return figures;
  } finally {
    await browser?.close();
    await lab?.close();
    await server.close();
  }
}

export async function run() {
  console.log('\nRequests at the TrueConf emulator (through the bridge), one page, one session\n');
  let figures;
  try {
    figures = await measure();
  } catch (error) {
    const reason = `request bench failed: ${error.message.split('\n')[0]}`;
    console.log(reason);
    unmeasured('list-requests', reason);
    unmeasured('refreshes', reason);
    return;
  }
  const total = (c) => COLUMNS.reduce((sum, k) => sum + c[k], 0);
  const loadRow = (version, label, c) => [version, label, ...COLUMNS.map((k) => c[k]), total(c)];
  printTable(
    ['API', 'page load', ...COLUMNS, 'API total'],
    figures.flatMap(({ generation: g, afterSignIn, afterReload, threeLists }) => [
      loadRow(g.version, 'mixed page: redirect back from sign-in', afterSignIn),
      loadRow(g.version, 'mixed page: reload, signed in (stored tokens)', afterReload),
      loadRow(g.version, 'three lists: load, signed in', threeLists),
    ]),
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  console.log(
    '\nMixed page: <tc-login-button>, <tc-conference-list>, <tc-conference-details conference-id> and' +
      ' <tc-join-button conference-id> (same conference) in one <tc-session>; "get" serves details and join button.' +
      ' Three lists: three <tc-conference-list> (same filter) in one <tc-session>.\n',
  );
  const burstRow = (version, label, f) => [version, label, `${f.succeeded}/20`, f.refused, f.refreshes, f.upstream];
  printTable(
    ['API', '20 concurrent calls, token refused', 'succeeded after retry', 'refused at emulator', 'refresh requests (browser → bridge /token)', 'upstream refreshes (bridge → TrueConf)'],
    figures.flatMap(({ generation: g, threeTabs, oneTab }) => [
      burstRow(g.version, 'spread over three tabs (7 + 7 + 6)', threeTabs),
      burstRow(g.version, 'one tab', oneTab),
    ]),
    ['l', 'l', 'r', 'r', 'r', 'r'],
  );
  console.log('\nRefused: v3.x answers a bad token with 403 accessTokenInvalid, v4 with 401 (specs/trueconf.md).');
  const lists = figures.flatMap((f) => [f.afterSignIn.list, f.afterReload.list, f.threeLists.list]);
  record(
    'list-requests',
    figures
      .map((f) => `${f.generation.version}: mixed ${f.afterSignIn.list} (sign-in) / ${f.afterReload.list} (reload), three lists ${f.threeLists.list}`)
      .join('; '),
    lists.every((n) => n === 1),
  );
  const three = figures.map((f) => f.threeTabs);
  record(
    'refreshes',
    figures.map((f) => `${f.generation.version}: ${f.threeTabs.refreshes} (${f.threeTabs.succeeded}/20 ok)`).join('; '),
    three.every((f) => f.refreshes === 1 && f.succeeded === 20),
  );
}
