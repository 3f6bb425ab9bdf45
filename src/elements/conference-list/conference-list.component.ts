import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { localize } from '../../i18n/localization.js';
import type { Conference, ConferenceFilter } from '../../model/conference.js';
import type { TcError } from '../../model/error.js';
import type { ConferenceProvider } from '../../providers/types.js';
import { emit, emitError } from '../../internal/events.js';
import { SessionController } from '../shared/session-controller.js';
import { unavailable } from '../shared/session-context.js';
import { personLabel } from '../shared/people.js';
import { errorHeadline, toTcError } from '../shared/error-text.js';
import { elementLang } from '../shared/locale.js';
import { scheduleInOwnZone, scheduleText } from '../shared/schedule-format.js';
import type { ConferenceDetail, JoinTarget } from '../join-button/join-button.component.js';
import { rowWindow } from './row-window.js';
import styles from './conference-list.styles.js';

/**
 * Chooses between an English singular and plural message. Each has its own id: the singular one
 * only ever says 1, and translations word the plural one so it reads right for any count
 * (Russian "Конференций: 21.").
 */
const englishPlural = new Intl.PluralRules('en');

export interface ConferenceSelectDetail {
  conference: Conference;
}

export interface ConferencesLoadDetail {
  conferences: readonly Conference[];
  /** Whether "Load more" can fetch another page. */
  hasMore: boolean;
  /** Total count when the vendor reports one. */
  total: number | undefined;
}

type BadgeKind = 'live' | 'scheduled' | 'room' | 'ended';

const FILTERS: readonly ConferenceFilter[] = ['upcoming', 'running', 'all'];
/** Longer lists render only the rows in view. */
const VIRTUALIZE_AFTER = 200;
const DEFAULT_PAGE_SIZE = 50;

type LoadMode = 'reset' | 'more' | 'refresh';

function badgeKind(conference: Conference): BadgeKind {
  if (conference.state === 'live') return 'live';
  if (conference.state === 'ended') return 'ended';
  return conference.state === 'scheduled' || conference.schedule.kind !== 'none' ? 'scheduled' : 'room';
}

/**
 * @tagname tc-conference-list
 * @summary The signed-in person's conferences: topic, state, schedule in the viewer's time zone and
 * language, owner and a join button per row.
 *
 * @description Loads when its session signs in and clears when it signs out. Pages come from the
 * provider (`page-size` per request) with a "Load more" button; lists longer than 200 rows render
 * only the rows in view (virtualised), so 10,000 conferences stay fast. Dates use the nearest
 * `lang` attribute (the element's, a container's or `<html lang>`), falling back to the browser's
 * language, and the viewer's own time zone; when the meeting was planned in another zone, the
 * schedule's tooltip shows it in that zone too.
 *
 * Keyboard: Tab reaches the current row; Up/Down, Home/End move between rows; Enter or Space
 * selects the row (as does a click). Each row's join button is reachable with Tab.
 *
 * `refresh-interval` re-reads the list every N seconds (at least 1) while the tab is visible; a
 * refresh due while the tab is hidden runs when it becomes visible again. A refresh keeps the
 * rows on screen and reloads as many pages as were shown.
 *
 * @fires {CustomEvent<ConferenceSelectDetail>} tc-conference-select - A row was chosen (click, Enter or Space).
 * @fires {CustomEvent<ConferencesLoadDetail>} tc-conferences-load - A page was loaded or the list was refreshed.
 * @fires {CustomEvent<{ error: TcError }>} tc-error - Loading failed (the error is also shown with a Retry button).
 *
 * @csspart base - The wrapper around everything.
 * @csspart list - The list of rows.
 * @csspart row - One conference; the chosen one also has `row-selected`.
 * @csspart topic - The conference topic (always plain text).
 * @csspart badge - The state badge; also `badge-live`, `badge-scheduled`, `badge-room` or `badge-ended`.
 * @csspart schedule - When it takes place, in the viewer's zone.
 * @csspart owner - Who owns it.
 * @csspart join - The row's `<tc-join-button>`.
 * @csspart join-button - The join button's main button (its `button` part, exported).
 * @csspart join-reason - Why a row's join button is disabled (its `reason` part, exported).
 * @csspart skeleton - The placeholder rows shown while loading.
 * @csspart empty - The message shown when there are no conferences.
 * @csspart signed-out - The message shown while signed out.
 * @csspart error - A loading failure, with `retry`.
 * @csspart retry - The "Retry" button.
 * @csspart load-more - The "Load more" button.
 *
 * @cssprop --tc-color-surface - Row background.
 * @cssprop --tc-color-surface-alt - Selected row and skeleton background.
 * @cssprop --tc-color-border - Row separators.
 * @cssprop --tc-color-text - Text colour.
 * @cssprop --tc-color-muted - Schedule and owner text.
 * @cssprop --tc-color-accent - Buttons and the scheduled badge.
 * @cssprop --tc-color-live - The live badge.
 * @cssprop --tc-color-danger - Error text.
 * @cssprop --tc-color-danger-surface - Error background.
 * @cssprop --tc-focus-ring - Focus outline of rows and buttons.
 * @cssprop --tc-radius - Corner radius.
 * @cssprop --tc-gap - Space between parts.
 * @cssprop --tc-font - Font shorthand.
 * @cssprop --tc-list-max-height - Height after which the list scrolls inside itself (default: none).
 */
