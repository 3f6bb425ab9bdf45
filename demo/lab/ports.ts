/**
 * Fixed loopback ports for `npm start` / `npm run lab`, so URLs stay the same between runs.
 * `TC_LAB_PORT` moves the lab's block of ports; `TC_DEMO_PORT` the demo page.
 */
import type { LabOptions } from './start.js';

const BASE = Number(process.env.TC_LAB_PORT ?? 18080);

export const DEMO_PORT = Number(process.env.TC_DEMO_PORT ?? 5173);

export const DEMO_PAGES = ['index.html', 'trueconf-v4.html', 'opentalk.html', 'webex.html'];

export function labPorts(): NonNullable<LabOptions['ports']> {
  return {
    trueconf: BASE + 1,
    opentalk: BASE + 2,
    keycloak: BASE + 3,
    webex: BASE + 4,
    telphin: BASE + 5,
    trueconfBridge: BASE + 10,
    trueconfV4Bridge: BASE + 11,
    webexBridge: BASE + 12,
    telphinBridge: BASE + 13,
  };
}

/** The demo pages' URLs: the redirect URIs the lab registers. */
export function demoPages(origin = `http://127.0.0.1:${DEMO_PORT}`): string[] {
  return DEMO_PAGES.map((page) => `${origin}/demo/${page}`);
}
