/**
 * Offsets and weekdays of IANA time zones via Intl (no tz database shipped). TrueConf keeps only
 * a UTC offset in minutes (`special_time_offset`), so reading a schedule back needs a zone that
 * has that offset at that instant.
 */
import type { Weekday } from '../../model/conference.js';

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

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

export function wallClock(timeZone: string, at: Date): WallClock {
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
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const w = wallClock(timeZone, at);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** Zones with offsets that are not whole hours, for lack of Etc/ names for them. */
const FRACTIONAL_ZONES = [
  'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Kabul', 'Asia/Tehran', 'Asia/Yangon', 'Australia/Darwin',
  'Australia/Adelaide', 'Australia/Eucla', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Marquesas',
  'Asia/Colombo',
];

/**
 * A zone that is `offset` minutes east of UTC at `at`: the first matching hint (the zone the meeting
 * was planned in, the viewer's zone), else a fixed-offset `Etc/GMT±N` zone, else a known zone with a
 * fractional offset, else UTC (the instant stays right; only the zone label is lost).
 */
export function zoneForOffset(offset: number, at: Date, hints: readonly string[]): string {
  for (const zone of hints) {
    if (isValidTimeZone(zone) && zoneOffsetMinutes(zone, at) === offset) return zone;
  }
  if (offset === 0) return 'UTC';
  if (offset % 60 === 0 && offset >= -720 && offset <= 840) {
    const hours = offset / 60;
    // POSIX sign convention: Etc/GMT-3 is three hours EAST of UTC.
    return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
  }
  return FRACTIONAL_ZONES.find((zone) => isValidTimeZone(zone) && zoneOffsetMinutes(zone, at) === offset) ?? 'UTC';
}
