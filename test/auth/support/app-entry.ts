/**
 * The page script of the sign-in end-to-end tests: the real `<tc-session>` plus a recorder of every
 * public event, so a test reads what a page author's listeners would have seen.
 */
import '../../../src/elements/session/session.js';
import type { TcSession } from '../../../src/elements/session/session.component.js';
import { createHttpClient } from '../../../src/http/index.js';

export interface RecordedEvent {
  type: string;
  state?: string;
  user?: string;
  error?: { kind: string; code?: string; message: string };
}

const events: RecordedEvent[] = [];
for (const type of ['tc-error', 'tc-sign-in', 'tc-sign-out', 'tc-session-change']) {
  document.addEventListener(type, (event) => {
    const detail = (event as CustomEvent).detail ?? {};
    const error = detail.error ?? detail.reason;
    events.push({
      type,
      state: detail.state,
      user: detail.user?.displayName,
      error: error && { kind: error.kind, code: error.code, message: error.message },
    });
  });
}

// On a callback page, say whether the popup still has its opener (COOP severs it) before the session hands off.
if (new URLSearchParams(location.search).has('code')) {
  console.log(`tc-test: callback opener=${window.opener ? 'present' : 'none'}`);
}

const api = {
  events,
  session: () => document.querySelector('tc-session') as TcSession,
  /** The library's fetch client, so tests make API calls the way adapters do (401 → session.refresh). */
  createHttpClient,
};
export type TcTestApi = typeof api;
declare global {
  var tcTest: TcTestApi;
}
globalThis.tcTest = api;
