/**
 * API v4 conference JSON (spec §5.2): `mode` "PxP"/"OxP"/"S|L"/"S|L Auto", `access`,
 * `web_client_url`, schedule "none"/"week"/"once", partial PATCH.
 */
import type { ConferenceDraft, ConferenceMode } from '../../model/conference.js';
import { readConference, writeCommon, writeInvitations, type GenerationReader, type MapContext } from './map-common.js';
import { toVendorSchedule } from './schedule.js';
import { readString, type Json } from './wire.js';

const MODES: Record<string, ConferenceMode> = {
  PxP: 'all-on-screen',
  OxP: 'lecture',
  'S|L': 'role-based',
  'S|L Auto': 'smart-meeting',
};

function writeMode(mode: ConferenceMode): string {
  switch (mode) {
    case 'lecture':
      return 'OxP';
    case 'role-based':
      return 'S|L';
    case 'smart-meeting':
      return 'S|L Auto';
    default:
      return 'PxP';
  }
}

export const v4Reader: GenerationReader = {
  mode: (raw) => MODES[readString(raw.mode) ?? ''] ?? 'all-on-screen',
  allowGuests: (raw) => (raw.access === 'public' ? true : raw.access === 'private' ? false : undefined),
  joinUrl: (raw) => readString(raw.web_client_url) ?? readString(raw.webclient_url),
};

export const fromV4 = (raw: unknown, ctx: MapContext) => readConference(raw, ctx, v4Reader);

/** Body of `POST /conferences`; v4 requires `owner` and `mode`. */
export function v4CreateBody(draft: ConferenceDraft, extra: { owner?: string; tags?: string[] }): Json {
  return {
    ...writeCommon(draft),
    mode: writeMode(draft.mode ?? 'all-on-screen'),
    ...(extra.owner ? { owner: extra.owner } : {}),
    access: draft.allowGuests ? 'public' : 'private',
    schedule: toVendorSchedule(draft.schedule, 'v4'),
    invitations: writeInvitations(draft.invitees ?? [], true),
    ...(extra.tags ? { tags: extra.tags } : {}),
  };
}

/** Body of `PATCH /conferences/{id}`: only what changed. */
export function v4PatchBody(changes: Partial<ConferenceDraft>): Json {
  const body = writeCommon(changes);
  if (changes.mode !== undefined) body.mode = writeMode(changes.mode);
  if (changes.allowGuests !== undefined) body.access = changes.allowGuests ? 'public' : 'private';
  if (changes.schedule !== undefined) body.schedule = toVendorSchedule(changes.schedule, 'v4');
  if (changes.invitees !== undefined) body.invitations = writeInvitations(changes.invitees, true);
  return body;
}
