/**
 * In-memory state of the TrueConf emulator. Conferences are kept in one version-neutral
 * shape; views.ts renders them as v3 or v4 JSON.
 */
import { randomInt } from 'node:crypto';
import { randomHex } from '../http.js';
import { findUser, type LabUser } from '../users.js';
import type { TrueconfSettings } from './settings.js';

export type Mode = 'PxP' | 'OxP' | 'S|L' | 'S|L Auto';
export const MODES: readonly Mode[] = ['PxP', 'OxP', 'S|L', 'S|L Auto'];
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** Times are unix seconds; `time` is "HH:MM" in UTC; offsets are minutes (display only). */
export type Schedule =
  | { type: 'none' }
  | { type: 'once'; startTime: number; duration: number; time: string; specialTimeOffset: number }
  | {
      type: 'week';
      days: string[];
      time: string;
      duration: number;
      startTime: number | null;
      specialTimeOffset: number;
    };

export interface Invitation {
  /** Lab login for server users, otherwise the id as given (a "custom" invitee). */
  id: string;
  displayName: string | null;
  isModerator: boolean;
}

export interface Participant {
  id: string;
  displayName: string;
  /** TrueConf role flag: 1 owner/moderator, 2 speaker (podium), 0 listener, 3 guest. */
  role: number;
  joinTime: number;
  leaveTime: number | null;
}

export interface Conference {
  id: string;
  topic: string;
  description: string;
  /** Lab login of the owner; rendered as uid `login@<serverName>`. */
  owner: string;
  mode: Mode;
  access: 'private' | 'public';
  maxParticipants: number;
  maxPodiums: number;
  schedule: Schedule;
  invitations: Invitation[];
  state: 'running' | 'stopped';
  createdAt: number;
  recording: boolean;
  autoInvite: number;
  tags: string[];
  allowOnlyPlannedParticipants: boolean;
  waitingRoomEnabled: boolean;
  sessionId: string | null;
  participants: Participant[];
}

export interface OAuthClient {
  id: string;
  secret: string;
  /** Exact-match list; mutable so the lab orchestrator can register the bridge later. */
  redirectUris: string[];
  /** Permissions the administrator ticked for the application. */
  scope: string[];
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  expiresAt: number;
  used: boolean;
}

export interface IssuedToken {
  token: string;
  clientId: string;
  /** null for client_credentials: the application's own, server-wide rights. */
  userId: string | null;
  scope: string;
  expiresAt: number;
}

export interface TrueconfState {
  conferences: Map<string, Conference>;
  codes: Map<string, AuthCode>;
  accessTokens: Map<string, IssuedToken>;
  refreshTokens: Map<string, IssuedToken>;
  /** Browser sessions of the lab's login page (cookie value -> login), used by /webrtc. */
  sessions: Map<string, string>;
}

/** Everything a request handler needs. */
export interface TrueconfCore {
  state: TrueconfState;
  settings: TrueconfSettings;
  clients: OAuthClient[];
  /** Origin the server listens on; object URLs point here. */
  baseUrl: string;
  /** Domain part of TrueConf IDs (`helen@lab`). */
  serverName: string;
}

/** The built-in client of the v3 password grant that needs no secret. */
export const BUILTIN_USERS_CLIENT = 'trueconf_server_users';

/** Every permission of the lab application (seed 000's list, general forms included). */
export const ALL_SCOPES: readonly string[] = [
  'conferences', 'conferences:read', 'conferences:write',
  'conferences.invitations', 'conferences.invitations:read', 'conferences.invitations:write',
  'conferences.participants', 'conferences.participants:read', 'conferences.participants:write',
  'conferences.sessions:read', 'conferences.records:read',
  'users', 'users:read', 'users:write',
];

export function createState(): TrueconfState {
  return {
    conferences: new Map(),
    codes: new Map(),
    accessTokens: new Map(),
    refreshTokens: new Map(),
    sessions: new Map(),
  };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** 10-digit numeric ids like the vendor's samples (`4219111751`). */
export function newConferenceId(state: TrueconfState): string {
  for (;;) {
    const id = String(randomInt(1_000_000_000, 9_999_999_999));
    if (!state.conferences.has(id)) return id;
  }
}

export function newSessionId(core: TrueconfCore): string {
  return `${randomHex(16)}@${core.serverName}#vcs`;
}

export function uidOf(core: TrueconfCore, login: string): string {
  return `${login}@${core.serverName}`;
}

/** Resolves `helen`, `helen@<server>` or an email to a lab user. */
export function resolveUser(core: TrueconfCore, value: string): LabUser | undefined {
  const suffix = `@${core.serverName}`;
  return findUser(value.endsWith(suffix) ? value.slice(0, -suffix.length) : value);
}

/** A user token sees what its user owns or is invited to; an application token sees everything. */
export function canSee(conference: Conference, userId: string | null): boolean {
  if (userId === null) return true;
  return conference.owner === userId || conference.invitations.some((i) => i.id === userId);
}

export function canManage(conference: Conference, userId: string | null): boolean {
  return userId === null || conference.owner === userId;
}

/** `conferences:read` is granted by itself or by the general `conferences`. */
export function hasScope(granted: string, needed: string): boolean {
  const scopes = granted.split(' ');
  return scopes.includes(needed) || scopes.includes(needed.split(':')[0]!);
}
