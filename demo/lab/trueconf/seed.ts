/**
 * Seed conferences: seed 001's "My Conference" plus a dozen more in every state, owned by helen,
 * dean and kevin so that each user sees some but not all. Times are relative to start-up so
 * "upcoming" stays upcoming.
 */
import { LAB_USERS } from '../users.js';
import { newSessionId, uidOf, type Conference, type Invitation, type Participant, type Schedule, type TrueconfCore } from './store.js';
import { blankConference } from './validate.js';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

function invite(...ids: string[]): Invitation[] {
  return ids.map((id) => ({ id, displayName: null, isModerator: false }));
}

function joined(
  core: TrueconfCore,
  now: number,
  entries: [login: string, minutesAgo: number, role: number][],
): Participant[] {
  return entries.map(([login, minutesAgo, role]) => ({
    id: uidOf(core, login),
    displayName: LAB_USERS.find((u) => u.id === login)?.displayName ?? login,
    role,
    joinTime: now - minutesAgo * MINUTE,
    leaveTime: null,
  }));
}

const hhmm = (t: number): string => new Date(t * 1000).toISOString().slice(11, 16);

/** Next 5-minute mark at or after `t`, so seeded times look like times people pick. */
const roundUp = (t: number): number => Math.ceil(t / (5 * MINUTE)) * 5 * MINUTE;

function once(startTime: number, duration: number, specialTimeOffset: number): Schedule {
  return { type: 'once', startTime, duration, time: hhmm(startTime), specialTimeOffset };
}

function weekly(days: string[], firstStart: number, duration: number, specialTimeOffset: number): Schedule {
  return { type: 'week', days, time: hhmm(firstStart), duration, startTime: firstStart, specialTimeOffset };
}

export function seedConferences(core: TrueconfCore, now: number): void {
  const soon = roundUp(now);
  const make = (id: string, owner: string, createdAgo: number, patch: Partial<Conference>): void => {
    const conference: Conference = { ...blankConference(core, id, owner, now - createdAgo), ...patch };
    if (conference.mode === 'PxP') conference.maxPodiums = conference.maxParticipants;
    if (conference.mode === 'OxP') conference.maxPodiums = 1;
    if (conference.state === 'running') conference.sessionId = newSessionId(core);
    core.state.conferences.set(id, conference);
  };

  // Seed 001, as created in the walkthrough (type 0, auto_invite 1, 10 participants, no schedule).
  make('4219111751', 'helen', 30 * DAY, {
    topic: 'My Conference',
    autoInvite: 1,
    maxParticipants: 10,
    invitations: invite('dean', 'helen'),
  });
  make('5576502892', 'helen', 2 * DAY, {
    topic: 'Daily stand-up',
    state: 'running',
    maxParticipants: 12,
    invitations: invite('dean', 'kevin'),
    participants: joined(core, now, [['helen', 12, 1], ['dean', 9, 2]]),
  });
  make('3108842207', 'helen', 5 * DAY, {
    topic: 'Design review <img src=x onerror=alert(1)>',
    description: 'Markup in a topic must stay text: <b>not bold</b>',
    mode: 'S|L',
    maxParticipants: 20,
    maxPodiums: 4,
    schedule: once(soon + 2 * HOUR, HOUR, 0),
    invitations: invite('dean'),
  });
  make('7702215563', 'helen', 3 * DAY, {
    topic: 'Interview: frontend developer',
    mode: 'OxP',
    maxParticipants: 5,
    schedule: once(soon + 30 * MINUTE, 45 * MINUTE, 180),
    invitations: invite('kevin'),
  });
  make('2290017344', 'helen', 20 * DAY, {
    topic: 'Quartalsbericht Q3 – Vorbesprechung',
    schedule: once(roundUp(now - DAY) - 2 * HOUR, HOUR, 120),
    invitations: invite('kevin'),
    recording: true,
  });
  make('6615530098', 'helen', 40 * DAY, {
    topic: 'Weekly planning',
    schedule: weekly(['monday', 'wednesday'], roundUp(now + DAY), HOUR, 60),
    invitations: invite('dean'),
  });
  make('8801473650', 'dean', 10 * DAY, {
    topic: 'Еженедельная планёрка отдела разработки',
    state: 'running',
    mode: 'S|L Auto',
    maxParticipants: 30,
    schedule: weekly(['tuesday', 'thursday'], roundUp(now - 20 * MINUTE), 90 * MINUTE, 180),
    invitations: invite('helen', 'kevin'),
    participants: joined(core, now, [['dean', 20, 1], ['kevin', 15, 2]]),
  });
  make('1904468821', 'dean', 7 * DAY, {
    topic: 'Совещание отдела продаж',
    state: 'running',
    maxParticipants: 8,
    invitations: invite('kevin'),
    participants: joined(core, now, [['dean', 5, 1]]),
  });
  make('4456120987', 'dean', 60 * DAY, {
    topic: 'Übergabe an das Support-Team',
    schedule: weekly(['friday'], roundUp(now + 3 * DAY), 30 * MINUTE, 120),
    invitations: invite('helen', 'kevin'),
  });
  make('5037781126', 'dean', 90 * DAY, {
    topic: 'Lecture: Introduction to WebRTC',
    mode: 'OxP',
    maxParticipants: 50,
  });
  make('9120335478', 'kevin', 4 * DAY, {
    topic: 'Kundentermin: Angebot für Müller & Söhne',
    schedule: once(soon + DAY, HOUR, 120),
    invitations: invite('helen'),
  });
  make('6278904415', 'kevin', 6 * DAY, {
    topic: 'Вебинар: новые возможности сервера',
    mode: 'S|L Auto',
    access: 'public',
    maxParticipants: 100,
    maxPodiums: 2,
    schedule: once(soon + 3 * DAY, 2 * HOUR, 180),
    invitations: invite('helen', 'dean'),
  });
  make('3349926601', 'kevin', 15 * DAY, {
    topic: 'All hands',
    state: 'running',
    access: 'public',
    maxParticipants: 100,
    invitations: invite('helen', 'dean'),
    participants: joined(core, now, [['kevin', 25, 1], ['helen', 20, 2]]),
  });
  make('7785012239', 'kevin', 25 * DAY, {
    topic: "Kevin's private room",
    maxParticipants: 4,
  });
}
