import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { localized } from '../../i18n/localization.js';
import { TcError, type Conference, type ConferenceDraft, type ConferenceMode, type ScheduleKind, type Weekday } from '../../model/index.js';
import type { ProviderCapabilities } from '../../providers/types.js';
import { emit, emitError } from '../../internal/events.js';
import { SessionController } from '../shared/session-controller.js';
import { unavailable } from '../shared/session-context.js';
import { elementLang } from '../shared/locale.js';
import { modeLabel } from '../shared/mode-label.js';
import { errorHeadline, toTcError } from '../shared/error-text.js';
import {
  MAX_DURATION_MINUTES,
  emptyForm,
  fieldForPath,
  parseInvitees,
  toDraft,
  validate,
  withInvitees,
  type FieldErrors,
  type FieldKey,
  type MeetingForm,
} from './meeting-form.js';
import { timeZoneList } from './zoned-time.js';
import styles from './create-meeting.styles.js';

/** Detail of `tc-meeting-create-request`. */
export interface MeetingCreateRequestDetail {
  draft: ConferenceDraft;
}

/** Detail of `tc-meeting-created`. */
export interface MeetingCreatedDetail {
  conference: Conference;
}

const kindLabel = (kind: ScheduleKind): string =>
  ({ none: msg('No schedule (permanent room)'), once: msg('Once'), weekly: msg('Weekly') })[kind];

/** Where focus goes to show a field's problem. */
const FOCUS_TARGET: Record<FieldKey, string> = {
  title: '#title',
  description: '#description',
  mode: '#mode',
  kind: 'input[name="kind"]:checked',
  start: '#date',
  duration: '#duration',
  timeZone: '#time-zone',
  days: 'input[name="day"]',
  invitees: '#invitee',
  maxParticipants: '#max-participants',
  allowGuests: '#allow-guests',
};

const INVALID_INVITEE = () => msg('Enter user ids or email addresses, separated by spaces or commas.');

const FIELD_ORDER = Object.keys(FOCUS_TARGET) as FieldKey[];

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID exists only in secure contexts; an intranet page on plain http still gets 128 random bits.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `Intl.Locale` week data (Chromium: `getWeekInfo()`, older engines: `weekInfo`). */
interface WeekInfoSource {
  getWeekInfo?: () => { firstDay: number };
  weekInfo?: { firstDay: number };
}


