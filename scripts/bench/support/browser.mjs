// Shared by the browser sections: bundling a page script from the sources the way the library
// ships (esbuild, minified, es2022) and launching the Chromium the tests use.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { chromePath, CHROME_FLAGS } from '../../chrome-path.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** One self-contained ES module from a bench page entry (a TS file under scripts/bench/fixtures). */
export async function bundlePage(entry) {
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    tsconfig: `${root}tsconfig.json`,
    conditions: ['production'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

export async function launchChromium() {
  return chromium.launch({ executablePath: chromePath(), headless: true, args: CHROME_FLAGS });
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
