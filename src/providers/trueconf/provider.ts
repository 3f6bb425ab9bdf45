/**
 * The TrueConf Server adapter (API v3.x and v4) behind the vendor-neutral ConferenceProvider.
 */
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../http/client.js';
import type {
  Conference,
  ConferenceDraft,
  Invitee,
  ListQuery,
  Page,
  Participant,
} from '../../model/conference.js';
import { TcError } from '../../model/error.js';
import type { SessionUser } from '../../model/user.js';
import type { ProviderContext } from '../registry.js';
import type { CallOptions, ConferenceProvider, CreateOptions, ProviderCapabilities } from '../types.js';
import { TRUECONF_CAPABILITIES } from './capabilities.js';
import { paths, resolveApi, type TrueconfApi } from './endpoints.js';
import { isTokenRejected, mapTrueconfError } from './errors.js';
import { CreateLedger, outcomeIsUnknown, type CreateAttempt } from './idempotency.js';
import { readInvitees, readParticipant, type MapContext } from './map-common.js';
import { fromV3, v3CreateBody, v3ReplaceBody } from './map-v3.js';
import { fromV4, v4CreateBody, v4PatchBody } from './map-v4.js';
import { runtimeTimeZone } from './time-zones.js';
import { isJson, readInt, readList, readString, type Json } from './wire.js';

export interface TrueconfProviderOptions {
  /**
   * Zones tried first when naming a schedule's zone from TrueConf's bare UTC offset.
   * Default: the runtime's zone.
   */
  timeZones?: readonly string[];
  /** The signed-in user when the session already knows it (skips the `/me` lookup). */
  user?: SessionUser;
  /** Default page size of `list()`. Default 50. */
  pageSize?: number;
  /** Transport tuning (time-out, Retry-After cap); base URL, tokens and error mapping are fixed. */
  http?: Pick<HttpClientOptions, 'timeoutMs' | 'maxRetryAfterSeconds' | 'headers'>;
}

const UNKNOWN = Symbol('unknown user');

export class TrueconfProvider implements ConferenceProvider {
  readonly name = 'trueconf' as const;
  readonly capabilities: ProviderCapabilities = TRUECONF_CAPABILITIES;
  readonly joinHosts: readonly string[];
  readonly api: TrueconfApi;

  private readonly http: HttpClient;
  private readonly ledger = new CreateLedger();
  /** Zone each conference was written with by this client, to name it exactly when read back. */
  private readonly zones = new Map<string, string>();
  private readonly timeZones: readonly string[];
  private readonly pageSize: number;
  private user: SessionUser | typeof UNKNOWN | undefined;
  private userLookup: Promise<SessionUser | undefined> | undefined;

  constructor(context: ProviderContext, options: TrueconfProviderOptions = {}) {
    this.api = resolveApi(context.config);
    this.joinHosts = [new URL(context.config.server).host];
    this.timeZones = options.timeZones ?? [runtimeTimeZone()];
    this.pageSize = options.pageSize ?? 50;
    this.user = options.user;
    // One client for every version path, so concurrent rejections share one refresh.
    this.http = createHttpClient({
      ...options.http,
      baseUrl: `${this.api.rootUrl}/api`,
      tokens: context.tokens,
      ...(context.fetch ? { fetch: context.fetch } : {}),
      mapError: mapTrueconfError,
      isTokenRejected,
    });
  }

  /** Tells the adapter who is signed in (e.g. from the token response), so no lookup is needed. */
  identify(user: SessionUser): void {
    this.user = user;
  }

  private path(p: string): string {
    return `/${this.api.version}${p}`;
  }

  private context(me: string | undefined): MapContext {
    return {
      me,
      now: Date.now(),
      zoneHints: (id) => {
        const planned = this.zones.get(id);
        return planned ? [planned, ...this.timeZones] : this.timeZones;
      },
    };
  }

  private map(raw: unknown, me: string | undefined): Conference {
    return this.api.generation === 'v3' ? fromV3(raw, this.context(me)) : fromV4(raw, this.context(me));
  }

  private conferenceOf(body: unknown): Json {
    if (isJson(body) && isJson(body.conference)) return body.conference;
    throw new TcError({ kind: 'protocol', message: 'The server did not return the conference.' });
  }

