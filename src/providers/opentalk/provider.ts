/**
 * The OpenTalk adapter: controller events (each with its own room) behind the vendor-neutral
 * ConferenceProvider. Tokens come straight from the Keycloak realm; the controller answers CORS
 * for the frontend origin but exposes no headers, so nothing here depends on reading `Link`.
 */
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../http/client.js';
import { findLink } from '../../http/link-header.js';
import type { Conference, ConferenceDraft, Invitee, ListQuery, Page, Participant } from '../../model/conference.js';
import { TcError } from '../../model/error.js';
import type { SessionUser } from '../../model/user.js';
import type { ProviderContext } from '../registry.js';
import type { CallOptions, ConferenceProvider, CreateOptions, ProviderCapabilities } from '../types.js';
import { OPENTALK_CAPABILITIES } from './capabilities.js';
import { eventCursor } from './cursor.js';
import { guestUrl, paths, resolveApi, type OpentalkApi } from './endpoints.js';
import { mapOpentalkError } from './errors.js';
import { createBody, inviteBody, patchBody, readEvent, readInvitee, readPerson, roomOf } from './map.js';
import { isJson, readArray, readBool, readString, type Json } from './wire.js';

export interface OpentalkProviderOptions {
  /** Default page size of `list()` (1..100). Default 50. */
  pageSize?: number;
  /** Transport tuning (time-out, Retry-After cap); base URL, tokens and error mapping are fixed. */
  http?: Pick<HttpClientOptions, 'timeoutMs' | 'maxRetryAfterSeconds' | 'headers'>;
  /** Clock for the derived states (tests). */
  now?: () => number;
}

/** Invitees embedded in a single event; the list asks for none (the controller's default). */
const INVITEES_MAX = 100;
const MAX_PAGE = 100;

function unsupported(what: string): TcError {
  return new TcError({
    kind: 'config',
    code: 'opentalk.unsupported',
    message: `OpenTalk has no ${what} in its API; join the room instead.`,
  });
}

export class OpentalkProvider implements ConferenceProvider {
  readonly name = 'opentalk' as const;
  readonly capabilities: ProviderCapabilities = OPENTALK_CAPABILITIES;
  readonly joinHosts: readonly string[];
  readonly api: OpentalkApi;

  private readonly http: HttpClient;
  private readonly pageSize: number;
  private readonly now: () => number;

  constructor(context: ProviderContext, options: OpentalkProviderOptions = {}) {
    this.api = resolveApi(context.config);
    this.joinHosts = [...new Set([new URL(this.api.frontendUrl).host, new URL(this.api.baseUrl).host])];
    this.pageSize = Math.min(MAX_PAGE, Math.max(1, options.pageSize ?? 50));
    this.now = options.now ?? Date.now;
    this.http = createHttpClient({
      ...options.http,
      baseUrl: this.api.baseUrl,
      tokens: context.tokens,
      ...(context.fetch ? { fetch: context.fetch } : {}),
      mapError: mapOpentalkError,
    });
  }

  async me(options: CallOptions = {}): Promise<SessionUser> {
    const person = readPerson(await this.http.get(paths.me, { signal: options.signal }));
    if (!person) throw new TcError({ kind: 'protocol', message: 'The server did not say who is signed in.' });
    return { id: person.id, displayName: person.displayName ?? person.email ?? person.id, ...(person.email ? { email: person.email } : {}) };
  }

  /**
   * upcoming: events not over yet (`time_min` = now; standing rooms have no dates and drop out);
   * running: events whose time overlaps now, narrowed to the live ones on this page (a page may
   * come back short); all: everything the user created or was invited to.
   */
  async list(query: ListQuery = {}): Promise<Page<Conference>> {
    const size = Math.min(MAX_PAGE, Math.max(1, query.pageSize ?? this.pageSize));
    const now = new Date(this.now()).toISOString();
    const response = await this.http.request<unknown>(paths.events, {
      query: {
        per_page: size,
        after: query.cursor,
        time_min: query.filter === 'upcoming' || query.filter === 'running' ? now : undefined,
        time_max: query.filter === 'running' ? now : undefined,
      },
      signal: query.signal,
    });
    const raw = readArray(response.data);
    const at = this.now();
    const all = raw.map((e) => readEvent(e, this.api, at));
    const items = query.filter === 'running' ? all.filter((c) => c.state === 'live') : all;
    // A full page may have more behind it. The Link (when a proxy exposes it) is authoritative;
    // otherwise the cursor is rebuilt from the last item.
    let next: string | undefined;
    if (raw.length >= size) {
      const link = findLink(response.headers.get('link'), 'after', response.url);
      next = (link ? new URL(link).searchParams.get('after') : null) ?? this.cursorOf(raw.at(-1)!);
    }
    return { items, ...(next ? { next } : {}) };
  }

