/**
 * The browser OAuth session: authorization_code + PKCE (S256) + state (+ nonce with `openid`),
 * RFC 9207 `iss` checks, redirect and popup sign-in, refresh with cross-tab coordination, sign-out
 * across tabs. It never holds a client secret: vendors that require one sit behind the tc-bridge.
 *
 * Token storage (`config.storage`):
 * - `memory` (default): tokens live in this object only. A reload signs the person out (the refresh
 *   token is not persisted anywhere) and every tab signs in on its own.
 * - `session`: sessionStorage, keyed by issuer + client: survives reloads of this tab.
 * - `local`: localStorage, keyed by issuer + client: survives restarts, shared by every tab; a sign-in in
 *   one tab signs the others in. Any script on the origin can read it — choose it knowingly.
 */
import * as oauth from 'oauth4webapi';
import { TcError } from '../model/error.js';
import type { SessionState, SessionUser } from '../model/user.js';
import type { TokenSource } from '../http/token-source.js';
import type { SessionConfig } from './config.js';
import { checkMetadata, discover, requestOptions, type AuthorizationServer } from './discovery.js';
import { isDeadGrant, toAuthError } from './errors.js';
import { closeSelf, DEFAULT_POPUP_FEATURES, handOffToOpener, openPopup, waitForPopup } from './popup.js';
import { assignLocation, cleanedUrl, currentUrl, defaultRedirectUri, readCallback, replaceUrl } from './redirect.js';
import { RefreshCoordinator, refreshLockName, SignedOutError } from './refresh.js';
import { createTokenStore, type TokenStore } from './storage.js';
import { expiresSoon, parseTokenSet, tokenSetFrom, userFromClaims, type TokenSet } from './tokens.js';
import {
  createTransaction,
  DEFAULT_TRANSACTION_TTL_MS,
  hasTransactionWithState,
  POPUP_STATE_PREFIX,
  purgeStaleTransactions,
  TransactionStore,
  type Transaction,
} from './transaction.js';

export type AuthState = SessionState;

export interface AuthSessionOptions {
  /** Authorization server metadata given explicitly, for servers without a discovery document. */
  metadata?: AuthorizationServer;
  /** Refresh this many seconds before the access token expires (default 30). */
  refreshSkewSeconds?: number;
  /** Unfinished sign-ins are forgotten after this many seconds (default 600). */
  transactionTtlSeconds?: number;
  /** `window.open` features of the sign-in popup. */
  popupFeatures?: string;
  /** After the popup looks closed, wait this long for its result (default 2000; COOP can make a live popup look closed). */
  popupClosedGraceMs?: number;
  /** How long a tab that waited for the refresh lock waits for another tab's answer (default 300 ms). */
  peerWaitMs?: number;
  /** Performs the redirect to the authorization server; default `location.assign` (inside a frame, e.g. the top window's). */
  navigate?: (url: string) => void;
}

export interface SignInOptions {
  /** Extra authorization request parameters, e.g. `{ prompt: 'login', login_hint: 'helen' }`. */
  params?: Record<string, string>;
}

/** Scopes asked for when the page sets none: OpenTalk's realm is OpenID Connect; the bridge picks the vendor's. */
const DEFAULT_SCOPES: Partial<Record<SessionConfig['provider'], string>> = { opentalk: 'openid profile email' };

/** Authorization parameters the page must not override: they carry the flow's security. */
const RESERVED_PARAMS = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
]);

type PeerMessage =
  | { type: 'tokens'; replaced: string; tokens: TokenSet }
  | { type: 'ask'; stale: string }
  | { type: 'signed-in'; tokens: TokenSet }
  | { type: 'signed-out'; lineage?: string };

/** How many replaced access tokens a tab remembers to answer other tabs' questions. */
const LINEAGE_MEMORY = 8;

/**
 * One person's sign-in with one authorization server and client. Fires `change` whenever `state`,
 * `user` or `error` change. Implements TokenSource for the HTTP client.
 */
