import type { CorsPolicy } from '../http.js';

/** Switches tests flip at run time; every value is read per request. */
export interface OpentalkSettings {
  /** Access and ID token lifetime in seconds (Keycloak default: 5 minutes). */
  accessTokenTtl: number;
  /** Refresh token lifetime in seconds; renewed on every rotation (Keycloak "SSO Session Idle"). */
  refreshTokenTtl: number;
  /** Realm login session lifetime in seconds (Keycloak "SSO Session Max"). */
  sessionTtl: number;
  /**
   * OpenTalk's e2e realm does not enforce PKCE (the frontend always sends it); the lab enforces
   * S256 by default so a client that forgets it fails here rather than in the field.
   */
  requirePkce: boolean;
  /** Controller CORS: `web-origins` follows the realm client's web origins (v0.32 default-like). */
  controllerCors: CorsPolicy | 'web-origins';
  /** actix-cors exposes nothing, so browsers cannot read `Link`; true emulates a proxy that fixes it. */
  exposeLinkHeader: boolean;
  /**
   * Controllers before v0.30 only accept bearer tokens of users who first POSTed their ID token
   * to `/v1/auth/login` (401 `unknown_sub` otherwise) and end the session when that ID token expires.
   */
  legacyLogin: boolean;
  /** Body of 400s for malformed query strings (spec unknown 5): actix's plain text or the JSON envelope. */
  queryErrorBody: 'text' | 'json';
}

export function defaultSettings(overrides: Partial<OpentalkSettings> = {}): OpentalkSettings {
  return {
    accessTokenTtl: 300,
    refreshTokenTtl: 1800,
    sessionTtl: 36_000,
    requirePkce: true,
    controllerCors: 'web-origins',
    exposeLinkHeader: false,
    legacyLogin: false,
    queryErrorBody: 'text',
    ...overrides,
  };
}

/** The realm's public client. Arrays are mutable: the lab orchestrator adds callbacks after start. */
export interface OpentalkClient {
  id: string;
  redirectUris: string[];
  /**
   * Keycloak "Web origins": exact origins, `+` (the origins of the redirect URIs) or `*`.
   * Governs CORS on the realm's token/userinfo/revoke endpoints.
   */
  webOrigins: string[];
}

/** Resolves Keycloak's web-origin rules for one request origin. */
export function webOriginAllowed(client: OpentalkClient, origin: string | undefined): boolean {
  if (!origin || origin === 'null') return false;
  for (const entry of client.webOrigins) {
    if (entry === '*') return true;
    if (entry === '+' && client.redirectUris.some((uri) => originOf(uri) === origin)) return true;
    if (entry === origin) return true;
  }
  return false;
}

function originOf(uri: string): string | undefined {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
}
