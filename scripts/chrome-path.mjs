// Finds the Chromium/Chrome used by every browser test: CHROME_PATH, else Debian's chromium.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromePath() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but no file is there.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROME_PATH to a Chrome/Chromium binary.',
  );
}

// `node scripts/chrome-path.mjs` checks before the browser tests start and says how to fix it.
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(chromePath());
  } catch (error) {
    console.error(`tc-widgets: ${error.message}`);
    process.exit(1);
  }
}
