/**
 * Reads conference write bodies of v3 (`type`, `allow_guests`, schedule type -1/0/1) and v4
 * (`mode`, `access`, schedule "none"/"week"/"once") into version-neutral fields, collecting one
 * error per bad field with its `location` (`topic`, `schedule.start_time`, ...), like the server.
 */
import type { ErrorItem } from './errors.js';
import {
  MODES,
  WEEKDAYS,
  resolveUser,
  type Conference,
  type Invitation,
  type Mode,
  type Schedule,
  type TrueconfCore,
} from './store.js';
import type { ApiVersion } from './views.js';

export type WriteKind = 'create' | 'replace' | 'patch';

export type ConferenceFields = Partial<
  Pick<
    Conference,
    | 'id'
    | 'topic'
    | 'description'
    | 'owner'
    | 'mode'
    | 'access'
    | 'maxParticipants'
    | 'maxPodiums'
    | 'schedule'
    | 'invitations'
    | 'recording'
    | 'autoInvite'
    | 'tags'
    | 'allowOnlyPlannedParticipants'
    | 'waitingRoomEnabled'
  >
>;

const required = (location: string): ErrorItem => ({
  reason: 'required',
  message: `The '${location}' field is required.`,
  locationType: 'parameter',
  location,
});

const invalid = (location: string, message: string): ErrorItem => ({
  reason: 'invalidValue',
  message,
  locationType: 'parameter',
  location,
});

function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function utcTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(11, 16);
}

/** v3 schedule types: -1 none, 0 weekly, 1 once; v4: "none", "week", "once". */
function readSchedule(core: TrueconfCore, raw: unknown, version: ApiVersion, errors: ErrorItem[]): Schedule | undefined {
  if (!isObject(raw)) {
    errors.push(invalid('schedule', 'The schedule must be an object.'));
    return undefined;
  }
  let type: 'none' | 'once' | 'week' | undefined;
  if (raw.type === undefined) {
    errors.push(required('schedule.type'));
    return undefined;
  }
  if (version === 'v3') {
    type = ({ '-1': 'none', '0': 'week', '1': 'once' } as const)[String(int(raw.type)) as '-1' | '0' | '1'];
    if (!type) errors.push(invalid('schedule.type', 'The schedule type must be -1, 0 or 1.'));
  } else {
    type = raw.type === 'none' || raw.type === 'once' || raw.type === 'week' ? raw.type : undefined;
    if (!type) errors.push(invalid('schedule.type', 'The schedule type must be "none", "week" or "once".'));
  }
  if (!type) return undefined;
  if (type === 'none') return { type: 'none' };

  const before = errors.length;
  // v4 demands the whole set (spec §5.3); v3 only what the schedule cannot do without.
  const full = version === 'v4' && core.settings.v4FullSchedule;
  const need = (field: string, present: boolean): void => {
    if (!present) errors.push(required(`schedule.${field}`));
  };

  const startTime = int(raw.start_time);
  if (raw.start_time !== undefined && (startTime === undefined || startTime < 0)) {
    errors.push(invalid('schedule.start_time', 'start_time must be a unix timestamp in seconds.'));
  } else need('start_time', raw.start_time !== undefined || (type === 'week' && !full));

  const duration = int(raw.duration);
  if (raw.duration !== undefined && (duration === undefined || duration < 60 || duration > 86399)) {
    errors.push(invalid('schedule.duration', 'duration must be 60..86399 seconds.'));
  } else need('duration', raw.duration !== undefined);

  const offset = int(raw.special_time_offset);
  if (raw.special_time_offset !== undefined && (offset === undefined || offset < -720 || offset > 840)) {
    errors.push(invalid('schedule.special_time_offset', 'special_time_offset is a UTC offset in minutes (-720..840).'));
  } else if (full) need('special_time_offset', raw.special_time_offset !== undefined);

  const time = typeof raw.time === 'string' && HHMM.test(raw.time) ? raw.time : undefined;
  if (raw.time !== undefined && time === undefined) {
    errors.push(invalid('schedule.time', 'time must be "HH:MM" in UTC.'));
  } else need('time', raw.time !== undefined || (type === 'once' && !full));

  let days: string[] | undefined;
  if (type === 'week') {
    if (raw.days === undefined) errors.push(required('schedule.days'));
    else if (
      !Array.isArray(raw.days) ||
      raw.days.length === 0 ||
      !raw.days.every((d) => typeof d === 'string' && (WEEKDAYS as readonly string[]).includes(d.toLowerCase()))
    ) {
      errors.push(invalid('schedule.days', 'days must be a non-empty list of weekday names.'));
    } else days = [...new Set((raw.days as string[]).map((d) => d.toLowerCase()))];
  }

  if (errors.length > before) return undefined;
  if (type === 'once') {
    return {
      type,
      startTime: startTime!,
      duration: duration!,
      time: time ?? utcTime(startTime!),
      specialTimeOffset: offset ?? 0,
    };
  }
  return {
    type,
    days: days!,
    time: time!,
    duration: duration!,
    startTime: startTime ?? null,
    specialTimeOffset: offset ?? 0,
  };
}

