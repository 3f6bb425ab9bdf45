/** `/v1/rooms…` and `/v1/invite/verify` (spec §6). Rooms are visible to their creator and event invitees. */
import { sendJson } from '../http.js';
import {
  BodyReader,
  readJsonBody,
  sendAclForbidden,
  sendError,
  sendNoContent,
  sendNotFound,
  sendQueryError,
  UUID_PATTERN,
  type ApiContext,
  type UserContext,
} from './api-support.js';
import { pageOf, readPage, readPerPage } from './paging.js';
import { isoSeconds, type GuestAccess, type OtRoom } from './store.js';
import { eventInfo, inviteResource, roomResource } from './wire.js';

const GUEST_ACCESS: readonly GuestAccess[] = ['disabled', 'waiting_room', 'direct_access'];

/** Sends page `page` of `items` with its `Link` header, or the query error. */
export function sendPage<T>(ctx: ApiContext, items: readonly T[], render: (item: T) => unknown): void {
  const page = readPage(ctx.url.searchParams);
  const perPage = readPerPage(ctx.url.searchParams);
  if (!page.ok) return sendQueryError(ctx, page.message);
  if (!perPage.ok) return sendQueryError(ctx, perPage.message);
  const slice = pageOf(items, ctx.url, page.value, perPage.value);
  sendJson(ctx.res, 200, slice.items.map(render), { link: slice.link });
}

/** The room if the caller may read it; otherwise the ACL's empty 403 has been sent. */
function readableRoom(ctx: UserContext): OtRoom | undefined {
  const room = ctx.store.rooms.get(ctx.params.roomId ?? '');
  if (room && ctx.store.canSeeRoom(room, ctx.user.id)) return room;
  sendAclForbidden(ctx.res);
  return undefined;
}

/** The room if the caller created it (write access); otherwise the ACL's empty 403. */
function ownRoom(ctx: UserContext): OtRoom | undefined {
  const room = ctx.store.rooms.get(ctx.params.roomId ?? '');
  if (room && room.createdBy === ctx.user.id) return room;
  sendAclForbidden(ctx.res);
  return undefined;
}

export function listRooms(ctx: UserContext): void {
  const rooms = [...ctx.store.rooms.values()]
    .filter((room) => ctx.store.canSeeRoom(room, ctx.user.id))
    // The controller orders by room id, descending.
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  sendPage(ctx, rooms, (room) => roomResource(ctx.store, room));
}

function readRoomFields(reader: BodyReader) {
  const password = reader.string('password', { nullable: true, min: 1, max: 255 });
  return {
    password,
    waitingRoom: reader.boolean('waiting_room'),
    guestAccess: reader.oneOf('guest_access', GUEST_ACCESS),
    e2eEncryption: reader.boolean('e2e_encryption'),
  };
}

export async function createRoom(ctx: UserContext): Promise<void> {
  const body = await readJsonBody(ctx, true);
  if (!body) return;
  const reader = new BodyReader(body);
  const fields = readRoomFields(reader);
  const enableSip = reader.boolean('enable_sip');
  if (!reader.report(ctx.res)) return;
  const room = ctx.store.createRoom(ctx.user.id, {
    password: fields.password ?? null,
    ...(fields.waitingRoom !== undefined ? { waitingRoom: fields.waitingRoom } : {}),
    ...(fields.guestAccess !== undefined ? { guestAccess: fields.guestAccess } : {}),
    ...(fields.e2eEncryption !== undefined ? { e2eEncryption: fields.e2eEncryption } : {}),
    enableSip: enableSip ?? false,
  });
  // The spec says 201; the handlers answer 200.
  sendJson(ctx.res, 200, roomResource(ctx.store, room));
}

export function getRoom(ctx: UserContext): void {
  const room = readableRoom(ctx);
  if (room) sendJson(ctx.res, 200, roomResource(ctx.store, room));
}

export async function patchRoom(ctx: UserContext): Promise<void> {
  const room = ownRoom(ctx);
  if (!room) return;
  const body = await readJsonBody(ctx);
  if (!body) return;
  const reader = new BodyReader(body);
  const fields = readRoomFields(reader);
  if (!reader.report(ctx.res)) return;
  // `password: null` removes it; an absent field leaves it unchanged.
  if (fields.password !== undefined) room.password = fields.password;
  if (fields.waitingRoom !== undefined) room.waitingRoom = fields.waitingRoom;
  if (fields.guestAccess !== undefined) room.guestAccess = fields.guestAccess;
  if (fields.e2eEncryption !== undefined) room.e2eEncryption = fields.e2eEncryption;
  sendJson(ctx.res, 200, roomResource(ctx.store, room));
}

