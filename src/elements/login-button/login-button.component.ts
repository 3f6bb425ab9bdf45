import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { localize } from '../../i18n/localization.js';
import type { TcError } from '../../model/error.js';
import { SessionController } from '../shared/session-controller.js';
import { errorHeadline, toTcError } from '../shared/error-text.js';
import styles from './login-button.styles.js';

/**
 * @tagname tc-login-button
 * @summary Sign in; when signed in, the person's name and a sign-out button.
 *
 * @description Uses the `<tc-session>` it is inside, the one named by `session`, or the only one on
 * the page. While the session is loading (or none is found) the button is disabled. When sign-in
 * fails (for example a misconfigured session or a closed popup) the reason is shown next to the
 * button; the session itself reports the error with `tc-error`.
 *
 * @csspart base - The wrapper around everything.
 * @csspart button - Both buttons.
 * @csspart sign-in - The "Sign in" button.
 * @csspart sign-out - The "Sign out" button.
 * @csspart user - The signed-in person's display name.
 * @csspart error - Why the last sign-in or sign-out failed.
 *
 * @cssprop --tc-color-accent - Button background.
 * @cssprop --tc-color-accent-text - Button text.
 * @cssprop --tc-color-text - Text colour.
 * @cssprop --tc-color-muted - Disabled button text.
 * @cssprop --tc-color-surface-alt - Disabled button background.
 * @cssprop --tc-color-border - Disabled button border.
 * @cssprop --tc-color-danger - Error text.
 * @cssprop --tc-focus-ring - Focus outline.
 * @cssprop --tc-radius - Corner radius.
 * @cssprop --tc-gap - Space between the parts.
 * @cssprop --tc-font - Font shorthand.
 */
export class TcLoginButton extends LitElement {
  static override styles = styles;

  /** Id of the `<tc-session>` to use when this element is not inside it. */
  @property({ reflect: true }) session = '';

  @state() private busy = false;
  @state() private error: TcError | undefined;

  private readonly sessionCtl = new SessionController(this);

  constructor() {
    super();
    localize(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.sessionCtl.resolve();
  }

  private async run(action: 'signIn' | 'signOut'): Promise<void> {
    const session = this.sessionCtl.session;
    if (!session || this.busy) return;
    this.busy = true;
    this.error = undefined;
    try {
      await session[action]();
    } catch (error) {
      this.error = toTcError(error);
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const found = this.sessionCtl.session !== undefined;
    const { state, user } = this.sessionCtl.snapshot;
    const error = this.error
      ? html`<span part="error" role="alert">${errorHeadline(this.error)} ${this.error.message}</span>`
      : nothing;

    if (state === 'signed-in') {
      return html`<div part="base">
        <span part="user">${user?.displayName || user?.id || msg('Signed in')}</span>
        <button part="button sign-out" class="secondary" ?disabled=${this.busy} aria-busy=${this.busy}
          @click=${() => this.run('signOut')}>${msg('Sign out')}</button>
        ${error}
      </div>`;
    }
    const loading = state === 'loading';
    return html`<div part="base">
      <button part="button sign-in" ?disabled=${loading || this.busy} aria-busy=${loading || this.busy}
        title=${found ? nothing : msg('No <tc-session> found on this page.')}
        @click=${() => this.run('signIn')}>${msg('Sign in')}</button>
      ${error}
    </div>`;
  }
}
