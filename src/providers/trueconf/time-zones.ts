/**
 * TrueConf keeps only a UTC offset in minutes (`special_time_offset`), so reading a schedule back
 * needs a zone that has that offset at that instant. (Zone arithmetic: model/time-zone.ts.)
 */
import { isValidTimeZone, zoneOffsetMinutes } from '../../model/time-zone.js';

export { isValidTimeZone, runtimeTimeZone, wallClock, zoneOffsetMinutes } from '../../model/time-zone.js';

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
