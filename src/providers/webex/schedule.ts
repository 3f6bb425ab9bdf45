/**
 * Model schedules ↔ Webex `start`/`end`/`timezone`/`recurrence`. Webex repeats a series with an
 * RFC 2445 RRULE evaluated at the same wall-clock time in the meeting's `timezone`, so the model's
 * weekly days (local weekdays in the schedule's zone) become `FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH`.
 */
import type { Schedule, Weekday } from '../../model/conference.js';
import { TcError } from '../../model/error.js';
import { isValidTimeZone, runtimeTimeZone, wallClock } from '../../model/time-zone.js';
import { readInstant, readString, type Json } from './wire.js';

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const MINUTE = 60_000;
/** Webex's limits [doc W1]: 10 min to 23 h 59 min, start not in the past, under 10 years ahead. */
export const MIN_DURATION_MINUTES = 10;
export const MAX_DURATION_MINUTES = 23 * 60 + 59;
const MAX_AHEAD_MS = 10 * 365 * 86_400_000;

function invalid(field: string, message: string): TcError {
  return new TcError({ kind: 'validation', message, fields: { [field]: message }, code: 'webex.schedule' });
}

export function weeklyRule(days: readonly Weekday[]): string {
  const sorted = [...new Set(days)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  return `FREQ=WEEKLY;INTERVAL=1;BYDAY=${sorted.map((d) => DAYS[d]).join(',')}`;
}

/**
 * The time fields of a create or full-schedule PATCH body. Webex's own rules are checked here first:
 * failed creates count against the user's daily quota [doc W1], so a request known to fail is not sent.
 */
export function toWebexTimes(schedule: Schedule, now: number): Json {
  if (schedule.kind === 'none') {
    throw invalid('schedule.kind', 'Webex meetings need a date and time: choose once or weekly.');
  }
  const timeZone = schedule.timeZone ?? runtimeTimeZone();
  if (!isValidTimeZone(timeZone)) throw invalid('schedule.timeZone', `Unknown time zone "${timeZone}".`);
  const start = schedule.start !== undefined ? Date.parse(schedule.start) : NaN;
  if (Number.isNaN(start)) throw invalid('schedule.start', 'Choose a start date and time.');
  if (start < Math.floor(now / MINUTE) * MINUTE) throw invalid('schedule.start', 'Choose a time in the future.');
  if (start >= now + MAX_AHEAD_MS) throw invalid('schedule.start', 'Choose a start less than 10 years ahead.');
  const minutes = schedule.durationMinutes;
  if (minutes === undefined || !Number.isInteger(minutes) || minutes < MIN_DURATION_MINUTES || minutes > MAX_DURATION_MINUTES) {
    throw invalid('schedule.durationMinutes', `Choose a duration from ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES} minutes.`);
  }
  const body: Json = {
    start: new Date(start).toISOString(),
    end: new Date(start + minutes * MINUTE).toISOString(),
    timezone: timeZone,
  };
  if (schedule.kind === 'weekly') {
    const days = schedule.days && schedule.days.length > 0 ? schedule.days : [wallClock(timeZone, start).weekday];
    body.recurrence = weeklyRule(days);
  }
  return body;
}

/** RRULE fields, upper-cased; undefined for an empty or unreadable rule. */
function ruleFields(text: string): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  for (const part of text.replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = part.split('=');
    if (key && value) fields.set(key.trim().toUpperCase(), value.trim().toUpperCase());
  }
  return fields.has('FREQ') ? fields : undefined;
}

/**
 * A meeting object's schedule. Weekly (and daily, which is weekly on every day) rules with interval
 * 1 are `weekly`; anything the model cannot say (monthly, every other week) reads as the one
 * occurrence the object describes. Occurrences and instances carry no rule: each is `once`.
 */
export function fromWebexSchedule(raw: Json): Schedule {
  const start = readInstant(raw.start);
  const end = readInstant(raw.end);
  const schedule: Schedule = { kind: 'once' };
  if (start !== undefined) schedule.start = new Date(start).toISOString();
  if (start !== undefined && end !== undefined) schedule.durationMinutes = Math.round((end - start) / MINUTE);
  const zone = readString(raw.timezone);
  if (zone && isValidTimeZone(zone)) schedule.timeZone = zone;
  const rule = typeof raw.recurrence === 'string' ? ruleFields(raw.recurrence) : undefined;
  if (!rule || (rule.get('INTERVAL') ?? '1') !== '1') return schedule;
  const freq = rule.get('FREQ');
  if (freq === 'DAILY') return { ...schedule, kind: 'weekly', days: [0, 1, 2, 3, 4, 5, 6] };
  if (freq !== 'WEEKLY') return schedule;
  const byDay = rule.get('BYDAY');
  let days: Weekday[];
  if (byDay) days = byDay.split(',').map((d) => DAYS.indexOf(d as (typeof DAYS)[number]) as Weekday).filter((d) => d >= 0);
  else if (start !== undefined) days = [wallClock(schedule.timeZone ?? 'UTC', start).weekday];
  else days = [];
  return { ...schedule, kind: 'weekly', days: [...new Set(days)].sort((a, b) => a - b) };
}
