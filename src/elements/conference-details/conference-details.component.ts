import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { localize } from '../../i18n/localization.js';
import type { Conference, Invitee, Participant, TcError } from '../../model/index.js';
import type { ConferenceProvider } from '../../providers/types.js';
import { emit, emitError } from '../../internal/events.js';
import { SessionController } from '../shared/session-controller.js';
import { errorHeadline, toTcError } from '../shared/error-text.js';
import { elementLang } from '../shared/locale.js';
import { modeLabel } from '../shared/mode-label.js';
import { personLabel } from '../shared/people.js';
import { scheduleInOwnZone, scheduleText } from '../shared/schedule-format.js';
import styles from './conference-details.styles.js';

/** Detail of `tc-invite`. */
export interface InviteDetail {
  conference: Conference;
  people: Invitee[];
}

type Section<T> = { items: T[] | undefined; error: TcError | undefined };

const EMPTY_SECTION = { items: undefined, error: undefined };

const stateLabel = (c: Conference): string => {
  switch (c.state) {
    case 'live':
      return msg('Live');
    case 'scheduled':
      return msg('Scheduled');
    case 'ended':
      return msg('Ended');
    case 'stopped':
      return c.schedule.kind === 'none' ? msg('Room, not running') : msg('Not running');
  }
};

const roleLabel = (role: Participant['role']): string | undefined =>
  role === 'owner' ? msg('Owner') : role === 'moderator' ? msg('Moderator') : role === 'speaker' ? msg('Speaker') : role === 'guest' ? msg('Guest') : undefined;


/**
 * @tagname tc-conference-details
 * @summary One conference: topic, state, schedule, owner, description, invitees, who is in it now,
 * a join button, and "Invite" into a running conference.
 *
 * @description Give it a conference with the `conference` property (e.g. from
 * `tc-conference-select`) or an id with `conference-id`; it loads what it lacks from the session's
 * provider: the conference itself, the invitees, and — while the conference is live and the vendor
 * reports them — the participants. The schedule is shown in the viewer's time zone and language
 * (the nearest `lang` attribute, else the browser's), with the meeting's own zone in a tooltip when
 * they differ. Every vendor-supplied text (topic, description, names) is rendered as text.
 *
 * "Invite" appears while the conference is live, the vendor can call people into a running
 * conference (`capabilities.inviteIntoLive`) and the signed-in person may invite
 * (`conference.capabilities.canInvite`). It takes one or more user ids or emails.
 *
 * With `refresh-interval` (seconds, default 30, `0` = off) it re-reads the conference and, while it
 * is live, the participants; a failed refresh keeps what is shown and says so. Refreshes pause
 * while the page is hidden. Embeds `<tc-join-button>`; when that starts the conference, the details
 * follow.
 *
 * @fires {CustomEvent<InviteDetail>} tc-invite - People were invited into the running conference.
 * @fires {CustomEvent<{ error: TcError }>} tc-error - Loading the conference or inviting failed
 * (failed background refreshes do not fire it).
 *
 * @csspart base - The wrapper around the conference.
 * @csspart header - Title and state.
 * @csspart title - The topic (a heading, level per `heading-level`).
 * @csspart state - The state badge; it also carries `state-live`, `state-scheduled`, `state-stopped` or `state-ended`.
 * @csspart facts - The list of schedule, owner and mode.
 * @csspart schedule - When it takes place.
 * @csspart owner - Who owns it.
 * @csspart mode - How it is run.
 * @csspart description - The description.
 * @csspart join - The embedded `<tc-join-button>`.
 * @csspart section - The invitees and the participants sections.
 * @csspart section-title - Their headings.
 * @csspart invitees - The list of invitees.
 * @csspart invitee - One invitee.
 * @csspart participants - The list of people in the conference now.
 * @csspart participant - One participant.
 * @csspart role - A participant's role.
 * @csspart empty - "No one is invited" and similar.
 * @csspart invite-form - The invite form.
 * @csspart invite-label - Its label.
 * @csspart invite-input - The box for ids or emails.
 * @csspart invite-button - The "Invite" button.
 * @csspart field-error - Why inviting failed.
 * @csspart status - Announces "Invited …".
 * @csspart notice - Shown while the session loads, when signed out, or without a conference.
 * @csspart loading - Shown while the conference loads.
 * @csspart not-found - Shown when the conference does not exist.
 * @csspart error - What went wrong loading the conference (or a section, or a refresh).
 * @csspart retry - A "Try again" button.
 *
 * @cssprop --tc-font - Font shorthand.
 * @cssprop --tc-color-text - Text colour.
 * @cssprop --tc-color-muted - Secondary text.
 * @cssprop --tc-color-surface - Background of inputs.
 * @cssprop --tc-color-surface-alt - Background of badges and list items.
 * @cssprop --tc-color-border - Borders.
 * @cssprop --tc-color-accent - Buttons.
 * @cssprop --tc-color-accent-text - Text on buttons.
 * @cssprop --tc-color-live - The "Live" badge.
 * @cssprop --tc-color-live-text - Text on the "Live" badge.
 * @cssprop --tc-color-danger - Error text.
 * @cssprop --tc-color-danger-surface - Background of errors.
 * @cssprop --tc-focus-ring - Focus outline.
 * @cssprop --tc-radius - Corner radius.
 * @cssprop --tc-gap - Space between parts.
 */
