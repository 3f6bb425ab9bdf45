// Min + gzip (-9) sizes of the script-tag bundle and of each entry point, measured the way
// DESIGN.md's comparison figures were (esbuild-equivalent minification, gzip -9).
//
// Both builds split: code behind a dynamic import() becomes a chunk fetched on demand. Each row
// shows what a page loads at start (the entry and the chunks it imports statically) and, apart,
// each on-demand chunk. The budget figure counts every file of the row except the other languages'
// message chunks (DESIGN.md: "other locales load on demand"): an on-demand chunk of code still
// counts, since a page that uses the feature downloads it — except, on the one-vendor page, the other
// vendors' adapters, which that page never loads.
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { record, unmeasured } from './support/budgets.mjs';

const kb = (n) => (n / 1024).toFixed(1);
const gz = (buf) => gzipSync(buf, { level: 9 }).length;

/** Entry points as a consumer imports them; `stdin` lets a row combine several imports. */
const ENTRIES = [
  { name: 'tc-widgets (all elements)', contents: `import './src/index.ts';` },
  { name: 'tc-widgets/core', contents: `export * from './src/core.ts';` },
  { name: 'tc-widgets/elements/session.js', contents: `import './src/elements/session/session.ts';` },
  {
    name: 'smallest useful page (session + login + list + trueconf)',
    contents: [
      `import './src/elements/session/session.ts';`,
      `import './src/elements/login-button/login-button.ts';`,
      `import './src/elements/conference-list/conference-list.ts';`,
      `import './src/providers/trueconf/index.ts';`,
    ].join('\n'),
    budget: 20,
    budgetId: 'smallest-page',
    // "One vendor": other vendors' adapters are on-demand chunks this page never loads.
    vendors: ['trueconf'],
  },
];

/**
 * A file of a build: `start` if the entry loads it up front, `locale` if it holds only other-language
 * messages, `otherVendor` if it holds only adapters of vendors the row does not use.
 */
const file = (name, contents, start, locale, otherVendor = false) => ({ name, min: contents.length, gzip: gz(contents), start, locale, otherVendor });

async function measure(contents, vendors) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outdir: 'bench-out',
    write: false,
    metafile: true,
    tsconfig: 'tsconfig.json',
    conditions: ['production'],
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint);
  // Files the entry loads before it runs: its static imports, transitively.
  const start = new Set([entry]);
  for (const path of start) for (const i of outputs[path].imports) if (i.kind === 'import-statement') start.add(i.path);
  return result.outputFiles
    .map((out) => ({ out, path: Object.keys(outputs).find((p) => out.path.endsWith(p)) }))
    .filter(({ path }) => path?.endsWith('.js'))
    .map(({ out, path }) => {
      const inputs = Object.keys(outputs[path].inputs);
      const locale = inputs.length > 0 && inputs.every((i) => i.includes('src/i18n/locales/'));
      const vendorOf = (i) => /src\/providers\/([a-z]+)\//.exec(i)?.[1];
      const otherVendor =
        vendors !== undefined && inputs.length > 0 && inputs.every((i) => vendorOf(i) && !vendors.includes(vendorOf(i)));
      const label = path === entry ? 'entry' : inputs.length === 1 ? inputs[0] : path.replace(/^bench-out\//, '');
      return file(label, out.contents, start.has(path), locale, otherVendor);
    });
}

/** dist/tc-widgets.js and the chunks Vite wrote next to it (tc-widgets-<name>-<hash>.js). */
function distFiles() {
  const entry = readFileSync('dist/tc-widgets.js');
  const chunks = readdirSync('dist').filter((f) => /^tc-widgets-.+\.js$/.test(f));
  const statics = new Set([...entry.toString().matchAll(/(?:^|[;}])\s*import\s*(?:[\w{},*\s$]+from\s*)?["'`]\.\/([^"'`]+)["'`]/g)].map((m) => m[1]));
  return [
    file('dist/tc-widgets.js', entry, true, false),
    ...chunks.map((f) => file(`dist/${f}`, readFileSync(`dist/${f}`), statics.has(f), /^tc-widgets-(ru|de)-/.test(f))),
  ];
}

/** Whether a source file changed after dist/tc-widgets.js was built (its figure is then out of date). */
function distIsStale() {
  const built = statSync('dist/tc-widgets.js').mtimeMs;
  return readdirSync('src', { recursive: true }).some((f) => f.endsWith('.ts') && statSync(`src/${f}`).mtimeMs > built);
}

const sum = (files, key) => files.reduce((n, f) => n + f[key], 0);

/** One table row per build: loaded at start, every non-locale file (the budget figure), then each on-demand chunk. */
function rowsOf(name, files, budget, budgetId) {
  const start = files.filter((f) => f.start);
  const counted = files.filter((f) => f.start || (!f.locale && !f.otherVendor));
  const lazy = files.filter((f) => !f.start);
  const rows = [{ name: `${name} — loaded at start`, min: sum(start, 'min'), gzip: sum(start, 'gzip') }];
  const total = { name: `${name} — all but other-language messages${files.some((f) => f.otherVendor) ? ' and other vendors' : ''}`, min: sum(counted, 'min'), gzip: sum(counted, 'gzip'), budget, budgetId };
  if (counted.length > start.length || budget) rows.push(total);
  for (const f of lazy)
    rows.push({ name: `  on demand: ${f.name}${f.locale ? ' (messages)' : f.otherVendor ? ' (another vendor)' : ''}`, min: f.min, gzip: f.gzip });
  return rows;
}

export async function run() {
  const rows = [];
  if (existsSync('dist/tc-widgets.js')) {
    rows.push(...rowsOf('dist/tc-widgets.js (script tag)', distFiles(), 30, 'bundle'));
  } else {
    rows.push({ name: 'dist/tc-widgets.js (script tag)', missing: 'run `npm run build` first', budgetId: 'bundle' });
  }
  for (const entry of ENTRIES) {
    try {
      rows.push(...rowsOf(entry.name, await measure(entry.contents, entry.vendors), entry.budget, entry.budgetId));
    } catch (error) {
      rows.push({ name: entry.name, budgetId: entry.budgetId, missing: `not measurable yet (${error.errors?.[0]?.text ?? error.message})` });
    }
  }
  for (const r of rows.filter((row) => row.budgetId)) {
    const stale = r.budgetId === 'bundle' && !r.missing && distIsStale() ? 'dist/ is older than src/: run `npm run build`' : '';
    if (r.missing) unmeasured(r.budgetId, r.missing);
    else record(r.budgetId, `${kb(r.gzip)} KB gzip (${kb(r.min)} KB min)`, r.gzip / 1024 <= r.budget, stale);
  }
  console.log('\nBundle sizes (minified, gzip -9; several files: the sum of each file gzipped)\n');
  console.log('| entry | min KB | gzip KB | budget KB gzip |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) {
    if (r.missing) console.log(`| ${r.name} | – | – | ${r.missing} |`);
    else
      console.log(
        `| ${r.name} | ${kb(r.min)} | ${kb(r.gzip)} | ${r.budget ? `${r.budget} (${r.gzip / 1024 <= r.budget ? 'within' : 'OVER'})` : ''} |`,
      );
  }
  console.log('\nFor comparison (DESIGN.md): MGT sign-in + login + agenda ~274 KB gzip; oidc-client-ts ~17.6 KB.');
}
