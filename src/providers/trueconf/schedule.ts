/**
 * TrueConf schedules ↔ the model's Schedule. TrueConf stores `start_time` (unix seconds, UTC),
 * `duration` (seconds), `time` ("HH:MM" in UTC), weekday names for weekly meetings (read as UTC
 * weekdays, consistent with `time`) and `special_time_offset` (minutes east of UTC, display only).
 * It has no zone name, so the model's IANA zone is turned into the offset at the start instant and,
 * on the way back, into a zone with that offset (see time-zones.ts).
 */
import { TcError } from '../../model/error.js';
import type { Schedule, Weekday } from '../../model/conference.js';
import type { ApiGeneration } from './endpoints.js';
import { isValidTimeZone, runtimeTimeZone, wallClock, zoneForOffset, zoneOffsetMinutes } from './time-zones.js';
import { readInt, readTimestamp, type Json } from './wire.js';

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

const TYPE_CODES = {
  v3: { none: -1, weekly: 0, once: 1 },
  v4: { none: 'none', weekly: 'week', once: 'once' },
} as const;

const hhmm = (date: Date): string => date.toISOString().slice(11, 16);

/** Weekdays shift by one when the local time and UTC fall on different dates. */
function dayShift(from: Weekday, to: Weekday): number {
  const d = (to - from + 7) % 7;
  return d === 6 ? -1 : d;
}

export function toVendorSchedule(schedule: Schedule, generation: ApiGeneration): Json {
  const codes = TYPE_CODES[generation];
  if (schedule.kind === 'none') return { type: codes.none };
  const timeZone = schedule.timeZone ?? runtimeTimeZone();
  if (!isValidTimeZone(timeZone)) {
    const message = `Unknown time zone "${timeZone}".`;
    throw new TcError({ kind: 'validation', message, fields: { 'schedule.timeZone': message } });
  }
  const out: Json = { type: schedule.kind === 'once' ? codes.once : codes.weekly };
  // Missing values are left out on purpose: the server names the field and the error is mapped back.
  const start = schedule.start !== undefined ? new Date(schedule.start) : undefined;
  if (start && Number.isNaN(start.getTime())) {
    const message = 'Choose a valid start date and time.';
    throw new TcError({ kind: 'validation', message, fields: { 'schedule.start': message } });
  }
  if (start) {
    out.start_time = Math.floor(start.getTime() / 1000);
    out.time = hhmm(start);
    out.special_time_offset = zoneOffsetMinutes(timeZone, start);
  }
  if (schedule.durationMinutes !== undefined) out.duration = Math.round(schedule.durationMinutes * 60);
  if (schedule.kind === 'weekly' && start) {
    const local = wallClock(timeZone, start).weekday;
    const shift = dayShift(local, start.getUTCDay() as Weekday);
    const days = schedule.days && schedule.days.length > 0 ? schedule.days : [local];
    out.days = [...new Set(days.map((d) => DAY_NAMES[(d + shift + 7) % 7]))];
  } else if (schedule.kind === 'weekly' && schedule.days) {
    out.days = schedule.days.map((d) => DAY_NAMES[d]);
  }
  return out;
}

function readKind(raw: unknown): Schedule['kind'] | undefined {
  const text = String(raw);
  if (text === '-1' || text === 'none') return 'none';
  if (text === '0' || text === 'week') return 'weekly';
  if (text === '1' || text === 'once') return 'once';
  return undefined;
}

function parseHhmm(value: unknown): number | undefined {
  const m = typeof value === 'string' ? /^(\d{1,2}):(\d{2})/.exec(value) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** The next weekly occurrence at or after `now` (UTC days and time), when the server omits start_time. */
function nextOccurrence(utcDays: number[], minutes: number, durationSeconds: number, now: number): number | undefined {
  if (utcDays.length === 0) return undefined;
  const midnight = Math.floor(now / 86_400_000) * 86_400_000;
  for (let i = -1; i <= 7; i++) {
    const at = midnight + i * 86_400_000 + minutes * 60_000;
    if (utcDays.includes(new Date(at).getUTCDay()) && at + durationSeconds * 1000 > now) return at;
  }
  return undefined;
}

/**
 * `zoneHints` come first when naming the zone (e.g. the zone this client created the meeting in,
 * then the viewer's zone).
 */
export function fromVendorSchedule(raw: unknown, zoneHints: readonly string[], now: number): Schedule {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Json;
  const kind = readKind(s.type) ?? 'none';
  if (kind === 'none') return { kind: 'none' };
  const duration = readInt(s.duration);
  const offset = readInt(s.special_time_offset) ?? 0;
  const time = parseHhmm(s.time);
  const utcDays =
    kind === 'weekly' && Array.isArray(s.days)
      ? s.days.map((d) => DAY_NAMES.indexOf(String(d).toLowerCase() as (typeof DAY_NAMES)[number])).filter((d) => d >= 0)
      : [];
  let startMs = readTimestamp(s.start_time);
  if (startMs === undefined && kind === 'weekly' && time !== undefined) {
    startMs = nextOccurrence(utcDays, time, duration ?? 0, now);
  }
  const schedule: Schedule = { kind };
  if (startMs !== undefined) {
    const start = new Date(startMs);
    schedule.start = start.toISOString();
    schedule.timeZone = zoneForOffset(offset, start, zoneHints);
  }
  if (duration !== undefined) schedule.durationMinutes = Math.round(duration / 60);
  if (kind === 'weekly') {
    const minutes = time ?? (startMs !== undefined ? new Date(startMs).getUTCHours() * 60 + new Date(startMs).getUTCMinutes() : 0);
    // Local date = UTC date shifted by the offset; only the whole-day part moves the weekday.
    const shift = Math.floor((minutes + offset) / 1440);
    schedule.days = [...new Set(utcDays.map((d) => ((d + shift + 7) % 7) as Weekday))].sort((a, b) => a - b);
  }
  return schedule;
}
