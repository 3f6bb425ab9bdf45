/**
 * Seed data: the lab users and about fifteen events in every state (past, live, upcoming,
 * recurring, ended series, ad-hoc, time-independent, all-day), with Cyrillic and German titles and
 * one title carrying HTML markup. Times are relative to `now` so "upcoming" stays upcoming.
 */
import { randomUUID } from 'node:crypto';
import { LAB_USERS } from '../users.js';
import { isoSeconds, type GuestAccess, type InviteeRole, type InviteStatus, type OpentalkStore, type OtEvent } from './store.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface EventSeed {
  key: string;
  owner: string;
  title: string;
  description?: string;
  /** Offset of the start from now in ms; absent for time-independent events. */
  start?: number;
  duration?: number;
  timezone?: string;
  allDay?: boolean;
  recurrence?: string[];
  adhoc?: boolean;
  invitees?: Array<[login: string, status: InviteStatus, role?: InviteeRole]>;
  room?: { password?: string; waitingRoom?: boolean; guestAccess?: GuestAccess; enableSip?: boolean };
  favoriteOf?: string[];
}

/** Ids a test or demo may want to address directly. */
export interface SeedRefs {
  users: Record<string, string>;
  events: Record<string, string>;
  rooms: Record<string, string>;
  invites: { permanent: string; expired: string; revoked: string };
}

