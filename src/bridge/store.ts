/**
 * In-memory state of a running bridge: sign-in transactions, the bridge's own authorization
 * codes, and token sets (the vendor's tokens, held server-side, plus the bridge's refresh
 * handle given to the browser). Secret values are stored under their hash where the bridge
 * only needs to recognise them (codes, refresh handles).
 */
import { randomToken, storageKey } from './codes.js';
import type { VendorTokens } from './upstream/types.js';

/** A sign-in in progress at the vendor. */
export interface Transaction {
  id: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  /** The browser client's own `state`, returned untouched. */
  state: string | undefined;
  /** The bridge's state toward vendors that echo it. */
  upstreamState: string;
  /** PKCE toward vendors that support it (Webex), as defence in depth. */
  upstreamVerifier: string | undefined;
  expiresAt: number;
  /** The vendor code already being handled: a callback delivered twice is answered once. */
  vendorCode?: string;
  /** Where to send the browser once the vendor callback has been handled (code or error). */
  outcome?: Promise<string>;
}

export interface CodeRecord {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  tokenSetId: string;
  expiresAt: number;
  used: boolean;
}

export interface TokenSet {
  id: string;
  clientId: string;
  vendor: VendorTokens;
  /** Hash of the refresh handle currently valid for this set. */
  refreshKey?: string;
  /** Absolute end of the set (the handle's lifetime). */
  expiresAt: number;
  /** The code that minted it was redeemed. */
  issued: boolean;
}

const MAX_TRANSACTIONS = 10_000;

/** How long a spent code is remembered, so replays are recognised and revoke what it minted. */
const SPENT_CODE_MEMORY_MS = 10 * 60_000;

export class BridgeStore {
  readonly transactions = new Map<string, Transaction>();
  private readonly byUpstreamState = new Map<string, string>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly sets = new Map<string, TokenSet>();
  private readonly setByRefreshKey = new Map<string, string>();
  /** Handles replaced by rotation; presenting one again means it leaked (RFC 9700 §4.14.2). */
  private readonly rotatedRefreshKeys = new Map<string, string>();
  private readonly setByAccessKey = new Map<string, string>();
  /** Vendor access tokens of revoked sets, refused by the pass-through until they expire. */
  private readonly revokedAccess = new Map<string, number>();

  // --- transactions -------------------------------------------------------------------------

  addTransaction(tx: Omit<Transaction, 'id' | 'upstreamState'>): Transaction {
    // /authorize is unauthenticated: bound the memory a flood of abandoned sign-ins can take.
    if (this.transactions.size >= MAX_TRANSACTIONS) {
      const oldest = this.transactions.values().next().value;
      if (oldest) this.dropTransaction(oldest);
    }
    const full: Transaction = { ...tx, id: randomToken(), upstreamState: randomToken() };
    this.transactions.set(full.id, full);
    this.byUpstreamState.set(full.upstreamState, full.id);
    return full;
  }

  transaction(id: string | undefined): Transaction | undefined {
    if (id === undefined) return undefined;
    const tx = this.transactions.get(id);
    if (!tx) return undefined;
    if (tx.expiresAt <= Date.now()) {
      this.dropTransaction(tx);
      return undefined;
    }
    return tx;
  }

  transactionByUpstreamState(state: string): Transaction | undefined {
    return this.transaction(this.byUpstreamState.get(state));
  }

  dropTransaction(tx: Transaction): void {
    this.transactions.delete(tx.id);
    this.byUpstreamState.delete(tx.upstreamState);
  }

  // --- codes --------------------------------------------------------------------------------

  /** Mints a single-use code bound to client, redirect URI and PKCE challenge. */
  mintCode(record: Omit<CodeRecord, 'used'>): string {
    const code = randomToken();
    this.codes.set(storageKey(code), { ...record, used: false });
    return code;
  }

  /**
   * Looks a code up and spends it in the same step, so two concurrent redemptions cannot both
   * see it unused. Returns the record as it was before this call.
   */
  spendCode(code: string): CodeRecord | undefined {
    const record = this.codes.get(storageKey(code));
    if (!record) return undefined;
    const before = { ...record };
    record.used = true;
    return before;
  }

