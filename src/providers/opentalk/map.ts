/** EventResource (spec §7.3) ↔ the model's Conference and ConferenceDraft. */
import type { Conference, ConferenceDraft, ConferenceState, Invitee, Person } from '../../model/conference.js';
import { TcError } from '../../model/error.js';
import { roomUrl, type OpentalkApi } from './endpoints.js';
import { readSchedule, writeSchedule } from './schedule.js';
import { isJson, readBool, readString, UUID, type Json } from './wire.js';

export function readPerson(profile: unknown): Person | undefined {
  if (!isJson(profile)) return undefined;
  const email = readString(profile.email);
  const id = readString(profile.id) ?? email;
  if (!id) return undefined;
  const person: Person = { id };
  const name =
    readString(profile.display_name) ||
    [readString(profile.firstname), readString(profile.lastname)].filter(Boolean).join(' ') ||
    undefined;
  if (name) person.displayName = name;
  if (email) person.email = email;
  return person;
}

/** EventInvitee `{profile: {kind, …, role?}, status}`; email-only invitees are keyed by their address. */
export function readInvitee(raw: unknown): Invitee | undefined {
  if (!isJson(raw)) return undefined;
  const person = readPerson(raw.profile);
  if (!person) return undefined;
  const invitee: Invitee = person;
  if (isJson(raw.profile) && raw.profile.role === 'moderator') invitee.isModerator = true;
  return invitee;
}

/**
 * OpenTalk has no "running" flag: a timed event is live during its slot (rooms are open any time),
 * ended after its last occurrence, scheduled before; a time-independent event is a standing room.
 */
function deriveState(kind: string, start: string | undefined, durationMinutes: number, endsAt: number | undefined, now: number): ConferenceState {
  if (kind === 'none' || start === undefined) return 'stopped';
  if (endsAt !== undefined && endsAt <= now) return 'ended';
  const begin = Date.parse(start);
  if (kind === 'once' && begin <= now && now < begin + durationMinutes * 60_000) return 'live';
  return 'scheduled';
}

export function readEvent(raw: unknown, api: OpentalkApi, now: number): Conference {
  if (!isJson(raw) || readString(raw.id) === undefined) {
    throw new TcError({ kind: 'protocol', message: 'The server sent a meeting without an id.' });
  }
  const { schedule, endsAt } = readSchedule(raw);
  const state = deriveState(schedule.kind, schedule.start, schedule.durationMinutes ?? 0, endsAt, now);
  const canEdit = readBool(raw.can_edit) === true;
  const room = isJson(raw.room) ? raw.room : {};
  const roomId = readString(room.id);
  const conference: Conference = {
    id: readString(raw.id)!,
    title: readString(raw.title) ?? '',
    state,
    mode: 'default',
    schedule,
    invitees: Array.isArray(raw.invitees) ? raw.invitees.map(readInvitee).filter((i): i is Invitee => i !== undefined) : [],
    capabilities: {
      canStart: false,
      canStop: false,
      canEdit: canEdit && state !== 'ended',
      canDelete: canEdit,
      canInvite: canEdit && state !== 'ended',
      canJoin: roomId !== undefined && state !== 'ended',
    },
  };
  const description = readString(raw.description);
  if (description) conference.description = description;
  const owner = readPerson(raw.created_by);
  if (owner) conference.owner = owner;
  const guestAccess = readString(room.guest_access);
  if (guestAccess) conference.allowGuests = guestAccess !== 'disabled';
  if (roomId) conference.joinUrl = roomUrl(api, roomId);
  return conference;
}

/** The room id of an EventResource, for its invites. */
export function roomOf(raw: Json): string | undefined {
  return isJson(raw.room) ? readString(raw.room.id) : undefined;
}

/** `POST /v1/events` body. */
export function createBody(draft: ConferenceDraft): Json {
  return {
    title: draft.title,
    description: draft.description ?? '',
    ...writeSchedule(draft.schedule),
    is_adhoc: false,
    waiting_room: false,
    ...(draft.allowGuests !== undefined ? { guest_access: draft.allowGuests ? 'waiting_room' : 'disabled' } : {}),
  };
}

/** `PATCH /v1/events/{id}` body: only what changes (fields left out stay as they are). */
export function patchBody(changes: Partial<ConferenceDraft>): Json {
  const out: Json = {};
  if (changes.title !== undefined) out.title = changes.title;
  if (changes.description !== undefined) out.description = changes.description;
  if (changes.schedule !== undefined) Object.assign(out, writeSchedule(changes.schedule));
  if (changes.allowGuests !== undefined) out.guest_access = changes.allowGuests ? 'waiting_room' : 'disabled';
  return out;
}

/** `POST /v1/events/{id}/invites` body: a registered user by id, anyone else by email. */
export function inviteBody(person: Invitee): Json {
  const role = person.isModerator ? 'moderator' : undefined;
  if (UUID.test(person.id)) return { invitee: person.id, ...(role ? { role } : {}) };
  const email = person.email ?? (person.id.includes('@') ? person.id : undefined);
  if (!email) {
    const message = `"${person.id}" is neither an OpenTalk user id nor an email address.`;
    throw new TcError({ kind: 'validation', message, fields: { invitees: message } });
  }
  return { email, ...(role ? { role } : {}) };
}