/**
 * @tagname tc-create-meeting
 * @summary A form that creates (or schedules) one meeting: topic, mode, schedule, invitees, limits.
 *
 * @description Shows only what the signed-in vendor supports (`provider.capabilities`): the modes
 * (TrueConf: all on screen, lecture, role-based, smart meeting), the schedule kinds (none / once /
 * weekly), invitations, a participant limit and guest access. Date and time are entered as wall-clock
 * time in the chosen time zone (default: the viewer's, or the `time-zone` attribute) and sent as a UTC
 * instant; for weekly meetings `schedule.start` is the first occurrence and `schedule.days` are
 * weekdays in that zone.
 *
 * Problems are shown on the fields (`aria-invalid`, `aria-describedby`): the form's own checks first,
 * then the server's per-field messages (`TcError.fields`, keyed by model path such as `title` or
 * `schedule.start`), keeping what the person typed. Other failures appear in the `error` part, with
 * a retry button when trying again can help.
 *
 * One submit creates exactly one meeting: the button is disabled while a request runs, and every
 * attempt for the same draft carries the same idempotency key (`CreateOptions.idempotencyKey`), so a
 * retry after a lost response returns the meeting created the first time. A new key is made after a
 * success or when the person edits the form.
 *
 * Text typed into the invitee box but not yet added is added on submit. Enter in the invitee box adds,
 * Backspace in the empty box removes the last person.
 *
 * @fires {CustomEvent<MeetingCreateRequestDetail>} tc-meeting-create-request - Before the meeting is
 * sent. Cancelable: `preventDefault()` stops it. `detail.draft` is the object that will be sent; the
 * page may change it in place (e.g. add a description).
 * @fires {CustomEvent<MeetingCreatedDetail>} tc-meeting-created - The meeting was created; the form
 * has been reset.
 * @fires {CustomEvent<{ error: TcError }>} tc-error - Creating failed (the form's own checks do not fire it).
 *
 * @csspart form - The `<form>`.
 * @csspart field - The wrapper of one field (label, control, message).
 * @csspart label - A field's label or legend.
 * @csspart input - Every text, number, date, time and select control.
 * @csspart title - The topic input.
 * @csspart description - The description textarea.
 * @csspart mode - The mode select.
 * @csspart schedule - The fieldset with the schedule kinds.
 * @csspart schedule-option - One schedule kind (label with radio).
 * @csspart date - The date input.
 * @csspart time - The time input.
 * @csspart duration - The duration input (minutes).
 * @csspart time-zone - The time-zone select.
 * @csspart days - The fieldset with weekday checkboxes (weekly).
 * @csspart day - One weekday (label with checkbox).
 * @csspart invitee-input - The box where people are typed.
 * @csspart add-invitee - The "Add" button.
 * @csspart invitees - The list of people added.
 * @csspart invitee - One person (chip).
 * @csspart remove-invitee - A chip's remove button.
 * @csspart max-participants - The participant limit input.
 * @csspart allow-guests - The guest access checkbox's label.
 * @csspart field-error - A field's message.
 * @csspart hint - Help text under a field.
 * @csspart error - Problems that belong to no field (network, server, permissions).
 * @csspart retry - The "Try again" button in the `error` part.
 * @csspart actions - The row with the submit button.
 * @csspart button - Every button.
 * @csspart submit - The "Create meeting" button.
 * @csspart status - Announces success ("Meeting … created").
 * @csspart notice - Shown instead of the form while loading or signed out.
 *
 * @cssprop --tc-font - Font shorthand.
 * @cssprop --tc-color-text - Text colour.
 * @cssprop --tc-color-muted - Hints and notices.
 * @cssprop --tc-color-surface - Background of controls.
 * @cssprop --tc-color-surface-alt - Invitee chips and disabled buttons.
 * @cssprop --tc-color-border - Control borders.
 * @cssprop --tc-color-accent - Buttons and checked controls.
 * @cssprop --tc-color-accent-text - Text on buttons.
 * @cssprop --tc-color-danger - Error text and invalid borders.
 * @cssprop --tc-color-danger-surface - Background of the `error` part.
 * @cssprop --tc-focus-ring - Focus outline (an `outline` value).
 * @cssprop --tc-radius - Corner radius.
 * @cssprop --tc-gap - Space between fields.
 */
@localized()
export class TcCreateMeeting extends LitElement {
  static override styles = styles;

  /** Id of the `<tc-session>` to use; default: the enclosing one, or the only one on the page. */
  @property({ reflect: true }) session = '';

  /** IANA time zone preselected for new meetings; default: the viewer's. */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /** True while the create request runs. */
  @state() submitting = false;

  @state() private form: MeetingForm = emptyForm(undefined);
  @state() private errors: FieldErrors = {};
  @state() private generalError: TcError | undefined;
  /** Server field messages that match no field: shown in the `error` part. */
  @state() private otherFieldMessages: string[] = [];
  @state() private status = '';

  private readonly sessionCtl = new SessionController(this);
  private idempotencyKey: string | undefined;
  /** The capabilities (as JSON) the form's defaults were made for. */
  private formFor: string | undefined;
  private zones: string[] | undefined;

  private get capabilities(): ProviderCapabilities | undefined {
    const { state, provider } = this.sessionCtl.snapshot;
    return state === 'signed-in' ? provider?.capabilities : undefined;
  }

