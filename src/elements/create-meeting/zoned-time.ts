/**
 * Wall-clock time in an IANA zone <-> UTC instants, with Intl only (no time-zone database shipped).
 * Handles daylight-saving changes: a wall time that does not exist (clocks jump forward) gives
 * undefined; one that exists twice (clocks go back) gives the earlier instant.
 */

import { isValidTimeZone, runtimeTimeZone, wallClock, zoneOffsetMinutes, type WallClock } from '../../model/time-zone.js';

/** Wall-clock fields in a zone, to the minute; month is 1-based. */
export type WallTime = Pick<WallClock, 'year' | 'month' | 'day' | 'hour' | 'minute'>;

/** The wall-clock time a UTC instant shows in `timeZone`. */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const { year, month, day, hour, minute } = wallClock(timeZone, epochMs);
  return { year, month, day, hour, minute };
}

const DAY_MS = 86_400_000;

/**
 * The UTC instant (ms) at which `timeZone` shows the given wall time, or undefined when that wall
 * time is skipped by a daylight-saving change. Throws RangeError for an unknown zone.
 */
export function zonedToEpoch(wall: WallTime, timeZone: string): number | undefined {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Any instant with that wall time lies within a day of `naive`; the offsets a day either side
  // cover both sides of at most one transition.
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((d) => zoneOffsetMinutes(timeZone, naive + d)));
  const matches = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((candidate) => {
      const w = wallTimeAt(candidate, timeZone);
      return (
        w.year === wall.year && w.month === wall.month && w.day === wall.day && w.hour === wall.hour && w.minute === wall.minute
      );
    });
  return matches.length === 0 ? undefined : Math.min(...matches);
}

/** Parses `YYYY-MM-DD` and `HH:MM` (as `<input type=date|time>` give them). */
export function parseWallTime(date: string, time: string): WallTime | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time);
  if (!d || !t) return undefined;
  const wall = { year: +d[1]!, month: +d[2]!, day: +d[3]!, hour: +t[1]!, minute: +t[2]! };
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  if (check.getUTCMonth() !== wall.month - 1 || check.getUTCDate() !== wall.day) return undefined;
  if (wall.hour > 23 || wall.minute > 59) return undefined;
  return wall;
}

/** `YYYY-MM-DD` of a wall time (for `<input type=date>`). */
export function isoDate(wall: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/** The calendar date `days` after `wall`'s date. */
export function addDays<T extends Pick<WallTime, 'year' | 'month' | 'day'>>(wall: T, days: number): T {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day of week of a calendar date, 0 = Sunday (as `Date.getDay()`). */
export function weekdayOf(wall: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
}

/** Whether the runtime knows this IANA zone. */
export const isKnownTimeZone = isValidTimeZone;

/** The viewer's zone, e.g. `Europe/Berlin` (`UTC` if the runtime cannot tell). */
export const viewerTimeZone = runtimeTimeZone;

/** Every IANA zone the runtime knows, with the viewer's own and `UTC` guaranteed present. */
export function timeZoneList(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = new Set(supported ? supported('timeZone') : []);
  zones.add('UTC');
  zones.add(viewerTimeZone());
  return [...zones].sort();
}