export class TcConferenceDetails extends LitElement {
  static override styles = styles;

  /** Id of the conference to show, when `conference` is not set. */
  @property({ attribute: 'conference-id', reflect: true }) conferenceId = '';

  /** The conference itself (takes precedence over `conference-id`); refreshed from the provider. */
  @property({ attribute: false }) conference: Conference | undefined;

  /** Id of the `<tc-session>` to use; default: the enclosing one, or the only one on the page. */
  @property({ reflect: true }) session = '';

  /** Seconds between refreshes (at least 1); `0` turns refreshing off. */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval = 30;

  /** ARIA level of the topic heading (1–6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The conference as last read from the provider (newer than `conference`). */
  @state() private loaded: Conference | undefined;
  @state() private loading = false;
  @state() private loadError: TcError | undefined;
  @state() private refreshError: TcError | undefined;
  @state() private invitees: Section<Invitee> = EMPTY_SECTION;
  @state() private participants: Section<Participant> = EMPTY_SECTION;
  @state() private inviteText = '';
  @state() private inviteError = '';
  @state() private inviting = false;
  @state() private inviteStatus = '';

  private readonly sessionCtl = new SessionController(this);
  /** What the current data was loaded for; a change starts over. */
  private loadedFor: { provider: ConferenceProvider | undefined; id: string; given: Conference | undefined } | undefined;
  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    localize(this);
  }

  /** The conference shown, if any. */
  get current(): Conference | undefined {
    return this.loaded ?? this.conference;
  }

  private get targetId(): string {
    return this.conference?.id ?? this.conferenceId;
  }

  private get provider(): ConferenceProvider | undefined {
    const { state, provider } = this.sessionCtl.snapshot;
    return state === 'signed-in' ? provider : undefined;
  }

  /** Reads the conference, its invitees and participants again. */
  async refresh(): Promise<void> {
    await this.load(false);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.schedule();
    // A join button elsewhere on the page (a list row) may start this conference: follow it.
    document.addEventListener('tc-conference-update', this.onConferenceUpdate as EventListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('tc-conference-update', this.onConferenceUpdate as EventListener);
    this.abort?.abort();
    this.loadedFor = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.sessionCtl.resolve();
    const provider = this.provider;
    const key = { provider, id: this.targetId, given: this.conference };
    const prev = this.loadedFor;
    if (prev && prev.provider === key.provider && prev.id === key.id && prev.given === key.given) return;
    this.loadedFor = key;
    this.abort?.abort();
    const sameConference = prev?.id === key.id && prev.provider === key.provider;
    if (!sameConference) {
      this.loaded = undefined;
      this.invitees = EMPTY_SECTION;
      this.participants = EMPTY_SECTION;
      this.inviteText = '';
      this.inviteError = '';
      this.inviteStatus = '';
    } else {
      this.loaded = undefined; // a newer `conference` was given
    }
    this.loadError = undefined;
    this.refreshError = undefined;
    if (provider && key.id) void this.load(true);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('refreshInterval')) this.schedule();
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.isConnected || !(this.refreshInterval > 0)) return;
    this.timer = setInterval(() => {
      if (document.visibilityState !== 'hidden' && !this.loading && this.provider && this.targetId) void this.load(false);
    }, Math.max(1, this.refreshInterval) * 1000);
  }

  /**
   * Loads what is missing. `first`: the conference is new here, so show a loading state and
   * report failures loudly; otherwise keep what is shown and note a failure quietly.
   */
  private async load(first: boolean): Promise<void> {
    const provider = this.provider;
    const id = this.targetId;
    if (!provider || !id) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const signal = abort.signal;
    const needsGet = !first || !this.conference;
    if (first && needsGet) this.loading = true;
    try {
      if (needsGet) {
        const conference = await provider.get(id, { signal });
        if (signal.aborted) return;
        this.loaded = conference;
      }
      this.loadError = undefined;
      this.refreshError = undefined;
    } catch (thrown) {
      if (signal.aborted) return;
      const error = toTcError(thrown);
      if (error.kind === 'aborted') return;
      if (first || error.kind === 'not-found') {
        this.loaded = undefined;
        this.loadError = error;
        emitError(this, error);
      } else {
        this.refreshError = error;
      }
      return;
    } finally {
      if (this.abort === abort) this.loading = false;
    }
    await Promise.all([this.loadInvitees(provider, id, signal, first), this.loadParticipants(provider, id, signal, first)]);
  }

  private async loadInvitees(provider: ConferenceProvider, id: string, signal: AbortSignal, loud: boolean): Promise<void> {
    if (!provider.capabilities.invitations) return;
    try {
      const items = await provider.invitees(id, { signal });
      if (!signal.aborted && this.targetId === id) this.invitees = { items, error: undefined };
    } catch (thrown) {
      this.sectionFailed(thrown, id, signal, loud, (error) => (this.invitees = { items: this.invitees.items, error }));
    }
  }

  private async loadParticipants(provider: ConferenceProvider, id: string, signal: AbortSignal, loud: boolean): Promise<void> {
    if (!provider.capabilities.participants || this.current?.state !== 'live') {
      this.participants = EMPTY_SECTION;
      return;
    }
    try {
      const items = await provider.participants(id, { signal });
      if (!signal.aborted && this.targetId === id) this.participants = { items, error: undefined };
    } catch (thrown) {
      this.sectionFailed(thrown, id, signal, loud, (error) => (this.participants = { items: this.participants.items, error }));
    }
  }

  private sectionFailed(thrown: unknown, id: string, signal: AbortSignal, loud: boolean, show: (error: TcError) => void): void {
    if (signal.aborted || this.targetId !== id) return;
    const error = toTcError(thrown);
    if (error.kind === 'aborted') return;
    show(error);
    if (loud) emitError(this, error);
  }

  /** `<tc-join-button>` started the conference: show it live and load who is in it. */
  private readonly onConferenceUpdate = (event: CustomEvent<{ conference: Conference }>): void => {
    const conference = event.detail?.conference;
    if (!conference || conference.id !== this.targetId) return;
    this.loaded = conference;
    const provider = this.provider;
    if (provider) void this.loadParticipants(provider, conference.id, new AbortController().signal, false);
  };

  private async invite(event: Event): Promise<void> {
    event.preventDefault();
    const provider = this.provider;
    const conference = this.current;
    if (this.inviting || !provider || !conference) return;
    const ids = this.inviteText.split(/[\s,;]+/).filter(Boolean);
    this.inviteStatus = '';
    if (ids.length === 0) {
      this.inviteError = msg('Enter a user id or email.');
      await this.focusInvite();
      return;
    }
    const people: Invitee[] = ids.map((id) => ({ id }));
    this.inviting = true;
    this.inviteError = '';
    try {
      await provider.invite(conference.id, people);
      this.inviteText = '';
      const names = ids.join(', ');
      this.inviteStatus = msg(str`Invited ${names}.`);
      emit<InviteDetail>(this, 'tc-invite', { conference, people });
      void this.loadParticipants(provider, conference.id, new AbortController().signal, false);
    } catch (thrown) {
      const error = toTcError(thrown);
      if (error.kind === 'aborted') return;
      this.inviteError = Object.values(error.fields)[0] ?? (error.kind === 'validation' || error.kind === 'conflict' ? error.message : errorHeadline(error));
      emitError(this, error);
      await this.focusInvite();
    } finally {
      this.inviting = false;
    }
  }

  private async focusInvite(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#invite')?.focus();
  }

  // ---- rendering -------------------------------------------------------------------------------

  protected override render() {
    const { state } = this.sessionCtl.snapshot;
    const conference = this.current;
    if (state === 'signed-out') return html`<p part="notice">${msg('Sign in to see this conference.')}</p>`;
    if (!this.targetId) return html`<p part="notice">${msg('No conference selected.')}</p>`;
    if (this.loadError?.kind === 'not-found') {
      return html`<p part="not-found" role="status">${msg('This conference does not exist or was deleted.')}</p>`;
    }
    if (this.loadError) {
      return html`<div part="error" role="alert">
        <p>${errorHeadline(this.loadError)}</p>
        <button part="retry" class="secondary" type="button" @click=${() => this.load(true)}>${msg('Try again')}</button>
      </div>`;
    }
    if (!conference || state !== 'signed-in') {
      return html`<p part=${state === 'signed-in' ? 'loading' : 'notice'} role="status">${msg('Loading…')}</p>`;
    }
    return this.renderConference(conference);
  }

  private renderConference(c: Conference) {
    const lang = elementLang(this);
    const when = c.schedule.kind === 'none' ? msg('Any time (permanent room)') : scheduleText(c.schedule, lang);
    const ownZone = scheduleInOwnZone(c.schedule, lang);
    const mode = c.mode === 'default' ? undefined : modeLabel(c.mode);
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    return html`<article part="base" aria-busy=${this.loading ? 'true' : 'false'}>
      <header part="header">
        <div part="title" role="heading" aria-level=${level}>${c.title}</div>
        <span part="state state-${c.state}">${stateLabel(c)}</span>
      </header>
      ${this.refreshError
        ? html`<p part="error" class="quiet">${msg('Could not refresh:')} ${errorHeadline(this.refreshError)}
            <button part="retry" class="secondary" type="button" @click=${() => this.load(false)}>${msg('Try again')}</button></p>`
        : nothing}
      <dl part="facts">
        <div><dt>${msg('When')}</dt><dd part="schedule" title=${ownZone ?? nothing}>${when}${ownZone ? html`<span class="zone">${ownZone}</span>` : nothing}</dd></div>
        ${c.owner ? html`<div><dt>${msg('Owner')}</dt><dd part="owner">${personLabel(c.owner, this.sessionCtl.snapshot.user?.id)}</dd></div>` : nothing}
        ${mode ? html`<div><dt>${msg('Mode')}</dt><dd part="mode">${mode}</dd></div>` : nothing}
      </dl>
      ${c.description ? html`<p part="description">${c.description}</p>` : nothing}
      <tc-join-button part="join" .conference=${c} session=${this.session || nothing}
        @tc-conference-update=${this.onConferenceUpdate}></tc-join-button>
      ${this.renderInvitees(c)} ${this.renderParticipants(c)} ${this.renderInvite(c)}
    </article>`;
  }

  private renderSectionError(error: TcError | undefined, what: string) {
    if (!error) return nothing;
    return html`<p part="error" class="quiet">${what} ${errorHeadline(error)}
      <button part="retry" class="secondary" type="button" @click=${() => this.load(false)}>${msg('Try again')}</button></p>`;
  }

  private renderInvitees(c: Conference) {
    const list = this.invitees.items ?? c.invitees;
    const me = this.sessionCtl.snapshot.user?.id;
    return html`<section part="section" aria-labelledby="invitees-title">
      <h3 part="section-title" id="invitees-title">${msg(str`Invited (${list.length})`)}</h3>
      ${this.renderSectionError(this.invitees.error, msg('Could not load the invitees.'))}
      ${list.length === 0
        ? html`<p part="empty">${msg('No one is invited.')}</p>`
        : html`<ul part="invitees">
            ${list.map((p) => html`<li part="invitee">${personLabel(p, me)}${p.isModerator ? html` <span part="role">${msg('Moderator')}</span>` : nothing}</li>`)}
          </ul>`}
    </section>`;
  }

  private renderParticipants(c: Conference) {
    if (c.state !== 'live' || !this.provider?.capabilities.participants) return nothing;
    const list = this.participants.items;
    const me = this.sessionCtl.snapshot.user?.id;
    return html`<section part="section" aria-labelledby="participants-title">
      <h3 part="section-title" id="participants-title">${list ? msg(str`In the conference now (${list.length})`) : msg('In the conference now')}</h3>
      ${this.renderSectionError(this.participants.error, msg('Could not load the participants.'))}
      ${list === undefined
        ? this.participants.error ? nothing : html`<p part="loading" role="status">${msg('Loading…')}</p>`
        : list.length === 0
          ? html`<p part="empty">${msg('No one has joined yet.')}</p>`
          : html`<ul part="participants">
              ${list.map((p) => {
                const role = roleLabel(p.role);
                return html`<li part="participant">${personLabel(p, me)}${role ? html` <span part="role">${role}</span>` : nothing}</li>`;
              })}
            </ul>`}
    </section>`;
  }

  private renderInvite(c: Conference) {
    if (c.state !== 'live' || !this.provider?.capabilities.inviteIntoLive || !c.capabilities.canInvite) return nothing;
    return html`<form part="invite-form" novalidate @submit=${this.invite}>
      <label part="invite-label" for="invite">${msg('Invite into the conference')}</label>
      <div class="row">
        <input part="invite-input" id="invite" type="text" autocomplete="off" spellcheck="false"
          placeholder=${msg('User id or email')} .value=${this.inviteText} ?readonly=${this.inviting}
          aria-invalid=${this.inviteError ? 'true' : nothing} aria-describedby=${this.inviteError ? 'invite-error' : nothing}
          @input=${(e: InputEvent) => {
            this.inviteText = (e.target as HTMLInputElement).value;
            this.inviteError = '';
            this.inviteStatus = '';
          }} />
        <button part="invite-button" type="submit" ?disabled=${this.inviting}>${this.inviting ? msg('Inviting…') : msg('Invite')}</button>
      </div>
      ${this.inviteError ? html`<div part="field-error" id="invite-error">${this.inviteError}</div>` : nothing}
      <div part="status" role="status">${this.inviteStatus}</div>
    </form>`;
  }
}
