import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromePath, CHROME_FLAGS } from './scripts/chrome-path.mjs';

// Component tests render elements against in-memory adapters; the lab's real servers are exercised
// end to end by test/e2e (playwright-core) and by the Node tests.
export default {
  files: ['test/elements/**/*.test.ts', 'test/auth/**/*.test.ts'],
  nodeResolve: true,
  // Decorators are experimental (legacy) ones: esbuild must lower them for Chromium.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromePath(), headless: true, args: CHROME_FLAGS },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
};