export class TcConferenceList extends LitElement {
  static override styles = styles;

  /** Id of the `<tc-session>` to use when this element is not inside it. */
  @property({ reflect: true }) session = '';

  /** Which conferences: `upcoming`, `running` or `all` (default). */
  @property({ reflect: true }) filter: ConferenceFilter = 'all';

  /** Conferences per request. */
  @property({ attribute: 'page-size', type: Number }) pageSize = DEFAULT_PAGE_SIZE;

  /** Seconds between automatic refreshes; 0 (default) turns them off. */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval = 0;

  /** Passed to every row's join button: `_blank` (default) or `_self`. */
  @property({ attribute: 'join-target' }) joinTarget: JoinTarget = '_blank';

  /** Passed to every row's join button: id of a Telphin `<tc-session>` for "Call my phone". */
  @property({ attribute: 'phone-session' }) phoneSession = '';

  @state() private status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  @state() private items: Conference[] = [];
  @state() private next: string | undefined;
  @state() private total: number | undefined;
  @state() private error: TcError | undefined;
  /** A failed "Load more" or refresh while rows are shown: the rows stay. */
  @state() private pageError: TcError | undefined;
  @state() private loadingMore = false;
  @state() private refreshing = false;
  @state() private selectedId: string | undefined;
  @state() private activeIndex = 0;
  @state() private announcement = '';
  /** The list's scroll position, for long (windowed) lists. */
  @state() private scrolled = 0;

  private readonly sessionCtl = new SessionController(this);
  private provider: ConferenceProvider | undefined;
  private pages = 0;
  private abort: AbortController | undefined;
  private pageRetry: LoadMode = 'more';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshDue = false;
  /** Measured once a long list rendered, and again when it is resized: the scroller's height and the rows' average. */
  private viewport = 600;
  private rowHeight = 48;
  private measured = false;
  private observed: Element | undefined;
  private readonly resized = new ResizeObserver(() => {
    this.measured = false;
    this.requestUpdate();
  });
  private readonly onVisibility = () => {
    if (!document.hidden && this.refreshDue) {
      this.refreshDue = false;
      void this.refresh();
    }
  };

  constructor() {
    super();
    localize(this);
  }

  /** The conferences loaded so far, in order. */
  get conferences(): readonly Conference[] {
    return this.items;
  }

