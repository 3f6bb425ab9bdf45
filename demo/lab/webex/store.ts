/**
 * In-memory state of the Webex emulator: OAuth artefacts, people, meeting series with their
 * occurrences, live/ended instances, join links and a log of joins (so tests can prove a join).
 */
import { randomUUID } from 'node:crypto';
import { randomHex } from '../http.js';
import { LAB_USERS, type LabUser } from '../users.js';
import { compactUtc, occurrenceStarts, type Rule } from './schedule.js';

export interface WebexClient {
  id: string;
  secret: string;
  /** Mutable: the lab orchestrator adds the bridge's callback after it starts. */
  redirectUris: string[];
  /** Scopes registered on the integration; others are refused with `invalid_scope`. */
  scopes: string[];
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  login: string;
  scopes: string[];
  challenge?: string;
  method?: 'S256' | 'plain';
  expiresAt: number;
  used: boolean;
}

export interface Grant {
  login: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

export interface Invitee {
  id: string;
  email: string;
  displayName: string;
  coHost: boolean;
  panelist: boolean;
}

/** Per-occurrence edits, keyed in the series by the occurrence's original start. */
export interface OccurrenceEdit {
  title?: string;
  agenda?: string | null;
  start?: number;
  end?: number;
}

export interface Series {
  id: string;
  meetingNumber: string;
  webLinkId: string;
  title: string;
  agenda?: string;
  password: string;
  phonePassword: string;
  hostKey: string;
  timezone: string;
  /** First occurrence. */
  start: number;
  end: number;
  recurrence?: string;
  rule?: Rule;
  host: string;
  invitees: Invitee[];
  scheduledType: 'meeting' | 'webinar';
  /** Pass-through options (booleans, reminder, meetingOptions…) echoed in the meeting object. */
  options: Record<string, unknown>;
  edits: Map<number, OccurrenceEdit>;
  cancelled: Set<number>;
}

export type InstanceState = 'lobby' | 'inProgress' | 'ended';

export interface Instance {
  id: string;
  seriesId: string;
  occurrenceStart: number;
  start: number;
  end?: number;
  state: InstanceState;
  hostDidJoin: boolean;
  attendeeDidJoin: boolean;
}

export interface Occurrence {
  series: Series;
  id: string;
  originalStart: number;
  start: number;
  end: number;
  title: string;
  agenda?: string;
  modified: boolean;
}

export interface JoinLink {
  token: string;
  seriesId: string;
  occurrenceStart: number;
  login: string;
  displayName: string;
  email: string;
  role: 'host' | 'attendee';
  expiresAt: number;
}

export interface JoinRecord {
  meetingId: string;
  title: string;
  login?: string;
  displayName?: string;
  role: 'host' | 'attendee' | 'guest';
  via: 'joinLink' | 'startLink' | 'webLink';
  at: number;
}

/** An occurrence counts as `ready` this long before its start (lab choice; Webex does not document it). */
export const READY_MS = 15 * 60_000;
const HORIZON_MS = 11 * 365 * 86_400_000;

export class WebexStore {
  readonly clients = new Map<string, WebexClient>();
  readonly codes = new Map<string, AuthCode>();
  readonly accessTokens = new Map<string, Grant>();
  readonly refreshTokens = new Map<string, Grant>();
  readonly sessions = new Map<string, string>();
  readonly series = new Map<string, Series>();
  readonly instances: Instance[] = [];
  readonly joinLinks = new Map<string, JoinLink>();
  readonly joins: JoinRecord[] = [];
  /** Create attempts per login (the 100-per-24-h quota counts failures too). */
  readonly createAttempts = new Map<string, number[]>();
  /** People ids: base64 of `ciscospark://us/PEOPLE/<uuid>`, stable for the lab's lifetime. */
  readonly personIds = new Map<string, string>();
  readonly orgId = Buffer.from(`ciscospark://us/ORGANIZATION/${randomUUID()}`).toString('base64url');

  constructor() {
    for (const u of LAB_USERS) {
      this.personIds.set(u.id, Buffer.from(`ciscospark://us/PEOPLE/${randomUUID()}`).toString('base64url'));
    }
  }

  personId(login: string): string {
    return this.personIds.get(login) ?? '';
  }

  /** Makes every issued access token invalid, as if it had expired (tests of refresh-on-401). */
  expireAccessTokens(): void {
    for (const grant of this.accessTokens.values()) grant.expiresAt = 0;
  }

  newMeetingNumber(): string {
    const used = new Set([...this.series.values()].map((s) => s.meetingNumber));
    for (;;) {
      const n = String(200_000_000 + Math.floor(Math.random() * 700_000_000));
      if (!used.has(n)) return n;
    }
  }

  newSeriesId(): string {
    return randomHex(16);
  }

