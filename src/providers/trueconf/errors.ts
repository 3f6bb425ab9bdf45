/**
 * TrueConf's error envelope (spec §4.1):
 * `{"error":{"code","message","trace_id"?,"errors":[{"reason","message","locationType","location"}]}}`
 * → TcError details with messages keyed by the MODEL's field names.
 */
import type { ErrorResponse, VendorErrorDetails } from '../../http/errors.js';
import type { TcErrorKind } from '../../model/error.js';
import { isJson, readString, type Json } from './wire.js';

interface ErrorItem {
  reason?: string;
  message?: string;
  location?: string;
}

function items(body: unknown): ErrorItem[] {
  const error = isJson(body) && isJson(body.error) ? body.error : undefined;
  const list = error && Array.isArray(error.errors) ? error.errors : [];
  return list.filter(isJson).map((e: Json) => ({
    reason: readString(e.reason),
    message: readString(e.message),
    location: readString(e.location),
  }));
}

/** v3.x answers an invalid or expired token with 403 `accessTokenInvalid` instead of 401. */
export function isTokenRejected(response: Pick<ErrorResponse, 'status' | 'body'>): boolean {
  return response.status === 401 || (response.status === 403 && items(response.body).some((e) => e.reason === 'accessTokenInvalid'));
}

/** Vendor field → model field, with the wording shown under the field when the reason is generic. */
type Wording = string | ((vendorMessage: string) => string);

const range = (vendorMessage: string): string => {
  const m = /(\d+)\s*\.\.\s*(\d+)/.exec(vendorMessage);
  return m ? `Enter a number from ${m[1]} to ${m[2]}.` : 'This number of participants is not allowed.';
};

const CONFERENCE_FIELDS: [RegExp, string, Wording][] = [
  [/^topic$/, 'title', 'Enter a title of 1 to 240 characters.'],
  [/^description$/, 'description', 'The description was not accepted.'],
  [/^(type|mode|vad_selector|max_podiums)$/, 'mode', 'Choose a conference mode.'],
  [/^max_participants$/, 'maxParticipants', range],
  [/^(allow_guests|access)$/, 'allowGuests', 'Guests cannot be allowed here.'],
  [/^schedule\.type$/, 'schedule.kind', 'Choose how the meeting repeats.'],
  [/^schedule\.(start_time|time)$/, 'schedule.start', 'Choose a start date and time.'],
  [/^schedule\.duration$/, 'schedule.durationMinutes', 'Choose a duration between 1 minute and 24 hours.'],
  [/^schedule\.special_time_offset$/, 'schedule.timeZone', 'Choose a time zone.'],
  [/^schedule\.days$/, 'schedule.days', 'Choose at least one day of the week.'],
  [/^schedule$/, 'schedule', 'The schedule was not accepted.'],
  [/^invitations(\[\d+\])?(\.id)?$/, 'invitees', 'One of the invited people is not known to the server.'],
];

/** On invitation and call-in requests, `id` / `participants[i]` name the invited person. */
const INVITE_FIELDS: [RegExp, string, Wording][] = [
  [/^(invitation\.)?id$|^participants(\[\d+\])?$|^participant_id$|^invitation$/, 'invitees', 'This person cannot be invited.'],
];

function kindFor(status: number, reasons: string[]): TcErrorKind | undefined {
  if (reasons.includes('accessTokenInvalid')) return 'auth';
  if (reasons.some((r) => /NotFound$/.test(r)) && status === 404) return 'not-found';
  if (reasons.some((r) => r === 'uniqueValueAlreadyInUse' || r === 'conferenceIsRunning' || r === 'conferenceIsNotRunning')) {
    return 'conflict';
  }
  return undefined;
}

/** Generic reasons get wording in the model's terms; specific ones keep the server's sentence. */
function fieldMessage(item: ErrorItem, wording: Wording): string {
  if (item.reason === 'required') return 'This field is required.';
  if (item.reason && item.reason !== 'invalidValue' && item.message) return item.message;
  return typeof wording === 'string' ? wording : wording(item.message ?? '');
}

export function mapTrueconfError(response: ErrorResponse): VendorErrorDetails | undefined {
  const list = items(response.body);
  if (list.length === 0) return undefined;
  const invitePath = /\/(invitations|invite|participants)(\/|$)/.test(new URL(response.url).pathname);
  const table = invitePath ? [...INVITE_FIELDS, ...CONFERENCE_FIELDS] : CONFERENCE_FIELDS;
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const item of list) {
    const entry = item.location !== undefined ? table.find(([pattern]) => pattern.test(item.location!)) : undefined;
    // Path locations (conference_id …) are not form fields.
    if (entry && !(item.location === 'conference_id')) {
      const [, field, fallback] = entry;
      fields[field] ??= fieldMessage(item, fallback);
    } else if (item.message) {
      general.push(item.message);
    }
  }
  const reasons = list.map((e) => e.reason ?? '').filter(Boolean);
  const kind = kindFor(response.status, reasons);
  const hasFields = Object.keys(fields).length > 0;
  let message: string | undefined;
  if (general.length > 0) message = [...new Set(general)].join(' ');
  else if (hasFields && response.status === 400) message = 'Some fields need attention.';
  else if (hasFields && kind === 'conflict') message = Object.values(fields)[0];
  return {
    ...(kind ? { kind } : {}),
    ...(message ? { message } : {}),
    ...(hasFields ? { fields } : {}),
    ...(reasons[0] ? { code: reasons[0] } : {}),
  };
}
