import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { localize } from '../../i18n/localization.js';
import type { Conference } from '../../model/conference.js';
import type { TcError } from '../../model/error.js';
import type { ConferenceProvider } from '../../providers/types.js';
import { emit, emitError } from '../../internal/events.js';
import { SessionController } from '../shared/session-controller.js';
import type { SessionHost } from '../shared/session-context.js';
import { errorHeadline, toTcError } from '../shared/error-text.js';
import { elementLang } from '../shared/locale.js';
import { countdownText, nextStart } from '../shared/schedule-format.js';
import { checkJoinUrl, type JoinUrlVerdict } from './join-url.js';
import { PhoneSessionController } from './phone-session.js';
import styles from './join-button.styles.js';

export type JoinTarget = '_blank' | '_self';

export interface JoinRequestDetail {
  conference: Conference;
  /** The link that will be opened; undefined when it is only known after starting. */
  url: string | undefined;
  /** Whether the conference will be started first. */
  start: boolean;
}

export interface JoinDetail {
  conference: Conference;
  url: string;
  target: JoinTarget;
}

export interface CallRequestDetail {
  conference: Conference;
  /** The Telphin `<tc-session>` named by `phone-session`. */
  phoneSession: SessionHost;
}

export interface ConferenceDetail {
  conference: Conference;
}

type Action = 'loading' | 'join' | 'start' | 'countdown' | 'not-started' | 'ended' | 'unavailable';

interface View {
  action: Action;
  label: string;
  enabled: boolean;
  /** Why it cannot be used (shown in the `reason` part and as the button's title). */
  reason?: string;
  /** For a startable scheduled conference: when it is planned. */
  countdown?: string;
  url?: string;
}

const TICK_MS = 15_000;
const COPY_TIMEOUT_MS = 2_000;

/**
 * @tagname tc-join-button
 * @summary The one button a person needs for a conference: "Starts in N min", "Start", "Join" or
 * "Ended"; plus "Copy guest link" and "Call my phone" when they apply.
 *
 * @description Give it a conference with the `conference` property (as `<tc-conference-list>` does)
 * or an id with `conference-id` (it then loads the conference from the session's provider).
 *
 * - Scheduled: shows when it starts; the owner (or anyone the server lets start it) gets "Start".
 * - Stopped room: the owner gets "Start", which starts the conference on the server and then joins.
 *   Others see a disabled "Join" with the reason.
 * - Live: "Join". Ended: a disabled "Ended".
 *
 * The web client opens in a new tab (`target="_blank"`, default) or this tab (`_self`), always
 * with `noopener`. A link is opened only when it is an absolute `https:` URL (or `http:` on a
 * loopback host) on one of the provider's join hosts; otherwise the button is disabled and the
 * reason is shown, so a `javascript:` link or a foreign host from a compromised or misconfigured
 * server is never followed. After a slow start the browser may block the new tab (the click no
 * longer counts as a user gesture); the `tc-join` event still carries the URL.
 *
 * "Call my phone" appears when `phone-session` names a `<tc-session provider="telphin">`; it is
 * disabled with the reason until that session is signed in and its provider can place calls.
 *
 * @fires {CustomEvent<JoinRequestDetail>} tc-join-request - Before starting or opening anything;
 * cancelable: `preventDefault()` stops both (e.g. to show the conference in your own frame).
 * @fires {CustomEvent<JoinDetail>} tc-join - After the web client was opened.
 * @fires {CustomEvent<ConferenceDetail>} tc-conference-update - The conference changed here (it was started).
 * @fires {CustomEvent<CallRequestDetail>} tc-call-request - "Call my phone" was pressed; the phone
 * session's adapter places the call.
 * @fires {CustomEvent<{ error: TcError }>} tc-error - Loading or starting the conference failed.
 *
 * @csspart base - The wrapper around everything.
 * @csspart button - The main button; it also carries `button-join`, `button-start`,
 * `button-countdown`, `button-not-started`, `button-ended`, `button-loading` or `button-unavailable`.
 * @csspart countdown - When a scheduled conference is planned (beside Start, or beside Join on vendors with nothing to start).
 * @csspart reason - Why the main button is disabled.
 * @csspart copy - The "Copy guest link" button.
 * @csspart guest-link - The guest link as selectable text, shown when copying failed.
 * @csspart call - The "Call my phone" button.
 * @csspart call-reason - Why "Call my phone" is disabled.
 * @csspart error - What went wrong loading or starting the conference.
 * @csspart retry - The "Retry" button inside `error`.
 *
 * @cssprop --tc-color-accent - Main button background.
 * @cssprop --tc-color-accent-text - Main button text.
 * @cssprop --tc-color-live - "Join" button background while the conference is live.
 * @cssprop --tc-color-live-text - "Join" button text while live.
 * @cssprop --tc-color-muted - Reason and disabled text.
 * @cssprop --tc-color-surface-alt - Disabled button background.
 * @cssprop --tc-color-border - Disabled button border.
 * @cssprop --tc-color-success - "Link copied" text.
 * @cssprop --tc-color-danger - Error text.
 * @cssprop --tc-focus-ring - Focus outline.
 * @cssprop --tc-radius - Corner radius.
 * @cssprop --tc-gap - Space between the parts.
 * @cssprop --tc-font - Font shorthand.
 */
