/**
 * Create/update rules of `POST|PATCH|PUT /v1/meetings` (spec A2): start not in the past, start
 * before end, 10 min to 23 h 59 min, truncated to the minute (a start within the current minute
 * moves to the next one), under 10 years ahead, valid zone and RRULE, invitees with e-mails.
 * Every problem becomes one `{description}` in the error body.
 */
import { isValidTimeZone } from '../../../src/model/time-zone.js';
import { parseIso, parseRule, type Rule } from './schedule.js';
import { OPTION_DEFAULTS } from './views.js';

export interface InviteeInput {
  email: string;
  displayName?: string;
  coHost: boolean;
  panelist: boolean;
}

export interface MeetingValues {
  title: string;
  agenda?: string;
  password?: string;
  start: number;
  end: number;
  timezone: string;
  recurrence?: string;
  rule?: Rule;
  scheduledType: 'meeting' | 'webinar';
  options: Record<string, unknown>;
  invitees?: InviteeInput[];
}

const MINUTE = 60_000;
const MIN_DURATION = 10 * MINUTE;
const MAX_DURATION = (23 * 60 + 59) * MINUTE;
const BOOLEAN_OPTIONS = [
  'enabledAutoRecordMeeting',
  'allowAnyUserToBeCoHost',
  'enabledJoinBeforeHost',
  'enableConnectAudioBeforeHost',
  'excludePassword',
  'publicMeeting',
  'enableAutomaticLock',
  'allowFirstUserToBeCoHost',
  'allowAuthenticatedDevices',
] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Validates a create (`base` undefined, or PUT which replaces everything) or a PATCH (`base` is the
 * current meeting; only the fields present change). `now` decides "in the past".
 */
