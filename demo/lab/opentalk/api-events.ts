/** `/v1/events…` and event favourites (spec §7). Events are visible to their creator and invitees. */
import { randomUUID } from 'node:crypto';
import { sendJson } from '../http.js';
import { sendPage } from './api-rooms.js';
import {
  BodyReader,
  isRfc3339,
  queryFlag,
  readJsonBody,
  sendAclForbidden,
  sendError,
  sendNoContent,
  sendNotFound,
  sendQueryError,
  sendValidation,
  UUID_PATTERN,
  type UserContext,
  type ValidationEntry,
} from './api-support.js';
import { afterLink, decodeEventCursor, encodeEventCursor, readPerPage } from './paging.js';
import { isoSeconds, type DateTimeTz, type GuestAccess, type InviteeRole, type InviteStatus, type OtEvent } from './store.js';
import { eventInvitee, eventResource } from './wire.js';

const INVITE_STATUSES: readonly InviteStatus[] = ['pending', 'accepted', 'tentative', 'declined'];
const GUEST_ACCESS: readonly GuestAccess[] = ['disabled', 'waiting_room', 'direct_access'];

/** Sort key of `GET /v1/events`: starts_at (time-independent first), created_at, id. */
function orderKey(startsAt: string | null, createdAt: string, id: string): [number, number, string] {
  return [startsAt === null ? -Infinity : Date.parse(startsAt), Date.parse(createdAt), id];
}

function compareKeys(a: [number, number, string], b: [number, number, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

const keyOf = (e: OtEvent) => orderKey(e.startsAt?.datetime ?? null, e.createdAt, e.id);

/**
 * End used by time filters: for a recurring event the end of the whole series (from UNTIL or
 * COUNT), unbounded when the rule has neither.
 */
export function filterEnd(event: OtEvent): number {
  if (!event.endsAt || !event.startsAt) return -Infinity;
  const end = Date.parse(event.endsAt.datetime);
  const rule = event.recurrencePattern.find((line) => /(^|:)FREQ=/.test(line));
  if (!rule) return end;
  const parts = new Map(rule.replace(/^RRULE:/, '').split(';').map((p) => p.split('=') as [string, string]));
  const until = parts.get('UNTIL');
  if (until) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(until);
    if (m) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 23), +(m[5] ?? 59), +(m[6] ?? 59));
  }
  const count = Number(parts.get('COUNT'));
  if (count > 0) {
    const step = { DAILY: 1, WEEKLY: 7, MONTHLY: 31, YEARLY: 366 }[parts.get('FREQ') ?? ''] ?? 1;
    const interval = Number(parts.get('INTERVAL') ?? 1) || 1;
    return end + (count - 1) * step * interval * 86_400_000;
  }
  return Infinity;
}

/** The event if the caller may read it; otherwise the ACL's empty 403 has been sent. */
function readableEvent(ctx: UserContext): OtEvent | undefined {
  const event = ctx.store.events.get(ctx.params.eventId ?? '');
  if (event && ctx.store.canSeeEvent(event, ctx.user.id)) return event;
  sendAclForbidden(ctx.res);
  return undefined;
}

function ownEvent(ctx: UserContext): OtEvent | undefined {
  const event = ctx.store.events.get(ctx.params.eventId ?? '');
  if (event && event.createdBy === ctx.user.id) return event;
  sendAclForbidden(ctx.res);
  return undefined;
}

function readInviteesMax(ctx: UserContext): number | undefined {
  const raw = ctx.url.searchParams.get('invitees_max');
  if (raw === null) return 0;
  if (!/^\d+$/.test(raw)) {
    sendQueryError(ctx, 'Query deserialize error: invalid digit found in string (invitees_max)');
    return undefined;
  }
  return Number(raw);
}

