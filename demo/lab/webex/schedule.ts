/**
 * Time-zone arithmetic and RFC 2445 RRULE expansion for the Webex emulator. Occurrences repeat at
 * the same wall-clock time in the meeting's time zone (so a 10:00 Berlin meeting stays at 10:00
 * across a DST change), which is what a scheduling client shows and what the real server does.
 * The zone arithmetic itself is the library's (src/model/time-zone.ts).
 */

import { addDays } from '../../../src/elements/create-meeting/zoned-time.js';
import { wallClock, zoneOffsetMinutes, type WallClock } from '../../../src/model/time-zone.js';

/** Local date and time fields in a zone (the model's wall clock without the weekday). */
type Wall = Omit<WallClock, 'weekday'>;

/** Offset of `timeZone` from UTC at instant `t`, in ms (positive east of Greenwich). */
function offsetMs(t: number, timeZone: string): number {
  return zoneOffsetMinutes(timeZone, t) * 60_000;
}

/** The instant at which the wall clock in `timeZone` shows the given local time. */
function fromWallClock(w: Wall, timeZone: string): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const first = guess - offsetMs(guess, timeZone);
  return guess - offsetMs(first, timeZone);
}

/** ISO 8601 without milliseconds, like Webex: `Z` for UTC, else `+hh:mm` of the requested zone. */
export function formatInZone(t: number, timeZone: string): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const off = offsetMs(t, timeZone);
  const local = new Date(t + off).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / 60000;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** `yyyymmddThhmmssZ`, the suffix Webex puts on occurrence ids. */
export function compactUtc(t: number): string {
  return new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** Parses an ISO 8601 timestamp with a date and a time; undefined when it is not one. */
export function parseIso(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

export interface Rule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  count?: number;
  until?: number;
  /** Weekdays (0 = Sunday) for WEEKLY rules. */
  byDay?: number[];
}

/**
 * Parses the subset of RRULE the lab supports (FREQ, INTERVAL, COUNT, UNTIL, BYDAY on WEEKLY).
 * Returns an error text for anything else, so the emulator rejects rather than silently
 * mis-schedules.
 */
export function parseRule(text: string): Rule | string {
  const fields = new Map<string, string>();
  for (const part of text.replace(/^RRULE:/i, '').split(';')) {
    if (part === '') continue;
    const [key, value] = part.split('=');
    if (!key || value === undefined || value === '') return `Invalid recurrence rule: ${part}`;
    fields.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = fields.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') {
    return 'Invalid recurrence rule: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.';
  }
  const rule: Rule = { freq, interval: 1 };
  for (const [key, value] of fields) {
    switch (key) {
      case 'FREQ':
        break;
      case 'INTERVAL':
      case 'COUNT': {
        const n = /^\d+$/.test(value) ? Number(value) : 0;
        if (n < 1 || n > 1000) return `Invalid recurrence rule: ${key}=${value}`;
        if (key === 'INTERVAL') rule.interval = n;
        else rule.count = n;
        break;
      }
      case 'UNTIL': {
        const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
        if (!m) return `Invalid recurrence rule: UNTIL=${value}`;
        rule.until = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, m[4] ? +m[4] : 23, m[5] ? +m[5] : 59, m[6] ? +m[6] : 59);
        break;
      }
      case 'BYDAY': {
        if (freq !== 'WEEKLY') return 'Invalid recurrence rule: the lab supports BYDAY only with FREQ=WEEKLY.';
        const days = value.split(',').map((d) => DAYS.indexOf(d as (typeof DAYS)[number]));
        if (days.some((d) => d < 0)) return `Invalid recurrence rule: BYDAY=${value}`;
        rule.byDay = [...new Set(days)].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
        break;
      }
      case 'WKST':
        break;
      default:
        return `Invalid recurrence rule: ${key} is not supported.`;
    }
  }
  if (rule.count !== undefined && rule.until !== undefined) return 'Invalid recurrence rule: COUNT and UNTIL are exclusive.';
  return rule;
}

/**
 * Start instants of the occurrences of a series, in order, stopping before `limit` (an instant)
 * or after `max` occurrences. Without a rule the series has one occurrence.
 */
export function occurrenceStarts(first: number, rule: Rule | undefined, timeZone: string, limit: number, max = 2000): number[] {
  if (!rule) return first < limit ? [first] : [];
  const base = wallClock(timeZone, first);
  const out: number[] = [];
  const accept = (t: number): boolean => {
    if (t < first) return true;
    if (t >= limit || out.length >= max) return false;
    if (rule.until !== undefined && t > rule.until) return false;
    if (rule.count !== undefined && out.length >= rule.count) return false;
    out.push(t);
    return true;
  };
  for (let k = 0; k < 100_000; k++) {
    const step = k * rule.interval;
    if (rule.freq === 'DAILY') {
      if (!accept(fromWallClock(addDays(base, step), timeZone))) break;
    } else if (rule.freq === 'WEEKLY') {
      const monday = addDays(base, -((base.weekday + 6) % 7) + step * 7);
      const days = rule.byDay ?? [base.weekday];
      let go = true;
      for (const d of days) {
        if (!accept(fromWallClock(addDays(monday, (d + 6) % 7), timeZone))) {
          go = false;
          break;
        }
      }
      if (!go) break;
    } else {
      const months = rule.freq === 'MONTHLY' ? step : step * 12;
      const year = base.year + Math.floor((base.month - 1 + months) / 12);
      const month = ((base.month - 1 + months) % 12) + 1;
      // A day that the month lacks (31 April) is skipped, as RFC 5545 says.
      if (new Date(Date.UTC(year, month - 1, base.day)).getUTCDate() !== base.day) continue;
      if (!accept(fromWallClock({ ...base, year, month }, timeZone))) break;
    }
  }
  return out;
}
