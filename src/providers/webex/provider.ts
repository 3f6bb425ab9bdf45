/**
 * The Webex Meetings adapter behind the vendor-neutral ConferenceProvider. API calls go straight to
 * `<server>/v1` with the Webex access token the bridge handed to the browser (Webex sends CORS
 * headers and exposes `Link`); 429 + Retry-After is waited out or surfaced by the HTTP client.
 */
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../http/client.js';
import { findLink } from '../../http/link-header.js';
import type { Conference, ConferenceDraft, Invitee, ListQuery, Page, Participant } from '../../model/conference.js';
import { TcError } from '../../model/error.js';
import type { SessionUser } from '../../model/user.js';
import type { ProviderContext } from '../registry.js';
import type { CallOptions, ConferenceProvider, ProviderCapabilities } from '../types.js';
import { WEBEX_CAPABILITIES } from './capabilities.js';
import { apiBaseUrl, paths, WEBEX_SITE_HOSTS } from './endpoints.js';
import { mapWebexError } from './errors.js';
import { createBody, patchBody, readInvitee, readMeeting } from './map.js';
import { isJson, readItems, readString, type Json } from './wire.js';

export interface WebexProviderOptions {
  /** The signed-in user when the session already knows it (skips the `/people/me` lookup). */
  user?: SessionUser;
  /** Default page size of `list()`; Webex allows at most 100. Default 50. */
  pageSize?: number;
  /** How far ahead `upcoming` looks. Default 30 days. */
  upcomingDays?: number;
  /** `all` lists series with an occurrence from this many days back … Default 30. */
  pastDays?: number;
  /** … to this many days ahead. Default 365. */
  aheadDays?: number;
  /** Clock for "now" (tests). */
  now?: () => number;
  /** Transport tuning (time-out, Retry-After cap); base URL, tokens and error mapping are fixed. */
  http?: Pick<HttpClientOptions, 'timeoutMs' | 'maxRetryAfterSeconds' | 'headers'>;
}

const DAY = 86_400_000;
const MAX_PAGE = 100;
/** Invitee pages followed at most (100 each; a meeting has at most 1000 invitees). */
const MAX_INVITEE_PAGES = 10;

function unsupported(what: string): TcError {
  return new TcError({ kind: 'config', code: 'webex.unsupported', message: `Webex does not offer ${what} through its API.` });
}

export class WebexProvider implements ConferenceProvider {
  readonly name = 'webex' as const;
  readonly capabilities: ProviderCapabilities = WEBEX_CAPABILITIES;
  /** The API server's host (the lab serves its join pages there) and Webex's meeting sites. */
  readonly joinHosts: readonly string[];

  private readonly http: HttpClient;
  private readonly options: WebexProviderOptions;
  private readonly now: () => number;
  private user: SessionUser | undefined;
  private userLookup: Promise<SessionUser | undefined> | undefined;

  constructor(context: ProviderContext, options: WebexProviderOptions = {}) {
    const baseUrl = apiBaseUrl(context.config);
    this.joinHosts = [new URL(context.config.server).host, ...WEBEX_SITE_HOSTS];
    this.options = options;
    this.now = options.now ?? Date.now;
    this.user = options.user;
    this.http = createHttpClient({
      ...options.http,
      baseUrl,
      tokens: context.tokens,
      ...(context.fetch ? { fetch: context.fetch } : {}),
      mapError: mapWebexError,
    });
  }

  /** Tells the adapter who is signed in, so no lookup is needed for ownership. */
  identify(user: SessionUser): void {
    this.user = user;
  }

  async me(options: CallOptions = {}): Promise<SessionUser> {
    if (this.user) return this.user;
    const body = await this.http.get(paths.me, { signal: options.signal });
    const id = isJson(body) ? readString(body.id) : undefined;
    if (!isJson(body) || !id) throw new TcError({ kind: 'protocol', message: 'Webex did not say who is signed in.' });
    const email = Array.isArray(body.emails) ? readString(body.emails[0]) : undefined;
    const user: SessionUser = { id, displayName: readString(body.displayName) ?? email ?? id };
    if (email) user.email = email;
    this.user = user;
    return user;
  }

  /** The signed-in person for ownership; undefined (actions offered, server decides) if the lookup fails. */
  private async whoAmI(): Promise<SessionUser | undefined> {
    if (this.user) return this.user;
    this.userLookup ??= this.me().then(
      (u) => u,
      () => undefined,
    );
    const lookup = this.userLookup;
    const user = await lookup;
    if (this.userLookup === lookup) this.userLookup = undefined;
    return user;
  }