export class TcJoinButton extends LitElement {
  static override styles = styles;

  /** Id of the conference to load, when `conference` is not set. */
  @property({ attribute: 'conference-id', reflect: true }) conferenceId = '';

  /** The conference itself (takes precedence over `conference-id`). */
  @property({ attribute: false }) conference: Conference | undefined;

  /** Id of the `<tc-session>` to use when this element is not inside it. */
  @property({ reflect: true }) session = '';

  /** Where the web client opens: `_blank` (new tab, default) or `_self`. */
  @property({ reflect: true }) target: JoinTarget = '_blank';

  /** Id of a `<tc-session provider="telphin">`: offers "Call my phone". */
  @property({ attribute: 'phone-session', reflect: true }) phoneSession = '';

  @state() private fetched: Conference | undefined;
  /** The conference as returned by Start, until a new `conference` is given. */
  @state() private started: Conference | undefined;
  @state() private loading = false;
  @state() private busy: 'starting' | undefined;
  @state() private error: TcError | undefined;
  @state() private copy: 'copied' | 'failed' | undefined;
  @state() private now = Date.now();

  private readonly sessionCtl = new SessionController(this);
  private readonly phoneCtl = new PhoneSessionController(this);
  private fetchKey: { provider: ConferenceProvider | undefined; id: string } | undefined;
  private fetchAbort: AbortController | undefined;
  private retry: (() => void) | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private copyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    localize(this);
  }

  /** The conference shown: the started one, the given one, or the loaded one. */
  get current(): Conference | undefined {
    return this.started ?? this.conference ?? this.fetched;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.fetchAbort?.abort();
    this.fetchKey = undefined;
    clearInterval(this.ticker);
    this.ticker = undefined;
    clearTimeout(this.copyTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.sessionCtl.resolve();
    if (changed.has('phoneSession')) this.phoneCtl.resolve();
    if (changed.has('conference')) {
      this.started = undefined;
      this.copy = undefined;
      if (this.conference) this.error = undefined;
    }
    this.fetchIfNeeded();
  }

  protected override updated(): void {
    const conference = this.current;
    const start = conference?.state === 'scheduled' ? nextStart(conference.schedule, this.now) : undefined;
    // Keep the countdown current only while there is one to show.
    if (start !== undefined && start > this.now && this.isConnected) {
      this.ticker ??= setInterval(() => (this.now = Date.now()), TICK_MS);
    } else if (this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  private fetchIfNeeded(force = false): void {
    if (this.conference) return;
    const provider = this.sessionCtl.snapshot.provider;
    const id = this.conferenceId;
    if (!force && this.fetchKey && this.fetchKey.provider === provider && this.fetchKey.id === id) return;
    this.fetchKey = { provider, id };
    this.fetchAbort?.abort();
    this.fetched = undefined;
    this.started = undefined;
    this.error = undefined;
    this.loading = false;
    if (provider && id) void this.fetchConference(provider, id);
  }

  private async fetchConference(provider: ConferenceProvider, id: string): Promise<void> {
    const abort = new AbortController();
    this.fetchAbort = abort;
    this.loading = true;
    try {
      const conference = await provider.get(id, { signal: abort.signal });
      if (!abort.signal.aborted) this.fetched = conference;
    } catch (thrown) {
      if (abort.signal.aborted) return;
      this.fail(thrown, () => this.fetchIfNeeded(true));
    } finally {
      if (this.fetchAbort === abort) this.loading = false;
    }
  }

  private fail(thrown: unknown, retry: (() => void) | undefined): void {
    const error = toTcError(thrown);
    if (error.kind === 'aborted') return;
    this.error = error;
    this.retry = retry;
    emitError(this, error);
  }

  private get locale(): string {
    return elementLang(this);
  }

  private canStart(conference: Conference, provider: ConferenceProvider): boolean {
    if (conference.capabilities.canStart) return true;
    const me = this.sessionCtl.snapshot.user?.id;
    return provider.capabilities.startStop && me !== undefined && conference.owner?.id === me;
  }

  private urlReason(verdict: JoinUrlVerdict): string | undefined {
    if (verdict.ok) return undefined;
    switch (verdict.problem) {
      case 'missing':
        return msg('This conference has no join link.');
      case 'malformed':
        return msg('The join link is not a valid URL.');
      case 'scheme': {
        const scheme = verdict.url?.protocol ?? '';
        return msg(str`The join link uses ${scheme}, which is not allowed.`);
      }
      case 'insecure':
        return msg('The join link is not secure (http:).');
      case 'credentials':
        return msg('The join link contains a password.');
      case 'host': {
        const host = verdict.url?.host ?? '';
        return msg(str`The join link points to ${host}, which is not this conference server.`);
      }
    }
  }

  private view(): View {
    const snapshot = this.sessionCtl.snapshot;
    const conference = this.current;
    const join = msg('Join');
    const signIn = msg('Sign in to join.');
    if (!conference) {
      if (this.error) return { action: 'unavailable', label: join, enabled: false };
      if (snapshot.state === 'signed-out') return { action: 'unavailable', label: join, enabled: false, reason: signIn };
      if (snapshot.state === 'signed-in' && snapshot.provider && !this.conferenceId) {
        return { action: 'unavailable', label: join, enabled: false, reason: msg('No conference given.') };
      }
      return { action: 'loading', label: msg('Loading…'), enabled: false };
    }
    if (conference.state === 'ended') return { action: 'ended', label: msg('Ended'), enabled: false };
    const provider = snapshot.provider;
    if (!provider) {
      return snapshot.state === 'loading'
        ? { action: 'loading', label: msg('Loading…'), enabled: false }
        : { action: 'unavailable', label: join, enabled: false, reason: signIn };
    }
    const verdict = checkJoinUrl(conference.joinUrl, provider.joinHosts);
    const url = verdict.ok ? verdict.url.href : undefined;
    if (conference.state === 'live') {
      if (!conference.capabilities.canJoin) {
        return { action: 'join', label: join, enabled: false, reason: msg("You can't join this conference.") };
      }
      return { action: 'join', label: join, enabled: verdict.ok, reason: this.urlReason(verdict), url };
    }
    const countdown = conference.state === 'scheduled' ? countdownText(conference, this.locale, this.now) : undefined;
    if (!provider.capabilities.startStop && conference.capabilities.canJoin) {
      // Vendors with nothing to start (OpenTalk rooms, Webex meetings): the link opens the meeting at any time.
      return { action: 'join', label: join, enabled: verdict.ok, reason: this.urlReason(verdict), countdown, url };
    }
    if (this.canStart(conference, provider)) {
      // A stopped conference may get its link only once started; a bad link is refused up front.
      const blocked = !verdict.ok && verdict.problem !== 'missing';
      return {
        action: 'start',
        label: msg('Start'),
        enabled: !blocked,
        reason: blocked ? this.urlReason(verdict) : undefined,
        countdown,
        url,
      };
    }
    if (countdown) return { action: 'countdown', label: countdown, enabled: false };
    return { action: 'not-started', label: join, enabled: false, reason: msg('Waiting for the owner to start it.') };
  }

  private async activate(view: View): Promise<void> {
    const conference = this.current;
    const provider = this.sessionCtl.snapshot.provider;
    if (!conference || !provider || this.busy || !view.enabled) return;
    const starting = view.action === 'start';
    const request: JoinRequestDetail = { conference, url: view.url, start: starting };
    if (!emit(this, 'tc-join-request', request, { cancelable: true })) return;
    this.error = undefined;
    let joined = conference;
    if (starting) {
      this.busy = 'starting';
      try {
        const result = await provider.start(conference.id);
        joined = { ...result, joinUrl: result.joinUrl ?? conference.joinUrl, guestUrl: result.guestUrl ?? conference.guestUrl };
        this.started = joined;
        emit<ConferenceDetail>(this, 'tc-conference-update', { conference: joined });
      } catch (thrown) {
        this.fail(thrown, () => void this.activate(this.view()));
        return;
      } finally {
        this.busy = undefined;
      }
    }
    // The link is checked again: starting may have produced a new one.
    const verdict = checkJoinUrl(joined.joinUrl, provider.joinHosts);
    if (!verdict.ok) return; // The re-rendered button shows the reason.
    const target: JoinTarget = this.target === '_self' ? '_self' : '_blank';
    window.open(verdict.url.href, target, 'noopener');
    emit<JoinDetail>(this, 'tc-join', { conference: joined, url: verdict.url.href, target });
  }

  private guestUrl(): string | undefined {
    const conference = this.current;
    const provider = this.sessionCtl.snapshot.provider;
    if (!conference?.guestUrl || !provider || conference.state === 'ended') return undefined;
    const verdict = checkJoinUrl(conference.guestUrl, provider.joinHosts);
    return verdict.ok ? verdict.url.href : undefined;
  }

  private async copyGuestLink(url: string): Promise<void> {
    clearTimeout(this.copyTimer);
    try {
      // A permission prompt that is never answered must not leave the button silent.
      await Promise.race([
        navigator.clipboard.writeText(url),
        new Promise((_, reject) => setTimeout(() => reject(new Error('clipboard timeout')), COPY_TIMEOUT_MS)),
      ]);
      this.copy = 'copied';
      this.copyTimer = setTimeout(() => (this.copy = undefined), 3000);
    } catch {
      // No permission or no focus: show the link so it can be copied by hand.
      this.copy = 'failed';
    }
  }

  private callState(): { enabled: boolean; reason?: string } | undefined {
    const conference = this.current;
    if (!this.phoneSession || !conference || conference.state === 'ended') return undefined;
    const session = this.phoneCtl.session;
    if (!session) {
      const id = this.phoneSession;
      return { enabled: false, reason: msg(str`No <tc-session> with id "${id}" for phone calls.`) };
    }
    const snapshot = session.snapshot;
    if (snapshot.config?.provider !== 'telphin') {
      return { enabled: false, reason: msg('The phone session is not a configured Telphin session.') };
    }
    if (snapshot.state !== 'signed-in') return { enabled: false, reason: msg('Sign in to the phone service first.') };
    if (!snapshot.provider?.capabilities.callMe) {
      return { enabled: false, reason: msg('Calling your phone is not available yet.') };
    }
    return { enabled: true };
  }

  private requestCall(): void {
    const conference = this.current;
    const phoneSession = this.phoneCtl.session;
    if (!conference || !phoneSession || !this.callState()?.enabled) return;
    emit<CallRequestDetail>(this, 'tc-call-request', { conference, phoneSession });
  }

  protected override render() {
    const view = this.view();
    const busy = this.busy === 'starting' || view.action === 'loading';
    const guestUrl = this.guestUrl();
    const call = this.callState();
    return html`<div part="base">
      <button
        part="button button-${view.action}"
        class=${view.action === 'join' && view.enabled ? 'live' : ''}
        ?disabled=${!view.enabled || this.busy !== undefined}
        aria-busy=${busy}
        aria-describedby=${view.reason ? 'reason' : nothing}
        title=${view.reason ?? nothing}
        @click=${() => this.activate(view)}
      >
        ${this.busy === 'starting' ? msg('Starting…') : view.label}
      </button>
      ${view.countdown ? html`<span part="countdown">${view.countdown}</span>` : nothing}
      ${view.reason ? html`<span part="reason" id="reason">${view.reason}</span>` : nothing}
      ${guestUrl
        ? html`<button part="copy" class="secondary" @click=${() => this.copyGuestLink(guestUrl)}>
              ${this.copy === 'copied' ? msg('Link copied') : msg('Copy guest link')}
            </button>
            ${this.copy === 'failed'
              ? html`<label class="guest">${msg('Copy the guest link:')}
                  <input part="guest-link" readonly .value=${guestUrl} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
                </label>`
              : nothing}`
        : nothing}
      ${call
        ? html`<button part="call" class="secondary" ?disabled=${!call.enabled} title=${call.reason ?? nothing}
              aria-describedby=${call.reason ? 'call-reason' : nothing} @click=${() => this.requestCall()}>
              ${msg('Call my phone')}
            </button>
            ${call.reason ? html`<span part="call-reason" id="call-reason">${call.reason}</span>` : nothing}`
        : nothing}
      ${this.error
        ? html`<span part="error" role="alert">
            ${errorHeadline(this.error)} ${this.error.message}
            ${this.retry
              ? html`<button part="retry" class="secondary" @click=${() => this.retry?.()}>${msg('Retry')}</button>`
              : nothing}
          </span>`
        : nothing}
      <span class="visually-hidden" role="status">${this.copy === 'copied' ? msg('Guest link copied.') : ''}</span>
    </div>`;
  }
}
