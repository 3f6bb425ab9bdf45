// Min + gzip (-9) sizes of the script-tag bundle and of each entry point, measured the way
// DESIGN.md's comparison figures were (esbuild-equivalent minification, gzip -9).
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
  },
];

async function measure(contents) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    tsconfig: 'tsconfig.json',
    conditions: ['production'],
    logLevel: 'silent',
  });
  const out = result.outputFiles[0].contents;
  return { min: out.length, gzip: gz(out) };
}

/** Whether a source file changed after dist/tc-widgets.js was built (its figure is then out of date). */
function distIsStale() {
  const built = statSync('dist/tc-widgets.js').mtimeMs;
  return readdirSync('src', { recursive: true }).some((f) => f.endsWith('.ts') && statSync(`src/${f}`).mtimeMs > built);
}

export async function run() {
  const rows = [];
  if (existsSync('dist/tc-widgets.js')) {
    const buf = readFileSync('dist/tc-widgets.js');
    rows.push({ name: 'dist/tc-widgets.js (script tag)', min: buf.length, gzip: gz(buf), budget: 30, budgetId: 'bundle' });
  } else {
    rows.push({ name: 'dist/tc-widgets.js (script tag)', missing: 'run `npm run build` first', budgetId: 'bundle' });
  }
  for (const entry of ENTRIES) {
    try {
      rows.push({ ...entry, ...(await measure(entry.contents)) });
    } catch (error) {
      rows.push({ name: entry.name, budgetId: entry.budgetId, missing: `not measurable yet (${error.errors?.[0]?.text ?? error.message})` });
    }
  }
  for (const r of rows.filter((row) => row.budgetId)) {
    const stale = r.budgetId === 'bundle' && !r.missing && distIsStale() ? 'dist/ is older than src/: run `npm run build`' : '';
    if (r.missing) unmeasured(r.budgetId, r.missing);
    else record(r.budgetId, `${kb(r.gzip)} KB gzip (${kb(r.min)} KB min)`, r.gzip / 1024 <= r.budget, stale);
  }
  console.log('\nBundle sizes (minified, gzip -9)\n');
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