export function validateMeeting(
  body: Record<string, unknown>,
  now: number,
  base?: MeetingValues,
): { ok: true; value: MeetingValues; timesChanged: boolean } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(body, k);

  let title = base?.title ?? '';
  if (!base || has('title')) {
    if (typeof body.title !== 'string' || body.title.trim() === '') errors.push('title is required.');
    else title = body.title;
  }

  let agenda = base?.agenda;
  if (has('agenda')) {
    if (body.agenda === null) agenda = undefined;
    else if (typeof body.agenda !== 'string') errors.push('agenda must be a string.');
    else if (body.agenda.length > 1300) errors.push('agenda must be at most 1300 characters.');
    else agenda = body.agenda;
  }

  let password = base?.password;
  if (has('password')) {
    // Stand-in for the site's complexity rules, which the spec does not list.
    if (typeof body.password !== 'string' || body.password.length < 4 || body.password.length > 32 || /\s/.test(body.password)) {
      errors.push('Meeting password validation failed. The password must be 4 to 32 characters without spaces.');
    } else password = body.password;
  }

  let timezone = base?.timezone ?? 'UTC';
  if (has('timezone')) {
    if (typeof body.timezone !== 'string' || !isValidTimeZone(body.timezone)) errors.push(`Invalid timezone: ${String(body.timezone)}`);
    else timezone = body.timezone;
  }

  const timesChanged = !base || has('start') || has('end') || has('recurrence');
  let start = base?.start ?? 0;
  let end = base?.end ?? 0;
  let timesOk = true;
  for (const key of ['start', 'end'] as const) {
    if (base && !has(key)) continue;
    const value = body[key];
    if (value === undefined || value === null || value === '') {
      errors.push(`${key} is required.`);
      timesOk = false;
      continue;
    }
    const t = parseIso(value);
    if (t === undefined) {
      errors.push(`Invalid ${key} time: ${String(value)}. Expected ISO 8601.`);
      timesOk = false;
    } else if (key === 'start') start = Math.floor(t / MINUTE) * MINUTE;
    else end = Math.floor(t / MINUTE) * MINUTE;
  }
  if (timesOk && (!base || has('start') || has('end'))) {
    const thisMinute = Math.floor(now / MINUTE) * MINUTE;
    if (!base || has('start')) {
      if (start < thisMinute) errors.push('The start time of the meeting cannot be earlier than the current time.');
      else if (start === thisMinute) start += MINUTE;
      if (start >= now + 10 * 365.25 * 86_400_000) errors.push('A meeting cannot be scheduled 10 or more years ahead.');
    }
    if (end <= start) errors.push('The end time of the meeting must be later than the start time.');
    else if (end - start < MIN_DURATION || end - start > MAX_DURATION) {
      errors.push('The duration of the meeting must be between 10 minutes and 23 hours 59 minutes.');
    }
  }

  let recurrence = base?.recurrence;
  let rule = base?.rule;
  if (has('recurrence')) {
    if (body.recurrence === null || body.recurrence === '') {
      recurrence = undefined;
      rule = undefined;
    } else if (typeof body.recurrence !== 'string') errors.push('recurrence must be an RRULE string.');
    else {
      const parsed = parseRule(body.recurrence);
      if (typeof parsed === 'string') errors.push(parsed);
      else {
        recurrence = body.recurrence;
        rule = parsed;
      }
    }
  }

  let scheduledType = base?.scheduledType ?? 'meeting';
  if (has('scheduledType')) {
    if (body.scheduledType === 'meeting' || body.scheduledType === 'webinar') scheduledType = body.scheduledType;
    else errors.push(`scheduledType ${String(body.scheduledType)} is not supported (meeting, webinar).`);
  }

  const options: Record<string, unknown> = { ...(base?.options ?? structuredClone(OPTION_DEFAULTS)) };
  for (const key of BOOLEAN_OPTIONS) {
    if (!has(key)) continue;
    if (typeof body[key] !== 'boolean') errors.push(`${key} must be a boolean.`);
    else options[key] = body[key];
  }
  if (has('joinBeforeHostMinutes')) {
    if (![0, 5, 10, 15].includes(body.joinBeforeHostMinutes as number)) errors.push('joinBeforeHostMinutes must be 0, 5, 10 or 15.');
    else options.joinBeforeHostMinutes = body.joinBeforeHostMinutes;
  }
  if (has('reminderTime')) {
    if (!Number.isInteger(body.reminderTime) || (body.reminderTime as number) < 0) errors.push('reminderTime must be a non-negative integer.');
    else options.reminderTime = body.reminderTime;
  }
  if (has('unlockedMeetingJoinSecurity')) {
    if (!['allowJoin', 'allowJoinWithLobby', 'blockFromJoin'].includes(body.unlockedMeetingJoinSecurity as string)) {
      errors.push('unlockedMeetingJoinSecurity must be allowJoin, allowJoinWithLobby or blockFromJoin.');
    } else options.unlockedMeetingJoinSecurity = body.unlockedMeetingJoinSecurity;
  }
  for (const key of ['meetingOptions', 'attendeePrivileges'] as const) {
    if (!has(key)) continue;
    const value = body[key];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) errors.push(`${key} must be an object.`);
    else options[key] = { ...(options[key] as object), ...value };
  }
  if (has('integrationTags')) {
    const tags = body.integrationTags;
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) errors.push('integrationTags must be an array of strings.');
    else options.integrationTags = tags;
  }
  if (has('sendEmail') && typeof body.sendEmail !== 'boolean') errors.push('sendEmail must be a boolean.');
  if (has('adhoc') || has('roomId')) errors.push('The lab does not emulate space meetings (adhoc, roomId).');

  let invitees: InviteeInput[] | undefined;
  if (has('invitees')) {
    const list = body.invitees;
    if (!Array.isArray(list)) errors.push('invitees must be an array.');
    else if (list.length > 1000) errors.push('A meeting can have at most 1000 invitees.');
    else {
      invitees = [];
      list.forEach((item: unknown, i) => {
        const inv = item as Record<string, unknown> | null;
        if (!inv || typeof inv !== 'object' || typeof inv.email !== 'string' || !EMAIL.test(inv.email)) {
          errors.push(`invitees[${i}].email is not a valid e-mail address.`);
          return;
        }
        if (inv.displayName !== undefined && typeof inv.displayName !== 'string') errors.push(`invitees[${i}].displayName must be a string.`);
        invitees!.push({
          email: inv.email,
          ...(typeof inv.displayName === 'string' ? { displayName: inv.displayName } : {}),
          coHost: inv.coHost === true,
          panelist: inv.panelist === true,
        });
      });
    }
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    timesChanged,
    value: {
      title,
      ...(agenda !== undefined ? { agenda } : {}),
      ...(password !== undefined ? { password } : {}),
      start,
      end,
      timezone,
      ...(recurrence !== undefined && rule ? { recurrence, rule } : {}),
      scheduledType,
      options,
      ...(invitees ? { invitees } : {}),
    },
  };
}
