/**
 * An in-memory ConferenceProvider that behaves like a small server, for component tests: it honours
 * filters, cursors and AbortSignal; validates drafts with per-field errors (model paths, as adapters
 * report them); creates idempotently (same key → same meeting); runs/stops conferences, invites,
 * lists participants. Tests seed it, read its call log, hold calls open and inject faults that fire
 * before the work or after it (a lost response: the server acted, the caller cannot tell).
 * End-to-end tests use the lab's real servers instead.
 */
import { TcError } from '../../src/model/error.js';
import type {
  Conference,
  ConferenceDraft,
  Invitee,
  ListQuery,
  Page,
  Participant,
  ProviderName,
  SessionUser,
} from '../../src/model/index.js';
import { TRUECONF_CAPABILITIES } from '../../src/providers/trueconf/capabilities.js';
import type { CallOptions, ConferenceProvider, CreateOptions, ProviderCapabilities } from '../../src/providers/types.js';

export const TEST_HOST = 'video.example.com';

export const DIRECTORY: SessionUser[] = [
  { id: 'helen', displayName: 'Helen Smith', email: 'helen@example.test' },
  { id: 'dean', displayName: 'Dean Moriarty', email: 'dean@example.test' },
  { id: 'kevin', displayName: 'Kevin Flynn', email: 'kevin@example.test' },
];

const ALL_ALLOWED: Conference['capabilities'] = { canStart: true, canStop: true, canEdit: true, canDelete: true, canInvite: true, canJoin: true };

let counter = 0;

/** A conference with sensible defaults: a live, joinable room on TEST_HOST. */
export function conference(overrides: Partial<Conference> = {}): Conference {
  const id = overrides.id ?? `c${++counter}`;
  return {
    id,
    title: `Conference ${id}`,
    state: 'live',
    mode: 'all-on-screen',
    schedule: { kind: 'none' },
    invitees: [],
    owner: { id: 'helen', displayName: 'Helen Smith' },
    joinUrl: `https://${TEST_HOST}/webrtc/${id}`,
    ...overrides,
    capabilities: {
      canStart: false,
      canStop: false,
      canEdit: false,
      canDelete: false,
      canInvite: false,
      canJoin: true,
      ...overrides.capabilities,
    },
  };
}

export type Method = 'me' | 'list' | 'get' | 'create' | 'update' | 'remove' | 'start' | 'stop' | 'invitees' | 'invite' | 'participants';

export interface Call {
  method: Method;
  args: unknown[];
}

interface Fault {
  method: Method;
  error: unknown;
  /** Do the work first, then fail. */
  after: boolean;
}

export interface MemoryProviderOptions {
  name?: ProviderName;
  /** Over TrueConf's capabilities. */
  capabilities?: Partial<ProviderCapabilities>;
  /** Stored in this order (the list's order). */
  conferences?: Conference[];
  joinHosts?: string[];
  /** The signed-in person (default: the directory's first, helen). */
  user?: SessionUser;
  /** Who invitations may name. */
  users?: SessionUser[];
}

const clone = <T>(value: T): T => structuredClone(value);

