import { createContext } from '@lit/context';
import type { SessionConfig } from '../../auth/config.js';
import type { SessionState, SessionUser, TcError } from '../../model/index.js';
import type { ConferenceProvider } from '../../providers/types.js';

/** What `<tc-session>` shares with the elements inside it (and with those that point to it). */
export interface SessionSnapshot {
  state: SessionState;
  user: SessionUser | undefined;
  config: SessionConfig | undefined;
  /** Set once signed in: the vendor adapter, already wired to the auth session. */
  provider: ConferenceProvider | undefined;
  /** A configuration or sign-in problem the page should show. */
  error: TcError | undefined;
}

/** The session element as seen by other elements (avoids an import cycle with its class). */
export interface SessionHost extends HTMLElement {
  readonly snapshot: SessionSnapshot;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

export const sessionContext = createContext<SessionHost | undefined>(Symbol('tc-session'));

/** Fired by `<tc-session>` whenever its snapshot changes. */
export const SESSION_CHANGE = 'tc-session-change';

/** TcError code of a signed-in session whose vendor this version has no adapter for. */
export const PROVIDER_UNAVAILABLE = 'provider-unavailable';

/** Signed in, but meetings on this vendor cannot be listed or created by this version. */
export function unavailable(snapshot: SessionSnapshot): boolean {
  return snapshot.state === 'signed-in' && !snapshot.provider && snapshot.error?.code === PROVIDER_UNAVAILABLE;
}
