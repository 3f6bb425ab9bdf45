import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { parseSessionConfig, type SessionConfig } from '../../auth/config.js';
import { AuthSession } from '../../auth/session.js';
import { TcError, type SessionState, type SessionUser } from '../../model/index.js';
import { loadProvider } from '../../providers/registry.js';
import type { ConferenceProvider } from '../../providers/types.js';
import { emit, emitError } from '../../internal/events.js';
import { PROVIDER_UNAVAILABLE, SESSION_CHANGE, sessionContext, type SessionHost, type SessionSnapshot } from '../shared/session-context.js';
import styles from './session.styles.js';

const CONFIG_ATTRIBUTES = [
  'provider',
  'server',
  'issuer',
  'clientId',
  'redirectUri',
  'scope',
  'apiBase',
  'apiVersion',
  'loginMode',
  'storage',
] as const;

/**
 * @tagname tc-session
 * @summary Configuration and shared sign-in state for the tc-* elements inside it (or pointing to it
 * with `session="<id>"`).
 *
 * @description Validates its attributes: an unknown `provider`, a missing `client-id` or `issuer`, a
 * malformed URL or a plain-http URL on a non-loopback host each produce a `tc-error` event and a visible
 * error message listing every problem at once.
 *
 * With a valid configuration it runs the OAuth sign-in (authorization code + PKCE against `issuer`):
 * when the page is the redirect target of a sign-in it finishes it and removes `code`, `state` and `iss`
 * from the address bar; a popup sign-in's window hands its result back to this page. Refused
 * responses (a forged `state`, another issuer's `iss`) and failed sign-ins are reported with `tc-error`
 * (kind `auth`) and shown in the `error` part. Once signed in, the vendor adapter is loaded and, when
 * the issuer gave no name (non-OpenID servers), the person's name is read with the vendor's "me" call.
 *
 * `storage="memory"` (the default) keeps tokens in this page only: reloading the page signs out, and each
 * tab signs in on its own. `session` keeps them for this tab across reloads, `local` for every tab.
 * Signing out here signs out every tab of this origin using the same issuer and client.
 *
 * @fires {CustomEvent<{ error: TcError }>} tc-error - A configuration or sign-in problem.
 * @fires {CustomEvent<SessionSnapshot>} tc-session-change - The state, user, provider or configuration changed.
 * @fires {CustomEvent<{ user: SessionUser | undefined }>} tc-sign-in - The person is now signed in (sign-in finished, or restored from storage).
 * @fires {CustomEvent<{ reason: TcError | undefined }>} tc-sign-out - The person is now signed out: they asked (here or in another tab), or the sign-in expired (`reason` says why).
 *
 * @slot - The elements that use this session.
 *
 * @csspart error - The box listing configuration or sign-in problems.
 * @csspart notice - Says that the vendor is signed in to but this version cannot manage its meetings yet
 *   (the snapshot's `error` then has code `provider-unavailable`; no `tc-error` is fired).
 *
 * @cssprop --tc-color-danger - Text and border colour of error messages.
 * @cssprop --tc-color-danger-surface - Background of error messages.
 * @cssprop --tc-radius - Corner radius.
 * @cssprop --tc-font - Font shorthand used by the element's own text.
 */
export class TcSession extends LitElement implements SessionHost {
  static override styles = styles;

  /** Vendor: `trueconf`, `opentalk`, `webex` or `telphin`. */
  @property({ reflect: true }) provider = '';

  /** Vendor base URL, e.g. `https://video.example.com`. Optional for webex and telphin (public cloud). */
  @property() server = '';

  /** Authorization server: the tc-bridge URL (TrueConf, Webex, Telphin) or the Keycloak realm URL (OpenTalk). */
  @property() issuer = '';

  /** OAuth client id registered at the issuer for this page. */
  @property({ attribute: 'client-id' }) clientId = '';

  /** Where the issuer sends the browser back; default: the current page. */
  @property({ attribute: 'redirect-uri' }) redirectUri = '';

  /** Space-separated scopes to request; default: the vendor's. */
  @property() scope = '';

  /** Base URL for API calls when they go through a reverse proxy or the bridge's pass-through. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** TrueConf API generation: `v3.11` (or another v3.x) or `v4`. */
  @property({ attribute: 'api-version' }) apiVersion = '';

  /** `redirect` (default) or `popup`. */
  @property({ attribute: 'login-mode' }) loginMode = '';

  /** Where tokens are kept: `memory` (default), `session` or `local`. */
  @property() storage = '';

  /** `loading`, `signed-out` or `signed-in`. */
  @state() state: SessionState = 'loading';

  /** The signed-in person, when signed in. */
  @state() user: SessionUser | undefined;

  /** The validated configuration, or undefined while it is invalid. */
  @state() config: SessionConfig | undefined;

  /** Problems with the configuration or sign-in, shown in the `error` part. */
  @state() private problems: TcError[] = [];

  @state() private provider_: ConferenceProvider | undefined;

  /** Signed in to a vendor this version has no adapter for: shown in the `notice` part. */
  @state() private unavailable: TcError | undefined;

  /** The last sign-in or refresh failure, shown in the `error` part until the next success. */
  @state() private authError: TcError | undefined;

  @provide({ context: sessionContext }) protected readonly host_: SessionHost | undefined = this;

  /** The OAuth session behind this element (also the adapters' token source). */
  auth: AuthSession | undefined;
  private authKey = '';
  private providerRun = 0;
  private providerStarted = false;

