/**
 * An in-memory ConferenceProvider for component tests of rendering states (loading, empty, error,
 * paging, URL safety...). It behaves like an adapter: honours filters, cursors and AbortSignal,
 * starts conferences, and fails when told to. End-to-end tests use the lab's real servers instead.
 */
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
import { TcError } from '../../src/model/error.js';
import type { CallOptions, ConferenceProvider, ProviderCapabilities } from '../../src/providers/types.js';

export interface Call {
  method: string;
  args: unknown[];
}

export const TEST_HOST = 'video.example.com';

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

function aborted(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

export class MemoryProvider implements ConferenceProvider {
  readonly name: ProviderName;
  readonly capabilities: ProviderCapabilities;
  joinHosts: string[];
  conferences: Conference[];
  user: SessionUser;
  /** Every call, in order. */
  readonly calls: Call[] = [];
  /** Errors the next calls throw, one per call, first in first out. */
  readonly failures: unknown[] = [];
  private gate: Promise<void> | undefined;

  constructor(options: {
    conferences?: Conference[];
    joinHosts?: string[];
    name?: ProviderName;
    capabilities?: Partial<ProviderCapabilities>;
    user?: SessionUser;
  } = {}) {
    this.name = options.name ?? 'trueconf';
    this.conferences = options.conferences ?? [];
    this.joinHosts = options.joinHosts ?? [TEST_HOST];
    this.user = options.user ?? { id: 'helen', displayName: 'Helen Smith' };
    this.capabilities = {
      modes: ['all-on-screen'],
      schedules: ['none', 'once', 'weekly'],
      maxTitleLength: 255,
      startStop: true,
      invitations: true,
      inviteIntoLive: true,
      participants: true,
      guests: true,
      maxParticipants: true,
      callMe: false,
      ...options.capabilities,
    };
  }

  /** Holds every call until the returned function is called (to see loading states). */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private async enter(method: string, args: unknown[], signal?: AbortSignal): Promise<void> {
    this.calls.push({ method, args });
    if (signal?.aborted) throw aborted();
    if (this.gate) {
      await Promise.race([
        this.gate,
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(aborted()), { once: true })),
      ]);
    }
    await Promise.resolve();
    if (signal?.aborted) throw aborted();
    if (this.failures.length > 0) throw this.failures.shift();
  }

  private find(id: string): Conference {
    const found = this.conferences.find((c) => c.id === id);
    if (!found) throw new TcError({ kind: 'not-found', status: 404, message: `Conference ${id} was not found.` });
    return found;
  }

  async me(options?: CallOptions): Promise<SessionUser> {
    await this.enter('me', [], options?.signal);
    return this.user;
  }

  async list(query: ListQuery = {}): Promise<Page<Conference>> {
    const { signal, ...rest } = query;
    await this.enter('list', [rest], signal);
    const filter = query.filter ?? 'all';
    const matching = this.conferences.filter((c) =>
      filter === 'running' ? c.state === 'live' : filter === 'upcoming' ? c.state === 'live' || c.state === 'scheduled' : true,
    );
    const offset = Number(query.cursor ?? 0);
    const size = query.pageSize ?? 50;
    const items = matching.slice(offset, offset + size);
    const nextOffset = offset + items.length;
    return { items, total: matching.length, ...(nextOffset < matching.length ? { next: String(nextOffset) } : {}) };
  }

  async get(id: string, options?: CallOptions): Promise<Conference> {
    await this.enter('get', [id], options?.signal);
    return this.find(id);
  }

  async create(draft: ConferenceDraft): Promise<Conference> {
    await this.enter('create', [draft]);
    const created = conference({ ...draft, state: 'stopped', owner: { id: this.user.id, displayName: this.user.displayName } });
    this.conferences.push(created);
    return created;
  }

  async update(id: string, draft: Partial<ConferenceDraft>): Promise<Conference> {
    await this.enter('update', [id, draft]);
    const updated = { ...this.find(id), ...draft };
    this.conferences = this.conferences.map((c) => (c.id === id ? updated : c));
    return updated;
  }

  async remove(id: string): Promise<void> {
    await this.enter('remove', [id]);
    this.conferences = this.conferences.filter((c) => c.id !== id);
  }

  async start(id: string, options?: CallOptions): Promise<Conference> {
    await this.enter('start', [id], options?.signal);
    const started: Conference = { ...this.find(id), state: 'live' };
    this.conferences = this.conferences.map((c) => (c.id === id ? started : c));
    return started;
  }

  async stop(id: string, options?: CallOptions): Promise<Conference> {
    await this.enter('stop', [id], options?.signal);
    const stopped: Conference = { ...this.find(id), state: 'stopped' };
    this.conferences = this.conferences.map((c) => (c.id === id ? stopped : c));
    return stopped;
  }

  async invitees(id: string, options?: CallOptions): Promise<Invitee[]> {
    await this.enter('invitees', [id], options?.signal);
    return this.find(id).invitees;
  }

  async invite(id: string, people: Invitee[]): Promise<void> {
    await this.enter('invite', [id, people]);
    const target = this.find(id);
    target.invitees = [...target.invitees, ...people];
  }

  async participants(id: string, options?: CallOptions): Promise<Participant[]> {
    await this.enter('participants', [id], options?.signal);
    return [];
  }
}
