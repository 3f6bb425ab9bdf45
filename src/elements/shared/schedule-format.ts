import { msg, str } from '@lit/localize';
import type { Conference, Schedule, Weekday } from '../../model/conference.js';
import { isValidTimeZone, runtimeTimeZone, wallClock, zoneOffsetMinutes } from '../../model/time-zone.js';
import { dateFormat, numberFormat } from './locale.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

function instant(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

function safeZone(timeZone: string | undefined): string | undefined {
  return timeZone && isValidTimeZone(timeZone) ? timeZone : undefined;
}

/** Minutes the zone (default: the viewer's) is ahead of UTC at instant `t`. */
function zoneOffset(timeZone: string | undefined, t: number): number {
  return zoneOffsetMinutes(timeZone ?? runtimeTimeZone(), t);
}

function weekdayIn(timeZone: string | undefined, t: number): Weekday {
  return wallClock(timeZone ?? runtimeTimeZone(), t).weekday;
}

/**
 * The start of the occurrence that is running now or comes next, as epoch ms. Weekly meetings
 * repeat at the same wall-clock time in their own zone (so a DST change does not move them).
 */
export function nextStart(schedule: Schedule, now = Date.now()): number | undefined {
  const start = instant(schedule.start);
  if (start === undefined || schedule.kind === 'none') return undefined;
  if (schedule.kind === 'once' || start >= now) return start;
  const zone = safeZone(schedule.timeZone);
  const days = schedule.days?.length ? schedule.days : [weekdayIn(zone, start)];
  const duration = (schedule.durationMinutes ?? 0) * MINUTE;
  const weeks = Math.max(0, Math.floor((now - start) / (7 * DAY)) - 1);
  const baseOffset = zoneOffset(zone, start);
  for (let d = weeks * 7; d < weeks * 7 + 15; d++) {
    let candidate = start + d * DAY;
    candidate -= (zoneOffset(zone, candidate) - baseOffset) * MINUTE;
    if (days.includes(weekdayIn(zone, candidate)) && candidate + duration > now) return candidate;
  }
  return undefined;
}

export function formatDuration(lang: string, minutes: number | undefined): string | undefined {
  if (!minutes || minutes <= 0) return undefined;
  return numberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(minutes);
}

/** The time of day as the language writes it ("09:30", "9:30 AM"). */
function timeOf(lang: string, t: number): string {
  return dateFormat(lang, { timeStyle: 'short' }).format(t);
}

function weekdayName(lang: string, day: number): string {
  // 2023-01-01 was a Sunday.
  return dateFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + day));
}

/**
 * The schedule in the viewer's time zone and language, e.g. "Thu, 26 Nov 2026, 10:00 · 45 min" or
 * "Weekly on Mon, Wed · 09:30 · 30 min". Weekly days are shifted when the viewer's zone puts the
 * meeting on another calendar day than the meeting's own zone does. Empty for rooms.
 */
export function scheduleText(schedule: Schedule, lang: string): string {
  const start = instant(schedule.start);
  if (schedule.kind === 'none' || start === undefined) return '';
  const duration = formatDuration(lang, schedule.durationMinutes);
  const tail = duration ? ` · ${duration}` : '';
  if (schedule.kind === 'once') {
    const date = dateFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(start);
    return `${date}, ${timeOf(lang, start)}${tail}`;
  }
  const zone = safeZone(schedule.timeZone);
  const shift = (new Date(start).getDay() - weekdayIn(zone, start) + 7) % 7;
  const localDays = (schedule.days?.length ? schedule.days : [weekdayIn(zone, start)])
    .map((day) => (((day + (shift > 3 ? shift - 7 : shift)) % 7) + 7) % 7)
    .sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  const days = localDays.map((day) => weekdayName(lang, day)).join(', ');
  return msg(str`Weekly on ${days}`) + ` · ${timeOf(lang, start)}${tail}`;
}

/** The same schedule as planned, in the meeting's own zone, for a tooltip when zones differ. */
export function scheduleInOwnZone(schedule: Schedule, lang: string): string | undefined {
  const start = instant(schedule.start);
  const zone = safeZone(schedule.timeZone);
  if (start === undefined || !zone || schedule.kind === 'none') return undefined;
  const viewerZone = dateFormat(lang, {}).resolvedOptions().timeZone;
  if (zoneOffset(zone, start) === zoneOffset(viewerZone, start)) return undefined;
  return dateFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(start) + ` (${zone})`;
}

/**
 * "Starts in 12 min", "Starts at 14:00" (today) or "Starts Thu, 26 Nov, 10:00" for a
 * scheduled conference; "Starting soon" once the time has come but the server has not started it.
 */
export function countdownText(conference: Conference, lang: string, now = Date.now()): string {
  const start = nextStart(conference.schedule, now);
  if (start === undefined) return msg('Scheduled');
  const left = start - now;
  if (left <= 0) return msg('Starting soon');
  if (left < 60 * MINUTE) {
    const minutes = Math.ceil(left / MINUTE);
    return msg(str`Starts in ${minutes} min`);
  }
  const sameDay = new Date(start).toDateString() === new Date(now).toDateString();
  const time = timeOf(lang, start);
  if (sameDay) return msg(str`Starts at ${time}`);
  const when = `${dateFormat(lang, { weekday: 'short', day: 'numeric', month: 'short' }).format(start)}, ${time}`;
  return msg(str`Starts ${when}`);
}