export function listEvents(ctx: UserContext): void {
  const q = ctx.url.searchParams;
  const perPage = readPerPage(q);
  if (!perPage.ok) return sendQueryError(ctx, perPage.message);
  const inviteesMax = readInviteesMax(ctx);
  if (inviteesMax === undefined) return;
  const timeMin = q.get('time_min');
  const timeMax = q.get('time_max');
  for (const [name, value] of [['time_min', timeMin], ['time_max', timeMax]] as const) {
    if (value !== null && !isRfc3339(value)) return sendQueryError(ctx, `Query deserialize error: input contains invalid characters (${name})`);
  }
  const flags: Record<string, boolean | undefined> = {};
  for (const name of ['adhoc', 'time_independent', 'favorites']) {
    const flag = queryFlag(q, name);
    if (flag === null) return sendQueryError(ctx, `Query deserialize error: provided string was not \`true\` or \`false\` (${name})`);
    flags[name] = flag;
  }
  let statuses: Set<string> | undefined;
  const statusParam = q.get('invite_status');
  if (statusParam !== null) {
    statuses = new Set(statusParam.split(','));
    if ([...statuses].some((s) => !(INVITE_STATUSES as readonly string[]).includes(s))) {
      return sendQueryError(ctx, 'Query deserialize error: unknown variant (invite_status)');
    }
  }
  const afterParam = q.get('after');
  const after = afterParam === null ? undefined : decodeEventCursor(afterParam);
  if (afterParam !== null && !after) return sendQueryError(ctx, 'Query deserialize error: invalid cursor (after)');

  const min = timeMin === null ? undefined : Date.parse(timeMin);
  const max = timeMax === null ? undefined : Date.parse(timeMax);
  const userId = ctx.user.id;
  const afterKey = after && orderKey(after.startsAt, after.createdAt, after.eventId);

  const matches = [...ctx.store.events.values()]
    .filter((e) => ctx.store.canSeeEvent(e, userId))
    .filter((e) => {
      if (min === undefined && max === undefined) return true;
      // Time-independent events never match a time filter.
      if (e.isTimeIndependent || !e.startsAt) return false;
      const start = Date.parse(e.startsAt.datetime);
      return (min === undefined || filterEnd(e) >= min) && (max === undefined || start <= max);
    })
    .filter((e) => flags.adhoc === undefined || e.isAdhoc === flags.adhoc)
    .filter((e) => flags.time_independent === undefined || e.isTimeIndependent === flags.time_independent)
    .filter((e) => !flags.favorites || e.favoriteOf.has(userId))
    .filter((e) => !statuses || statuses.has(ctx.store.inviteStatus(e, userId)))
    .sort((a, b) => compareKeys(keyOf(a), keyOf(b)))
    .filter((e) => !afterKey || compareKeys(keyOf(e), afterKey) > 0)
    .slice(0, perPage.value);

  const last = matches.at(-1);
  // Every non-empty page carries `rel="after"`, the last one too; an empty page has no Link.
  const headers: Record<string, string> = last
    ? {
        link: afterLink(
          ctx.url,
          encodeEventCursor({ eventId: last.id, createdAt: last.createdAt, startsAt: last.startsAt?.datetime ?? null, instanceId: null }),
        ),
      }
    : {};
  sendJson(ctx.res, 200, matches.map((e) => eventResource(ctx.store, e, userId, inviteesMax)), headers);
}

export function getEvent(ctx: UserContext): void {
  const event = readableEvent(ctx);
  if (!event) return;
  const inviteesMax = readInviteesMax(ctx);
  if (inviteesMax === undefined) return;
  sendJson(ctx.res, 200, eventResource(ctx.store, event, ctx.user.id, inviteesMax));
}

interface DateFields {
  isTimeIndependent?: boolean;
  isAllDay?: boolean;
  startsAt?: DateTimeTz;
  endsAt?: DateTimeTz;
  recurrencePattern?: string[];
}

function readCommon(reader: BodyReader, required: boolean) {
  return {
    title: reader.string('title', { required, max: 255 }) as string | undefined,
    description: reader.string('description', { required, max: 4096 }) as string | undefined,
    password: reader.string('password', { nullable: true, min: 1, max: 255 }),
    waitingRoom: reader.boolean('waiting_room'),
    guestAccess: reader.oneOf('guest_access', GUEST_ACCESS),
    e2eEncryption: reader.boolean('e2e_encryption'),
    isAdhoc: reader.boolean('is_adhoc'),
    showMeetingDetails: reader.boolean('show_meeting_details'),
  };
}

function readDates(reader: BodyReader, required: boolean): DateFields {
  return {
    isTimeIndependent: reader.boolean('is_time_independent', required),
    isAllDay: reader.boolean('is_all_day'),
    startsAt: reader.dateTimeTz('starts_at'),
    endsAt: reader.dateTimeTz('ends_at'),
    recurrencePattern: reader.stringArray('recurrence_pattern'),
  };
}

/** Value rules shared by create and patch for a timed event's final dates. */
function checkTimed(errors: ValidationEntry[], startsAt: DateTimeTz, endsAt: DateTimeTz, isAllDay: boolean, pattern: string[]): void {
  if (Date.parse(endsAt.datetime) < Date.parse(startsAt.datetime)) {
    errors.push({ field: 'ends_at', code: 'invalid_value', message: 'ends_at must not be before starts_at' });
  }
  if (isAllDay) {
    for (const [field, value] of [['starts_at', startsAt], ['ends_at', endsAt]] as const) {
      if (!value.datetime.endsWith('T00:00:00Z')) errors.push({ field, code: 'invalid_value', message: 'all-day events need 00:00 times' });
    }
  }
  if (pattern.length > 4) errors.push({ field: 'recurrence_pattern', code: 'invalid_length', message: 'at most 4 lines' });
  for (const line of pattern) {
    if (/DTSTART|DTEND/i.test(line) || line.length > 1024) {
      errors.push({ field: 'recurrence_pattern', code: 'invalid_value', message: 'DTSTART/DTEND are not allowed' });
    }
  }
}

