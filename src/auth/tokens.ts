import * as oauth from 'oauth4webapi';
import type { SessionUser } from '../model/user.js';

/** What the session keeps after a sign-in or refresh. Never put in a URL. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Epoch milliseconds; absent when the server did not say. */
  expiresAt?: number;
  scope?: string;
  /** From the ID token or userinfo; absent for plain OAuth servers (the vendor's "me" call fills it). */
  user?: SessionUser;
}

/**
 * Builds the next token set from a token response. A refresh response without `refresh_token` keeps
 * the previous one (servers that do not rotate); one with it replaces it (rotation).
 */
export function tokenSetFrom(response: oauth.TokenEndpointResponse, previous?: TokenSet, now = Date.now()): TokenSet {
  const set: TokenSet = { accessToken: response.access_token };
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  if (refreshToken) set.refreshToken = refreshToken;
  const idToken = response.id_token ?? previous?.idToken;
  if (idToken) set.idToken = idToken;
  if (typeof response.expires_in === 'number') set.expiresAt = now + response.expires_in * 1000;
  const scope = response.scope ?? previous?.scope;
  if (scope) set.scope = scope;
  const user = userFromClaims(oauth.getValidatedIdTokenClaims(response)) ?? previous?.user;
  if (user) set.user = user;
  return set;
}

/** The person named by ID token or userinfo claims. */
export function userFromClaims(claims: Record<string, unknown> | undefined): SessionUser | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const text = (key: string): string | undefined => {
    const value = claims[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const given = [text('given_name'), text('family_name')].filter(Boolean).join(' ');
  const displayName = text('name') ?? (given || undefined) ?? text('preferred_username') ?? text('email');
  if (!displayName) return undefined;
  const user: SessionUser = { id: claims.sub, displayName };
  const email = text('email');
  if (email) user.email = email;
  return user;
}

/** Whether `set` expires within `skewMs` (tokens without a known expiry are used until rejected). */
export function expiresSoon(set: TokenSet, skewMs: number, now = Date.now()): boolean {
  return set.expiresAt !== undefined && set.expiresAt - now <= skewMs;
}

/** Parses a stored token set, rejecting anything malformed (tampered or from an older version). */
export function parseTokenSet(raw: unknown): TokenSet | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.accessToken !== 'string' || r.accessToken === '') return undefined;
  const set: TokenSet = { accessToken: r.accessToken };
  if (typeof r.refreshToken === 'string') set.refreshToken = r.refreshToken;
  if (typeof r.idToken === 'string') set.idToken = r.idToken;
  if (typeof r.expiresAt === 'number') set.expiresAt = r.expiresAt;
  if (typeof r.scope === 'string') set.scope = r.scope;
  const u = r.user as Record<string, unknown> | undefined;
  if (u && typeof u.id === 'string' && typeof u.displayName === 'string') {
    set.user = { id: u.id, displayName: u.displayName };
    if (typeof u.email === 'string') set.user.email = u.email;
  }
  return set;
}
