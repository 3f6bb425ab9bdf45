/** Launches Debian's Chromium (or CHROME_PATH) through playwright-core for end-to-end tests. */
import { chromium, type Browser } from 'playwright-core';
// @ts-expect-error: plain .mjs helper shared with the test-runner config
import { chromePath, CHROME_FLAGS } from '../../scripts/chrome-path.mjs';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromePath() as string, headless: true, args: CHROME_FLAGS as string[] });
}