  /**
   * Reloads the list now, keeping the rows on screen, and resolves when done. After an error it
   * starts over.
   */
  async refresh(): Promise<void> {
    await this.load(this.status === 'error' || this.status === 'idle' ? 'reset' : 'refresh');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.scheduleRefresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    clearTimeout(this.timer);
    this.timer = undefined;
    this.resized.disconnect();
    this.observed = undefined;
    if (this.abort) {
      this.abort.abort();
      this.abort = undefined;
      // Re-attached later: load again rather than stay half-loaded.
      this.provider = undefined;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.sessionCtl.resolve();
    const provider = this.sessionCtl.snapshot.provider;
    const queryChanged = changed.has('filter') || changed.has('pageSize');
    if (provider !== this.provider || (queryChanged && this.hasUpdated)) {
      this.provider = provider;
      this.clear();
      if (provider) void this.load('reset');
    }
    if (changed.has('refreshInterval')) this.scheduleRefresh();
  }

  private clear(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.status = 'idle';
    this.items = [];
    this.next = undefined;
    this.total = undefined;
    this.error = undefined;
    this.pageError = undefined;
    this.loadingMore = false;
    this.refreshing = false;
    this.pages = 0;
    this.activeIndex = 0;
    this.announcement = '';
    this.scrolled = 0;
  }

  private query() {
    const size = Math.floor(Number(this.pageSize));
    return {
      filter: FILTERS.includes(this.filter) ? this.filter : 'all',
      pageSize: size > 0 ? size : DEFAULT_PAGE_SIZE,
    };
  }

  private async load(mode: LoadMode): Promise<void> {
    const provider = this.provider;
    if (!provider) return;
    if (mode !== 'reset' && (this.status === 'loading' || this.loadingMore || this.refreshing)) return;
    if (mode === 'reset') this.clear();
    else this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const query = { ...this.query(), signal: abort.signal };
    this.pageError = undefined;
    if (mode === 'reset') {
      this.status = 'loading';
    } else if (mode === 'more') {
      this.loadingMore = true;
    } else {
      this.refreshing = true;
    }
    try {
      if (mode === 'more') {
        const page = await provider.list({ ...query, cursor: this.next });
        if (abort.signal.aborted) return;
        this.items = [...this.items, ...page.items];
        this.next = page.next;
        this.total = page.total ?? this.total;
        this.pages += 1;
        const count = page.items.length;
        this.announcement =
          englishPlural.select(count) === 'one' ? msg(str`${count} more conference loaded.`) : msg(str`${count} more conferences loaded.`);
      } else {
        // A refresh re-reads as many pages as are shown, so the list does not shrink under the reader.
        const wanted = mode === 'refresh' ? Math.max(1, this.pages) : 1;
        const items: Conference[] = [];
        let next: string | undefined;
        let total: number | undefined;
        let pages = 0;
        do {
          const page = await provider.list({ ...query, cursor: next });
          if (abort.signal.aborted) return;
          items.push(...page.items);
          next = page.next;
          total = page.total;
          pages += 1;
        } while (next && pages < wanted);
        this.items = items;
        this.next = next;
        this.total = total;
        this.pages = pages;
        this.status = 'ready';
        this.error = undefined;
        if (this.activeIndex >= items.length) this.activeIndex = 0;
        if (mode === 'reset') {
          const count = items.length;
          this.announcement =
            count === 0 ? '' : englishPlural.select(count) === 'one' ? msg(str`${count} conference.`) : msg(str`${count} conferences.`);
        }
      }
      emit<ConferencesLoadDetail>(this, 'tc-conferences-load', {
        conferences: this.items,
        hasMore: this.next !== undefined,
        total: this.total,
      });
    } catch (thrown) {
      if (abort.signal.aborted) return;
      const error = toTcError(thrown);
      if (error.kind === 'aborted') return;
      if (mode === 'reset' || this.items.length === 0) {
        this.status = 'error';
        this.error = error;
      } else {
        this.pageError = error;
        this.pageRetry = mode;
      }
      emitError(this, error);
    } finally {
      if (this.abort === abort) {
        this.abort = undefined;
        this.loadingMore = false;
        this.refreshing = false;
        this.scheduleRefresh();
      }
    }
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const seconds = Number(this.refreshInterval);
    if (!(seconds > 0) || !this.provider || !this.isConnected) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (document.hidden) this.refreshDue = true;
      else void this.refresh();
    }, Math.max(1, seconds) * 1000);
  }

  private select(index: number): void {
    const conference = this.items[index];
    if (!conference) return;
    this.selectedId = conference.id;
    this.activeIndex = index;
    emit<ConferenceSelectDetail>(this, 'tc-conference-select', { conference });
  }

  private rowIndex(event: Event): number | undefined {
    for (const node of event.composedPath()) {
      if (!(node instanceof HTMLElement)) continue;
      if (node === event.currentTarget) return undefined;
      // Clicks on the row's own controls are theirs, not a selection.
      if (node.localName === 'tc-join-button' || node.localName === 'button') return undefined;
      if (node.dataset.index !== undefined) return Number(node.dataset.index);
    }
    return undefined;
  }

  private onClick(event: MouseEvent): void {
    const index = this.rowIndex(event);
    if (index !== undefined) this.select(index);
  }

  private onKeydown(event: KeyboardEvent): void {
    const row = event.target as HTMLElement;
    if (row.dataset?.index === undefined) return;
    const index = Number(row.dataset.index);
    const last = this.items.length - 1;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: last };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.select(index);
    } else if (event.key in moves) {
      event.preventDefault();
      void this.focusRow(Math.min(last, Math.max(0, moves[event.key]!)));
    }
  }

  private onFocusin(event: FocusEvent): void {
    const row = event.target as HTMLElement;
    if (row.dataset?.index !== undefined) this.activeIndex = Number(row.dataset.index);
  }

  private list(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part="list"]');
  }

  private windowed(): boolean {
    return this.items.length > VIRTUALIZE_AFTER;
  }

  private rowAt(index: number): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[part~="row"][data-index="${index}"]`);
  }

  private async focusRow(index: number): Promise<void> {
    this.activeIndex = index;
    let row = this.rowAt(index);
    const list = this.list();
    if (!row && list) {
      // Outside the rendered window: scroll there (clamped at the end) and render it.
      list.scrollTop = index * this.rowHeight;
      this.scrolled = list.scrollTop;
    }
    await this.updateComplete;
    row = this.rowAt(index);
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  }

  private onConferenceUpdate(event: CustomEvent<ConferenceDetail>): void {
    const changed = event.detail.conference;
    this.items = this.items.map((item) => (item.id === changed.id ? changed : item));
  }

  private badge(kind: BadgeKind): TemplateResult {
    const labels: Record<BadgeKind, string> = {
      live: msg('Live'),
      scheduled: msg('Scheduled'),
      room: msg('Room'),
      ended: msg('Ended'),
    };
    return html`<span part="badge badge-${kind}">${labels[kind]}</span>`;
  }

  private renderRow(conference: Conference, index: number, lang: string, setSize: number): TemplateResult {
    const selected = conference.id === this.selectedId;
    const schedule = scheduleText(conference.schedule, lang);
    const me = this.sessionCtl.snapshot.user?.id;
    const owner = conference.owner ? personLabel(conference.owner, me) : undefined;
    return html`<li
      part=${selected ? 'row row-selected' : 'row'}
      data-index=${index}
      tabindex=${index === this.activeIndex ? 0 : -1}
      aria-current=${selected ? 'true' : nothing}
      aria-setsize=${setSize}
      aria-posinset=${index + 1}
    >
      <div class="main">
        <span part="topic" title=${conference.title}>${conference.title}</span>
        ${this.badge(badgeKind(conference))}
      </div>
      <div class="meta">
        ${schedule
          ? html`<span part="schedule" title=${scheduleInOwnZone(conference.schedule, lang) ?? nothing}>${schedule}</span>`
          : nothing}
        ${owner ? html`<span part="owner">${msg(str`Owner: ${owner}`)}</span>` : nothing}
      </div>
      <tc-join-button
        part="join"
        exportparts="button: join-button, reason: join-reason"
        .conference=${conference}
        session=${this.session || nothing}
        target=${this.joinTarget}
        phone-session=${this.phoneSession || nothing}
      ></tc-join-button>
    </li>`;
  }

  private renderRows(): TemplateResult {
    const lang = elementLang(this);
    const setSize = this.total ?? (this.next ? -1 : this.items.length);
    const row = (conference: Conference, index: number) => this.renderRow(conference, index, lang, setSize);
    const windowed = this.windowed();
    const { start, end } = windowed
      ? rowWindow(this.items.length, this.scrolled, this.viewport, this.rowHeight)
      : { start: 0, end: this.items.length };
    // Stand-ins for the rows before and after the window (sized in updated()).
    const spacer = windowed ? html`<li class="spacer" aria-hidden="true"></li>` : nothing;
    return html`<ul
      part="list"
      class=${windowed ? 'virtual' : ''}
      aria-label=${msg('Conferences')}
      aria-busy=${this.refreshing}
      @scroll=${windowed ? this.onScroll : nothing}
      @click=${this.onClick}
      @keydown=${this.onKeydown}
      @focusin=${this.onFocusin}
      @tc-conference-update=${this.onConferenceUpdate}
    >${spacer}${repeat(this.items.slice(start, end), (c) => c.id, (c, i) => row(c, start + i))}${spacer}</ul>`;
  }

  private onScroll(event: Event): void {
    this.scrolled = (event.currentTarget as HTMLElement).scrollTop;
  }

  protected override updated(): void {
    const list = this.list();
    if (!list || !this.windowed()) return;
    if (list !== this.observed) {
      this.resized.disconnect();
      // The border box: the padding below changes on every scroll, the scroller's size does not.
      this.resized.observe(list, { box: 'border-box' });
      this.observed = list;
    }
    const rows = list.querySelectorAll('[part~="row"]');
    const first = rows[0]?.getBoundingClientRect();
    const last = rows[rows.length - 1]?.getBoundingClientRect();
    if (!this.measured && first && last) {
      // Once per layout, not per render: rows of different heights must not make it oscillate.
      this.measured = true;
      const rowHeight = (last.bottom - first.top) / rows.length;
      if (rowHeight > 0) this.rowHeight = rowHeight;
      this.viewport = list.clientHeight;
      this.requestUpdate();
    }
    // Through the CSSOM, which a strict style-src policy allows (a style attribute it would not).
    const { before, after } = rowWindow(this.items.length, this.scrolled, this.viewport, this.rowHeight);
    const [top, bottom] = list.querySelectorAll<HTMLElement>('.spacer');
    top!.style.height = `${before}px`;
    bottom!.style.height = `${after}px`;
  }

  private renderError(error: TcError, retry: () => void): TemplateResult {
    return html`<div part="error" role="alert">
      <strong>${errorHeadline(error)}</strong>
      <span class="detail">${error.message}</span>
      <button part="retry" class="secondary" @click=${retry}>${msg('Retry')}</button>
    </div>`;
  }

  private renderSkeleton(): TemplateResult {
    return html`<div part="skeleton" aria-hidden="true">
        ${[0, 1, 2].map(() => html`<div class="bone-row"><span class="bone wide"></span><span class="bone"></span></div>`)}
      </div>
      <span class="visually-hidden" role="status">${msg('Loading conferences…')}</span>`;
  }

  private renderEmpty(): TemplateResult {
    const text =
      this.filter === 'upcoming'
        ? msg('No upcoming conferences.')
        : this.filter === 'running'
          ? msg('No conferences are running now.')
          : msg('You have no conferences yet.');
    return html`<p part="empty">${text}</p>`;
  }

  private renderBody(): TemplateResult | typeof nothing {
    const { state } = this.sessionCtl.snapshot;
    if (state === 'signed-out') return html`<p part="signed-out">${msg('Sign in to see your conferences.')}</p>`;
    if (unavailable(this.sessionCtl.snapshot)) return html`<p part="empty">${msg('Conference lists for this service are not available yet.')}</p>`;
    if (this.status === 'error' && this.error) return this.renderError(this.error, () => void this.load('reset'));
    if (this.status !== 'ready') return this.renderSkeleton();
    if (this.items.length === 0) return this.renderEmpty();
    return html`${this.renderRows()}
      ${this.pageError ? this.renderError(this.pageError, () => void this.load(this.pageRetry)) : nothing}
      ${this.next !== undefined
        ? html`<button part="load-more" class="secondary" ?disabled=${this.loadingMore} aria-busy=${this.loadingMore}
            @click=${() => this.load('more')}>${this.loadingMore ? msg('Loading…') : msg('Load more')}</button>`
        : nothing}`;
  }

  protected override render() {
    return html`<div part="base">
      ${this.renderBody()}
      <span class="visually-hidden" role="status" aria-live="polite">${this.announcement}</span>
    </div>`;
  }
}