function aborted(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

export class MemoryProvider implements ConferenceProvider {
  readonly name: ProviderName;
  readonly capabilities: ProviderCapabilities;
  readonly joinHosts: string[];
  readonly user: SessionUser;
  readonly users: SessionUser[];
  /** The server's state, by id in list order: tests inspect and change it. */
  readonly conferences = new Map<string, Conference>();
  readonly participantsOf = new Map<string, Participant[]>();
  /** Every call in order, with a copy of its arguments. */
  readonly calls: Call[] = [];

  private readonly faults: Fault[] = [];
  private readonly holds = new Map<Method | 'all', Promise<void>>();
  private readonly byIdempotencyKey = new Map<string, string>();

  constructor(options: MemoryProviderOptions = {}) {
    this.name = options.name ?? 'trueconf';
    this.capabilities = { ...TRUECONF_CAPABILITIES, ...options.capabilities };
    this.joinHosts = options.joinHosts ?? [TEST_HOST];
    this.users = options.users ?? DIRECTORY;
    this.user = options.user ?? this.users[0]!;
    for (const c of options.conferences ?? []) this.conferences.set(c.id, clone(c));
  }

  /** The next call of `method` fails with `error`; with `after`, once it has done its work. */
  failNext(method: Method, error: unknown, options: { after?: boolean } = {}): void {
    this.faults.push({ method, error, after: options.after ?? false });
  }

  /** Calls of `method` (of every method without one) wait until the returned function is called. */
  hold(method?: Method): () => void {
    const key = method ?? 'all';
    let release!: () => void;
    this.holds.set(key, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(key);
      release();
    };
  }

  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  /** Stores a conference as the server would (stopped, everything allowed) and returns a copy. */
  seed(init: Partial<Conference> & { title: string }): Conference {
    const stored = conference({
      state: 'stopped',
      owner: { id: this.user.id, displayName: this.user.displayName },
      capabilities: ALL_ALLOWED,
      ...init,
    });
    this.conferences.set(stored.id, clone(stored));
    return stored;
  }

  private async call<T>(method: Method, args: unknown[], signal: AbortSignal | undefined, work: () => T): Promise<T> {
    this.calls.push({ method, args: clone(args) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const held = this.holds.get('all') ?? this.holds.get(method);
    if (held) {
      await Promise.race([
        held,
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(aborted()), { once: true })),
      ]);
    }
    if (signal?.aborted) throw aborted();
    const index = this.faults.findIndex((f) => f.method === method);
    const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
    if (fault && !fault.after) throw fault.error;
    const result = work();
    if (fault) throw fault.error;
    return clone(result);
  }

  private find(id: string): Conference {
    const c = this.conferences.get(id);
    if (!c) throw new TcError({ kind: 'not-found', status: 404, message: `Conference '${id}' is not found.`, code: 'conferenceNotFound' });
    return c;
  }

  private directoryEntry(id: string): SessionUser | undefined {
    return this.users.find((u) => u.id === id || u.email === id);
  }

  async me(options?: CallOptions): Promise<SessionUser> {
    return this.call('me', [], options?.signal, () => this.user);
  }

  async list(query: ListQuery = {}): Promise<Page<Conference>> {
    const { signal, ...rest } = query;
    return this.call('list', [rest], signal, () => {
      const filter = query.filter ?? 'all';
      const matching = [...this.conferences.values()].filter((c) =>
        filter === 'running' ? c.state === 'live' : filter === 'upcoming' ? c.state === 'live' || c.state === 'scheduled' : true,
      );
      const offset = Number(query.cursor ?? 0);
      const items = matching.slice(offset, offset + (query.pageSize ?? 50));
      const nextOffset = offset + items.length;
      return { items, total: matching.length, ...(nextOffset < matching.length ? { next: String(nextOffset) } : {}) };
    });
  }

  async get(id: string, options?: CallOptions): Promise<Conference> {
    return this.call('get', [id], options?.signal, () => this.find(id));
  }

  async create(draft: ConferenceDraft, options?: CreateOptions): Promise<Conference> {
    return this.call('create', [draft, { idempotencyKey: options?.idempotencyKey }], options?.signal, () => {
      const key = options?.idempotencyKey;
      const earlier = key ? this.byIdempotencyKey.get(key) : undefined;
      if (earlier) return this.find(earlier);
      this.validate(draft);
      const created = this.seed({
        title: draft.title,
        ...(draft.description ? { description: draft.description } : {}),
        mode: draft.mode ?? 'all-on-screen',
        schedule: clone(draft.schedule),
        state: draft.schedule.kind === 'none' ? 'stopped' : 'scheduled',
        invitees: (draft.invitees ?? []).map((p) => {
          const user = this.directoryEntry(p.id);
          return { ...p, ...(user ? { displayName: user.displayName } : {}) };
        }),
        ...(draft.maxParticipants !== undefined ? { maxParticipants: draft.maxParticipants } : {}),
        ...(draft.allowGuests !== undefined ? { allowGuests: draft.allowGuests } : {}),
      });
      if (key) this.byIdempotencyKey.set(key, created.id);
      return created;
    });
  }

  /** Server-side rules, reported per field like TrueConf's 400 envelope mapped to model paths. */
  private validate(draft: ConferenceDraft): void {
    const fields: Record<string, string> = {};
    if (!draft.title.trim()) fields['title'] = 'Topic is required.';
    if (draft.title.length > this.capabilities.maxTitleLength) fields['title'] = 'Topic is too long.';
    const s = draft.schedule;
    if (s.kind !== 'none') {
      if (!s.start || Number.isNaN(Date.parse(s.start))) fields['schedule.start'] = 'Start time is required.';
      else if (Date.parse(s.start) < Date.now()) fields['schedule.start'] = 'Start time is in the past.';
      if (!s.durationMinutes || s.durationMinutes < 1 || s.durationMinutes > 1439) fields['schedule.durationMinutes'] = 'Duration must be 1 to 1439 minutes.';
      if (s.kind === 'weekly' && !s.days?.length) fields['schedule.days'] = 'Choose days.';
    }
    const unknown = (draft.invitees ?? []).find((p) => !this.directoryEntry(p.id));
    if (unknown) fields['invitees'] = `User '${unknown.id}' is not found.`;
    if (draft.maxParticipants !== undefined && draft.maxParticipants > 1000) fields['maxParticipants'] = 'The licence allows at most 1000 participants.';
    if (Object.keys(fields).length > 0) throw new TcError({ kind: 'validation', status: 400, message: 'Bad Request', fields });
  }

  async update(id: string, draft: Partial<ConferenceDraft>, options?: CallOptions): Promise<Conference> {
    return this.call('update', [id, draft], options?.signal, () => Object.assign(this.find(id), draft));
  }

  async remove(id: string, options?: CallOptions): Promise<void> {
    return this.call('remove', [id], options?.signal, () => {
      this.find(id);
      this.conferences.delete(id);
    });
  }

  async start(id: string, options?: CallOptions): Promise<Conference> {
    return this.call('start', [id], options?.signal, () => {
      const c = this.find(id);
      c.state = 'live';
      if (!this.participantsOf.has(id)) {
        this.participantsOf.set(id, [{ id: this.user.id, displayName: this.user.displayName, role: 'owner', joinedAt: new Date().toISOString() }]);
      }
      return c;
    });
  }

  async stop(id: string, options?: CallOptions): Promise<Conference> {
    return this.call('stop', [id], options?.signal, () => {
      const c = this.find(id);
      c.state = 'stopped';
      this.participantsOf.delete(id);
      return c;
    });
  }

  async invitees(id: string, options?: CallOptions): Promise<Invitee[]> {
    return this.call('invitees', [id], options?.signal, () => this.find(id).invitees);
  }

  /** Calls people into a running conference (as TrueConf does); it does not change the invitation list. */
  async invite(id: string, people: Invitee[], options?: CallOptions): Promise<void> {
    return this.call('invite', [id, people], options?.signal, () => {
      const c = this.find(id);
      if (c.state !== 'live') throw new TcError({ kind: 'conflict', status: 409, message: 'The conference is not running.' });
      const unknown = people.find((p) => !this.directoryEntry(p.id));
      if (unknown) throw new TcError({ kind: 'validation', status: 400, message: 'Bad Request', fields: { participants: `User '${unknown.id}' is not found.` } });
    });
  }

  async participants(id: string, options?: CallOptions): Promise<Participant[]> {
    return this.call('participants', [id], options?.signal, () => {
      this.find(id);
      return this.participantsOf.get(id) ?? [];
    });
  }
}