  private cursorOf(last: Json): string | undefined {
    const startsAt = isJson(last.starts_at) ? readString(last.starts_at.datetime) : undefined;
    return eventCursor({ eventId: readString(last.id) ?? '', createdAt: readString(last.created_at) ?? '', startsAt });
  }

  private async getRaw(id: string, signal?: AbortSignal): Promise<Json> {
    const body = await this.http.get(paths.event(id), { query: { invitees_max: INVITEES_MAX }, signal });
    if (!isJson(body)) throw new TcError({ kind: 'protocol', message: 'The server did not return the meeting.' });
    return body;
  }

  /** The permanent guest link (active, never expiring invite) of the room; only its owner may list them. */
  private async guestLink(raw: Json, signal?: AbortSignal): Promise<string | undefined> {
    const roomId = roomOf(raw);
    if (!roomId || readBool(raw.can_edit) !== true) return undefined;
    try {
      for (let page = 1; page <= 10; page++) {
        const invites = readArray(await this.http.get(paths.roomInvites(roomId), { query: { page, per_page: MAX_PAGE }, signal }));
        const permanent = invites.find((i) => i.active === true && i.expiration === null && readString(i.invite_code));
        if (permanent) return guestUrl(this.api, roomId, readString(permanent.invite_code)!);
        if (invites.length < MAX_PAGE) return undefined;
      }
    } catch (error) {
      // The meeting itself was read; a guest link the user may not see is simply absent.
      if (error instanceof TcError && (error.kind === 'forbidden' || error.kind === 'not-found')) return undefined;
      throw error;
    }
    return undefined;
  }

  private async full(raw: Json, signal?: AbortSignal): Promise<Conference> {
    const conference = readEvent(raw, this.api, this.now());
    if (conference.allowGuests !== false) {
      const link = await this.guestLink(raw, signal);
      if (link) conference.guestUrl = link;
    }
    return conference;
  }

  async get(id: string, options: CallOptions = {}): Promise<Conference> {
    return this.full(await this.getRaw(id, options.signal), options.signal);
  }

  /**
   * Creates the event (and with it its room), invites the people, and with `allowGuests` makes a
   * permanent guest link. OpenTalk has no idempotency key; the key is accepted and ignored.
   */
  async create(draft: ConferenceDraft, options: CreateOptions = {}): Promise<Conference> {
    const signal = options.signal;
    const created = await this.http.post(paths.events, createBody(draft), { signal });
    const id = isJson(created) ? readString(created.id) : undefined;
    if (!id || !isJson(created)) throw new TcError({ kind: 'protocol', message: 'The server did not return the new meeting.' });
    await this.invite(id, draft.invitees ?? [], options);
    const roomId = roomOf(created);
    if (draft.allowGuests === true && roomId) {
      await this.http.post(paths.roomInvites(roomId), {}, { signal });
    }
    return this.get(id, options);
  }

  async update(id: string, changes: Partial<ConferenceDraft>, options: CallOptions = {}): Promise<Conference> {
    const signal = options.signal;
    const body = patchBody(changes);
    // An empty patch answers 204 without a body; the meeting is read back either way.
    if (Object.keys(body).length > 0) await this.http.patch(paths.event(id), body, { signal });
    if (changes.invitees && changes.invitees.length > 0) {
      const current = await this.invitees(id, options);
      const known = new Set(current.flatMap((i) => [i.id.toLowerCase(), i.email?.toLowerCase()]));
      const fresh = changes.invitees.filter((p) => !known.has(p.id.toLowerCase()) && !(p.email && known.has(p.email.toLowerCase())));
      await this.invite(id, fresh, options);
    }
    return this.get(id, options);
  }

  async remove(id: string, options: CallOptions = {}): Promise<void> {
    await this.http.delete(paths.event(id), { signal: options.signal });
  }

  async start(_id: string, _options?: CallOptions): Promise<Conference> {
    throw unsupported('starting of meetings');
  }

  async stop(_id: string, _options?: CallOptions): Promise<Conference> {
    throw unsupported('stopping of meetings');
  }

  async participants(_id: string, _options?: CallOptions): Promise<Participant[]> {
    throw unsupported('participant list');
  }

  async invitees(id: string, options: CallOptions = {}): Promise<Invitee[]> {
    const all: Invitee[] = [];
    // Page pagination; "fewer than per_page" marks the last page (Link is unreadable cross-origin).
    for (let page = 1; ; page++) {
      const body = readArray(await this.http.get(paths.eventInvites(id), { query: { page, per_page: MAX_PAGE }, signal: options.signal }));
      for (const raw of body) {
        const invitee = readInvitee(raw);
        if (invitee) all.push(invitee);
      }
      if (body.length < MAX_PAGE) return all;
    }
  }

  /** Invites people one by one (201 invited, 204 already invited or the creator). */
  async invite(id: string, people: Invitee[], options: CallOptions = {}): Promise<void> {
    const bodies = people.map(inviteBody); // all checked before the first request
    for (const body of bodies) await this.http.post(paths.eventInvites(id), body, { signal: options.signal });
  }
}
