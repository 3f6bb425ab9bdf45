/**
 * Run-time switches of the TrueConf emulator. Tests flip them on `lab.settings`; every
 * value is read per request, so a change applies to the next request.
 */
import type { CorsPolicy } from '../http.js';

export interface TrueconfSettings {
  /** CORS on every route. TrueConf documents none, so the default sends no headers at all. */
  cors: CorsPolicy;
  /**
   * TrueConf 5.5 authorize page: deliver the callback by a credentialed `fetch()` from the
   * TrueConf origin, then navigate the top window to `<redirect_uri origin>/&state=null`.
   */
  callbackQuirk: boolean;
  /** How many times the quirk page fetches the callback (5.5 was seen delivering it twice). */
  callbackQuirkDeliveries: number;
  /** Authorization code lifetime in seconds ("~60 s"). Fractions allowed so tests can wait it out. */
  codeTtl: number;
  /** Access token lifetime in seconds (seed 000: 1 hour). */
  accessTokenTtl: number;
  /** Access token lifetime after a refresh_token grant; null = same as accessTokenTtl (seed 000 claims 24 h, unconfirmed). */
  refreshedAccessTokenTtl: number | null;
  /** Refresh token lifetime in seconds (seed 000: 7 days). */
  refreshTokenTtl: number;
  /**
   * `rotate`: a refresh returns a new refresh token and the used one dies.
   * `omit`: bshaffer's default / seed 000 — no new refresh token, and the used one still dies.
   */
  refreshRotation: 'rotate' | 'omit';
  /** bshaffer refuses a code exchange without redirect_uri when the code was issued with one. */
  requireRedirectUriAtToken: boolean;
  /** The next N responses under /api/ and the token endpoints are an nginx-style HTML error page. */
  failNext: number;
  /** Status of those forced failures. */
  failStatus: number;
  /** Licence limit for max_participants (the "$max_allowed" default). */
  maxParticipantsLimit: number;
  /** Default page size of conference and user lists when the client sends none. */
  defaultPageSize: number;
  /**
   * v4 demands the full schedule field set (once: start_time, time, special_time_offset, duration;
   * week: the same plus days), per TrueConf's MCP. Off: only the fields v3 needs.
   */
  v4FullSchedule: boolean;
  /** Only `description` may change while a conference runs (v3 reference table). */
  lockRunningConference: boolean;
  /** v4 timestamps as strings (the v4 models type them loosely; unconfirmed). */
  v4StringTimestamps: boolean;
}

export function defaultSettings(): TrueconfSettings {
  return {
    cors: 'off',
    callbackQuirk: false,
    callbackQuirkDeliveries: 1,
    codeTtl: 60,
    accessTokenTtl: 3600,
    refreshedAccessTokenTtl: null,
    refreshTokenTtl: 7 * 24 * 3600,
    refreshRotation: 'rotate',
    requireRedirectUriAtToken: false,
    failNext: 0,
    failStatus: 500,
    maxParticipantsLimit: 100,
    defaultPageSize: 10,
    v4FullSchedule: true,
    lockRunningConference: true,
    v4StringTimestamps: false,
  };
}
