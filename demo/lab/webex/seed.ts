/**
 * Seed meetings, relative to now so "upcoming" stays upcoming: series in every state (active,
 * expired), occurrences scheduled/ready/missed, instances in lobby/in progress/ended, recurring
 * series, German and Cyrillic titles and one title with markup. Visibility: host or invitee.
 */
import { findUser } from '../users.js';
import { createSeries } from './meetings.js';
import { parseRule } from './schedule.js';
import type { WebexContext } from './settings.js';
import type { InstanceState, Series } from './store.js';
import type { MeetingValues } from './validation.js';
import { OPTION_DEFAULTS } from './views.js';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

interface SeedMeeting {
  title: string;
  host: string;
  invitees?: string[];
  /** Offset of the first occurrence from now (rounded down to 5 minutes). */
  at: number;
  minutes: number;
  timezone?: string;
  recurrence?: string;
  agenda?: string;
  scheduledType?: 'meeting' | 'webinar';
  /** Instances: occurrence index → state (and the host joined or not). */
  instances?: Record<number, InstanceState>;
}

export const SEED_MEETINGS: readonly SeedMeeting[] = [
  { title: 'My Conference', host: 'helen', invitees: ['helen', 'dean'], at: 2 * H, minutes: 60 },
  {
    title: 'Daily stand-up',
    host: 'helen',
    invitees: ['dean', 'kevin'],
    at: -3 * D + H,
    minutes: 15,
    recurrence: 'FREQ=DAILY;INTERVAL=1;COUNT=20',
    instances: { 0: 'ended', 2: 'ended' }, // day -2 is a missed occurrence
  },
  {
    title: 'Wöchentliche Teamrunde: Größenplanung & Übergabe',
    host: 'kevin',
    invitees: ['helen'],
    at: -10 * D + 3 * H,
    minutes: 60,
    timezone: 'Europe/Berlin',
    recurrence: 'FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH',
  },
  {
    title: 'Планёрка отдела продаж',
    host: 'dean',
    invitees: ['helen'],
    at: -15 * M,
    minutes: 60,
    timezone: 'Europe/Moscow',
    instances: { 0: 'inProgress' },
  },
  { title: 'Design review', host: 'helen', invitees: ['kevin'], at: 10 * M, minutes: 30 },
  {
    title: 'Quarterly review <img src=x onerror=alert(1)>',
    host: 'helen',
    invitees: ['dean', 'kevin'],
    at: D,
    minutes: 90,
    agenda: '<b>Q3</b> numbers & "plans"',
  },
  { title: 'Retrospektive Sprint 41', host: 'helen', invitees: ['dean'], at: -D - 2 * H, minutes: 60, instances: { 0: 'ended' } },
  { title: 'Встреча с клиентом «Ромашка»', host: 'dean', invitees: ['helen'], at: -2 * D, minutes: 30 },
  { title: 'Kevin 1:1 (private)', host: 'kevin', at: 4 * H, minutes: 30 },
  { title: 'Kundengespräch Müller GmbH', host: 'dean', invitees: ['kevin'], at: 5 * D, minutes: 60, timezone: 'Europe/Berlin' },
  {
    title: 'Совещание: бюджет 2026',
    host: 'kevin',
    invitees: ['helen', 'dean'],
    at: -5 * M,
    minutes: 60,
    timezone: 'Europe/Moscow',
    instances: { 0: 'lobby' },
  },
  {
    title: 'Einführung für neue Kolleg:innen',
    host: 'helen',
    invitees: ['kevin'],
    at: -40 * D,
    minutes: 45,
    timezone: 'Europe/Berlin',
    recurrence: 'FREQ=WEEKLY;COUNT=4',
    instances: { 0: 'ended', 1: 'ended', 3: 'ended' },
  },
  {
    title: 'Webinar: Datenschutz für Einsteiger',
    host: 'helen',
    invitees: ['dean', 'kevin'],
    at: 3 * D,
    minutes: 120,
    scheduledType: 'webinar',
  },
];

export function seedWebex(ctx: WebexContext, now = Date.now()): Series[] {
  const base = Math.floor(now / (5 * M)) * 5 * M;
  return SEED_MEETINGS.map((m) => {
    const rule = m.recurrence ? parseRule(m.recurrence) : undefined;
    if (typeof rule === 'string') throw new Error(`bad seed rule: ${rule}`);
    const values: MeetingValues = {
      title: m.title,
      ...(m.agenda ? { agenda: m.agenda } : {}),
      start: base + m.at,
      end: base + m.at + m.minutes * M,
      timezone: m.timezone ?? 'UTC',
      ...(m.recurrence && rule ? { recurrence: m.recurrence, rule } : {}),
      scheduledType: m.scheduledType ?? 'meeting',
      options: structuredClone(OPTION_DEFAULTS) as Record<string, unknown>,
      invitees: (m.invitees ?? []).map((login) => {
        const u = findUser(login)!;
        return { email: u.email, displayName: u.displayName, coHost: false, panelist: m.scheduledType === 'webinar' && login === 'dean' };
      }),
    };
    const series = createSeries(ctx, m.host, values);
    const occurrences = ctx.store.occurrences(series, now + 30 * D);
    for (const [index, state] of Object.entries(m.instances ?? {})) {
      const occ = occurrences[Number(index)];
      if (!occ) continue;
      ctx.store.addInstance({
        seriesId: series.id,
        occurrenceStart: occ.originalStart,
        start: occ.start + 2 * M,
        ...(state === 'ended' ? { end: occ.end - 3 * M } : {}),
        state,
        hostDidJoin: state !== 'lobby',
        attendeeDidJoin: true,
      });
    }
    return series;
  });
}
