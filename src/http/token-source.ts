/**
 * Where the HTTP client gets bearer tokens. The auth session implements it; the client never
 * sees refresh tokens or how sign-in works.
 */
export interface TokenSource {
  /** A currently valid access token (refreshed first if it is about to expire), or undefined when signed out. */
  getAccessToken(): Promise<string | undefined>;
  /**
   * Called after the API rejected `rejected` as invalid (401, or TrueConf v3's 403
   * `accessTokenInvalid`). Implementations refresh at most once for the same rejected token, however many
   * calls failed with it, and resolve to the new token, or undefined when the person must sign in again.
   */
  refresh(rejected: string): Promise<string | undefined>;
}
