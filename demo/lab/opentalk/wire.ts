/** Maps the lab store to the controller's JSON shapes (spec §4–§7): snake_case, optional fields omitted. */
import { createHash } from 'node:crypto';
import type { OpentalkStore, OtEvent, OtInvite, OtInvitee, OtRoom, OtUser } from './store.js';

/** The lab's dial-in number, reported in `call_in` for rooms with a SIP config. */
export const LAB_CALL_IN_TEL = '+493012345678';

export function avatarUrl(email: string): string {
  return `https://seccdn.libravatar.org/avatar/${createHash('md5').update(email.trim().toLowerCase()).digest('hex')}`;
}

export function publicProfile(user: OtUser): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    title: user.title,
    firstname: user.firstname,
    lastname: user.lastname,
    display_name: user.displayName,
    avatar_url: avatarUrl(user.email),
  };
}

export function privateProfile(user: OtUser): Record<string, unknown> {
  return {
    ...publicProfile(user),
    dashboard_theme: user.dashboardTheme,
    conference_theme: user.conferenceTheme,
    language: user.language,
    tariff_status: 'default',
    used_storage: 0,
  };
}

function profileOf(store: OpentalkStore, userId: string): Record<string, unknown> {
  const user = store.users.get(userId);
  return user ? publicProfile(user) : { id: userId };
}

export function roomResource(store: OpentalkStore, room: OtRoom): Record<string, unknown> {
  return {
    id: room.id,
    created_by: profileOf(store, room.createdBy),
    created_at: room.createdAt,
    ...(room.password !== null ? { password: room.password } : {}),
    guest_access: room.guestAccess,
    waiting_room: room.waitingRoom,
  };
}

export function eventRoomInfo(room: OtRoom): Record<string, unknown> {
  return {
    id: room.id,
    ...(room.password !== null ? { password: room.password } : {}),
    waiting_room: room.waitingRoom,
    guest_access: room.guestAccess,
    e2e_encryption: room.e2eEncryption,
    ...(room.sip
      ? { call_in: { tel: LAB_CALL_IN_TEL, id: room.sip.sipId, password: room.sip.password } }
      : {}),
  };
}

export function eventInvitee(store: OpentalkStore, invitee: OtInvitee): Record<string, unknown> {
  const user = invitee.userId ? store.users.get(invitee.userId) : undefined;
  if (user) {
    return { profile: { kind: 'registered', ...publicProfile(user), role: invitee.role }, status: invitee.status };
  }
  const email = invitee.email ?? '';
  return { profile: { kind: 'email', email, avatar_url: avatarUrl(email) }, status: invitee.status };
}

/** EventResource as seen by `viewerId`; `inviteesMax` limits the embedded invitees (default 0). */
export function eventResource(
  store: OpentalkStore,
  event: OtEvent,
  viewerId: string,
  inviteesMax = 0,
): Record<string, unknown> {
  const room = store.rooms.get(event.roomId);
  const dates: Record<string, unknown> = event.isTimeIndependent
    ? { is_time_independent: true, type: 'single' }
    : {
        is_time_independent: false,
        type: event.recurrencePattern.length > 0 ? 'recurring' : 'single',
        is_all_day: event.isAllDay,
        starts_at: event.startsAt,
        ends_at: event.endsAt,
        ...(event.recurrencePattern.length > 0 ? { recurrence_pattern: event.recurrencePattern } : {}),
      };
  return {
    id: event.id,
    title: event.title,
    description: event.description,
    room: room ? eventRoomInfo(room) : { id: event.roomId },
    created_by: profileOf(store, event.createdBy),
    created_at: event.createdAt,
    updated_by: profileOf(store, event.updatedBy),
    updated_at: event.updatedAt,
    ...dates,
    invitees_truncated: event.invitees.length > inviteesMax,
    invitees: event.invitees.slice(0, inviteesMax).map((i) => eventInvitee(store, i)),
    is_adhoc: event.isAdhoc,
    invite_status: store.inviteStatus(event, viewerId),
    is_favorite: event.favoriteOf.has(viewerId),
    can_edit: event.createdBy === viewerId,
    show_meeting_details: event.showMeetingDetails,
  };
}

/** `GET /v1/rooms/{id}/event`; `meeting_details` is left out (its shape is not in the spec). */
export function eventInfo(event: OtEvent, room: OtRoom): Record<string, unknown> {
  return {
    id: event.id,
    room_id: room.id,
    title: event.title,
    is_adhoc: event.isAdhoc,
    e2e_encryption: room.e2eEncryption,
    password_required: room.password !== null,
  };
}

export function inviteResource(store: OpentalkStore, invite: OtInvite): Record<string, unknown> {
  return {
    invite_code: invite.code,
    created: invite.created,
    created_by: profileOf(store, invite.createdBy),
    updated: invite.updated,
    updated_by: profileOf(store, invite.updatedBy),
    room_id: invite.roomId,
    active: invite.active,
    expiration: invite.expiration,
  };
}