  /**
   * Validates and creates the meeting, as the submit button does. Resolves to the conference, or
   * undefined when it was not created (invalid, cancelled, failed, or a request already running).
   */
  async submit(): Promise<Conference | undefined> {
    // Checked before any await: a second click in the same task must not start a second request.
    if (this.submitting) return undefined;
    const provider = this.sessionCtl.snapshot.provider;
    const capabilities = this.capabilities;
    if (!provider || !capabilities) return undefined;

    this.status = '';
    this.commitPending();
    const errors = validate(this.form, capabilities);
    this.errors = errors;
    this.otherFieldMessages = [];
    if (Object.keys(errors).length > 0) {
      this.generalError = undefined;
      await this.focusFirstInvalid();
      return undefined;
    }
    if (navigator.onLine === false) {
      this.showFailure(new TcError({ kind: 'network', message: 'The browser is offline.' }));
      return undefined;
    }

    const draft = toDraft(this.form, capabilities);
    if (!emit<MeetingCreateRequestDetail>(this, 'tc-meeting-create-request', { draft }, { cancelable: true })) return undefined;

    this.idempotencyKey ??= newIdempotencyKey();
    this.submitting = true;
    this.generalError = undefined;
    try {
      const conference = await provider.create(draft, { idempotencyKey: this.idempotencyKey });
      this.resetForm();
      this.status = msg(str`Meeting “${conference.title}” created.`);
      emit<MeetingCreatedDetail>(this, 'tc-meeting-created', { conference });
      return conference;
    } catch (caught) {
      this.showFailure(toTcError(caught));
      return undefined;
    } finally {
      this.submitting = false;
    }
  }

  /** Clears the form back to its defaults (keeping the chosen time zone). */
  reset(): void {
    this.resetForm();
    this.status = '';
  }

  private resetForm(): void {
    this.form = emptyForm(this.capabilities, this.form.timeZone);
    this.errors = {};
    this.generalError = undefined;
    this.otherFieldMessages = [];
    this.idempotencyKey = undefined;
  }

