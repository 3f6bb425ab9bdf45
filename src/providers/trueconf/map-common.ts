/** Mapping shared by v3.x and v4: state, owner, invitees, participants, per-conference rights. */
import type {
  Conference,
  ConferenceCapabilities,
  ConferenceDraft,
  ConferenceMode,
  ConferenceState,
  Invitee,
  Participant,
  Person,
  Schedule,
} from '../../model/conference.js';
import { TcError } from '../../model/error.js';
import { fromVendorSchedule } from './schedule.js';
import { isJson, readBool, readInt, readList, readString, readTimestamp, sameUser, type Json } from './wire.js';

export interface MapContext {
  /** TrueConf ID (or login) of the signed-in user, when known. */
  me: string | undefined;
  now: number;
  /** Zones to try first when naming a schedule's time zone for this conference. */
  zoneHints(conferenceId: string): readonly string[];
}

/** What differs between the generations when reading a conference. */
export interface GenerationReader {
  mode(raw: Json): ConferenceMode;
  allowGuests(raw: Json): boolean | undefined;
  joinUrl(raw: Json): string | undefined;
}

/**
 * running → live. A stopped one-time meeting is scheduled until its end and ended after it; a stopped
 * weekly meeting is scheduled (there is always a next occurrence); without a schedule it is a
 * stopped room.
 */
export function deriveState(vendorState: unknown, schedule: Schedule, now: number): ConferenceState {
  if (vendorState === 'running') return 'live';
  if (schedule.kind === 'once' && schedule.start) {
    const end = Date.parse(schedule.start) + (schedule.durationMinutes ?? 0) * 60_000;
    return end > now ? 'scheduled' : 'ended';
  }
  if (schedule.kind === 'weekly') return 'scheduled';
  return 'stopped';
}

/**
 * What the signed-in user may do. Only the owner manages a conference (the server enforces it);
 * when the user is unknown (v3 server without `/me`), actions are offered and the server decides.
 */
export function conferenceCapabilities(state: ConferenceState, ownerId: string | undefined, me: string | undefined): ConferenceCapabilities {
  const owner = me === undefined || sameUser(ownerId, me);
  const live = state === 'live';
  return {
    canStart: owner && !live,
    canStop: owner && live,
    canEdit: owner && !live,
    canDelete: owner && !live,
    canInvite: owner,
    canJoin: live || (owner && state !== 'ended'),
  };
}

export function readInvitee(raw: Json): Invitee | undefined {
  const id = readString(raw.id) ?? readString(raw.uid);
  if (!id) return undefined;
  const invitee: Invitee = { id };
  const name = readString(raw.display_name);
  if (name) invitee.displayName = name;
  const email = readString(raw.email);
  if (email) invitee.email = email;
  if (readBool(raw.is_moderator) === true) invitee.isModerator = true;
  return invitee;
}

export function readInvitees(body: unknown): Invitee[] {
  return readList(body, 'invitations').map(readInvitee).filter((i): i is Invitee => i !== undefined);
}

/** Role flags as TrueConf's session logs use them: 1 owner/moderator, 2 speaker, 0 listener, 3 guest. */
const ROLES: Record<number, Participant['role']> = { 0: 'participant', 1: 'moderator', 2: 'speaker', 3: 'guest' };

export function readParticipant(raw: Json): Participant | undefined {
  const id = readString(raw.uid) ?? readString(raw.id) ?? readString(raw.call_id);
  if (!id) return undefined;
  const p: Participant = { id };
  const name = readString(raw.display_name);
  if (name) p.displayName = name;
  const role = ROLES[readInt(raw.flag ?? raw.role) ?? -1];
  if (role) p.role = role;
  const joined = readTimestamp(raw.join_time);
  if (joined !== undefined) p.joinedAt = new Date(joined).toISOString();
  return p;
}

export function readConference(raw: unknown, ctx: MapContext, gen: GenerationReader): Conference {
  if (!isJson(raw) || readString(raw.id) === undefined) {
    throw new TcError({ kind: 'protocol', message: 'The server sent a conference without an id.' });
  }
  const id = readString(raw.id)!;
  const schedule = fromVendorSchedule(raw.schedule, ctx.zoneHints(id), ctx.now);
  const state = deriveState(raw.state, schedule, ctx.now);
  const invitees = readInvitees(raw);
  const ownerId = readString(raw.owner);
  const conference: Conference = {
    id,
    title: readString(raw.topic) ?? '',
    state,
    mode: gen.mode(raw),
    schedule,
    invitees,
    capabilities: conferenceCapabilities(state, ownerId, ctx.me),
  };
  const description = readString(raw.description);
  if (description) conference.description = description;
  if (ownerId) {
    const owner: Person = { id: ownerId };
    const name = invitees.find((i) => sameUser(i.id, ownerId))?.displayName;
    if (name) owner.displayName = name;
    conference.owner = owner;
  }
  const max = readInt(raw.max_participants);
  if (max !== undefined) conference.maxParticipants = max;
  const guests = gen.allowGuests(raw);
  if (guests !== undefined) conference.allowGuests = guests;
  const joinUrl = gen.joinUrl(raw);
  if (joinUrl) conference.joinUrl = joinUrl;
  const guestUrl = readString(raw.url);
  if (guestUrl) conference.guestUrl = guestUrl;
  return conference;
}

/** The invitation list of a write body; v4 adds `is_moderator`. */
export function writeInvitations(invitees: readonly Invitee[], withModerator: boolean): Json[] {
  return invitees.map((i) => ({
    id: i.id,
    ...(i.displayName ? { display_name: i.displayName } : {}),
    ...(withModerator && i.isModerator ? { is_moderator: true } : {}),
  }));
}

/** Fields both generations write under the same names. */
export function writeCommon(draft: Partial<ConferenceDraft>): Json {
  const out: Json = {};
  if (draft.title !== undefined) out.topic = draft.title;
  if (draft.description !== undefined) out.description = draft.description;
  if (draft.maxParticipants !== undefined) out.max_participants = draft.maxParticipants;
  return out;
}