  /**
   * v4 has `GET /me`. v3.x has none: the adapter asks the v4 `/me` of the same server (versions
   * coexist on TrueConf Server 5.5.3+); an older server answers 404 and `me()` then rejects with
   * kind 'not-found', code `trueconf.me-unavailable` — the session should use the name it got at
   * sign-in (and may pass it in with `identify()`).
   */
  async me(options: CallOptions = {}): Promise<SessionUser> {
    if (this.user && this.user !== UNKNOWN) return this.user;
    let body: unknown;
    try {
      body = await this.http.get('/v4/me', { signal: options.signal });
    } catch (error) {
      if (error instanceof TcError && this.api.generation === 'v3' && (error.kind === 'not-found' || error.status === 405)) {
        throw new TcError({
          kind: 'not-found',
          status: error.status,
          code: 'trueconf.me-unavailable',
          message: 'This TrueConf server (API v3) cannot tell who is signed in.',
          cause: error,
        });
      }
      throw error;
    }
    const raw = isJson(body) && isJson(body.user) ? body.user : undefined;
    const id = raw ? (readString(raw.uid) ?? readString(raw.id)) : undefined;
    if (!raw || !id) throw new TcError({ kind: 'protocol', message: 'The server did not say who is signed in.' });
    const user: SessionUser = { id, displayName: readString(raw.display_name) || readString(raw.login_name) || id };
    const email = readString(raw.email);
    if (email) user.email = email;
    this.user = user;
    return user;
  }

  /** The signed-in user's TrueConf ID for ownership checks; undefined when it cannot be known. */
  private async whoAmI(): Promise<string | undefined> {
    if (this.user === UNKNOWN) return undefined;
    if (this.user) return this.user.id;
    this.userLookup ??= this.me().then(
      (u) => u,
      (error: unknown) => {
        // A server without /me stays unknown; a passing failure (network) is retried next time.
        if (error instanceof TcError && error.code === 'trueconf.me-unavailable') this.user = UNKNOWN;
        return undefined;
      },
    );
    const lookup = this.userLookup;
    const user = await lookup;
    if (this.userLookup === lookup) this.userLookup = undefined;
    return user?.id;
  }

  async list(query: ListQuery = {}): Promise<Page<Conference>> {
    const page = query.cursor === undefined ? 1 : Number(query.cursor);
    if (!Number.isInteger(page) || page < 1) {
      throw new TcError({ kind: 'config', message: `Invalid list cursor "${query.cursor}".` });
    }
    const size = query.pageSize ?? this.pageSize;
    const request = this.http.get(this.path(paths.conferences), {
      query: {
        [this.api.generation === 'v3' ? 'page_id' : 'page']: page,
        page_size: size,
        state: query.filter === 'running' ? 'running' : undefined,
      },
      signal: query.signal,
    });
    const [me, body] = await Promise.all([this.whoAmI(), request]);
    const raw = readList(body, 'conferences');
    const all = raw.map((c) => this.map(c, me));
    const total = isJson(body) ? readInt(body.cnt ?? body.results) : undefined;
    const more = total !== undefined ? page * size < total : raw.length === size;
    // "upcoming" has no server-side filter: it is applied per page, so a page may come back short.
    const items = query.filter === 'upcoming' ? all.filter((c) => c.state === 'live' || c.state === 'scheduled') : all;
    return {
      items,
      ...(more ? { next: String(page + 1) } : {}),
      ...(total !== undefined && query.filter !== 'upcoming' ? { total } : {}),
    };
  }

  private async getRaw(id: string, signal?: AbortSignal): Promise<Json> {
    return this.conferenceOf(await this.http.get(this.path(paths.conference(id)), { signal }));
  }

  async get(id: string, options: CallOptions = {}): Promise<Conference> {
    const [me, raw] = await Promise.all([this.whoAmI(), this.getRaw(id, options.signal)]);
    return this.map(raw, me);
  }

  async create(draft: ConferenceDraft, options: CreateOptions = {}): Promise<Conference> {
    const key = options.idempotencyKey;
    if (key === undefined) return this.post(draft, undefined, options.signal);
    const attempt = this.ledger.attempt(key, draft.title);
    if (attempt.id !== undefined) return this.get(attempt.id, options);
    if (attempt.pending) return attempt.pending;
    attempt.pending = this.createOnce(attempt, draft, options.signal).finally(() => {
      attempt.pending = undefined;
    });
    return attempt.pending;
  }

  private async createOnce(attempt: CreateAttempt, draft: ConferenceDraft, signal?: AbortSignal): Promise<Conference> {
    if (attempt.outcomeUnknown) {
      const found = await this.findCreated(attempt, draft.title, signal);
      if (found) {
        const id = readString(found.id)!;
        attempt.id = id;
        attempt.outcomeUnknown = false;
        this.remember(id, draft);
        return this.map(found, await this.whoAmI());
      }
    }
    try {
      const created = await this.post(draft, attempt.tag, signal);
      attempt.id = created.id;
      attempt.outcomeUnknown = false;
      return created;
    } catch (error) {
      const e = TcError.from(error);
      attempt.outcomeUnknown = attempt.outcomeUnknown || outcomeIsUnknown(e);
      throw e;
    }
  }