export async function createEvent(ctx: UserContext): Promise<void> {
  const body = await readJsonBody(ctx);
  if (!body) return;
  const reader = new BodyReader(body);
  const common = readCommon(reader, true);
  const dates = readDates(reader, true);
  if (!reader.problem && dates.isTimeIndependent === false) {
    if (!dates.startsAt) reader.errors.push({ field: 'starts_at', code: 'value_required' });
    if (!dates.endsAt) reader.errors.push({ field: 'ends_at', code: 'value_required' });
    if (dates.startsAt && dates.endsAt) {
      checkTimed(reader.errors, dates.startsAt, dates.endsAt, dates.isAllDay ?? false, dates.recurrencePattern ?? []);
    }
  }
  if (!reader.report(ctx.res)) return;

  const now = new Date();
  const room = ctx.store.createRoom(
    ctx.user.id,
    {
      password: common.password ?? null,
      ...(common.waitingRoom !== undefined ? { waitingRoom: common.waitingRoom } : {}),
      ...(common.guestAccess !== undefined ? { guestAccess: common.guestAccess } : {}),
      ...(common.e2eEncryption !== undefined ? { e2eEncryption: common.e2eEncryption } : {}),
    },
    now,
  );
  const timed = dates.isTimeIndependent === false;
  const event: OtEvent = {
    id: randomUUID(),
    roomId: room.id,
    title: common.title!,
    description: common.description!,
    createdBy: ctx.user.id,
    createdAt: isoSeconds(now),
    updatedBy: ctx.user.id,
    updatedAt: isoSeconds(now),
    isTimeIndependent: !timed,
    isAllDay: timed ? (dates.isAllDay ?? false) : false,
    startsAt: timed ? dates.startsAt! : null,
    endsAt: timed ? dates.endsAt! : null,
    recurrencePattern: timed ? (dates.recurrencePattern ?? []) : [],
    isAdhoc: common.isAdhoc ?? false,
    showMeetingDetails: common.showMeetingDetails ?? false,
    invitees: [],
    favoriteOf: new Set(),
  };
  ctx.store.events.set(event.id, event);
  sendJson(ctx.res, 200, eventResource(ctx.store, event, ctx.user.id));
}

export async function patchEvent(ctx: UserContext): Promise<void> {
  const event = ownEvent(ctx);
  if (!event) return;
  const inviteesMax = readInviteesMax(ctx);
  if (inviteesMax === undefined) return;
  const body = await readJsonBody(ctx, true);
  if (!body) return;
  if (Object.keys(body).length === 0) return sendNoContent(ctx.res);
  const reader = new BodyReader(body);
  const common = readCommon(reader, false);
  const dates = readDates(reader, false);
  if (!reader.report(ctx.res)) return;

  const errors: ValidationEntry[] = [];
  let next: Pick<OtEvent, 'isTimeIndependent' | 'isAllDay' | 'startsAt' | 'endsAt' | 'recurrencePattern'>;
  if (dates.isTimeIndependent === true) {
    next = { isTimeIndependent: true, isAllDay: false, startsAt: null, endsAt: null, recurrencePattern: [] };
  } else if (event.isTimeIndependent && dates.isTimeIndependent !== false) {
    if (dates.startsAt || dates.endsAt || dates.isAllDay !== undefined || dates.recurrencePattern) {
      return sendValidation(ctx.res, [{ field: 'is_time_independent', code: 'missing_values', message: 'set is_time_independent to false to add dates' }]);
    }
    next = event;
  } else {
    const startsAt = dates.startsAt ?? event.startsAt ?? undefined;
    const endsAt = dates.endsAt ?? event.endsAt ?? undefined;
    const isAllDay = dates.isAllDay ?? (event.isTimeIndependent ? undefined : event.isAllDay);
    if (!startsAt) errors.push({ field: 'starts_at', code: 'value_required' });
    if (!endsAt) errors.push({ field: 'ends_at', code: 'value_required' });
    if (isAllDay === undefined) errors.push({ field: 'is_all_day', code: 'value_required' });
    const pattern = dates.recurrencePattern ?? event.recurrencePattern;
    if (startsAt && endsAt) checkTimed(errors, startsAt, endsAt, isAllDay ?? false, pattern);
    if (errors.length) return sendValidation(ctx.res, errors);
    next = { isTimeIndependent: false, isAllDay: isAllDay!, startsAt: startsAt!, endsAt: endsAt!, recurrencePattern: pattern };
  }

  Object.assign(event, next);
  if (common.title !== undefined) event.title = common.title;
  if (common.description !== undefined) event.description = common.description;
  if (common.isAdhoc !== undefined) event.isAdhoc = common.isAdhoc;
  if (common.showMeetingDetails !== undefined) event.showMeetingDetails = common.showMeetingDetails;
  const room = ctx.store.rooms.get(event.roomId);
  if (room) {
    if (common.password !== undefined) room.password = common.password;
    if (common.waitingRoom !== undefined) room.waitingRoom = common.waitingRoom;
    if (common.guestAccess !== undefined) room.guestAccess = common.guestAccess;
    if (common.e2eEncryption !== undefined) room.e2eEncryption = common.e2eEncryption;
  }
  event.updatedBy = ctx.user.id;
  event.updatedAt = isoSeconds(new Date());
  sendJson(ctx.res, 200, eventResource(ctx.store, event, ctx.user.id, inviteesMax));
}

