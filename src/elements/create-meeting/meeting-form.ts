/**
 * The create-meeting form as plain data: defaults, client validation, the draft it produces and
 * where a server's per-field error belongs. Kept apart from the element so the rules read in one place.
 */
import { msg, str } from '@lit/localize';
import type { ConferenceDraft, ConferenceMode, Invitee, ScheduleKind, Weekday } from '../../model/index.js';
import type { ProviderCapabilities } from '../../providers/types.js';
import {
  addDays,
  isKnownTimeZone,
  isoDate,
  parseWallTime,
  viewerTimeZone,
  wallTimeAt,
  weekdayOf,
  zonedToEpoch,
} from './zoned-time.js';

export interface MeetingForm {
  title: string;
  description: string;
  mode: ConferenceMode | '';
  kind: ScheduleKind;
  /** `YYYY-MM-DD` in `timeZone` (weekly: the first day it may take place). */
  date: string;
  /** `HH:MM` in `timeZone`. */
  time: string;
  /** Minutes, as typed. */
  duration: string;
  timeZone: string;
  days: Weekday[];
  invitees: Invitee[];
  /** What is typed in the invitee box but not added yet. */
  pending: string;
  maxParticipants: string;
  allowGuests: boolean;
}

/** Form fields that can carry a message. `start` covers the date and time inputs together. */
export type FieldKey =
  | 'title'
  | 'description'
  | 'mode'
  | 'kind'
  | 'start'
  | 'duration'
  | 'timeZone'
  | 'days'
  | 'invitees'
  | 'maxParticipants'
  | 'allowGuests';

export type FieldErrors = Partial<Record<FieldKey, string>>;

export const MAX_DURATION_MINUTES = 1439;

export function emptyForm(capabilities: ProviderCapabilities | undefined, timeZone?: string, now = Date.now()): MeetingForm {
  const zone = timeZone && isKnownTimeZone(timeZone) ? timeZone : viewerTimeZone();
  // Next full hour in the chosen zone: a near, sensible default the person adjusts.
  const next = wallTimeAt(now + 3_600_000, zone);
  const schedules = capabilities?.schedules ?? ['none'];
  return {
    title: '',
    description: '',
    mode: capabilities?.modes[0] ?? '',
    kind: schedules.includes('once') ? 'once' : (schedules[0] ?? 'none'),
    date: isoDate(next),
    time: `${String(next.hour).padStart(2, '0')}:00`,
    duration: '60',
    timeZone: zone,
    days: [weekdayOf(next) as Weekday],
    invitees: [],
    pending: '',
    maxParticipants: '',
    allowGuests: false,
  };
}

