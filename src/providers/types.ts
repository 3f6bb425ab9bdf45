import type {
  Conference,
  ConferenceDraft,
  ConferenceMode,
  Invitee,
  ListQuery,
  Page,
  Participant,
  ProviderName,
  ScheduleKind,
  SessionUser,
} from '../model/index.js';

/** What a vendor can do, so elements show only what works there. */
export interface ProviderCapabilities {
  modes: readonly ConferenceMode[];
  schedules: readonly ScheduleKind[];
  maxTitleLength: number;
  startStop: boolean;
  invitations: boolean;
  inviteIntoLive: boolean;
  participants: boolean;
  guests: boolean;
  maxParticipants: boolean;
  /** Phone "call me" join (Telphin). */
  callMe: boolean;
}

/** Options every request method accepts. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface CreateOptions extends CallOptions {
  /**
   * Same key → same meeting: a retried submit after a lost response returns the meeting
   * created the first time instead of creating a second one.
   */
  idempotencyKey?: string;
}

/**
 * A vendor adapter. Elements only ever talk to this interface and the model; vendor field
 * names stay inside `src/providers/<vendor>/`.
 */
export interface ConferenceProvider {
  readonly name: ProviderName;
  readonly capabilities: ProviderCapabilities;
  /** Hosts that join links may point at (the server's own and the vendor's). */
  readonly joinHosts: readonly string[];
  me(options?: CallOptions): Promise<SessionUser>;
  list(query?: ListQuery): Promise<Page<Conference>>;
  get(id: string, options?: CallOptions): Promise<Conference>;
  create(draft: ConferenceDraft, options?: CreateOptions): Promise<Conference>;
  update(id: string, draft: Partial<ConferenceDraft>, options?: CallOptions): Promise<Conference>;
  remove(id: string, options?: CallOptions): Promise<void>;
  start(id: string, options?: CallOptions): Promise<Conference>;
  stop(id: string, options?: CallOptions): Promise<Conference>;
  invitees(id: string, options?: CallOptions): Promise<Invitee[]>;
  invite(id: string, people: Invitee[], options?: CallOptions): Promise<void>;
  participants(id: string, options?: CallOptions): Promise<Participant[]>;
}
