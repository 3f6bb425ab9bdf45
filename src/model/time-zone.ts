/**
 * IANA time zones through Intl only (no zone database shipped): the wall clock a zone shows at an
 * instant, and its offset from UTC. One implementation for the adapters (TrueConf keeps bare UTC
 * offsets) and the elements (schedules shown and entered in a zone).
 */

import type { Weekday } from './conference.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone of the machine running this code (browser or Node); UTC if Intl cannot tell. */
export function runtimeTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Wall-clock fields in a zone; month is 1-based, weekday 0 = Sunday. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

/** What `timeZone` shows at an instant. Throws RangeError for an unknown zone. */
export function wallClock(timeZone: string, at: Date | number): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAY_SHORT.indexOf(parts.weekday ?? '') as Weekday,
  };
}

/** Minutes east of UTC that `timeZone` is at instant `at` (Moscow → 180). */
export function zoneOffsetMinutes(timeZone: string, at: Date | number): number {
  const w = wallClock(timeZone, at);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(+at / 1000) * 1000) / 60_000);
}
