/**
 * API v3.x conference JSON (spec §5.1): `type` 0/1/3 (+ `vad_selector` for role-based),
 * `allow_guests`, `webclient_url`, schedule type -1/0/1, full-object PUT.
 */
import type { ConferenceDraft, ConferenceMode } from '../../model/conference.js';
import { readConference, writeCommon, writeInvitations, type GenerationReader, type MapContext } from './map-common.js';
import { toVendorSchedule } from './schedule.js';
import { readBool, readInt, readString, type Json } from './wire.js';

/**
 * `vad_selector` is seen only in TrueConf's audit logs (1 = automatic speaker selection = smart
 * meeting, 0 = moderated). Without it, type 3 reads as the documented "role-based".
 */
function readMode(raw: Json): ConferenceMode {
  switch (readInt(raw.type)) {
    case 1:
      return 'lecture';
    case 3:
      return readInt(raw.vad_selector) === 1 ? 'smart-meeting' : 'role-based';
    default:
      return 'all-on-screen';
  }
}

function writeMode(mode: ConferenceMode): Json {
  switch (mode) {
    case 'lecture':
      return { type: 1 };
    case 'role-based':
      return { type: 3, vad_selector: 0 };
    case 'smart-meeting':
      return { type: 3, vad_selector: 1 };
    default:
      return { type: 0 };
  }
}

export const v3Reader: GenerationReader = {
  mode: readMode,
  allowGuests: (raw) => readBool(raw.allow_guests),
  joinUrl: (raw) => readString(raw.webclient_url) ?? readString(raw.web_client_url),
};

export const fromV3 = (raw: unknown, ctx: MapContext) => readConference(raw, ctx, v3Reader);

/** Body of `POST /conferences`. The owner defaults to the token's user on v3. */
export function v3CreateBody(draft: ConferenceDraft, extra: { owner?: string; tags?: string[] }): Json {
  return {
    ...writeCommon(draft),
    ...writeMode(draft.mode ?? 'all-on-screen'),
    ...(extra.owner ? { owner: extra.owner } : {}),
    schedule: toVendorSchedule(draft.schedule, 'v3'),
    invitations: writeInvitations(draft.invitees ?? [], false),
    ...(draft.allowGuests !== undefined ? { allow_guests: draft.allowGuests } : {}),
    ...(extra.tags ? { tags: extra.tags } : {}),
  };
}

/** Fields a v3 PUT may carry; the server resets what a PUT leaves out, so the current values are resent. */
const WRITABLE = [
  'topic', 'description', 'owner', 'type', 'vad_selector', 'max_podiums', 'max_participants', 'schedule',
  'allow_guests', 'invitations', 'auto_invite', 'tags', 'recording', 'allow_only_planned_participants',
  'multicast_enable', 'rights',
] as const;

/** Body of `PUT /conferences/{id}`: the current object with the draft's changes applied. */
export function v3ReplaceBody(current: Json, changes: Partial<ConferenceDraft>): Json {
  const body: Json = {};
  for (const key of WRITABLE) if (current[key] !== undefined) body[key] = current[key];
  if (Array.isArray(body.invitations)) {
    body.invitations = (body.invitations as Json[]).map((i) => ({ id: i.id, ...(i.display_name ? { display_name: i.display_name } : {}) }));
  }
  Object.assign(body, writeCommon(changes));
  if (changes.mode !== undefined) {
    delete body.vad_selector;
    Object.assign(body, writeMode(changes.mode));
  }
  if (changes.schedule !== undefined) body.schedule = toVendorSchedule(changes.schedule, 'v3');
  if (changes.invitees !== undefined) body.invitations = writeInvitations(changes.invitees, false);
  if (changes.allowGuests !== undefined) body.allow_guests = changes.allowGuests;
  return body;
}