  private showFailure(error: TcError): void {
    if (error.kind === 'aborted') return;
    const fieldErrors: FieldErrors = {};
    const other: string[] = [];
    for (const [path, message] of Object.entries(error.fields)) {
      const key = fieldForPath(path);
      if (key && !fieldErrors[key]) fieldErrors[key] = message;
      else other.push(message);
    }
    this.errors = fieldErrors;
    this.otherFieldMessages = other;
    this.generalError = Object.keys(fieldErrors).length > 0 && other.length === 0 ? undefined : error;
    emitError(this, error);
    if (Object.keys(fieldErrors).length > 0) void this.focusFirstInvalid();
    else void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="error"]')?.focus());
  }

  private async focusFirstInvalid(): Promise<void> {
    await this.updateComplete;
    const key = FIELD_ORDER.find((k) => this.errors[k]);
    if (key) this.renderRoot.querySelector<HTMLElement>(FOCUS_TARGET[key])?.focus();
  }

  /** A person changed something: the draft is new, so is its idempotency key. */
  private edit(patch: Partial<MeetingForm>, clears: FieldKey[] = []): void {
    this.form = { ...this.form, ...patch };
    this.idempotencyKey = undefined;
    this.status = '';
    if (clears.some((k) => this.errors[k])) {
      const errors = { ...this.errors };
      for (const k of clears) delete errors[k];
      this.errors = errors;
    }
  }

  private commitPending(): boolean {
    const { ids, bad } = parseInvitees(this.form.pending);
    if (ids.length === 0 && bad.length === 0) return false;
    // Keeps entries that cannot be ids in the box, so the person sees what to fix.
    this.form = { ...this.form, invitees: withInvitees(this.form.invitees, ids), pending: bad.join(' ') };
    return true;
  }

  private addInvitees(): void {
    if (!this.form.pending.trim()) return;
    this.idempotencyKey = undefined;
    this.commitPending();
    const { invitees: _, ...errors } = this.errors;
    this.errors = parseInvitees(this.form.pending).bad.length > 0 ? { ...errors, invitees: INVALID_INVITEE() } : errors;
  }

  private removeInvitee(index: number): void {
    this.edit({ invitees: this.form.invitees.filter((_, i) => i !== index) }, ['invitees']);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#invitee')?.focus());
  }

  private onInviteeKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault(); // adds the person instead of submitting the form
      this.addInvitees();
    } else if (event.key === 'Backspace' && !this.form.pending && this.form.invitees.length > 0) {
      this.edit({ invitees: this.form.invitees.slice(0, -1) }, ['invitees']);
    }
  }

  private toggleDay(day: Weekday, on: boolean): void {
    const days = on ? [...new Set([...this.form.days, day])] : this.form.days.filter((d) => d !== day);
    this.edit({ days }, ['days', 'start']);
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    void this.submit();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onConnectivity);
    window.addEventListener('offline', this.onConnectivity);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onConnectivity);
    window.removeEventListener('offline', this.onConnectivity);
  }

  /** The offline message depends on `navigator.onLine`: keep it current. */
  private readonly onConnectivity = () => this.requestUpdate();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.sessionCtl.resolve();
    // Another vendor (or the first sign-in) changes what the form offers: start from its defaults.
    const capabilities = this.capabilities;
    const signature = capabilities ? JSON.stringify(capabilities) : undefined;
    if (signature && signature !== this.formFor) {
      this.form = emptyForm(capabilities, this.formFor ? this.form.timeZone : this.timeZone || undefined);
      this.formFor = signature;
    } else if (changed.has('timeZone') && this.timeZone) {
      this.form = { ...this.form, timeZone: emptyForm(capabilities, this.timeZone).timeZone };
    }
  }

  // ---- rendering -------------------------------------------------------------------------------

  private describedBy(key: FieldKey, hint?: string): string | typeof nothing {
    const ids = [this.errors[key] ? `${key}-error` : '', hint ?? ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  private invalid(key: FieldKey): 'true' | typeof nothing {
    return this.errors[key] ? 'true' : nothing;
  }

  private fieldError(key: FieldKey): TemplateResult | typeof nothing {
    const message = this.errors[key];
    return message ? html`<div part="field-error" id="${key}-error">${message}</div>` : nothing;
  }

  protected override render() {
    const { state } = this.sessionCtl.snapshot;
    const capabilities = this.capabilities;
    if (state === 'signed-out') return html`<p part="notice">${msg('Sign in to create a meeting.')}</p>`;
    if (unavailable(this.sessionCtl.snapshot)) return html`<p part="notice">${msg('Creating meetings on this service is not available yet.')}</p>`;
    if (!capabilities) return html`<p part="notice" role="status">${msg('Loading…')}</p>`;
    const f = this.form;
    return html`
      <form part="form" novalidate aria-busy=${this.submitting ? 'true' : 'false'} @submit=${this.onSubmit}>
        <fieldset class="plain" ?disabled=${this.submitting}>
          <div part="field">
            <label part="label" for="title">${msg('Topic')}</label>
            <input part="input title" id="title" name="title" type="text" autocomplete="off" required
              aria-required="true" aria-invalid=${this.invalid('title')} aria-describedby=${this.describedBy('title')}
              .value=${f.title} @input=${(e: InputEvent) => this.edit({ title: (e.target as HTMLInputElement).value }, ['title'])} />
            ${this.fieldError('title')}
          </div>
          <div part="field">
            <label part="label" for="description">${msg('Description (optional)')}</label>
            <textarea part="input description" id="description" rows="2" aria-invalid=${this.invalid('description')}
              aria-describedby=${this.describedBy('description')} .value=${f.description}
              @input=${(e: InputEvent) => this.edit({ description: (e.target as HTMLTextAreaElement).value }, ['description'])}></textarea>
            ${this.fieldError('description')}
          </div>
          ${capabilities.modes.length > 1 ? this.renderMode(capabilities) : nothing}
          ${this.renderSchedule(capabilities)}
          ${capabilities.invitations ? this.renderInvitees() : nothing}
          ${capabilities.maxParticipants ? this.renderMaxParticipants() : nothing}
          ${capabilities.guests ? this.renderGuests() : nothing}
        </fieldset>
        ${this.renderGeneralError()}
        <div part="actions">
          <button part="button submit" type="submit" ?disabled=${this.submitting}>
            ${this.submitting ? msg('Creating…') : msg('Create meeting')}
          </button>
        </div>
        <div part="status" role="status">${this.status}</div>
      </form>
    `;
  }

  private renderMode(capabilities: ProviderCapabilities) {
    return html`<div part="field">
      <label part="label" for="mode">${msg('Mode')}</label>
      <select part="input mode" id="mode" aria-invalid=${this.invalid('mode')} aria-describedby=${this.describedBy('mode')}
        @change=${(e: Event) => this.edit({ mode: (e.target as HTMLSelectElement).value as ConferenceMode }, ['mode'])}>
        ${capabilities.modes.map((m) => html`<option value=${m} ?selected=${m === this.form.mode}>${modeLabel(m)}</option>`)}
      </select>
      ${this.fieldError('mode')}
    </div>`;
  }

  private renderSchedule(capabilities: ProviderCapabilities) {
    const f = this.form;
    const kinds = capabilities.schedules;
    return html`
      ${kinds.length > 1
        ? html`<fieldset part="schedule" aria-describedby=${this.describedBy('kind')}>
            <legend part="label">${msg('Schedule')}</legend>
            ${kinds.map(
              (k) => html`<label part="schedule-option"><input type="radio" name="kind" value=${k} .checked=${f.kind === k}
                  @change=${() => this.edit({ kind: k }, ['kind', 'start', 'days'])} />${kindLabel(k)}</label>`,
            )}
            ${this.fieldError('kind')}
          </fieldset>`
        : nothing}
      ${f.kind === 'none' ? nothing : this.renderWhen()}
    `;
  }

  private renderWhen() {
    const f = this.form;
    this.zones ??= timeZoneList();
    const startInvalid = this.invalid('start');
    const startDescribed = this.describedBy('start');
    return html`
      <div class="row">
        <div part="field">
          <label part="label" for="date">${f.kind === 'weekly' ? msg('Starting on') : msg('Date')}</label>
          <input part="input date" id="date" type="date" required aria-invalid=${startInvalid} aria-describedby=${startDescribed}
            .value=${f.date} @input=${(e: InputEvent) => this.edit({ date: (e.target as HTMLInputElement).value }, ['start'])} />
        </div>
        <div part="field">
          <label part="label" for="time">${msg('Time')}</label>
          <input part="input time" id="time" type="time" required aria-invalid=${startInvalid} aria-describedby=${startDescribed}
            .value=${f.time} @input=${(e: InputEvent) => this.edit({ time: (e.target as HTMLInputElement).value }, ['start'])} />
        </div>
        <div part="field">
          <label part="label" for="duration">${msg('Duration (minutes)')}</label>
          <input part="input duration" id="duration" type="number" inputmode="numeric" min="1" max=${MAX_DURATION_MINUTES} step="1" required
            aria-invalid=${this.invalid('duration')} aria-describedby=${this.describedBy('duration')} .value=${f.duration}
            @input=${(e: InputEvent) => this.edit({ duration: (e.target as HTMLInputElement).value }, ['duration'])} />
        </div>
      </div>
      ${this.fieldError('start')}${this.fieldError('duration')}
      <div part="field">
        <label part="label" for="time-zone">${msg('Time zone')}</label>
        <select part="input time-zone" id="time-zone" aria-invalid=${this.invalid('timeZone')} aria-describedby=${this.describedBy('timeZone')}
          @change=${(e: Event) => this.edit({ timeZone: (e.target as HTMLSelectElement).value }, ['timeZone', 'start'])}>
          ${this.zones.map((z) => html`<option value=${z} ?selected=${z === f.timeZone}>${z.replaceAll('_', ' ')}</option>`)}
        </select>
        ${this.fieldError('timeZone')}
      </div>
      ${f.kind === 'weekly' ? this.renderDays() : nothing}
    `;
  }

  private renderDays() {
    const locale = elementLang(this);
    const names = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    let first = 1; // Monday, unless the locale says otherwise
    try {
      const loc = new Intl.Locale(locale) as Intl.Locale & WeekInfoSource;
      const info = loc.getWeekInfo?.() ?? loc.weekInfo;
      if (info) first = info.firstDay % 7;
    } catch {
      /* an unparsable lang attribute: keep Monday */
    }
    const order = Array.from({ length: 7 }, (_, i) => ((first + i) % 7) as Weekday);
    // 2023-01-01 was a Sunday: day d is 2023-01-0(1+d).
    const label = (d: Weekday) => names.format(Date.UTC(2023, 0, 1 + d));
    return html`<fieldset part="field days" aria-describedby=${this.describedBy('days')}>
      <legend part="label">${msg('Repeat on')}</legend>
      ${order.map(
        (d) => html`<label part="day"><input type="checkbox" name="day" value=${d} .checked=${this.form.days.includes(d)}
            aria-invalid=${this.invalid('days')} @change=${(e: Event) => this.toggleDay(d, (e.target as HTMLInputElement).checked)} />${label(d)}</label>`,
      )}
      ${this.fieldError('days')}
    </fieldset>`;
  }

  private renderInvitees() {
    const f = this.form;
    return html`<div part="field">
      <label part="label" for="invitee">${msg('Invite people')}</label>
      <div class="row">
        <input part="input invitee-input" id="invitee" type="text" autocomplete="off" spellcheck="false"
          aria-invalid=${this.invalid('invitees')} aria-describedby=${this.describedBy('invitees', 'invitee-hint')}
          .value=${f.pending}
          @input=${(e: InputEvent) => this.edit({ pending: (e.target as HTMLInputElement).value }, ['invitees'])}
          @keydown=${this.onInviteeKeydown} />
        <button part="button add-invitee" class="secondary" type="button" @click=${() => this.addInvitees()}>${msg('Add')}</button>
      </div>
      <div part="hint" id="invitee-hint">${msg('User id or email; press Enter to add.')}</div>
      ${this.fieldError('invitees')}
      ${f.invitees.length > 0
        ? html`<ul part="invitees" aria-label=${msg('Invited people')}>
            ${f.invitees.map(
              (p, i) => html`<li part="invitee"><span>${p.displayName ?? p.id}</span><button part="button remove-invitee" type="button"
                  aria-label=${msg(str`Remove ${p.displayName ?? p.id}`)} @click=${() => this.removeInvitee(i)}>×</button></li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }

  private renderMaxParticipants() {
    return html`<div part="field">
      <label part="label" for="max-participants">${msg('Maximum participants (optional)')}</label>
      <input part="input max-participants" id="max-participants" type="number" inputmode="numeric" min="1" step="1"
        aria-invalid=${this.invalid('maxParticipants')} aria-describedby=${this.describedBy('maxParticipants')}
        .value=${this.form.maxParticipants}
        @input=${(e: InputEvent) => this.edit({ maxParticipants: (e.target as HTMLInputElement).value }, ['maxParticipants'])} />
      ${this.fieldError('maxParticipants')}
    </div>`;
  }

  private renderGuests() {
    return html`<div part="field">
      <label part="allow-guests" class="check"><input id="allow-guests" type="checkbox" .checked=${this.form.allowGuests}
          aria-invalid=${this.invalid('allowGuests')} aria-describedby=${this.describedBy('allowGuests')}
          @change=${(e: Event) => this.edit({ allowGuests: (e.target as HTMLInputElement).checked }, ['allowGuests'])} />${msg('Allow guests (people without an account)')}</label>
      ${this.fieldError('allowGuests')}
    </div>`;
  }

  private renderGeneralError() {
    const error = this.generalError;
    if (!error && this.otherFieldMessages.length === 0) return nothing;
    return html`<div part="error" role="alert" tabindex="-1">
      ${error ? html`<p>${this.describeError(error)}</p>` : nothing}
      ${this.otherFieldMessages.length > 0 ? html`<ul>${this.otherFieldMessages.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}
      ${error?.retryable ? html`<button part="button retry" class="secondary" type="button" ?disabled=${this.submitting} @click=${() => this.submit()}>${msg('Try again')}</button>` : nothing}
    </div>`;
  }

  /** A sentence for the person, by kind; the server's own text only where it is the specific reason. */
  private describeError(error: TcError): string {
    if (error.kind === 'network' && navigator.onLine === false) {
      return msg('You are offline. Connect to the network, then try again.');
    }
    if ((error.status ?? 0) >= 500 || error.kind === 'server' || error.kind === 'protocol') {
      return msg('The server had a problem, so the meeting may not have been created. Try again: it will not be created twice.');
    }
    switch (error.kind) {
      case 'network':
        return msg('Could not reach the server. Check your connection, then try again.');
      case 'timeout':
        return msg('The server did not answer in time. Try again: the meeting will not be created twice.');
      case 'rate-limited': {
        const seconds = error.retryAfter;
        return seconds ? msg(str`Too many requests. Try again in ${seconds} seconds.`) : msg('Too many requests. Try again in a moment.');
      }
      case 'auth':
        return msg('Your sign-in has expired. Sign in again, then create the meeting.');
      case 'forbidden':
        return msg('You are not allowed to create meetings.');
      case 'validation':
        return this.otherFieldMessages.length > 0 ? msg('The server did not accept the meeting:') : error.message || errorHeadline(error);
      default:
        return errorHeadline(error);
    }
  }
}