  private listQuery(query: ListQuery): Record<string, string | number> {
    const now = this.now();
    const max = Math.min(Math.max(1, Math.floor(query.pageSize ?? this.options.pageSize ?? 50)), MAX_PAGE);
    const iso = (t: number) => new Date(t).toISOString();
    switch (query.filter) {
      case 'upcoming':
        // One item per occurrence, each with its own id, times and state [spec A2].
        return { meetingType: 'scheduledMeeting', from: iso(now), to: iso(now + (this.options.upcomingDays ?? 30) * DAY), max };
      case 'running':
        // Live instances started at most a day ago (a meeting lasts under 24 h).
        return { meetingType: 'meeting', from: iso(now - DAY), to: iso(now + 60_000), max };
      default:
        return {
          meetingType: 'meetingSeries',
          from: iso(now - (this.options.pastDays ?? 30) * DAY),
          to: iso(now + (this.options.aheadDays ?? 365) * DAY),
          max,
        };
    }
  }

  /**
   * Pages follow Webex's `Link rel="next"` URL as-is [doc W4]; the cursor is that URL. The client
   * refuses to send the token to any other origin, so a foreign cursor fails as a config error.
   */
  async list(query: ListQuery = {}): Promise<Page<Conference>> {
    const signal = query.signal;
    const request =
      query.cursor !== undefined
        ? this.http.request(query.cursor, { signal })
        : this.http.request(paths.meetings, { query: this.listQuery(query), signal });
    const [me, response] = await Promise.all([this.whoAmI(), request]);
    const now = this.now();
    let items = readItems(response.data).map((m) => readMeeting(m, me, now));
    // The API filters by one state at a time: keep what the filter means here (a page may come back short).
    if (query.filter === 'running') items = items.filter((c) => c.state === 'live');
    if (query.filter === 'upcoming') items = items.filter((c) => c.state === 'live' || c.state === 'scheduled');
    const next = findLink(response.headers.get('link'), 'next', response.url);
    return { items, ...(next ? { next } : {}) };
  }

  private async getRaw(id: string, signal?: AbortSignal): Promise<Json> {
    const body = await this.http.get(paths.meeting(id), { signal });
    if (!isJson(body)) throw new TcError({ kind: 'protocol', message: 'Webex did not return the meeting.' });
    return body;
  }

  /** The meeting with its invitees (a second request: meeting objects carry none). */
  async get(id: string, options: CallOptions = {}): Promise<Conference> {
    const [me, raw, invitees] = await Promise.all([this.whoAmI(), this.getRaw(id, options.signal), this.invitees(id, options)]);
    return { ...readMeeting(raw, me, this.now()), invitees };
  }

  /** `POST /meetings` answers 200 with the new series [doc W1]. */
  async create(draft: ConferenceDraft, options: CallOptions = {}): Promise<Conference> {
    const body = createBody(draft, this.now());
    const raw = await this.http.post(paths.meetings, body, { signal: options.signal });
    const conference = readMeeting(raw, await this.whoAmI(), this.now());
    return { ...conference, invitees: (draft.invitees ?? []).map((i) => ({ ...i })) };
  }

  /**
   * PATCH (Webex's preferred update; PUT is deprecated) with a merge body. Invitees are managed by
   * Webex's separate invitee API, which this adapter does not write: changing them is refused
   * rather than silently dropped.
   */
  async update(id: string, changes: Partial<ConferenceDraft>, options: CallOptions = {}): Promise<Conference> {
    if (changes.invitees !== undefined) throw unsupported('changing the invitees of an existing meeting');
    const raw = await this.http.patch(paths.meeting(id), patchBody(changes, this.now()), { signal: options.signal });
    return readMeeting(raw, await this.whoAmI(), this.now());
  }

  /** A series id deletes the series; an occurrence id only that occurrence (204) [doc W1]. */
  async remove(id: string, options: CallOptions = {}): Promise<void> {
    await this.http.delete(paths.meeting(id), { signal: options.signal });
  }

  async start(_id: string, _options?: CallOptions): Promise<Conference> {
    throw unsupported('starting a meeting (it starts when the host joins)');
  }

  async stop(_id: string, _options?: CallOptions): Promise<Conference> {
    throw unsupported('ending a meeting');
  }

  async invitees(id: string, options: CallOptions = {}): Promise<Invitee[]> {
    const out: Invitee[] = [];
    let response = await this.http.request(paths.invitees, { query: { meetingId: id, max: MAX_PAGE }, signal: options.signal });
    for (let page = 1; ; page++) {
      for (const raw of readItems(response.data)) {
        const invitee = readInvitee(raw);
        if (invitee) out.push(invitee);
      }
      const next = findLink(response.headers.get('link'), 'next', response.url);
      if (!next || page >= MAX_INVITEE_PAGES) return out;
      response = await this.http.request(next, { signal: options.signal });
    }
  }

  async invite(_id: string, _people: Invitee[], _options?: CallOptions): Promise<void> {
    throw unsupported('inviting people into an existing meeting here');
  }

  async participants(_id: string, _options?: CallOptions): Promise<Participant[]> {
    throw unsupported('the list of live participants');
  }
}
