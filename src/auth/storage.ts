import type { StorageKind } from './config.js';
import { parseTokenSet, type TokenSet } from './tokens.js';

/** Where one session keeps its tokens. */
export interface TokenStore {
  readonly kind: StorageKind;
  load(): TokenSet | undefined;
  save(tokens: TokenSet): void;
  clear(): void;
}

/** Storage key of one (issuer, client) pair, so two sessions on one page never share tokens by accident. */
export function storageKey(prefix: string, issuer: string, clientId: string): string {
  return `tc-auth:${prefix}:${issuer}|${clientId}`;
}

/** Tokens in this object only: gone on reload, invisible to other tabs. The default. */
export class MemoryTokenStore implements TokenStore {
  readonly kind = 'memory' as const;
  private tokens: TokenSet | undefined;
  load(): TokenSet | undefined {
    return this.tokens;
  }
  save(tokens: TokenSet): void {
    this.tokens = tokens;
  }
  clear(): void {
    this.tokens = undefined;
  }
}

/** Tokens in sessionStorage (this tab, survives reloads) or localStorage (every tab, survives restarts). */
export class WebTokenStore implements TokenStore {
  constructor(
    readonly kind: 'session' | 'local',
    private readonly storage: Storage,
    readonly key: string,
  ) {}

  load(): TokenSet | undefined {
    const raw = this.storage.getItem(this.key);
    if (raw === null) return undefined;
    let parsed: TokenSet | undefined;
    try {
      parsed = parseTokenSet(JSON.parse(raw));
    } catch {
      parsed = undefined;
    }
    if (!parsed) this.storage.removeItem(this.key);
    return parsed;
  }
  save(tokens: TokenSet): void {
    this.storage.setItem(this.key, JSON.stringify(tokens));
  }
  clear(): void {
    this.storage.removeItem(this.key);
  }
}

/** The Storage object, or undefined where it is missing or blocked (sandboxed frames, some privacy modes). */
export function webStorage(kind: 'session' | 'local'): Storage | undefined {
  try {
    const storage = kind === 'session' ? globalThis.sessionStorage : globalThis.localStorage;
    if (!storage) return undefined;
    const probe = 'tc-auth:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}

export function createTokenStore(kind: StorageKind, issuer: string, clientId: string): TokenStore {
  if (kind === 'memory') return new MemoryTokenStore();
  const storage = webStorage(kind);
  if (!storage) {
    console.warn(`tc-widgets: ${kind}Storage is not available here; tokens are kept in memory (a reload signs out).`);
    return new MemoryTokenStore();
  }
  return new WebTokenStore(kind, storage, storageKey('tokens', issuer, clientId));
}
