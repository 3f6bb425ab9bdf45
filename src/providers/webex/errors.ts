/**
 * Webex's error envelope (spec A2 "Errors and throttling"):
 * `{"message", "errors": [{"description"}], "trackingId"}` → TcError details. Webex names no field
 * in a structured way, so a description that names a meeting field is shown on the MODEL's field;
 * the rest is the general message. The trackingId is kept as the code: Webex support asks for it.
 */
import type { ErrorResponse, VendorErrorDetails } from '../../http/errors.js';
import { isJson, readString } from './wire.js';

/** Which model field a description is about; the first match wins (order matters). */
const FIELDS: [RegExp, string][] = [
  [/\binvitees?\b/i, 'invitees'],
  [/\btitle\b/i, 'title'],
  [/\bagenda\b/i, 'description'],
  [/\btime ?zone\b/i, 'schedule.timeZone'],
  [/\bBYDAY\b/i, 'schedule.days'],
  [/\b(recurrence|RRULE)\b/i, 'schedule.kind'],
  // The model has no end: an end before the start or a bad length is the duration's problem.
  [/\b(end|duration)\b/i, 'schedule.durationMinutes'],
  [/\bstart\b|\byears ahead\b/i, 'schedule.start'],
];

function descriptions(body: unknown): string[] {
  const list = isJson(body) && Array.isArray(body.errors) ? body.errors : [];
  return list.map((e) => (isJson(e) ? readString(e.description) : undefined)).filter((d): d is string => d !== undefined);
}

/** Meeting writes are where descriptions refer to the form's fields. */
function isMeetingWrite(response: ErrorResponse): boolean {
  return response.method !== 'GET' && response.method !== 'DELETE' && /\/meetings(\/[^/]+)?$/.test(new URL(response.url).pathname);
}

export function mapWebexError(response: ErrorResponse): VendorErrorDetails | undefined {
  const body = response.body;
  if (!isJson(body)) return undefined;
  const trackingId = readString(body.trackingId);
  const list = descriptions(body);
  const fields: Record<string, string> = {};
  const general: string[] = [];
  const withFields = response.status === 400 && isMeetingWrite(response);
  for (const description of list) {
    const field = withFields ? FIELDS.find(([pattern]) => pattern.test(description))?.[1] : undefined;
    if (field) fields[field] = fields[field] ? `${fields[field]} ${description}` : description;
    else general.push(description);
  }
  const hasFields = Object.keys(fields).length > 0;
  let message: string | undefined;
  if (general.length > 0) message = [...new Set(general)].join(' ');
  else if (hasFields) message = 'Some fields need attention.';
  else message = readString(body.message);
  return {
    ...(message ? { message } : {}),
    ...(hasFields ? { fields } : {}),
    ...(trackingId ? { code: trackingId } : {}),
  };
}