function midnightUtc(time: number): number {
  const d = new Date(time);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

export function seedOpentalk(store: OpentalkStore, now = new Date()): SeedRefs {
  const t = now.getTime();
  const users: Record<string, string> = {};
  for (const labUser of LAB_USERS) users[labUser.id] = store.addLabUser(labUser).id;
  const uid = (login: string) => users[login]!;

  const seeds: EventSeed[] = [
    {
      key: 'myConference',
      owner: 'helen',
      title: 'My Conference',
      description: 'The seed conference: owner helen, invitations helen and dean.',
      start: 2 * HOUR,
      duration: HOUR,
      invitees: [['dean', 'accepted']],
    },
    {
      key: 'standup',
      owner: 'helen',
      title: 'Daily stand-up',
      start: -14 * DAY + 30 * MINUTE,
      duration: 15 * MINUTE,
      recurrence: ['RRULE:FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR'],
      invitees: [['dean', 'accepted'], ['kevin', 'accepted']],
    },
    {
      key: 'sales',
      owner: 'helen',
      title: 'Планёрка отдела продаж',
      description: 'Итоги недели и планы.',
      start: DAY,
      duration: 45 * MINUTE,
      timezone: 'Europe/Moscow',
      invitees: [['dean', 'pending'], ['kevin', 'tentative', 'moderator']],
      room: { password: 's3cret-пароль', enableSip: true },
    },
    {
      key: 'quarterly',
      owner: 'dean',
      title: 'Quartalsplanung Q3 – Größe & Prioritäten',
      start: 7 * DAY,
      duration: 2 * HOUR,
      invitees: [['helen', 'accepted'], ['kevin', 'pending']],
      favoriteOf: ['helen'],
    },
    {
      key: 'retro',
      owner: 'kevin',
      title: 'Retrospektive Sprint 41',
      start: -DAY,
      duration: HOUR,
      invitees: [['helen', 'accepted'], ['dean', 'declined']],
    },
    {
      key: 'live',
      owner: 'dean',
      title: 'Ежедневная синхронизация',
      start: -10 * MINUTE,
      duration: 30 * MINUTE,
      timezone: 'Europe/Moscow',
      invitees: [['helen', 'accepted']],
    },
    {
      key: 'adhoc',
      owner: 'helen',
      title: 'Meeting 10:42',
      adhoc: true,
      room: { guestAccess: 'direct_access' },
    },
    {
      key: 'support',
      owner: 'helen',
      title: 'Support-Raum (dauerhaft)',
      description: 'Immer offen für Rückfragen.',
      invitees: [['kevin', 'accepted']],
      room: { waitingRoom: true },
    },
    {
      key: 'html',
      owner: 'helen',
      title: 'Review <img src=x onerror=alert(1)>',
      description: '<script>alert("description")</script>',
      start: 3 * DAY,
      duration: 30 * MINUTE,
      invitees: [['dean', 'pending']],
    },
    {
      key: 'kevinPrivate',
      owner: 'kevin',
      title: 'Kevins Privattermin',
      start: 2 * DAY,
      duration: HOUR,
    },
    {
      key: 'jourFixe',
      owner: 'kevin',
      title: 'Wöchentlicher Jour fixe',
      start: -21 * DAY + 3 * HOUR,
      duration: HOUR,
      recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=10'],
      invitees: [['dean', 'accepted'], ['helen', 'pending']],
    },
    {
      key: 'outing',
      owner: 'helen',
      title: 'Betriebsausflug',
      allDay: true,
      start: midnightUtc(t + 5 * DAY) - t,
      duration: DAY,
      invitees: [['dean', 'pending'], ['kevin', 'pending']],
    },
    {
      key: 'oldCall',
      owner: 'dean',
      title: 'Старый созвон',
      start: -30 * DAY,
      duration: HOUR,
      timezone: 'Europe/Moscow',
      invitees: [['helen', 'declined']],
    },
    {
      key: 'endedSeries',
      owner: 'helen',
      title: 'Jahresrückblick (Serie beendet)',
      start: -56 * DAY,
      duration: HOUR,
      recurrence: [`RRULE:FREQ=WEEKLY;UNTIL=${isoSeconds(t - 35 * DAY).replace(/[-:]/g, '')}`],
      invitees: [['dean', 'accepted']],
    },
    {
      key: 'deanAdhoc',
      owner: 'dean',
      title: 'Kurze Abstimmung',
      adhoc: true,
      invitees: [['helen', 'accepted']],
    },
  ];

  const events: Record<string, string> = {};
  const rooms: Record<string, string> = {};
  seeds.forEach((seed, index) => {
    // Creation times spread over the past so ordering by created_at is meaningful.
    const created = new Date(t - (60 - index) * DAY);
    const owner = uid(seed.owner);
    const room = store.createRoom(owner, { ...seed.room }, created);
    const timed = seed.start !== undefined;
    const startMs = t + (seed.start ?? 0);
    const timezone = seed.timezone ?? 'Europe/Berlin';
    const event: OtEvent = {
      id: randomUUID(),
      roomId: room.id,
      title: seed.title,
      description: seed.description ?? '',
      createdBy: owner,
      createdAt: isoSeconds(created),
      updatedBy: owner,
      updatedAt: isoSeconds(created),
      isTimeIndependent: !timed,
      isAllDay: seed.allDay ?? false,
      startsAt: timed ? { datetime: isoSeconds(startMs), timezone } : null,
      endsAt: timed ? { datetime: isoSeconds(startMs + (seed.duration ?? HOUR)), timezone } : null,
      recurrencePattern: seed.recurrence ?? [],
      isAdhoc: seed.adhoc ?? false,
      showMeetingDetails: true,
      invitees: (seed.invitees ?? []).map(([login, status, role = 'user']) => ({ userId: uid(login), status, role })),
      favoriteOf: new Set((seed.favoriteOf ?? []).map(uid)),
    };
    store.events.set(event.id, event);
    events[seed.key] = event.id;
    rooms[seed.key] = room.id;
  });

  // Rooms without events, so room paging has more than event rooms to walk through.
  rooms.helenPlain = store.createRoom(uid('helen'), {}, new Date(t - 90 * DAY)).id;
  rooms.helenLocked = store.createRoom(uid('helen'), { password: 'v3rys3cr3t', enableSip: true }, new Date(t - 80 * DAY)).id;
  rooms.deanPlain = store.createRoom(uid('dean'), { guestAccess: 'disabled' }, new Date(t - 70 * DAY)).id;
  rooms.kevinPlain = store.createRoom(uid('kevin'), { e2eEncryption: true }, new Date(t - 65 * DAY)).id;

  const permanent = store.createInvite(rooms.adhoc!, uid('helen'), null, new Date(t - DAY));
  const expired = store.createInvite(rooms.sales!, uid('helen'), isoSeconds(t - HOUR), new Date(t - 2 * DAY));
  const revoked = store.createInvite(rooms.support!, uid('helen'), null, new Date(t - 3 * DAY));
  revoked.active = false;

  return { users, events, rooms, invites: { permanent: permanent.code, expired: expired.code, revoked: revoked.code } };
}
