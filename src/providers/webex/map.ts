/** Webex meeting objects and invitees → the model; model drafts → Webex request bodies. */
import type {
  Conference,
  ConferenceCapabilities,
  ConferenceDraft,
  ConferenceState,
  Invitee,
  Person,
} from '../../model/conference.js';
import { TcError } from '../../model/error.js';
import type { SessionUser } from '../../model/user.js';
import { fromWebexSchedule, toWebexTimes } from './schedule.js';
import { isJson, readInstant, readString, type Json } from './wire.js';

/**
 * Series: `active` has occurrences ahead, `expired` has none. Occurrences: `scheduled`/`ready`
 * (joinable soon), `missed` (nobody came). Instances: `lobby` (waiting for the host), `inProgress`,
 * `ended` [doc W1].
 */
const STATES: Record<string, ConferenceState> = {
  active: 'scheduled',
  scheduled: 'scheduled',
  ready: 'scheduled',
  lobby: 'live',
  inProgress: 'live',
  ended: 'ended',
  missed: 'ended',
  expired: 'ended',
};

function readState(raw: Json, end: number | undefined, now: number): ConferenceState {
  return STATES[readString(raw.state) ?? ''] ?? (end !== undefined && end <= now ? 'ended' : 'scheduled');
}

function isHost(raw: Json, me: SessionUser | undefined): boolean {
  if (!me) return true; // Unknown user: offer the actions, the server decides.
  const email = readString(raw.hostEmail)?.toLowerCase();
  return readString(raw.hostUserId) === me.id || (email !== undefined && email === me.email?.toLowerCase());
}

/**
 * No start/stop API and no invite call the widget uses; only series and scheduled occurrences can be
 * changed or deleted, by their host, until they run [doc W1].
 */
function capabilitiesOf(raw: Json, state: ConferenceState, me: SessionUser | undefined): ConferenceCapabilities {
  const changeable = isHost(raw, me) && raw.meetingType !== 'meeting' && state === 'scheduled';
  return { canStart: false, canStop: false, canEdit: changeable, canDelete: changeable, canInvite: false, canJoin: state !== 'ended' };
}

export function readMeeting(raw: unknown, me: SessionUser | undefined, now: number): Conference {
  if (!isJson(raw) || readString(raw.id) === undefined) {
    throw new TcError({ kind: 'protocol', message: 'Webex sent a meeting without an id.' });
  }
  const schedule = fromWebexSchedule(raw);
  const state = readState(raw, readInstant(raw.end), now);
  const conference: Conference = {
    id: readString(raw.id)!,
    title: readString(raw.title) ?? '',
    state,
    mode: 'default',
    schedule,
    invitees: [],
    capabilities: capabilitiesOf(raw, state, me),
  };
  const agenda = readString(raw.agenda);
  if (agenda) conference.description = agenda;
  const hostId = readString(raw.hostUserId) ?? readString(raw.hostEmail);
  if (hostId) {
    const owner: Person = { id: hostId };
    const name = readString(raw.hostDisplayName);
    if (name) owner.displayName = name;
    const email = readString(raw.hostEmail);
    if (email) owner.email = email;
    conference.owner = owner;
  }
  // The meeting's link opens the web client; it is also the link Webex tells people to share.
  const link = readString(raw.webLink);
  if (link) {
    conference.joinUrl = link;
    conference.guestUrl = link;
  }
  return conference;
}

/** A `meetingInvitees` item; the e-mail is the person's id (it is what Webex invites by). */
export function readInvitee(raw: Json): Invitee | undefined {
  const email = readString(raw.email);
  if (!email) return undefined;
  const invitee: Invitee = { id: email, email };
  const name = readString(raw.displayName);
  if (name) invitee.displayName = name;
  if (raw.coHost === true) invitee.isModerator = true;
  return invitee;
}

/** Webex invites by e-mail: the invitee's e-mail, else its id (the server rejects an id that is none). */
function writeInvitees(invitees: readonly Invitee[]): Json[] {
  return invitees.map((i) => ({
    email: i.email ?? i.id,
    ...(i.displayName ? { displayName: i.displayName } : {}),
    ...(i.isModerator ? { coHost: true } : {}),
  }));
}

export function createBody(draft: ConferenceDraft, now: number): Json {
  return {
    title: draft.title,
    ...(draft.description ? { agenda: draft.description } : {}),
    ...toWebexTimes(draft.schedule, now),
    ...(draft.invitees && draft.invitees.length > 0 ? { invitees: writeInvitees(draft.invitees) } : {}),
  };
}

/**
 * A PATCH merge body: only what changed. A schedule is sent whole (start, end, zone and rule), and
 * a one-time schedule clears the rule with `null` [doc W1].
 */
export function patchBody(changes: Partial<ConferenceDraft>, now: number): Json {
  const body: Json = {};
  if (changes.title !== undefined) body.title = changes.title;
  if (changes.description !== undefined) body.agenda = changes.description === '' ? null : changes.description;
  if (changes.schedule !== undefined) {
    body.recurrence = null;
    Object.assign(body, toWebexTimes(changes.schedule, now));
  }
  return body;
}