export function deleteRoom(ctx: UserContext): void {
  const room = ownRoom(ctx);
  if (!room) return;
  ctx.store.deleteRoom(room.id);
  sendNoContent(ctx.res);
}

/** Bearer (room visible) or `InviteCode` (invite of this room). */
export function getRoomEvent(ctx: ApiContext): void {
  const room = ctx.store.rooms.get(ctx.params.roomId ?? '');
  const allowed =
    room !== undefined &&
    (ctx.user
      ? ctx.store.canSeeRoom(room, ctx.user.id)
      : ctx.inviteCode !== undefined && ctx.store.invites.get(ctx.inviteCode)?.roomId === room.id);
  if (!room || !allowed) return sendAclForbidden(ctx.res);
  const event = ctx.store.eventOfRoom(room.id);
  if (!event) return sendNotFound(ctx.res);
  sendJson(ctx.res, 200, eventInfo(event, room));
}

export async function createInvite(ctx: UserContext): Promise<void> {
  const room = ownRoom(ctx);
  if (!room) return;
  const body = await readJsonBody(ctx, true);
  if (!body) return;
  const reader = new BodyReader(body);
  const expiration = reader.timestamp('expiration', { nullable: true });
  if (!reader.report(ctx.res)) return;
  const invite = ctx.store.createInvite(room.id, ctx.user.id, expiration ?? null);
  sendJson(ctx.res, 200, inviteResource(ctx.store, invite));
}

export function listInvites(ctx: UserContext): void {
  const room = ownRoom(ctx);
  if (!room) return;
  const invites = [...ctx.store.invites.values()]
    .filter((invite) => invite.roomId === room.id)
    .sort((a, b) => a.created.localeCompare(b.created));
  sendPage(ctx, invites, (invite) => inviteResource(ctx.store, invite));
}

function inviteOfRoom(ctx: UserContext, room: OtRoom) {
  const invite = ctx.store.invites.get(ctx.params.inviteCode ?? '');
  return invite && invite.roomId === room.id ? invite : undefined;
}

export function getInvite(ctx: UserContext): void {
  const room = ownRoom(ctx);
  if (!room) return;
  const invite = inviteOfRoom(ctx, room);
  if (!invite) return sendNotFound(ctx.res);
  sendJson(ctx.res, 200, inviteResource(ctx.store, invite));
}

export async function updateInvite(ctx: UserContext): Promise<void> {
  const room = ownRoom(ctx);
  if (!room) return;
  const invite = inviteOfRoom(ctx, room);
  if (!invite) return sendNotFound(ctx.res);
  const body = await readJsonBody(ctx);
  if (!body) return;
  const reader = new BodyReader(body);
  const expiration = reader.timestamp('expiration', { nullable: true });
  if (!reader.report(ctx.res)) return;
  if (expiration !== undefined) invite.expiration = expiration;
  invite.updated = isoSeconds(new Date());
  invite.updatedBy = ctx.user.id;
  sendJson(ctx.res, 200, inviteResource(ctx.store, invite));
}

/** Soft delete: the invite stays listed with `active: false`. */
export function deleteInvite(ctx: UserContext): void {
  const room = ownRoom(ctx);
  if (!room) return;
  const invite = inviteOfRoom(ctx, room);
  if (!invite) return sendNotFound(ctx.res);
  invite.active = false;
  invite.updated = isoSeconds(new Date());
  invite.updatedBy = ctx.user.id;
  sendNoContent(ctx.res);
}

/** No auth. Invalid, inactive, expired and guest-less invites all look alike: 404. */
export async function verifyInvite(ctx: ApiContext): Promise<void> {
  const body = await readJsonBody(ctx);
  if (!body) return;
  const code = body.invite_code;
  if (typeof code !== 'string') return sendError(ctx.res, 400, 'invalid_payload', 'missing field `invite_code`');
  if (!UUID_PATTERN.test(code)) {
    return sendError(ctx.res, 422, 'validation_failed', 'Some provided values are invalid', {
      validationErrors: [{ field: 'invite_code', code: 'invalid_value' }],
    });
  }
  const invite = ctx.store.usableInvite(code);
  const room = invite && ctx.store.rooms.get(invite.roomId);
  if (!invite || !room) return sendNotFound(ctx.res);
  sendJson(ctx.res, 200, { room_id: room.id, password_required: room.password !== null });
}