/** Splits typed or pasted text into people ids/emails; `bad` holds entries that cannot be ids. */
export function parseInvitees(text: string): { ids: string[]; bad: string[] } {
  const entries = text.split(/[\s,;]+/).filter(Boolean);
  const ids: string[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    // Vendor ids are logins, `user@server` or emails: no markup characters, no control characters.
    if (/^[^<>"'`\u0000-\u001f]{1,128}$/.test(entry)) ids.push(entry);
    else bad.push(entry);
  }
  return { ids, bad };
}

/** Adds ids to the list, skipping ones already there (case-insensitive). */
export function withInvitees(list: Invitee[], ids: string[]): Invitee[] {
  const seen = new Set(list.map((p) => p.id.toLowerCase()));
  const added = ids.filter((id) => !seen.has(id.toLowerCase()) && seen.add(id.toLowerCase()));
  return [...list, ...added.map((id) => ({ id }))];
}

/** The first start instant (ms) the form describes, or a message for the `start` field. */
function startOf(form: MeetingForm, now: number): { epoch: number } | { error: string } {
  const wall = parseWallTime(form.date, form.time);
  if (!wall) return { error: msg('Enter a date and a time.') };
  if (form.kind === 'once') {
    const epoch = zonedToEpoch(wall, form.timeZone);
    if (epoch === undefined) return { error: msg('This time does not exist in the chosen time zone (the clocks change then).') };
    if (epoch <= now) return { error: msg('Choose a time in the future.') };
    return { epoch };
  }
  // Weekly: the first chosen weekday on or after the date whose start is still ahead.
  for (let i = 0; i < 15; i++) {
    const day = addDays(wall, i);
    if (!form.days.includes(weekdayOf(day) as Weekday)) continue;
    const epoch = zonedToEpoch(day, form.timeZone);
    if (epoch !== undefined && epoch > now) return { epoch };
  }
  return { error: msg('Enter a date and a time.') };
}

/** Client-side checks; an empty object means the form can be sent. */
export function validate(form: MeetingForm, capabilities: ProviderCapabilities, now = Date.now()): FieldErrors {
  const errors: FieldErrors = {};
  const title = form.title.trim();
  if (!title) errors.title = msg('Enter a topic.');
  else if (title.length > capabilities.maxTitleLength) {
    const max = capabilities.maxTitleLength;
    errors.title = msg(str`Use at most ${max} characters.`);
  }
  if (form.kind !== 'none') {
    if (!isKnownTimeZone(form.timeZone)) errors.timeZone = msg('Choose a time zone.');
    if (form.kind === 'weekly' && form.days.length === 0) errors.days = msg('Choose at least one day.');
    if (!errors.timeZone && !errors.days) {
      const start = startOf(form, now);
      if ('error' in start) errors.start = start.error;
    }
    const duration = Number(form.duration);
    if (!/^\d+$/.test(form.duration.trim()) || duration < 1 || duration > MAX_DURATION_MINUTES) {
      errors.duration = msg(str`Enter a duration from 1 to ${MAX_DURATION_MINUTES} minutes.`);
    }
  }
  if (form.pending.trim() && parseInvitees(form.pending).bad.length > 0) {
    errors.invitees = msg('Enter user ids or email addresses, separated by spaces or commas.');
  }
  const max = form.maxParticipants.trim();
  if (max && (!/^\d+$/.test(max) || Number(max) < 1)) errors.maxParticipants = msg('Enter a whole number, at least 1.');
  return errors;
}

/** The draft a valid form describes (call `validate` first). */
export function toDraft(form: MeetingForm, capabilities: ProviderCapabilities, now = Date.now()): ConferenceDraft {
  const draft: ConferenceDraft = { title: form.title.trim(), schedule: { kind: form.kind } };
  const description = form.description.trim();
  if (description) draft.description = description;
  if (form.mode) draft.mode = form.mode;
  if (form.kind !== 'none') {
    const start = startOf(form, now);
    if ('epoch' in start) draft.schedule.start = new Date(start.epoch).toISOString();
    draft.schedule.durationMinutes = Number(form.duration);
    draft.schedule.timeZone = form.timeZone;
    if (form.kind === 'weekly') draft.schedule.days = [...form.days].sort((a, b) => a - b);
  }
  if (capabilities.invitations) draft.invitees = form.invitees.map((p) => ({ ...p }));
  if (capabilities.maxParticipants && form.maxParticipants.trim()) draft.maxParticipants = Number(form.maxParticipants);
  if (capabilities.guests) draft.allowGuests = form.allowGuests;
  return draft;
}

/**
 * Which form field a server error path (the model's, e.g. `schedule.start`, `invitees.1`) belongs to;
 * undefined when no field shows it.
 */
export function fieldForPath(path: string): FieldKey | undefined {
  const [head, sub] = path.split(/[.[\]]/).filter(Boolean);
  switch (head) {
    case 'title':
    case 'description':
    case 'mode':
    case 'invitees':
    case 'maxParticipants':
    case 'allowGuests':
      return head;
    case 'schedule':
      switch (sub) {
        case undefined:
        case 'kind':
          return 'kind';
        case 'start':
          return 'start';
        case 'durationMinutes':
          return 'duration';
        case 'timeZone':
          return 'timeZone';
        case 'days':
          return 'days';
        default:
          return undefined;
      }
    default:
      return undefined;
  }
}
