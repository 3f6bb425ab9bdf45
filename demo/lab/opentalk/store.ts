/**
 * In-memory state of the OpenTalk controller: users, rooms, events, room invites. Field names are
 * the lab's own; wire.ts maps them to the controller's JSON. Access rules mirror the ACL layer:
 * a room or event is visible to its creator and to users invited to its event.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { LabUser } from '../users.js';

export type GuestAccess = 'disabled' | 'waiting_room' | 'direct_access';
export type InviteStatus = 'pending' | 'accepted' | 'tentative' | 'declined';
export type InviteeRole = 'user' | 'moderator' | 'guest';

export interface DateTimeTz {
  /** RFC 3339 UTC, seconds precision. */
  datetime: string;
  timezone: string;
}

export interface OtUser {
  id: string;
  /** Keycloak `sub` (the lab login). */
  sub: string;
  email: string;
  title: string;
  firstname: string;
  lastname: string;
  displayName: string;
  language: string;
  dashboardTheme: 'light' | 'dark' | 'system';
  conferenceTheme: 'light' | 'dark' | 'system' | null;
  /** Legacy controllers: expiry (epoch s) of the ID token last posted to `/v1/auth/login`. */
  legacySessionExp?: number;
}

export interface SipConfig {
  sipId: string;
  password: string;
  lobby: boolean;
}

export interface OtRoom {
  id: string;
  createdBy: string;
  createdAt: string;
  password: string | null;
  waitingRoom: boolean;
  guestAccess: GuestAccess;
  e2eEncryption: boolean;
  sip: SipConfig | null;
}

export interface OtInvitee {
  /** Registered user id, or undefined for an email-only invitee. */
  userId?: string;
  email?: string;
  role: InviteeRole;
  status: InviteStatus;
}

export interface OtEvent {
  id: string;
  roomId: string;
  title: string;
  description: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  isTimeIndependent: boolean;
  isAllDay: boolean;
  startsAt: DateTimeTz | null;
  endsAt: DateTimeTz | null;
  recurrencePattern: string[];
  isAdhoc: boolean;
  showMeetingDetails: boolean;
  invitees: OtInvitee[];
  favoriteOf: Set<string>;
}

export interface OtInvite {
  code: string;
  roomId: string;
  createdBy: string;
  created: string;
  updatedBy: string;
  updated: string;
  active: boolean;
  expiration: string | null;
}

/** A page visit recorded by the lab frontend, so tests can prove a join. */
export interface OtJoin {
  roomId: string;
  as: 'guest' | 'participant';
  inviteCode?: string;
  at: string;
}

/** RFC 3339 UTC without fractional seconds, the controller's usual rendering. */
export function isoSeconds(date: Date | number): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Ten random ASCII digits, the format of SIP ids and passwords. */
export function tenDigits(): string {
  return Array.from({ length: 10 }, () => randomInt(10)).join('');
}

export class OpentalkStore {
  readonly users = new Map<string, OtUser>();
  readonly rooms = new Map<string, OtRoom>();
  readonly events = new Map<string, OtEvent>();
  readonly invites = new Map<string, OtInvite>();
  readonly joins: OtJoin[] = [];

  addLabUser(user: LabUser): OtUser {
    const [firstname = user.displayName, ...rest] = user.displayName.split(' ');
    return this.addUser({ sub: user.id, email: user.email, firstname, lastname: rest.join(' ') });
  }

  /** Creates a user the way the controller does on the first valid token (since v0.30). */
  addUser(claims: { sub: string; email: string; firstname: string; lastname: string }): OtUser {
    const user: OtUser = {
      id: randomUUID(),
      title: '',
      displayName: `${claims.firstname} ${claims.lastname}`.trim(),
      language: 'en-US',
      dashboardTheme: 'system',
      conferenceTheme: null,
      ...claims,
    };
    this.users.set(user.id, user);
    return user;
  }

  userBySub(sub: string): OtUser | undefined {
    for (const user of this.users.values()) if (user.sub === sub) return user;
    return undefined;
  }

  userByEmail(email: string): OtUser | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  eventOfRoom(roomId: string): OtEvent | undefined {
    for (const event of this.events.values()) if (event.roomId === roomId) return event;
    return undefined;
  }

  invitee(event: OtEvent, userId: string): OtInvitee | undefined {
    return event.invitees.find((i) => i.userId === userId);
  }

  canSeeEvent(event: OtEvent, userId: string): boolean {
    return event.createdBy === userId || this.invitee(event, userId) !== undefined;
  }

  canSeeRoom(room: OtRoom, userId: string): boolean {
    if (room.createdBy === userId) return true;
    const event = this.eventOfRoom(room.id);
    return event !== undefined && this.invitee(event, userId) !== undefined;
  }

  /** The viewer's answer; the creator counts as accepted. */
  inviteStatus(event: OtEvent, userId: string): InviteStatus {
    if (event.createdBy === userId) return 'accepted';
    return this.invitee(event, userId)?.status ?? 'pending';
  }

  createRoom(
    createdBy: string,
    fields: Partial<Pick<OtRoom, 'password' | 'waitingRoom' | 'guestAccess' | 'e2eEncryption'>> & { enableSip?: boolean },
    now = new Date(),
  ): OtRoom {
    const room: OtRoom = {
      id: randomUUID(),
      createdBy,
      createdAt: isoSeconds(now),
      password: fields.password ?? null,
      waitingRoom: fields.waitingRoom ?? false,
      guestAccess: fields.guestAccess ?? 'waiting_room',
      e2eEncryption: fields.e2eEncryption ?? false,
      sip: fields.enableSip ? { sipId: tenDigits(), password: tenDigits(), lobby: false } : null,
    };
    this.rooms.set(room.id, room);
    return room;
  }

  /** Deletes a room together with its event and invites (an event owns its room and vice versa). */
  deleteRoom(roomId: string): void {
    const event = this.eventOfRoom(roomId);
    if (event) this.events.delete(event.id);
    this.rooms.delete(roomId);
    for (const [code, invite] of this.invites) if (invite.roomId === roomId) this.invites.delete(code);
  }

  createInvite(roomId: string, createdBy: string, expiration: string | null, now = new Date()): OtInvite {
    const stamp = isoSeconds(now);
    const invite: OtInvite = {
      code: randomUUID(),
      roomId,
      createdBy,
      created: stamp,
      updatedBy: createdBy,
      updated: stamp,
      active: true,
      expiration,
    };
    this.invites.set(invite.code, invite);
    return invite;
  }

  /** An invite that still lets a guest in: active, unexpired, and the room admits guests. */
  usableInvite(code: string, now = Date.now()): OtInvite | undefined {
    const invite = this.invites.get(code);
    if (!invite || !invite.active) return undefined;
    if (invite.expiration !== null && Date.parse(invite.expiration) <= now) return undefined;
    const room = this.rooms.get(invite.roomId);
    if (!room || room.guestAccess === 'disabled') return undefined;
    return invite;
  }
}