/** Deleting an event deletes its room. */
export function deleteEvent(ctx: UserContext): void {
  const event = ownEvent(ctx);
  if (!event) return;
  ctx.store.deleteRoom(event.roomId);
  sendNoContent(ctx.res);
}

/** 201 when invited, 204 when already invited or the creator. */
export async function inviteToEvent(ctx: UserContext): Promise<void> {
  const event = ownEvent(ctx);
  if (!event) return;
  const body = await readJsonBody(ctx);
  if (!body) return;
  const reader = new BodyReader(body);
  const role = reader.oneOf<InviteeRole>('role', ['user', 'moderator', 'guest']) ?? 'user';
  if (!reader.report(ctx.res)) return;
  let userId: string | undefined;
  let email: string | undefined;
  if (typeof body.invitee === 'string') {
    if (!UUID_PATTERN.test(body.invitee)) return sendError(ctx.res, 400, 'invalid_payload', 'invalid value for `invitee`, expected a UUID');
    if (!ctx.store.users.has(body.invitee)) return sendNotFound(ctx.res);
    userId = body.invitee;
  } else if (typeof body.email === 'string') {
    if (!/^[^@\s]+@[^@\s]+$/.test(body.email)) {
      return sendValidation(ctx.res, [{ field: 'email', code: 'invalid_email' }]);
    }
    userId = ctx.store.userByEmail(body.email)?.id;
    if (!userId) email = body.email;
  } else {
    return sendError(ctx.res, 400, 'invalid_payload', 'data did not match any variant of untagged enum PostEventInviteBody');
  }
  const already =
    userId === event.createdBy ||
    event.invitees.some((i) => (userId ? i.userId === userId : i.email?.toLowerCase() === email!.toLowerCase()));
  if (already) return sendNoContent(ctx.res);
  event.invitees.push({
    ...(userId ? { userId } : { email: email! }),
    role: userId && role === 'guest' ? 'user' : role,
    status: 'pending',
  });
  sendNoContent(ctx.res, 201);
}

export function listEventInvites(ctx: UserContext): void {
  const event = readableEvent(ctx);
  if (!event) return;
  const status = ctx.url.searchParams.get('status');
  if (status !== null && !(INVITE_STATUSES as readonly string[]).includes(status)) {
    return sendQueryError(ctx, 'Query deserialize error: unknown variant (status)');
  }
  const invitees = event.invitees.filter((i) => status === null || i.status === status);
  sendPage(ctx, invitees, (i) => eventInvitee(ctx.store, i));
}

export function uninviteFromEvent(ctx: UserContext): void {
  const event = ownEvent(ctx);
  if (!event) return;
  const index = event.invitees.findIndex((i) => i.userId === ctx.params.userId);
  if (index < 0) return sendNotFound(ctx.res);
  event.invitees.splice(index, 1);
  sendNoContent(ctx.res);
}

/** `PATCH /events/{id}/invite` accepts, `DELETE` declines; only for invitees. */
export function answerInvite(status: InviteStatus) {
  return (ctx: UserContext): void => {
    const event = readableEvent(ctx);
    if (!event) return;
    const invitee = ctx.store.invitee(event, ctx.user.id);
    if (!invitee) return sendNotFound(ctx.res);
    invitee.status = status;
    sendNoContent(ctx.res);
  };
}

/** PUT → 201 added / 204 already; DELETE → 204. */
export function setFavorite(favorite: boolean) {
  return (ctx: UserContext): void => {
    const event = readableEvent(ctx);
    if (!event) return;
    const had = event.favoriteOf.has(ctx.user.id);
    if (favorite) event.favoriteOf.add(ctx.user.id);
    else event.favoriteOf.delete(ctx.user.id);
    sendNoContent(ctx.res, favorite && !had ? 201 : 204);
  };
}
