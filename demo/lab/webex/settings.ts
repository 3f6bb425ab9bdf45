/** Run-time switches of the Webex emulator; tests flip them on `lab.settings`. */
import type { CorsPolicy } from '../http.js';
import type { WebexStore } from './store.js';

export interface WebexSettings {
  /** Webex answers browsers (its samples call it via XHR); the policy is undocumented, so a switch. */
  cors: CorsPolicy;
  /** Response headers readable by browser code. Drop `Link` to test a client that cannot page. */
  corsExposeHeaders: string[];
  /** Seconds; documented examples say 14 d / 90 d, observed values differ, so clients must read them. */
  accessTokenLifetime: number;
  refreshTokenLifetime: number;
  /** Seconds an authorization code stays valid (lab choice; single-use either way). */
  codeLifetime: number;
  /** Whether a refresh returns a new refresh token and retires the old one (unknown upstream: off). */
  rotateRefreshToken: boolean;
  /** Token-endpoint error body: RFC 6749 `{error, error_description}` or Webex `{message, errors, trackingId}`. */
  tokenErrorShape: 'oauth' | 'webex';
  /** Answer the next n API requests with 429 + Retry-After. */
  rateLimitNext: number;
  /** A per-window cap on API requests (all tokens together); null = no cap. */
  rateLimit: { requests: number; windowSeconds: number } | null;
  /** Value of Retry-After for `rateLimitNext` answers, in seconds. */
  retryAfter: number;
  /** Keep a login session cookie so a second authorize skips the form (as webex.com does). */
  rememberLogin: boolean;
  /** Meetings a user may create per 24 h; failed attempts count too [doc W1]. */
  createQuotaPerDay: number;
  /** Default `joinDirectly:false` link lifetime in minutes (the API takes 1..60). */
  joinLinkMinutes: number;
}

export function defaultSettings(): WebexSettings {
  return {
    cors: '*',
    corsExposeHeaders: ['Link', 'Retry-After', 'TrackingID'],
    accessTokenLifetime: 1_209_599,
    refreshTokenLifetime: 7_775_999,
    codeLifetime: 60,
    rotateRefreshToken: false,
    tokenErrorShape: 'oauth',
    rateLimitNext: 0,
    rateLimit: null,
    retryAfter: 2,
    rememberLogin: true,
    createQuotaPerDay: 100,
    joinLinkMinutes: 5,
  };
}

/** What every handler gets. */
export interface WebexContext {
  store: WebexStore;
  settings: WebexSettings;
  /** Origin the lab listens on. */
  baseUrl: string;
}
