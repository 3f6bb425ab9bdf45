/**
 * The controller's error body (spec §3): `{code, message, validation_errors?: [{field?, code, message?}]}`,
 * sent as `text/json` → TcError details with messages keyed by the MODEL's field names. The ACL's
 * 403 has an empty body and keeps the client's default (kind forbidden).
 */
import type { ErrorResponse, VendorErrorDetails } from '../../http/errors.js';
import type { TcErrorKind } from '../../model/error.js';
import { isJson, readString } from './wire.js';

const FIELDS: [RegExp, string, string][] = [
  [/^title$/, 'title', 'Enter a title of 1 to 255 characters.'],
  [/^description$/, 'description', 'Enter a description of at most 4096 characters.'],
  [/^is_time_independent$/, 'schedule.kind', 'Choose whether the meeting has a date.'],
  [/^(starts_at|is_all_day)(\.datetime)?$/, 'schedule.start', 'Choose a start date and time.'],
  [/^ends_at(\.datetime)?$/, 'schedule.durationMinutes', 'Choose a duration.'],
  [/^(starts_at|ends_at)\.timezone$/, 'schedule.timeZone', 'Choose a time zone.'],
  [/^recurrence_pattern/, 'schedule.days', 'Choose how the meeting repeats.'],
  [/^guest_access$/, 'allowGuests', 'Guests cannot be allowed here.'],
  [/^(invitee|email|role)$/, 'invitees', 'This person cannot be invited.'],
];

/** Wording for the generic codes; specific ones keep the server's sentence. */
const GENERIC = new Set(['invalid_length', 'invalid_value', 'out_of_range', 'value_required', 'missing_values', 'invalid_email']);

const KINDS: Record<string, TcErrorKind> = {
  validation_failed: 'validation',
  invalid_payload: 'validation',
  invalid_json: 'protocol',
  invalid_content_type: 'protocol',
  not_found: 'not-found',
  conflict: 'conflict',
  unknown_sub: 'auth',
  banned_from_room: 'forbidden',
};

export function mapOpentalkError(response: ErrorResponse): VendorErrorDetails | undefined {
  const body = response.body;
  if (!isJson(body)) return undefined;
  const code = readString(body.code);
  const entries = Array.isArray(body.validation_errors) ? body.validation_errors.filter(isJson) : [];
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const entry of entries) {
    const field = readString(entry.field);
    const message = readString(entry.message);
    const row = field !== undefined ? FIELDS.find(([pattern]) => pattern.test(field)) : undefined;
    if (!row) {
      general.push(message ? `${field ?? ''}${field ? ': ' : ''}${message}` : `${field ?? 'value'} is not valid.`);
      continue;
    }
    const entryCode = readString(entry.code) ?? '';
    fields[row[1]] ??= entryCode === 'value_required' ? 'This field is required.' : !GENERIC.has(entryCode) && message ? message : row[2];
  }
  const hasFields = Object.keys(fields).length > 0;
  const kind = code ? KINDS[code] : undefined;
  const message = general.length > 0 ? general.join(' ') : hasFields ? 'Some fields need attention.' : readString(body.message);
  return {
    ...(kind ? { kind } : {}),
    ...(message ? { message } : {}),
    ...(hasFields ? { fields } : {}),
    ...(code ? { code } : {}),
  };
}
