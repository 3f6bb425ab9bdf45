import * as oauth from 'oauth4webapi';
import { TcError } from '../model/error.js';

/**
 * Turns what oauth4webapi or fetch threw into a TcError. OAuth error responses keep their
 * `error` code (e.g. `invalid_grant`) in `code`; a failed fetch (offline, CORS refused) is `network`.
 */
export function toAuthError(error: unknown, context: string): TcError {
  if (error instanceof TcError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    const detail = error.error_description ? `: ${error.error_description}` : '';
    return new TcError({
      kind: error.status >= 500 ? 'server' : 'auth',
      status: error.status,
      code: error.error,
      message: `${context}: the server answered ${error.error}${detail}.`,
      cause: error,
    });
  }
  if (error instanceof oauth.AuthorizationResponseError) {
    const description = error.error_description ? ` (${error.error_description})` : '';
    return new TcError({
      kind: 'auth',
      code: error.error,
      message:
        error.error === 'access_denied'
          ? `${context}: access was denied${description}.`
          : `${context}: the authorization server answered ${error.error}${description}.`,
      cause: error,
    });
  }
  if (error instanceof TypeError && !(error as { code?: unknown }).code) {
    // fetch rejects with a bare TypeError when offline or when CORS is refused.
    return new TcError({ kind: 'network', message: `${context}: the server could not be reached (${error.message}).`, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TcError({ kind: 'auth', message: `${context}: ${message}.`, cause: error });
}

/** Whether a refresh failed because the grant is gone for good (revoked, expired, reused). */
export function isDeadGrant(error: unknown): boolean {
  return error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant';
}