function readInvitations(core: TrueconfCore, raw: unknown, errors: ErrorItem[]): Invitation[] | undefined {
  if (!Array.isArray(raw)) {
    errors.push(invalid('invitations', 'invitations must be a list.'));
    return undefined;
  }
  const result = new Map<string, Invitation>();
  raw.forEach((item, index) => {
    const id = isObject(item) && typeof item.id === 'string' ? item.id.trim() : '';
    if (!id) {
      errors.push(required(`invitations[${index}].id`));
      return;
    }
    const entry = item as Record<string, unknown>;
    const login = resolveUser(core, id)?.id ?? id;
    result.set(login, {
      id: login,
      displayName: typeof entry.display_name === 'string' ? entry.display_name : null,
      isModerator: entry.is_moderator === true,
    });
  });
  return [...result.values()];
}

/** Parses a create / PUT / PATCH body. Unknown fields are ignored, like the server does. */
export function readConferenceBody(
  core: TrueconfCore,
  body: Record<string, unknown>,
  version: ApiVersion,
  kind: WriteKind,
): { fields: ConferenceFields; errors: ErrorItem[] } {
  const errors: ErrorItem[] = [];
  const fields: ConferenceFields = {};
  const has = (key: string): boolean => body[key] !== undefined;

  if (kind === 'create' && has('id')) {
    if (typeof body.id !== 'string' || !/^[0-9A-Za-z_]{1,128}$/.test(body.id)) {
      errors.push(invalid('id', 'id must be 1..128 characters of [0-9A-Za-z_].'));
    } else if (core.state.conferences.has(body.id)) {
      errors.push({
        reason: 'uniqueValueAlreadyInUse',
        message: 'Value is already in use. Please try another.',
        locationType: 'parameter',
        location: 'id',
      });
    } else fields.id = body.id;
  }

  if (has('topic')) {
    const topic = typeof body.topic === 'string' ? body.topic.trim() : undefined;
    if (topic === undefined || topic.length < 1 || topic.length > 240) {
      errors.push(invalid('topic', 'topic must be 1..240 characters.'));
    } else fields.topic = topic;
  } else if (kind !== 'patch') errors.push(required('topic'));

  if (has('description')) {
    if (typeof body.description !== 'string') errors.push(invalid('description', 'description must be a string.'));
    else fields.description = body.description;
  }

  if (has('owner')) {
    const user = typeof body.owner === 'string' ? resolveUser(core, body.owner.trim()) : undefined;
    if (!user) {
      errors.push({
        reason: 'userNotFound',
        message: `User '${String(body.owner)}' is not found.`,
        locationType: 'parameter',
        location: 'owner',
      });
    } else fields.owner = user.id;
  } else if (kind === 'create' && version === 'v4') errors.push(required('owner'));

  if (version === 'v3') {
    if (has('type')) {
      const type = int(body.type);
      const vad = body.vad_selector === undefined ? 1 : int(body.vad_selector);
      if (type === 0) fields.mode = 'PxP';
      else if (type === 1) fields.mode = 'OxP';
      else if (type === 3) fields.mode = vad === 0 ? 'S|L' : 'S|L Auto';
      else errors.push(invalid('type', 'type must be 0 (all on screen), 1 (video lecture) or 3 (role-based).'));
    } else if (kind !== 'patch') fields.mode = 'PxP';
    if (has('allow_guests')) {
      const v = bool(body.allow_guests);
      if (v === undefined) errors.push(invalid('allow_guests', 'allow_guests must be a boolean.'));
      else fields.access = v ? 'public' : 'private';
    }
    if (has('recording')) {
      const v = int(body.recording);
      if (v !== 0 && v !== 1) errors.push(invalid('recording', 'recording must be 0 or 1.'));
      else fields.recording = v === 1;
    }
  } else {
    if (has('mode')) {
      if (!MODES.includes(body.mode as Mode)) errors.push(invalid('mode', 'mode must be "PxP", "OxP", "S|L" or "S|L Auto".'));
      else fields.mode = body.mode as Mode;
    } else if (kind === 'create') errors.push(required('mode'));
    if (has('access')) {
      if (body.access !== 'private' && body.access !== 'public') {
        errors.push(invalid('access', 'access must be "private" or "public".'));
      } else fields.access = body.access;
    }
    if (has('recording_enabled')) {
      if (typeof body.recording_enabled !== 'boolean') errors.push(invalid('recording_enabled', 'recording_enabled must be a boolean.'));
      else fields.recording = body.recording_enabled;
    }
    if (has('waiting_room_enabled')) {
      if (typeof body.waiting_room_enabled !== 'boolean') {
        errors.push(invalid('waiting_room_enabled', 'waiting_room_enabled must be a boolean.'));
      } else fields.waitingRoomEnabled = body.waiting_room_enabled;
    }
  }

  if (has('max_participants')) {
    const v = int(body.max_participants);
    const limit = core.settings.maxParticipantsLimit;
    if (v === undefined || v < 1 || v > limit) {
      errors.push(invalid('max_participants', `max_participants must be 1..${limit} (licence limit).`));
    } else fields.maxParticipants = v;
  }
  if (has('max_podiums')) {
    const v = int(body.max_podiums);
    if (v === undefined || v < 1) errors.push(invalid('max_podiums', 'max_podiums must be a positive integer.'));
    else fields.maxPodiums = v;
  }

  if (has('schedule')) {
    const schedule = readSchedule(core, body.schedule, version, errors);
    if (schedule) fields.schedule = schedule;
  }
  if (has('invitations')) {
    const invitations = readInvitations(core, body.invitations, errors);
    if (invitations) fields.invitations = invitations;
  }
  if (has('auto_invite')) {
    const v = int(body.auto_invite);
    if (v !== 0 && v !== 1) errors.push(invalid('auto_invite', 'auto_invite must be 0 or 1.'));
    else fields.autoInvite = v;
  }
  if (has('tags')) {
    if (!Array.isArray(body.tags) || !body.tags.every((t) => typeof t === 'string')) {
      errors.push(invalid('tags', 'tags must be a list of strings.'));
    } else fields.tags = body.tags as string[];
  }
  if (has('allow_only_planned_participants')) {
    const v = bool(body.allow_only_planned_participants);
    if (v === undefined) errors.push(invalid('allow_only_planned_participants', 'Must be a boolean.'));
    else fields.allowOnlyPlannedParticipants = v;
  }
  return { fields, errors };
}

