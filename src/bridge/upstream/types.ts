/** What every vendor module provides to the bridge. */
import type { UpstreamKind } from '../config.js';

/** The vendor's tokens as the bridge keeps them (server-side only, except the access token). */
export interface VendorTokens {
  accessToken: string;
  tokenType: string;
  /** Epoch ms; undefined when the vendor gave no `expires_in`. */
  expiresAt?: number;
  refreshToken?: string;
  /** Epoch ms, from `refresh_token_expires_in` when the vendor sends it (Webex). */
  refreshExpiresAt?: number;
  scope?: string;
  /** Harmless profile hints some vendors add (TrueConf `user_id`, `display_name`). */
  extras: Record<string, string>;
}

/** The vendor's answer on the bridge's callback, after validation. */
export type CallbackResult =
  | { kind: 'code'; params: URLSearchParams }
  | { kind: 'error'; error: string };

export interface UpstreamAdapter {
  readonly kind: UpstreamKind;
  /**
   * Whether the vendor returns the bridge's `state` on its callback. TrueConf never does, so
   * its sign-ins are bound to the browser with a cookie instead; Telphin is undocumented.
   */
  readonly stateEcho: 'always' | 'never' | 'maybe';
  /** The vendor's web origin; TrueConf 5.5 delivers the callback by a fetch from it. */
  readonly origin: string;
  /** Base that `/api/<rest>` is forwarded to. */
  readonly apiBase: URL;
  /** Whether the bridge uses PKCE toward the vendor (only where the vendor supports it). */
  readonly pkce: boolean;
  authorizationUrl(request: { redirectUri: string; state: string; codeChallenge?: string }): URL;
  /** Validates the callback parameters (vendor error, unexpected `iss`, implicit responses). */
  parseCallback(params: URLSearchParams): CallbackResult;
  exchangeCode(callback: URLSearchParams, redirectUri: string, codeVerifier: string | undefined): Promise<VendorTokens>;
  refresh(refreshToken: string): Promise<VendorTokens>;
}