  /** The newest conference carrying this client's tag for the key, with the same title. */
  private async findCreated(attempt: CreateAttempt, title: string, signal?: AbortSignal): Promise<Json | undefined> {
    const body = await this.http.get(this.path(paths.conferences), {
      query: {
        tag: attempt.tag,
        [this.api.generation === 'v3' ? 'page_id' : 'page']: 1,
        page_size: 50,
        sort_field: 'created_at',
        sort_order: 1,
      },
      signal,
    });
    return readList(body, 'conferences').find(
      (c) =>
        readString(c.id) !== undefined &&
        Array.isArray(c.tags) &&
        c.tags.includes(attempt.tag) &&
        readString(c.topic)?.trim() === title.trim(),
    );
  }

  private remember(id: string, draft: Partial<ConferenceDraft>): void {
    if (draft.schedule?.timeZone) this.zones.set(id, draft.schedule.timeZone);
  }

  private async post(draft: ConferenceDraft, tag: string | undefined, signal?: AbortSignal): Promise<Conference> {
    const extra = { ...(tag ? { tags: [tag] } : {}) } as { owner?: string; tags?: string[] };
    let body: Json;
    if (this.api.generation === 'v4') {
      extra.owner = (await this.me({ ...(signal ? { signal } : {}) })).id; // v4 requires the owner.
      body = v4CreateBody(draft, extra);
    } else {
      if (this.user && this.user !== UNKNOWN) extra.owner = this.user.id;
      body = v3CreateBody(draft, extra);
    }
    const raw = this.conferenceOf(await this.http.post(this.path(paths.conferences), body, { signal }));
    const id = readString(raw.id);
    if (id) this.remember(id, draft);
    return this.map(raw, await this.whoAmI());
  }

  async update(id: string, changes: Partial<ConferenceDraft>, options: CallOptions = {}): Promise<Conference> {
    const signal = options.signal;
    let body: unknown;
    if (this.api.generation === 'v4') {
      body = await this.http.patch(this.path(paths.conference(id)), v4PatchBody(changes), { signal });
    } else {
      // v3 PUT replaces the whole object: resend what is there with the changes applied.
      const current = await this.getRaw(id, signal);
      body = await this.http.put(this.path(paths.conference(id)), v3ReplaceBody(current, changes), { signal });
    }
    this.remember(id, changes);
    return this.map(this.conferenceOf(body), await this.whoAmI());
  }

  async remove(id: string, options: CallOptions = {}): Promise<void> {
    await this.http.delete(this.path(paths.conference(id)), { signal: options.signal });
  }

  async start(id: string, options: CallOptions = {}): Promise<Conference> {
    await this.http.post(this.path(paths.run(id)), undefined, { signal: options.signal });
    return this.get(id, options);
  }

  async stop(id: string, options: CallOptions = {}): Promise<Conference> {
    await this.http.post(this.path(paths.stop(id)), undefined, { signal: options.signal });
    return this.get(id, options);
  }

  async invitees(id: string, options: CallOptions = {}): Promise<Invitee[]> {
    return readInvitees(await this.http.get(this.path(paths.invitations(id)), { signal: options.signal }));
  }

  /**
   * Running conference: calls the people in now (`POST …/invite`). Otherwise adds them to the
   * invitation list (people already invited are skipped).
   */
  async invite(id: string, people: Invitee[], options: CallOptions = {}): Promise<void> {
    if (people.length === 0) return;
    const signal = options.signal;
    const current = await this.getRaw(id, signal);
    if (current.state === 'running') {
      await this.http.post(this.path(paths.invite(id)), { participants: people.map((p) => p.id) }, { signal });
      return;
    }
    const invited = readInvitees(current);
    const known = (p: Invitee) => invited.some((i) => i.id.toLowerCase() === p.id.toLowerCase());
    for (const person of people.filter((p) => !known(p))) {
      const invitation = { id: person.id, ...(person.displayName ? { display_name: person.displayName } : {}) };
      const body = this.api.generation === 'v4' ? { invitation } : invitation;
      await this.http.post(this.path(paths.invitations(id)), body, { signal });
    }
  }

  /** People currently in the conference. */
  async participants(id: string, options: CallOptions = {}): Promise<Participant[]> {
    const query = this.api.generation === 'v4' ? { is_in_conf: true, page_size: 1000 } : undefined;
    const body = await this.http.get(this.path(paths.participants(id)), { ...(query ? { query } : {}), signal: options.signal });
    return readList(body, 'participants', 'list')
      .map(readParticipant)
      .filter((p): p is Participant => p !== undefined);
  }
}
