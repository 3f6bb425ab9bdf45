/**
 * Renders stored objects in the field sets of API v3.x and v4 (spec §5, §6, §10). Vendor field
 * names live here and in validate.ts only.
 */
import type { LabUser } from '../users.js';
import {
  resolveUser,
  uidOf,
  type Conference,
  type Invitation,
  type Participant,
  type Schedule,
  type TrueconfCore,
} from './store.js';

export type ApiVersion = 'v3' | 'v4';

const RIGHT_KEYS = [
  'chat_send', 'chat_rcv', 'slide_show_send', 'slide_show_rcv', 'white_board_send', 'white_board_rcv',
  'file_transfer_send', 'file_transfer_rcv', 'desktop_sharing', 'recording', 'audio_send', 'audio_rcv',
  'video_send', 'video_rcv',
] as const;

function allRights(extra: string[] = []): Record<string, boolean> {
  return Object.fromEntries([...RIGHT_KEYS, ...extra].map((k) => [k, true]));
}

/** v3 `type` (+ `vad_selector`) for a mode: 0 all on screen, 1 lecture, 3 role-based. */
export function v3TypeOf(mode: Conference['mode']): { type: number; vadSelector?: number } {
  switch (mode) {
    case 'PxP':
      return { type: 0 };
    case 'OxP':
      return { type: 1 };
    case 'S|L':
      return { type: 3, vadSelector: 0 };
    case 'S|L Auto':
      return { type: 3, vadSelector: 1 };
  }
}

function scheduleV3(s: Schedule): Record<string, unknown> {
  switch (s.type) {
    case 'none':
      return { type: -1 };
    case 'once':
      return {
        type: 1,
        start_time: s.startTime,
        duration: s.duration,
        time_offset: 0,
        special_time_offset: s.specialTimeOffset,
      };
    case 'week':
      return {
        type: 0,
        days: s.days,
        time: s.time,
        duration: s.duration,
        ...(s.startTime !== null ? { start_time: s.startTime } : {}),
        time_offset: 0,
        special_time_offset: s.specialTimeOffset,
      };
  }
}

function scheduleV4(s: Schedule, ts: (n: number) => number | string): Record<string, unknown> {
  switch (s.type) {
    case 'none':
      return { type: 'none' };
    case 'once':
      return {
        type: 'once',
        start_time: ts(s.startTime),
        duration: s.duration,
        time: s.time,
        special_time_offset: s.specialTimeOffset,
      };
    case 'week':
      return {
        type: 'week',
        ...(s.startTime !== null ? { start_time: ts(s.startTime) } : {}),
        duration: s.duration,
        time: s.time,
        days: s.days,
        special_time_offset: s.specialTimeOffset,
      };
  }
}

export function conferenceView(core: TrueconfCore, c: Conference, version: ApiVersion): Record<string, unknown> {
  const url = `${core.baseUrl}/c/${encodeURIComponent(c.id)}`;
  const webClient = `${core.baseUrl}/webrtc/${encodeURIComponent(c.id)}`;
  if (version === 'v3') {
    const { type, vadSelector } = v3TypeOf(c.mode);
    return {
      id: c.id,
      type,
      ...(vadSelector !== undefined ? { vad_selector: vadSelector } : {}),
      topic: c.topic,
      owner: uidOf(core, c.owner),
      description: c.description,
      max_podiums: c.maxPodiums,
      max_participants: c.maxParticipants,
      schedule: scheduleV3(c.schedule),
      invitations: c.invitations.map((i) => ({ id: i.id, display_name: i.displayName })),
      allow_guests: c.access === 'public',
      auto_invite: c.autoInvite,
      state: c.state,
      url,
      webclient_url: webClient,
      created_at: c.createdAt,
      multicast_enable: false,
      multicast_address: '224.0.1.224:4000-6000',
      tags: c.tags,
      recording: c.recording ? 1 : 0,
      stream_recording_state: 0,
      rights: { guest: allRights(), user: allRights() },
      broadcast_enabled: false,
      broadcast_id: null,
      broadcast: null,
      allow_only_planned_participants: c.allowOnlyPlannedParticipants,
    };
  }
  const ts = (n: number): number | string => (core.settings.v4StringTimestamps ? String(n) : n);
  return {
    id: c.id,
    topic: c.topic,
    owner: uidOf(core, c.owner),
    description: c.description,
    state: c.state,
    mode: c.mode,
    access: c.access,
    max_participants: c.maxParticipants,
    max_podiums: c.maxPodiums,
    recording_enabled: c.recording,
    broadcast_enabled: false,
    broadcast_id: null,
    waiting_room_enabled: c.waitingRoomEnabled,
    pin: null,
    pin_enabled: false,
    auto_invite: c.autoInvite,
    url,
    web_client_url: webClient,
    created_at: ts(c.createdAt),
    tags: c.tags,
    schedule: scheduleV4(c.schedule, ts),
    invitations: c.invitations.map((i) => ({ id: i.id, display_name: i.displayName, is_moderator: i.isModerator })),
    rights: { guest: allRights(['remote_desktop_control']) },
    ...(c.sessionId !== null ? { session_id: c.sessionId } : {}),
  };
}

/** v3 user record (spec §6). */
export function userView(core: TrueconfCore, u: LabUser): Record<string, unknown> {
  const [first = u.displayName, ...rest] = u.displayName.split(' ');
  return {
    id: u.id,
    uid: uidOf(core, u.id),
    avatar: null,
    login_name: u.id,
    email: u.email,
    display_name: u.displayName,
    first_name: first,
    last_name: rest.join(' '),
    company: 'Lab',
    groups: [],
    mobile_phone: u.phone,
    work_phone: '',
    home_phone: '',
    is_active: 1,
    status: 0,
  };
}

/** v4 `/me` user. */
export function meView(core: TrueconfCore, u: LabUser): Record<string, unknown> {
  return {
    id: u.id,
    uid: uidOf(core, u.id),
    display_name: u.displayName,
    login_name: u.id,
    email: u.email,
    avatar: null,
    is_active: true,
    status: 0,
  };
}

/** v3 invitations are full user records plus `is_owner` and `type`; v4 keeps the short form. */
export function invitationView(
  core: TrueconfCore,
  c: Conference,
  i: Invitation,
  version: ApiVersion,
): Record<string, unknown> {
  const user = resolveUser(core, i.id);
  if (version === 'v4') {
    return {
      id: i.id,
      uid: user ? uidOf(core, user.id) : i.id,
      display_name: i.displayName ?? user?.displayName ?? null,
      is_moderator: i.isModerator,
      type: user ? 'user' : 'custom',
    };
  }
  if (!user) return { id: i.id, display_name: i.displayName, is_owner: 0, type: 'custom' };
  return {
    ...userView(core, user),
    display_name: i.displayName ?? user.displayName,
    is_owner: c.owner === user.id ? 1 : 0,
    type: 'user',
  };
}

export function participantView(p: Participant, now: number, version: ApiVersion): Record<string, unknown> {
  const duration = (p.leaveTime ?? now) - p.joinTime;
  if (version === 'v3') {
    return { id: p.id, display_name: p.displayName, role: p.role, join_time: p.joinTime, duration };
  }
  return {
    id: p.id,
    display_name: p.displayName,
    flag: p.role,
    duration,
    join_time: p.joinTime,
    leave_time: p.leaveTime,
    app_id: null,
    call_id: p.id,
  };
}
