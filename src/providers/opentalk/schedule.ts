/**
 * Event dates ↔ the model's Schedule (spec §7.3–§7.4). OpenTalk stores `starts_at`/`ends_at` as
 * `{datetime (UTC), timezone (IANA)}` and repeats with RFC 5545 lines; weekdays in `BYDAY` are
 * those of the event's own zone, as the model's `days` are.
 */
import type { Schedule, Weekday } from '../../model/conference.js';
import { TcError } from '../../model/error.js';
import { isValidTimeZone, runtimeTimeZone, wallClock } from '../../model/time-zone.js';
import { isJson, readString, type Json } from './wire.js';

const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const DEFAULT_MINUTES = 60;

function invalid(field: string, message: string): TcError {
  return new TcError({ kind: 'validation', message, fields: { [field]: message } });
}

interface Rule {
  freq: string;
  interval: number;
  days: Weekday[];
  until?: number;
  count?: number;
}

function parseUntil(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 23), +(m[5] ?? 59), +(m[6] ?? 59)) : undefined;
}

/** The RRULE line of a pattern (with or without the `RRULE:` prefix). */
export function parseRule(pattern: unknown): Rule | undefined {
  const lines = Array.isArray(pattern) ? pattern.filter((l): l is string => typeof l === 'string') : [];
  const line = lines.find((l) => /^(RRULE:)?FREQ=/i.test(l.trim()));
  if (!line) return undefined;
  const parts = new Map(
    line.trim().replace(/^RRULE:/i, '').split(';').map((p) => {
      const [k = '', v = ''] = p.split('=');
      return [k.toUpperCase(), v.toUpperCase()] as const;
    }),
  );
  const days = (parts.get('BYDAY') ?? '')
    .split(',')
    .map((d) => BYDAY.indexOf(d.replace(/^[+-]?\d+/, '') as (typeof BYDAY)[number]))
    .filter((d): d is Weekday => d >= 0);
  const rule: Rule = { freq: parts.get('FREQ') ?? '', interval: Number(parts.get('INTERVAL') ?? 1) || 1, days };
  const until = parts.get('UNTIL');
  if (until) {
    const at = parseUntil(until);
    if (at !== undefined) rule.until = at;
  }
  const count = Number(parts.get('COUNT'));
  if (count > 0) rule.count = count;
  return rule;
}

function readDate(raw: unknown): { ms: number; timeZone: string | undefined } | undefined {
  if (!isJson(raw)) return undefined;
  const text = readString(raw.datetime);
  const ms = text === undefined ? NaN : Date.parse(text);
  return Number.isNaN(ms) ? undefined : { ms, timeZone: readString(raw.timezone) };
}

export interface ReadSchedule {
  schedule: Schedule;
  /** When the last occurrence ends (Infinity for an open-ended series), for the state. */
  endsAt: number | undefined;
}

/**
 * Weekly (or daily, which is every weekday) series with interval 1 become `weekly`; other
 * rules cannot be expressed in the model and are shown as their first occurrence (`once`).
 */
export function readSchedule(event: Json): ReadSchedule {
  const start = readDate(event.starts_at);
  if (event.is_time_independent === true || !start) return { schedule: { kind: 'none' }, endsAt: undefined };
  const end = readDate(event.ends_at);
  const timeZone = start.timeZone && isValidTimeZone(start.timeZone) ? start.timeZone : 'UTC';
  const schedule: Schedule = { kind: 'once', start: new Date(start.ms).toISOString(), timeZone };
  const firstEnd = end ? end.ms : start.ms + DEFAULT_MINUTES * 60_000;
  schedule.durationMinutes = Math.max(0, Math.round((firstEnd - start.ms) / 60_000));
  const rule = event.type === 'recurring' || event.recurrence_pattern ? parseRule(event.recurrence_pattern) : undefined;
  if (!rule) return { schedule, endsAt: firstEnd };

  const weekly = rule.interval === 1 && (rule.freq === 'WEEKLY' || rule.freq === 'DAILY');
  if (weekly) {
    schedule.kind = 'weekly';
    const own = wallClock(timeZone, start.ms).weekday;
    const days = rule.days.length > 0 ? rule.days : rule.freq === 'DAILY' ? ([0, 1, 2, 3, 4, 5, 6] as Weekday[]) : [own];
    schedule.days = [...new Set(days)].sort((a, b) => a - b);
  }
  let endsAt = Infinity;
  if (rule.until !== undefined) endsAt = rule.until + (firstEnd - start.ms);
  else if (rule.count !== undefined) {
    const step = ({ DAILY: 1, WEEKLY: 7, MONTHLY: 31, YEARLY: 366 } as Record<string, number>)[rule.freq] ?? 1;
    endsAt = firstEnd + (rule.count - 1) * step * rule.interval * 86_400_000;
  }
  return { schedule, endsAt };
}

/** Date fields of a create or patch body for a schedule. Problems the client can see are raised as field errors. */
export function writeSchedule(schedule: Schedule): Json {
  if (schedule.kind === 'none') return { is_time_independent: true };
  const timeZone = schedule.timeZone ?? runtimeTimeZone();
  if (!isValidTimeZone(timeZone)) throw invalid('schedule.timeZone', `Unknown time zone "${timeZone}".`);
  if (schedule.start === undefined) throw invalid('schedule.start', 'Choose a start date and time.');
  const start = Date.parse(schedule.start);
  if (Number.isNaN(start)) throw invalid('schedule.start', 'Choose a valid start date and time.');
  const minutes = schedule.durationMinutes ?? DEFAULT_MINUTES;
  if (!(minutes > 0)) throw invalid('schedule.durationMinutes', 'Choose a duration longer than zero.');
  const at = (ms: number) => ({ datetime: new Date(ms).toISOString().replace(/\.000Z$/, 'Z'), timezone: timeZone });
  const out: Json = {
    is_time_independent: false,
    is_all_day: false,
    starts_at: at(start),
    ends_at: at(start + minutes * 60_000),
    recurrence_pattern: [],
  };
  if (schedule.kind === 'weekly') {
    const days = schedule.days && schedule.days.length > 0 ? schedule.days : [wallClock(timeZone, start).weekday];
    const byDay = [...new Set(days)].sort((a, b) => a - b).map((d) => BYDAY[d]);
    // As OpenTalk's own frontend writes it (spec §7.4): no `RRULE:` prefix.
    out.recurrence_pattern = [`FREQ=WEEKLY;INTERVAL=1;BYDAY=${byDay.join(',')}`];
  }
  return out;
}
