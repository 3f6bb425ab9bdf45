/** Random opaque values the bridge hands out, their storage keys, and the PKCE S256 check. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits, base64url: codes, refresh handles, transaction ids, upstream `state`. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Stores are keyed by a hash so a memory dump or a timing side channel does not give values away. */
export function storageKey(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** RFC 7636 §4.2: 43 base64url characters, the SHA-256 of the verifier. */
export const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7636 §4.1: 43..128 unreserved characters. */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function verifyS256(verifier: string, challenge: string): boolean {
  if (!CODE_VERIFIER.test(verifier)) return false;
  const expected = Buffer.from(challenge);
  const actual = Buffer.from(s256(verifier));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
