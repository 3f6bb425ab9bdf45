import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { parseSessionConfig, type SessionConfig } from '../../auth/config.js';
import type { SessionState, SessionUser, TcError } from '../../model/index.js';
import type { ConferenceProvider } from '../../providers/types.js';
import { emit, emitError } from '../../internal/events.js';
import { SESSION_CHANGE, sessionContext, type SessionHost, type SessionSnapshot } from '../shared/session-context.js';
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
 * @fires {CustomEvent<{ error: TcError }>} tc-error - A configuration or sign-in problem.
 * @fires {CustomEvent<SessionSnapshot>} tc-session-change - The state, user or configuration changed.
 *
 * @slot - The elements that use this session.
 *
 * @csspart error - The box listing configuration or sign-in problems.
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

  @provide({ context: sessionContext }) protected readonly host_: SessionHost | undefined = this;

  get snapshot(): SessionSnapshot {
    return {
      state: this.state,
      user: this.user,
      config: this.config,
      provider: this.provider_,
      error: this.problems[0],
    };
  }

  /** Starts sign-in (redirect or popup, per `login-mode`). */
  async signIn(): Promise<void> {
    if (!this.config) throw this.problems[0];
  }

  /** Signs out here and in every other tab of this page's origin. */
  async signOut(): Promise<void> {
    this.user = undefined;
    this.provider_ = undefined;
    this.state = 'signed-out';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (CONFIG_ATTRIBUTES.some((key) => changed.has(key))) this.applyConfig();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('state') || changed.has('user') || changed.has('config') || changed.has('problems')) {
      // Context hands consumers the host once; they follow changes through this event.
      emit<SessionSnapshot>(this, SESSION_CHANGE, this.snapshot);
    }
  }

  private applyConfig(): void {
    const result = parseSessionConfig(this);
    if (result.ok) {
      this.config = result.config;
      this.problems = [];
      if (this.state === 'loading') this.state = 'signed-out';
      return;
    }
    this.config = undefined;
    this.user = undefined;
    this.provider_ = undefined;
    this.state = 'signed-out';
    this.problems = result.errors;
    for (const error of result.errors) emitError(this, error);
  }

  protected override render() {
    return html`${this.problems.length > 0
        ? html`<div part="error" role="alert">
            <strong>tc-session is not configured correctly:</strong>
            <ul>
              ${this.problems.map((p) => html`<li>${p.message}</li>`)}
            </ul>
          </div>`
        : nothing}<slot></slot>`;
  }
}
