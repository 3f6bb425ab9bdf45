import * as oauth from 'oauth4webapi';
import type { LoginMode } from './config.js';
import { storageKey, webStorage } from './storage.js';

/** One sign-in in progress: what the callback needs to finish it. */
export interface Transaction {
  mode: LoginMode;
  state: string;
  codeVerifier: string;
  /** Sent only when the scope includes `openid`. */
  nonce?: string;
  redirectUri: string;
  /** The page (with query and hash) to show again after a redirect sign-in. */
  returnTo?: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** Popup states carry this prefix so the callback page can tell a popup result from a redirect one. */
export const POPUP_STATE_PREFIX = 'tcp.';

/** A sign-in left unfinished longer than this (default 10 minutes) is forgotten. */
export const DEFAULT_TRANSACTION_TTL_MS = 10 * 60_000;

/** Must match `storageKey('tx', …)`. */
const PREFIX = 'tc-auth:tx:';

export function createTransaction(mode: LoginMode, redirectUri: string, withNonce: boolean, returnTo?: string): Transaction {
  const tx: Transaction = {
    mode,
    state: (mode === 'popup' ? POPUP_STATE_PREFIX : '') + oauth.generateRandomState(),
    codeVerifier: oauth.generateRandomCodeVerifier(),
    redirectUri,
    createdAt: Date.now(),
  };
  if (withNonce) tx.nonce = oauth.generateRandomNonce();
  if (returnTo) tx.returnTo = returnTo;
  return tx;
}

export function isExpired(tx: Transaction, ttlMs: number, now = Date.now()): boolean {
  return !(now - tx.createdAt < ttlMs && tx.createdAt <= now + 60_000);
}

/**
 * Redirect sign-ins must survive the navigation to the authorization server and back, in this tab
 * only: sessionStorage, one pending transaction per (issuer, client). Starting a new sign-in replaces
 * the previous one; finishing (or failing) deletes it.
 */
export class TransactionStore {
  private readonly key: string;

  constructor(
    issuer: string,
    clientId: string,
    private readonly ttlMs = DEFAULT_TRANSACTION_TTL_MS,
  ) {
    this.key = storageKey('tx', issuer, clientId);
  }

  /** Whether redirect sign-in can work here (sessionStorage present and writable). */
  static available(): boolean {
    return webStorage('session') !== undefined;
  }

  save(tx: Transaction): void {
    const storage = webStorage('session');
    if (!storage) throw new Error('sessionStorage is not available');
    storage.setItem(this.key, JSON.stringify(tx));
  }

  /** The pending transaction, unless it expired (then it is deleted). */
  peek(): Transaction | undefined {
    const storage = webStorage('session');
    const tx = storage ? parseTransaction(storage.getItem(this.key)) : undefined;
    if (tx && isExpired(tx, this.ttlMs)) {
      storage?.removeItem(this.key);
      return undefined;
    }
    return tx;
  }

  /** Returns the pending transaction and deletes it: a transaction is used once, whatever the outcome. */
  take(): Transaction | undefined {
    const tx = this.peek();
    webStorage('session')?.removeItem(this.key);
    return tx;
  }
}

/** Deletes every expired or unreadable transaction of any session in this tab's sessionStorage. */
export function purgeStaleTransactions(ttlMs = DEFAULT_TRANSACTION_TTL_MS, now = Date.now()): number {
  const storage = webStorage('session');
  if (!storage) return 0;
  const stale: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const tx = parseTransaction(storage.getItem(key));
    if (!tx || isExpired(tx, ttlMs, now)) stale.push(key);
  }
  for (const key of stale) storage.removeItem(key);
  return stale.length;
}

/** Whether any session in this tab has a pending redirect sign-in with this `state`. */
export function hasTransactionWithState(state: string): boolean {
  const storage = webStorage('session');
  if (!storage) return false;
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX) && parseTransaction(storage.getItem(key))?.state === state) return true;
  }
  return false;
}

function parseTransaction(raw: string | null): Transaction | undefined {
  if (raw === null) return undefined;
  try {
    const t = JSON.parse(raw) as Partial<Transaction>;
    if (
      typeof t.state !== 'string' ||
      typeof t.codeVerifier !== 'string' ||
      typeof t.redirectUri !== 'string' ||
      typeof t.createdAt !== 'number' ||
      (t.mode !== 'redirect' && t.mode !== 'popup')
    )
      return undefined;
    const tx: Transaction = {
      mode: t.mode,
      state: t.state,
      codeVerifier: t.codeVerifier,
      redirectUri: t.redirectUri,
      createdAt: t.createdAt,
    };
    if (typeof t.nonce === 'string') tx.nonce = t.nonce;
    if (typeof t.returnTo === 'string') tx.returnTo = t.returnTo;
    return tx;
  } catch {
    return undefined;
  }
}