export class AuthSession extends EventTarget implements TokenSource {
  readonly config: SessionConfig;
  /** The scope requested (the page's, or the vendor default). */
  readonly scope: string | undefined;

  private state_: AuthState = 'loading';
  private user_: SessionUser | undefined;
  private error_: TcError | undefined;
  private tokens: TokenSet | undefined;
  private readonly store: TokenStore;
  private readonly transactions: TransactionStore;
  private readonly coordinator: RefreshCoordinator;
  private readonly client: oauth.Client;
  private readonly options: AuthSessionOptions;
  private readonly ttlMs: number;
  private initPromise: Promise<void> | undefined;
  private metadataPromise: Promise<AuthorizationServer> | undefined;
  private channel: BroadcastChannel | undefined;
  /** Access tokens this tab replaced (or saw replaced), newest last: answers to other tabs' `ask`. */
  private replaced: string[] = [];
  private readonly peerWaiters = new Set<(message: PeerMessage) => void>();
  private popupAttempt = 0;

  constructor(config: SessionConfig, options: AuthSessionOptions = {}) {
    super();
    this.config = config;
    this.options = options;
    this.scope = config.scope ?? DEFAULT_SCOPES[config.provider];
    this.ttlMs = (options.transactionTtlSeconds ?? DEFAULT_TRANSACTION_TTL_MS / 1000) * 1000;
    this.client = { client_id: config.clientId };
    this.store = createTokenStore(config.storage, config.issuer, config.clientId);
    this.transactions = new TransactionStore(config.issuer, config.clientId, this.ttlMs);
    this.coordinator = new RefreshCoordinator(refreshLockName(config.issuer, config.clientId), {
      latest: () => this.latest(),
      exchange: (stale) => this.exchangeRefreshToken(stale),
      askPeers: (stale) => this.askPeers(stale),
    });
  }

  /** `loading` until init() finished, then `signed-out` or `signed-in`. */
  get state(): AuthState {
    return this.state_;
  }

  /** The signed-in person, from the ID token / userinfo (OIDC) or set with setUser() from the vendor's "me". */
  get user(): SessionUser | undefined {
    return this.user_;
  }

  /** Why the last sign-in or refresh failed (cleared by the next success). */
  get error(): TcError | undefined {
    return this.error_;
  }

  /** Whether the scope asks for OpenID Connect (then a nonce is sent and an ID token required). */
  get openid(): boolean {
    return this.scope?.split(/\s+/).includes('openid') ?? false;
  }

  /** The authorization server's metadata (discovered once per page and issuer). */
  metadata(): Promise<AuthorizationServer> {
    const given = this.options.metadata;
    this.metadataPromise ??= given
      ? Promise.resolve().then(() => checkMetadata(given))
      : discover(this.config.issuer, this.openid ? 'oidc' : 'oauth2');
    const pending = this.metadataPromise;
    pending.catch(() => {
      if (this.metadataPromise === pending) this.metadataPromise = undefined;
    });
    return pending;
  }

  /**
   * Finishes a redirect sign-in when the URL carries this client's authorization response (then removes
   * the response parameters from the URL), hands a popup's response to its opener, or restores stored
   * tokens. Safe to call more than once. Rejects with a TcError (kind `auth`) when a response is refused
   * — a forged `state`, another issuer's `iss`, an error from the server — after restoring any stored
   * session, so a forged response cannot sign the person out.
   */
  init(): Promise<void> {
    this.initPromise ??= this.initialise();
    return this.initPromise;
  }

  private async initialise(): Promise<void> {
    this.connect();
    purgeStaleTransactions(this.ttlMs);
    const href = currentUrl();
    const callback = href ? readCallback(href) : undefined;
    let failure: TcError | undefined;
    if (callback) {
      try {
        await this.handleCallback(callback);
      } catch (error) {
        failure = toAuthError(error, 'Sign-in failed');
      }
    }
    if (this.state_ === 'loading') {
      const stored = this.store.load();
      if (stored) this.tokens = stored;
      this.user_ = stored?.user ?? this.user_;
      this.state_ = stored ? 'signed-in' : 'signed-out';
    }
    if (failure) this.error_ = failure;
    this.changed();
    if (failure) throw failure;
  }