/** Podium count when the body gives none: all on screen = everyone, lecture = 1. */
function podiumsFor(mode: Mode, maxParticipants: number, requested: number | undefined): number {
  if (mode === 'PxP') return maxParticipants;
  if (mode === 'OxP') return 1;
  return Math.min(requested ?? 4, maxParticipants);
}

/**
 * Builds the stored conference. `replace` (v3 PUT) resets omitted writable fields to their
 * defaults (keeping owner and invitations); `patch` (v4 PATCH) changes only what was sent.
 */
export function buildConference(
  core: TrueconfCore,
  base: Conference,
  fields: ConferenceFields,
  kind: WriteKind,
): Conference {
  const start: Conference =
    kind === 'replace'
      ? {
          ...base,
          description: '',
          mode: 'PxP',
          access: 'private',
          maxParticipants: core.settings.maxParticipantsLimit,
          schedule: { type: 'none' },
          recording: false,
          autoInvite: 0,
          tags: [],
          allowOnlyPlannedParticipants: false,
          waitingRoomEnabled: false,
        }
      : { ...base };
  const next: Conference = { ...start, ...fields };
  const podiumsAsked = fields.maxPodiums ?? (next.mode === base.mode ? base.maxPodiums : undefined);
  next.maxPodiums = podiumsFor(next.mode, next.maxParticipants, podiumsAsked);
  return next;
}

/** Fields that may not change while a conference runs: everything but `description` (v3 table). */
export function runningChanges(before: Conference, after: Conference, version: ApiVersion): ErrorItem[] {
  const names: [keyof Conference, string, string][] = [
    ['topic', 'topic', 'topic'],
    ['owner', 'owner', 'owner'],
    ['mode', 'type', 'mode'],
    ['access', 'allow_guests', 'access'],
    ['maxParticipants', 'max_participants', 'max_participants'],
    ['maxPodiums', 'max_podiums', 'max_podiums'],
    ['schedule', 'schedule', 'schedule'],
    ['invitations', 'invitations', 'invitations'],
    ['recording', 'recording', 'recording_enabled'],
    ['autoInvite', 'auto_invite', 'auto_invite'],
    ['tags', 'tags', 'tags'],
    ['allowOnlyPlannedParticipants', 'allow_only_planned_participants', 'allow_only_planned_participants'],
    ['waitingRoomEnabled', 'waiting_room_enabled', 'waiting_room_enabled'],
  ];
  return names
    .filter(([key]) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map(([, v3, v4]) => ({
      reason: 'conferenceIsRunning',
      message: 'Only the description can be changed while the conference is running.',
      locationType: 'parameter' as const,
      location: version === 'v3' ? v3 : v4,
    }));
}

/** A new conference's defaults before the body's fields are applied. */
export function blankConference(core: TrueconfCore, id: string, owner: string, now: number): Conference {
  return {
    id,
    topic: '',
    description: '',
    owner,
    mode: 'PxP',
    access: 'private',
    maxParticipants: core.settings.maxParticipantsLimit,
    maxPodiums: core.settings.maxParticipantsLimit,
    schedule: { type: 'none' },
    invitations: [],
    state: 'stopped',
    createdAt: now,
    recording: false,
    autoInvite: 0,
    tags: [],
    allowOnlyPlannedParticipants: false,
    waitingRoomEnabled: false,
    sessionId: null,
    participants: [],
  };
}
