/**
 * Refresh coordination. Rotating refresh tokens make concurrency a correctness problem: a refresh
 * token used twice is refused (and may end the whole grant). So refreshes are
 * - single-flight per tab: every caller that holds the same rejected token shares one refresh;
 * - serialised across tabs with the Web Locks API (`tc-refresh:<issuer>:<client>`);
 * - shared: a tab that had to wait for the lock first looks at what the holder produced (shared
 *   storage, or an answer over BroadcastChannel) before spending its own refresh token.
 */
import type { TokenSet } from './tokens.js';
import { isDeadGrant } from './errors.js';

export interface RefreshHooks {
  /** The tokens this tab holds now, after re-reading shared storage. */
  latest(): TokenSet | undefined;
  /** Redeems `stale.refreshToken` at the authorization server and stores the result. */
  exchange(stale: TokenSet): Promise<TokenSet>;
  /** Asks other tabs for a token set that replaced the access token `stale`; undefined when none answers in time. */
  askPeers(stale: string): Promise<TokenSet | undefined>;
}

/** Thrown when there is nothing left to refresh with. */
export class SignedOutError extends Error {
  override name = 'SignedOutError';
}

export function refreshLockName(issuer: string, clientId: string): string {
  return `tc-refresh:${issuer}:${clientId}`;
}

export class RefreshCoordinator {
  private inflight: Promise<TokenSet> | undefined;

  constructor(
    private readonly lockName: string,
    private readonly hooks: RefreshHooks,
  ) {}

  /** Whether a refresh is running in this tab. */
  get busy(): boolean {
    return this.inflight !== undefined;
  }

  /** Resolves to tokens newer than the access token `stale`. */
  run(stale: string): Promise<TokenSet> {
    this.inflight ??= this.serialised(stale).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async serialised(stale: string): Promise<TokenSet> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (!locks) return this.attempt(stale, false);
    try {
      // First without waiting: when the lock is free nobody else is refreshing, so nobody needs asking.
      const free = await locks.request(this.lockName, { ifAvailable: true }, async (lock) =>
        lock ? { tokens: await this.attempt(stale, false) } : undefined,
      );
      if (free) return free.tokens;
      return await locks.request(this.lockName, () => this.attempt(stale, true));
    } catch (error) {
      // Opaque origins (sandboxed frames) have no lock manager: refresh unserialised.
      if (error instanceof DOMException && error.name === 'SecurityError') return this.attempt(stale, false);
      throw error;
    }
  }

  private async attempt(stale: string, waited: boolean): Promise<TokenSet> {
    const current = this.hooks.latest();
    if (!current) throw new SignedOutError('signed out');
    if (current.accessToken !== stale) return current;
    if (waited) {
      const shared = await this.hooks.askPeers(stale);
      if (shared) return shared;
    }
    try {
      return await this.hooks.exchange(current);
    } catch (error) {
      if (!isDeadGrant(error)) throw error;
      // Another tab may have rotated the token just before its news reached us.
      const after = this.hooks.latest();
      if (after && after.accessToken !== stale) return after;
      const shared = await this.hooks.askPeers(stale);
      if (shared) return shared;
      throw error;
    }
  }
}