  private async handleCallback(url: URL): Promise<void> {
    const state = url.searchParams.get('state') ?? '';
    const iss = url.searchParams.get('iss');
    if (state.startsWith(POPUP_STATE_PREFIX)) {
      // This window is a sign-in popup: the opener holds the transaction and redeems the code.
      handOffToOpener(url.href);
      replaceUrl(cleanedUrl(url.href));
      closeSelf();
      return;
    }
    const pending = this.transactions.peek();
    // Another session's response on this page (its transaction has this state, ours does not): leave it.
    if (pending && pending.state !== state && hasTransactionWithState(state)) return;
    const tx = this.transactions.take();
    if (!tx) {
      // Another session on this page may own it, or it belongs to another issuer.
      if (hasTransactionWithState(state) || (iss !== null && iss !== this.config.issuer)) return;
      replaceUrl(cleanedUrl(url.href));
      throw new TcError({
        kind: 'auth',
        code: 'unexpected_response',
        message:
          'A sign-in response arrived that no sign-in on this page started (or it is older than the sign-in time limit); it was ignored. Please sign in again.',
      });
    }
    try {
      await this.redeem(tx, url);
    } finally {
      replaceUrl(cleanedUrl(url.href, tx.returnTo));
    }
  }

  /** Starts sign-in: a redirect to the authorization server, or a popup (call it from a click handler). */
  async signIn(options: SignInOptions = {}): Promise<void> {
    if (this.config.loginMode === 'popup') return this.signInWithPopup(options);
    if (!TransactionStore.available()) {
      throw new TcError({
        kind: 'config',
        code: 'storage',
        message: 'Redirect sign-in needs sessionStorage, which this page cannot use; use login-mode="popup".',
      });
    }
    let url: URL;
    try {
      const as = await this.metadata();
      const tx = createTransaction('redirect', this.redirectUri(), this.openid, currentUrl());
      url = await this.authorizationUrl(as, tx, options);
      this.transactions.save(tx);
    } catch (error) {
      throw this.fail(toAuthError(error, 'Sign-in could not start'));
    }
    (this.options.navigate ?? assignLocation)(url.href);
  }

  private async signInWithPopup(options: SignInOptions): Promise<void> {
    // Opened before any await: browsers allow popups only while the click's user activation lasts.
    let popup: Window;
    try {
      popup = openPopup(this.options.popupFeatures ?? DEFAULT_POPUP_FEATURES);
    } catch (error) {
      throw this.fail(toAuthError(error, 'Sign-in could not start'));
    }
    const attempt = ++this.popupAttempt;
    let tx: Transaction;
    try {
      const as = await this.metadata();
      tx = createTransaction('popup', this.redirectUri(), this.openid);
      popup.location.href = (await this.authorizationUrl(as, tx, options)).href;
    } catch (error) {
      popup.close();
      throw this.fail(toAuthError(error, 'Sign-in could not start'));
    }
    let url: URL;
    try {
      url = await waitForPopup(popup, {
        state: tx.state,
        closedGraceMs: this.options.popupClosedGraceMs ?? 2000,
        timeoutMs: this.ttlMs,
        onLateResult: (late) => {
          if (attempt === this.popupAttempt) this.redeem(tx, late).catch((error) => this.fail(toAuthError(error, 'Sign-in failed')));
        },
      });
    } catch (error) {
      throw this.fail(toAuthError(error, 'Sign-in failed'));
    }
    if (attempt !== this.popupAttempt) throw this.fail(new TcError({ kind: 'aborted', message: 'A newer sign-in replaced this one.' }));
    try {
      await this.redeem(tx, url);
    } catch (error) {
      throw this.fail(toAuthError(error, 'Sign-in failed'));
    }
  }