  /** Occurrences of a series up to `limit`, with edits applied and cancelled ones left out. */
  occurrences(series: Series, limit = Date.now() + HORIZON_MS): Occurrence[] {
    const duration = series.end - series.start;
    return occurrenceStarts(series.start, series.rule, series.timezone, limit)
      .filter((t) => !series.cancelled.has(t))
      .map((t) => {
        const edit = series.edits.get(t);
        const agenda = edit && 'agenda' in edit ? (edit.agenda ?? undefined) : series.agenda;
        return {
          series,
          id: `${series.id}_${compactUtc(t)}`,
          originalStart: t,
          start: edit?.start ?? t,
          end: edit?.end ?? t + duration,
          title: edit?.title ?? series.title,
          ...(agenda !== undefined ? { agenda } : {}),
          modified: edit !== undefined,
        };
      });
  }

  /** The occurrence a series "currently" refers to: the live or next one, else the last one. */
  currentOccurrence(series: Series, now = Date.now()): Occurrence | undefined {
    const live = this.instances.find((i) => i.seriesId === series.id && i.state !== 'ended');
    const all = this.occurrences(series, Math.max(now, series.start) + 400 * 86_400_000);
    if (live) {
      const match = all.find((o) => o.originalStart === live.occurrenceStart);
      if (match) return match;
    }
    return all.find((o) => o.end > now) ?? all[all.length - 1];
  }

  instanceFor(occ: Occurrence): Instance | undefined {
    const list = this.instances.filter((i) => i.seriesId === occ.series.id && i.occurrenceStart === occ.originalStart);
    return list.find((i) => i.state !== 'ended') ?? list[list.length - 1];
  }

  occurrenceState(occ: Occurrence, now = Date.now()): string {
    const instance = this.instanceFor(occ);
    if (instance) return instance.state;
    if (now >= occ.end) return 'missed';
    if (now >= occ.start - READY_MS) return 'ready';
    return 'scheduled';
  }

  seriesState(series: Series, now = Date.now()): 'active' | 'expired' {
    if (this.instances.some((i) => i.seriesId === series.id && i.state !== 'ended')) return 'active';
    const last = this.currentOccurrence(series, now);
    return last && last.end > now ? 'active' : 'expired';
  }

  /** Resolves a meeting id of any kind: series, occurrence (`<series>_<yyyymmddThhmmssZ>`) or instance. */
  resolve(id: string):
    | { kind: 'series'; series: Series }
    | { kind: 'occurrence'; occurrence: Occurrence }
    | { kind: 'instance'; instance: Instance; series: Series }
    | undefined {
    const series = this.series.get(id);
    if (series) return { kind: 'series', series };
    const instance = this.instances.find((i) => i.id === id);
    if (instance) {
      const owner = this.series.get(instance.seriesId);
      return owner ? { kind: 'instance', instance, series: owner } : undefined;
    }
    const m = /^([0-9a-f]{32})_(\d{8}T\d{6}Z)$/.exec(id);
    const owner = m ? this.series.get(m[1]!) : undefined;
    if (!m || !owner) return undefined;
    const occurrence = this.occurrences(owner).find((o) => o.id === id);
    return occurrence ? { kind: 'occurrence', occurrence } : undefined;
  }

  /** Host or invitee (by e-mail) may see a meeting; others only with its password. */
  canSee(series: Series, user: LabUser, password?: string): boolean {
    return this.isHost(series, user) || this.isInvitee(series, user) || (password !== undefined && password === series.password);
  }

  isHost(series: Series, user: LabUser): boolean {
    return series.host === user.id;
  }

  isInvitee(series: Series, user: LabUser): boolean {
    return series.invitees.some((i) => i.email.toLowerCase() === user.email.toLowerCase());
  }

  isCoHost(series: Series, user: LabUser): boolean {
    return series.invitees.some((i) => i.coHost && i.email.toLowerCase() === user.email.toLowerCase());
  }

  /** A join through the lab's join page starts an instance of the occurrence if none is live. */
  recordJoin(occ: Occurrence, record: JoinRecord): void {
    this.joins.push(record);
    let live = this.instances.find((i) => i.seriesId === occ.series.id && i.occurrenceStart === occ.originalStart && i.state !== 'ended');
    live ??= this.addInstance({
      seriesId: occ.series.id,
      occurrenceStart: occ.originalStart,
      start: record.at,
      state: 'lobby',
      hostDidJoin: false,
      attendeeDidJoin: false,
    });
    if (record.role === 'host') live.hostDidJoin = true;
    else live.attendeeDidJoin = true;
    if (live.hostDidJoin) live.state = 'inProgress';
  }

  /** Adds an instance of an occurrence; ids look like `<series>_I_<number>` (lab choice). */
  addInstance(fields: Omit<Instance, 'id'>): Instance {
    const n = this.instances.filter((i) => i.seriesId === fields.seriesId).length + 1;
    const instance: Instance = { id: `${fields.seriesId}_I_${String(100_000_000 + n)}`, ...fields };
    this.instances.push(instance);
    return instance;
  }

  /** Ends a live instance (tests and the demo use it to move a meeting to `ended`). */
  endInstance(id: string, at = Date.now()): boolean {
    const instance = this.instances.find((i) => i.id === id && i.state !== 'ended');
    if (!instance) return false;
    instance.state = 'ended';
    instance.end = at;
    return true;
  }
}