  get snapshot(): SessionSnapshot {
    return {
      state: this.state,
      user: this.user,
      config: this.config,
      provider: this.provider_,
      error: this.problems[0] ?? this.authError ?? this.unavailable,
    };
  }

  /**
   * Starts sign-in (redirect or popup, per `login-mode`). Call it from a click handler: popups are
   * only allowed during a user gesture. Rejects with a TcError (also sent as `tc-error`) when sign-in
   * cannot start or fails, e.g. a blocked or closed popup.
   */
  async signIn(): Promise<void> {
    // No await before auth.signIn(): the popup must open within the click's user activation.
    if (!this.config || !this.auth) throw this.problems[0];
    return this.auth.signIn();
  }

  /** Signs out here and in every other tab of this page's origin, and revokes the tokens when the issuer can. */
  async signOut(): Promise<void> {
    if (!this.auth) {
      this.user = undefined;
      this.provider_ = undefined;
      this.state = 'signed-out';
      return;
    }
    await this.auth.signOut();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.auth?.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.auth?.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (CONFIG_ATTRIBUTES.some((key) => changed.has(key))) this.applyConfig();
  }

  protected override updated(changed: PropertyValues): void {
    if (['state', 'user', 'config', 'problems', 'provider_', 'authError', 'unavailable'].some((key) => changed.has(key))) {
      // Context hands consumers the host once; they follow changes through this event.
      emit<SessionSnapshot>(this, SESSION_CHANGE, this.snapshot);
    }
    if (changed.has('state')) {
      const before = changed.get('state') as SessionState | undefined;
      if (this.state === 'signed-in' && before !== 'signed-in') emit(this, 'tc-sign-in', { user: this.user });
      if (this.state === 'signed-out' && before === 'signed-in') emit(this, 'tc-sign-out', { reason: this.authError });
    }
  }

  private applyConfig(): void {
    const result = parseSessionConfig(this);
    if (result.ok) {
      this.config = result.config;
      this.problems = [];
      this.startAuth(result.config);
      return;
    }
    this.stopAuth();
    this.config = undefined;
    this.user = undefined;
    this.provider_ = undefined;
    this.state = 'signed-out';
    this.problems = result.errors;
    for (const error of result.errors) emitError(this, error);
  }

  /** A new configuration means a new OAuth session (same configuration: keep the running one). */
  private startAuth(config: SessionConfig): void {
    const key = JSON.stringify(config);
    if (this.auth && key === this.authKey) return;
    this.stopAuth();
    this.authKey = key;
    const auth = new AuthSession(config);
    this.auth = auth;
    this.user = undefined;
    this.provider_ = undefined;
    this.authError = undefined;
    auth.addEventListener('change', () => this.syncFromAuth(auth));
    // Without a response in the URL this finishes synchronously, so the first render is already right.
    auth.init().catch(() => {
      // Reported through the change event (auth.error).
    });
  }

  private stopAuth(): void {
    this.unavailable = undefined;
    this.auth?.dispose();
    this.auth = undefined;
    this.authKey = '';
    this.providerStarted = false;
    this.providerRun++;
  }

  private syncFromAuth(auth: AuthSession): void {
    if (auth !== this.auth) return;
    const error = auth.error;
    if (error !== this.authError) {
      this.authError = error;
      if (error) emitError(this, error);
    }
    if (auth.state === 'signed-in') {
      this.user = auth.user ?? this.user;
      if (!this.providerStarted) {
        this.providerStarted = true;
        void this.connectProvider(auth);
      }
    } else {
      this.user = undefined;
      this.provider_ = undefined;
      this.unavailable = undefined;
      this.providerStarted = false;
      this.providerRun++;
    }
    this.state = auth.state;
  }

  /** Loads the vendor adapter (it may be absent for a vendor without one yet) and, if needed, the person's name. */
  private async connectProvider(auth: AuthSession): Promise<void> {
    const run = ++this.providerRun;
    const current = () => run === this.providerRun && auth === this.auth && auth.state === 'signed-in';
    try {
      const provider = await loadProvider({ config: auth.config, tokens: auth });
      if (!current()) return;
      this.provider_ = provider;
      if (!provider) {
        // Sign-in works for every vendor; say plainly when this version cannot list or create meetings there.
        // A notice, not a tc-error: nothing failed, and pages that alert on tc-error should stay quiet.
        this.unavailable = new TcError({
          kind: 'config',
          code: PROVIDER_UNAVAILABLE,
          message: `Signed in. Listing and creating ${auth.config.provider} meetings is not supported by this version of tc-widgets yet.`,
        });
      } else if (!auth.user) {
        const me = await provider.me();
        if (current()) auth.setUser(me);
      }
    } catch (error) {
      if (current()) emitError(this, TcError.from(error));
    }
  }

  protected override render() {
    if (this.problems.length > 0) {
      return html`<div part="error" role="alert">
          <strong>tc-session is not configured correctly:</strong>
          <ul>
            ${this.problems.map((p) => html`<li>${p.message}</li>`)}
          </ul>
        </div><slot></slot>`;
    }
    return html`${this.authError
        ? html`<div part="error" role="alert"><strong>Sign-in problem:</strong> ${this.authError.message}</div>`
        : nothing}${this.unavailable
        ? html`<div part="notice" role="status">${this.unavailable.message}</div>`
        : nothing}<slot></slot>`;
  }
}