  /** Validates the authorization response against the transaction (state, iss) and redeems the code. */
  private async redeem(tx: Transaction, url: URL): Promise<void> {
    const as = await this.metadata();
    let params: URLSearchParams;
    try {
      params = oauth.validateAuthResponse(as, this.client, url, tx.state);
    } catch (error) {
      throw refusedResponse(error, as);
    }
    const http = requestOptions(this.config.issuer);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      this.client,
      oauth.None(),
      params,
      tx.redirectUri,
      tx.codeVerifier,
      http,
    );
    const result = await oauth.processAuthorizationCodeResponse(as, this.client, response, {
      expectedNonce: tx.nonce ?? oauth.expectNoNonce,
      requireIdToken: tx.nonce !== undefined,
    });
    let tokens = tokenSetFrom(result);
    if (!tokens.user && this.openid && as.userinfo_endpoint) tokens = await this.withUserInfo(as, tokens, result);
    this.replaced = [];
    this.store.save(tokens);
    this.enterSignedIn(tokens);
    if (this.store.kind === 'local') this.post({ type: 'signed-in', tokens });
  }

  private async withUserInfo(as: AuthorizationServer, tokens: TokenSet, result: oauth.TokenEndpointResponse): Promise<TokenSet> {
    try {
      const sub = oauth.getValidatedIdTokenClaims(result)?.sub;
      const response = await oauth.userInfoRequest(as, this.client, tokens.accessToken, requestOptions(this.config.issuer));
      const claims = await oauth.processUserInfoResponse(as, this.client, sub ?? oauth.skipSubjectCheck, response);
      const user = userFromClaims(claims as Record<string, unknown>);
      return user ? { ...tokens, user } : tokens;
    } catch {
      // The name is a nicety; the sign-in stands without it.
      return tokens;
    }
  }

  private async authorizationUrl(as: AuthorizationServer, tx: Transaction, options: SignInOptions): Promise<URL> {
    const url = new URL(as.authorization_endpoint!);
    for (const [key, value] of Object.entries(options.params ?? {})) {
      if (!RESERVED_PARAMS.has(key)) url.searchParams.set(key, value);
    }
    url.searchParams.set('client_id', this.config.clientId);
    url.searchParams.set('redirect_uri', tx.redirectUri);
    url.searchParams.set('response_type', 'code');
    if (this.scope && !options.params?.scope) url.searchParams.set('scope', this.scope);
    url.searchParams.set('state', tx.state);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(tx.codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    if (tx.nonce) url.searchParams.set('nonce', tx.nonce);
    return url;
  }

  private redirectUri(): string {
    return this.config.redirectUri ?? defaultRedirectUri();
  }

  /**
   * Signs out in this tab and every other tab of this origin using the same issuer and client, then
   * revokes the tokens at the authorization server when it has a revocation endpoint (best effort).
   */
  async signOut(): Promise<void> {
    const tokens = this.tokens;
    this.popupAttempt++;
    this.endLocally(undefined);
    this.post({ type: 'signed-out' });
    if (tokens) await this.revoke(tokens);
  }

  private async revoke(tokens: TokenSet): Promise<void> {
    let as: AuthorizationServer;
    try {
      as = await this.metadata();
    } catch {
      return;
    }
    if (!as.revocation_endpoint) return;
    const http = requestOptions(this.config.issuer);
    for (const [token, hint] of [
      [tokens.refreshToken, 'refresh_token'],
      [tokens.accessToken, 'access_token'],
    ] as const) {
      if (!token) continue;
      try {
        const response = await oauth.revocationRequest(as, this.client, oauth.None(), token, {
          ...http,
          additionalParameters: { token_type_hint: hint },
        });
        await oauth.processRevocationResponse(response);
      } catch {
        // Local sign-out already happened; a server that cannot revoke lets the tokens expire.
      }
    }
  }

  /** Sets the display name from the vendor's "me" call (non-OIDC servers). */
  setUser(user: SessionUser | undefined): void {
    if (this.state_ !== 'signed-in') return;
    this.user_ = user;
    if (this.tokens && user) {
      this.tokens = { ...this.tokens, user };
      this.store.save(this.tokens);
    }
    this.changed();
  }

  /** TokenSource: a valid access token, refreshed first when it expires within the skew; undefined when signed out. */
  async getAccessToken(): Promise<string | undefined> {
    await this.settled();
    const tokens = this.tokens;
    if (!tokens) return undefined;
    const skewMs = (this.options.refreshSkewSeconds ?? 30) * 1000;
    if (!tokens.refreshToken || !expiresSoon(tokens, skewMs)) return tokens.accessToken;
    try {
      return await this.refresh(tokens.accessToken);
    } catch (error) {
      // A network hiccup: the old token may still have a few seconds left.
      if (!expiresSoon(tokens, 0)) return tokens.accessToken;
      throw error;
    }
  }

  /**
   * TokenSource: called after the API rejected `rejected`. However many calls failed with it, one
   * refresh runs (per tab, and across tabs). Resolves to the new access token, or undefined when the
   * person must sign in again (state becomes `signed-out`, `error` says why). Rejects with a TcError
   * when the server could not be reached (the session stays signed in).
   */
  async refresh(rejected: string): Promise<string | undefined> {
    await this.settled();
    const current = this.tokens;
    if (!current) return undefined;
    if (current.accessToken !== rejected) return current.accessToken;
    try {
      return (await this.coordinator.run(rejected)).accessToken;
    } catch (error) {
      if (this.tokens && this.tokens.accessToken !== rejected) return this.tokens.accessToken;
      if (error instanceof SignedOutError) return undefined;
      const reason = toAuthError(error, 'Your sign-in could not be renewed');
      if (isDeadGrant(error) || reason.code === 'no_refresh_token') {
        if (this.tokens?.accessToken === rejected) {
          this.endLocally(
            new TcError({
              kind: 'auth',
              code: reason.code ?? 'invalid_grant',
              message: 'Your sign-in has expired or was revoked. Please sign in again.',
              cause: error,
            }),
          );
          this.post({ type: 'signed-out', lineage: rejected });
        }
        return undefined;
      }
      throw reason;
    }
  }

  /** Joins the cross-tab channel (sign-out and refresh news); init() does it, connect() again after dispose(). */
  connect(): void {
    if (this.channel || typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(`tc-auth:${this.config.issuer}|${this.config.clientId}`);
    this.channel.onmessage = (event: MessageEvent) => this.onPeerMessage(event.data);
  }

  /** Leaves the cross-tab channel (the session element calls it when removed from the page). */
  dispose(): void {
    this.channel?.close();
    this.channel = undefined;
    this.peerWaiters.clear();
  }

  // ---- internals --------------------------------------------------------------------------

  private async settled(): Promise<void> {
    try {
      await this.init();
    } catch {
      // init() reported its failure; the session state is usable anyway.
    }
  }

  private async exchangeRefreshToken(stale: TokenSet): Promise<TokenSet> {
    if (!stale.refreshToken) {
      throw new TcError({ kind: 'auth', code: 'no_refresh_token', message: 'The server gave no refresh token.' });
    }
    const as = await this.metadata();
    const response = await oauth.refreshTokenGrantRequest(
      as,
      this.client,
      oauth.None(),
      stale.refreshToken,
      requestOptions(this.config.issuer),
    );
    const result = await oauth.processRefreshTokenResponse(as, this.client, response);
    const next = tokenSetFrom(result, stale);
    this.replaceTokens(next, stale.accessToken);
    if (this.store.kind !== 'memory') this.post({ type: 'tokens', replaced: stale.accessToken, tokens: next });
    return next;
  }

  /** Installs newer tokens of the same sign-in (own refresh or another tab's). */
  private replaceTokens(next: TokenSet, replacedAccessToken: string): void {
    this.replaced = [...this.replaced.filter((t) => t !== replacedAccessToken), replacedAccessToken].slice(-LINEAGE_MEMORY);
    this.tokens = next;
    this.store.save(next);
    const userChanged = next.user !== undefined && next.user.displayName !== this.user_?.displayName;
    if (next.user) this.user_ = next.user;
    if (userChanged || this.error_) {
      this.error_ = undefined;
      this.changed();
    }
  }

  /** Current tokens, picking up what another tab wrote to shared storage. */
  private latest(): TokenSet | undefined {
    if (this.store.kind === 'local' && this.tokens) {
      const stored = this.store.load();
      if (stored && stored.accessToken !== this.tokens.accessToken) {
        this.replaceTokens(stored, this.tokens.accessToken);
      }
    }
    return this.tokens;
  }

  private askPeers(stale: string): Promise<TokenSet | undefined> {
    if (this.store.kind === 'memory' || !this.channel) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const done = (tokens: TokenSet | undefined) => {
        clearTimeout(timer);
        this.peerWaiters.delete(waiter);
        resolve(tokens);
      };
      const waiter = () => {
        if (this.tokens && this.tokens.accessToken !== stale) done(this.tokens);
      };
      const timer = setTimeout(() => done(undefined), this.options.peerWaitMs ?? 300);
      this.peerWaiters.add(waiter);
      this.post({ type: 'ask', stale });
    });
  }

  private post(message: PeerMessage): void {
    this.channel?.postMessage(message);
  }

  private onPeerMessage(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const message = data as PeerMessage;
    switch (message.type) {
      case 'tokens': {
        const tokens = parseTokenSet(message.tokens);
        if (tokens && typeof message.replaced === 'string' && this.tokens?.accessToken === message.replaced) {
          this.replaceTokens(tokens, message.replaced);
        }
        break;
      }
      case 'ask': {
        if (this.tokens && typeof message.stale === 'string' && this.replaced.includes(message.stale)) {
          this.post({ type: 'tokens', replaced: message.stale, tokens: this.tokens });
        }
        break;
      }
      case 'signed-in': {
        const tokens = parseTokenSet(message.tokens);
        if (tokens && this.store.kind === 'local' && this.state_ === 'signed-out') this.enterSignedIn(tokens);
        break;
      }
      case 'signed-out': {
        const lineage = message.lineage;
        const ours = lineage === undefined || this.tokens?.accessToken === lineage || this.replaced.includes(lineage);
        if (ours && this.state_ === 'signed-in') this.endLocally(undefined);
        break;
      }
      default:
        return;
    }
    for (const waiter of [...this.peerWaiters]) waiter(message);
  }

  /** A sign-in finished here or, with shared storage, in another tab. */
  private enterSignedIn(tokens: TokenSet): void {
    this.tokens = tokens;
    this.user_ = tokens.user;
    this.error_ = undefined;
    this.state_ = 'signed-in';
    this.changed();
  }

  private endLocally(reason: TcError | undefined): void {
    this.tokens = undefined;
    this.replaced = [];
    this.store.clear();
    this.user_ = undefined;
    this.error_ = reason;
    this.state_ = 'signed-out';
    this.changed();
  }

  /** Records a sign-in failure (fires `change`) and returns it for throwing. */
  private fail(error: TcError): TcError {
    this.error_ = error;
    this.changed();
    return error;
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** Explains why an authorization response was refused before any code was redeemed. */
function refusedResponse(error: unknown, as: AuthorizationServer): TcError {
  if (error instanceof oauth.AuthorizationResponseError) return toAuthError(error, 'Sign-in failed');
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('"state"')) {
    return new TcError({
      kind: 'auth',
      code: 'state_mismatch',
      message: 'The sign-in response does not belong to the sign-in started here (state mismatch); it was refused.',
      cause: error,
    });
  }
  if (message.includes('"iss"') && message.includes('missing')) {
    return new TcError({
      kind: 'auth',
      code: 'issuer_missing',
      message: `The sign-in response did not name its issuer, though ${as.issuer} always does (RFC 9207); it was refused.`,
      cause: error,
    });
  }
  if (message.includes('"iss"')) {
    return new TcError({
      kind: 'auth',
      code: 'issuer_mismatch',
      message: `The sign-in response did not come from ${as.issuer} (iss mismatch); it was refused.`,
      cause: error,
    });
  }
  return toAuthError(error, 'The sign-in response was refused');
}

