// First render of <tc-conference-list> in headless Chromium, from "data available" (the adapter's
// list() resolved) to "rows painted" (the first frame painted after the rows are in the DOM), as
// ratios to a plain-DOM list of the same rows rendered in the same page. One browser, one page,
// measurements interleaved round by round; each ratio is the median of the per-round ratios, so
// drift (GC, other processes on a shared machine) hits both sides of a ratio alike.
import { createServer } from 'node:http';
import { bundlePage, launchChromium, median } from './support/browser.mjs';
import { printTable, record, unmeasured } from './support/budgets.mjs';

const WARMUP = 2;
const RUNS = 9;
/** [id, kind, rows]; the first three carry the budgets, the rest give context. */
const CASES = [
  ['baseline-1k', 'baseline', 1_000],
  ['list-1k', 'list', 1_000],
  ['list-10k', 'list', 10_000],
  ['baseline-10k', 'baseline', 10_000],
  ['baseline-200', 'baseline', 200],
  ['list-200', 'list', 200],
];

async function servePage(script) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tc-widgets render bench</title></head>
<body><script type="module" src="/bench.js"></script></body></html>`;
  const server = createServer((req, res) => {
    if (req.url === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

async function measureAll() {
  const script = await bundlePage(new URL('./fixtures/render-page.ts', import.meta.url));
  const server = await servePage(script);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => globalThis.tcBench !== undefined);
    const samples = Object.fromEntries(CASES.map(([id]) => [id, { ms: [], rowsInDom: 0 }]));
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const [id, kind, rows] of CASES) {
        const m = await page.evaluate(([k, n]) => globalThis.tcBench.measure(k, n), [kind, rows]);
        if (i >= WARMUP) samples[id].ms.push(m.ms);
        samples[id].rowsInDom = m.rowsInDom;
      }
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return samples;
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function run() {
  console.log('\nFirst render in headless Chromium (data available → rows painted)\n');
  let samples;
  try {
    samples = await measureAll();
  } catch (error) {
    const reason = `render bench failed: ${error.message.split('\n')[0]}`;
    console.log(reason);
    unmeasured('render-1k', reason);
    unmeasured('render-10k', reason);
    return;
  }
  const med = (id) => median(samples[id].ms);
  const fmt = (ms) => ms.toFixed(1);
  const pairedRatio = (a, b) => median(samples[a].ms.map((ms, i) => ms / samples[b].ms[i]));
  const ratio1k = pairedRatio('list-1k', 'baseline-1k');
  const ratio10k = pairedRatio('list-10k', 'list-1k');
  const ratio200 = pairedRatio('list-200', 'baseline-200');
  const row = (label, id, ratio = '', budget = '') => {
    label = label.replace('<tc-conference-list>', '`<tc-conference-list>`');
    const s = samples[id];
    return [label, String(s.rowsInDom), fmt(med(id)), `${fmt(Math.min(...s.ms))}–${fmt(Math.max(...s.ms))}`, ratio, budget];
  };
  const verdict = (value, limit) => `${limit} (${value <= limit ? 'within' : 'OVER'})`;
  printTable(
    ['case', 'rows in DOM', `median ms (n=${RUNS})`, 'min–max ms', 'ratio (median of rounds)', 'budget'],
    [
      row('plain-DOM baseline, 1,000 rows', 'baseline-1k'),
      row('<tc-conference-list>, 1,000 rows', 'list-1k', `${ratio1k.toFixed(2)}× baseline`, verdict(ratio1k, 1.5)),
      row('<tc-conference-list>, 10,000 rows', 'list-10k', `${ratio10k.toFixed(2)}× list 1k`, verdict(ratio10k, 2)),
      row('plain-DOM baseline, 10,000 rows (context)', 'baseline-10k'),
      row('plain-DOM baseline, 200 rows (context)', 'baseline-200'),
      row('<tc-conference-list>, 200 rows, not virtualised (context)', 'list-200', `${ratio200.toFixed(2)}× baseline`),
    ],
    ['l', 'r', 'r', 'r', 'r', 'l'],
  );
  console.log(
    `\nThe list virtualises above 200 rows, so at 1,000 and 10,000 it paints only the rows in view; the baseline paints all.` +
      ` ${WARMUP} warm-up rounds, then ${RUNS} measured rounds; wall-clock on a shared machine, so read ratios, not milliseconds.`,
  );
  record('render-1k', `${ratio1k.toFixed(2)}× (${fmt(med('list-1k'))} ms vs ${fmt(med('baseline-1k'))} ms)`, ratio1k <= 1.5);
  record('render-10k', `${ratio10k.toFixed(2)}× (${fmt(med('list-10k'))} ms vs ${fmt(med('list-1k'))} ms)`, ratio10k <= 2);
}
