// After `npm run build`: every `exports` entry and the `tc-bridge` bin resolve to built files that load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
};

/** Element folders, from the manifest (src/elements/<folder>/<folder>.component.ts). */
const elementFolders = (JSON.parse(readFileSync('custom-elements.json', 'utf8')) as { modules: { path: string }[] }).modules.map(
  (m) => m.path.split('/')[2]!,
);

function targets(): { entry: string; file: string }[] {
  const out: { entry: string; file: string }[] = [];
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const files = typeof target === 'string' ? [target] : [target.default, target.types];
    for (const file of files) {
      if (!file.includes('*')) out.push({ entry, file });
      else
        for (const name of elementFolders) out.push({ entry: entry.replace('*', name), file: file.replaceAll('*', name) });
    }
  }
  return out;
}

test('every exports target exists in dist (including one per element)', () => {
  const all = targets();
  assert.ok(all.some((t) => t.entry === './elements/session.js'), 'tc-widgets/elements/session.js is exported');
  for (const { entry, file } of all) assert.ok(existsSync(file), `${entry} → ${file} is missing`);
});

test('tc-widgets/core and tc-widgets/bridge load in Node', async () => {
  // Built files are imported by URL: a fresh clone has no dist/ when it is typechecked.
  const core = (await import(new URL('../../dist/core.js', import.meta.url).href)) as { parseSessionConfig: unknown };
  assert.equal(typeof core.parseSessionConfig, 'function');
  const bridge = (await import(new URL('../../dist/bridge/index.js', import.meta.url).href)) as { startBridge: unknown };
  assert.equal(typeof bridge.startBridge, 'function');
});

test('the tc-bridge bin runs', () => {
  const bin = pkg.bin['tc-bridge']!;
  assert.ok(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node'), 'the bin has a shebang');
  const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.match(help, /tc-bridge/);
});
