/** Run-time switches of the Telphin emulator; tests flip them on `lab.settings`. */
import type { CorsPolicy } from '../http.js';
import type { TelphinStore } from './store.js';

export interface TelphinSettings {
  /** CORS on apiproxy.telphin.ru is unconfirmed (spec Unknown 4), so off unless switched on. */
  cors: CorsPolicy;
  /** `state` on the authorize redirect is undocumented (spec B2): not echoed unless switched on. */
  echoState: boolean;
  /** Accept client credentials in `Authorization: Basic` too (only body/query are documented). */
  acceptBasicAuth: boolean;
  /** Seconds; clients assume about 1 h. */
  accessTokenLifetime: number;
  refreshTokenLifetime: number;
  codeLifetime: number;
  /** A refresh returns a new refresh token and retires the used one (clients store the new one). */
  rotateRefreshToken: boolean;
  /** API requests per clock hour per PBX client, shared by all its users and apps [doc T6]. */
  hourlyLimit: number;
  /** Keep a login session and the user's consent, so a second authorize redirects at once. */
  rememberLogin: boolean;
  /** A callback call rings this long before `answer_time_gmt` is set… */
  callAnswerSeconds: number;
  /** …and then lasts this long (or `call_duration`, if shorter) before moving to call history. */
  callLengthSeconds: number;
}

export function defaultSettings(): TelphinSettings {
  return {
    cors: 'off',
    echoState: false,
    acceptBasicAuth: false,
    accessTokenLifetime: 3600,
    refreshTokenLifetime: 30 * 86_400,
    codeLifetime: 60,
    rotateRefreshToken: true,
    hourlyLimit: 1000,
    rememberLogin: true,
    callAnswerSeconds: 3,
    callLengthSeconds: 60,
  };
}

export interface TelphinContext {
  store: TelphinStore;
  settings: TelphinSettings;
  baseUrl: string;
}