  // --- token sets ---------------------------------------------------------------------------

  addTokenSet(clientId: string, vendor: VendorTokens, expiresAt: number): TokenSet {
    const set: TokenSet = { id: randomToken(), clientId, vendor, expiresAt, issued: false };
    this.sets.set(set.id, set);
    this.setByAccessKey.set(storageKey(vendor.accessToken), set.id);
    return set;
  }

  tokenSet(id: string): TokenSet | undefined {
    const set = this.sets.get(id);
    if (!set) return undefined;
    if (set.expiresAt <= Date.now()) {
      this.revokeTokenSet(set.id);
      return undefined;
    }
    return set;
  }

  /** Gives the set a fresh refresh handle; the previous one becomes a "rotated" handle. */
  rotateRefreshHandle(set: TokenSet): string {
    if (set.refreshKey) {
      this.setByRefreshKey.delete(set.refreshKey);
      this.rotatedRefreshKeys.set(set.refreshKey, set.id);
    }
    const handle = randomToken();
    set.refreshKey = storageKey(handle);
    this.setByRefreshKey.set(set.refreshKey, set.id);
    return handle;
  }

  /** Replaces the vendor tokens after an upstream refresh. */
  updateVendorTokens(set: TokenSet, vendor: VendorTokens): void {
    this.setByAccessKey.delete(storageKey(set.vendor.accessToken));
    set.vendor = vendor;
    this.setByAccessKey.set(storageKey(vendor.accessToken), set.id);
  }

  /** Finds the set of a refresh handle: `current`, `rotated` (a replay) or nothing. */
  findByRefreshHandle(handle: string): { set: TokenSet; rotated: boolean } | undefined {
    const key = storageKey(handle);
    const current = this.setByRefreshKey.get(key);
    if (current !== undefined) {
      const set = this.tokenSet(current);
      return set ? { set, rotated: false } : undefined;
    }
    const rotated = this.rotatedRefreshKeys.get(key);
    if (rotated !== undefined) {
      const set = this.tokenSet(rotated);
      return set ? { set, rotated: true } : undefined;
    }
    return undefined;
  }

  findByAccessToken(token: string): TokenSet | undefined {
    const id = this.setByAccessKey.get(storageKey(token));
    return id === undefined ? undefined : this.tokenSet(id);
  }

  isAccessTokenRevoked(token: string): boolean {
    const until = this.revokedAccess.get(storageKey(token));
    return until !== undefined && until > Date.now();
  }

  /** Forgets the vendor tokens and every handle of a set. */
  revokeTokenSet(id: string): void {
    const set = this.sets.get(id);
    if (!set) return;
    this.sets.delete(id);
    const accessKey = storageKey(set.vendor.accessToken);
    this.setByAccessKey.delete(accessKey);
    // The vendor has no revocation endpoint; the pass-through at least stops honouring it.
    this.revokedAccess.set(accessKey, set.vendor.expiresAt ?? Date.now() + 24 * 3600_000);
    if (set.refreshKey) this.setByRefreshKey.delete(set.refreshKey);
    for (const [key, setId] of this.rotatedRefreshKeys) if (setId === id) this.rotatedRefreshKeys.delete(key);
  }

  get tokenSetCount(): number {
    return this.sets.size;
  }

  /** Drops everything expired; called periodically. */
  sweep(now = Date.now()): void {
    for (const tx of this.transactions.values()) if (tx.expiresAt <= now) this.dropTransaction(tx);
    for (const [key, code] of this.codes) {
      if (code.expiresAt <= now) {
        // A code never redeemed takes the tokens it would have released with it.
        const set = this.sets.get(code.tokenSetId);
        if (set && !set.issued) this.revokeTokenSet(set.id);
      }
      if (code.expiresAt + SPENT_CODE_MEMORY_MS <= now) this.codes.delete(key);
    }
    for (const set of this.sets.values()) if (set.expiresAt <= now) this.revokeTokenSet(set.id);
    for (const [key, until] of this.revokedAccess) if (until <= now) this.revokedAccess.delete(key);
  }
}
