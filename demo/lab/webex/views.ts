/** JSON shapes of the Webex Meetings API (the "meeting object" of specs/webex-telphin.md A2). */
import type { Instance, Invitee, Occurrence, Series, WebexStore } from './store.js';
import { findUser } from '../users.js';
import { compactUtc, formatInZone } from './schedule.js';

export interface ViewContext {
  store: WebexStore;
  /** Origin of the lab, e.g. `http://127.0.0.1:4321`. */
  baseUrl: string;
  /** Zone the `timezone` request header asked for (default UTC). */
  zone: string;
  now: number;
}

/** Defaults of the options a create request may set; echoed in every meeting object. */
export const OPTION_DEFAULTS: Readonly<Record<string, unknown>> = {
  enabledAutoRecordMeeting: false,
  allowAnyUserToBeCoHost: false,
  enabledJoinBeforeHost: false,
  enableConnectAudioBeforeHost: false,
  joinBeforeHostMinutes: 0,
  excludePassword: false,
  publicMeeting: false,
  reminderTime: 10,
  unlockedMeetingJoinSecurity: 'allowJoin',
  enableAutomaticLock: false,
  allowFirstUserToBeCoHost: false,
  allowAuthenticatedDevices: false,
  meetingOptions: { enabledChat: true, enabledVideo: true, enabledNote: true, enabledFileTransfer: true },
  attendeePrivileges: { enabledShareContent: true, enabledSaveDocument: false, enabledPrintDocument: false },
};

export function siteUrl(baseUrl: string): string {
  return new URL(baseUrl).host;
}

export function webLink(ctx: ViewContext, series: Series): string {
  return `${ctx.baseUrl}/lab/j.php?MTID=m${series.webLinkId}`;
}

function common(ctx: ViewContext, series: Series): Record<string, unknown> {
  const host = findUser(series.host);
  const site = siteUrl(ctx.baseUrl);
  return {
    meetingNumber: series.meetingNumber,
    password: series.password,
    phoneAndVideoSystemPassword: series.phonePassword,
    timezone: series.timezone,
    hostUserId: ctx.store.personId(series.host),
    hostDisplayName: host?.displayName ?? series.host,
    hostEmail: host?.email ?? '',
    hostKey: series.hostKey,
    siteUrl: site,
    webLink: webLink(ctx, series),
    sipAddress: `${series.meetingNumber}@${site}`,
    dialInIpAddress: '127.0.0.1',
    ...series.options,
    scheduledType: series.scheduledType,
    telephony: {
      accessCode: series.meetingNumber,
      callInNumbers: [{ label: 'Lab Toll', callInNumber: '+1-555-0100', tollType: 'toll' }],
      links: [],
    },
    enabledBreakoutSessions: false,
  };
}

/** A series; with `current`, start/end describe the live, ready or next occurrence. */
export function seriesJson(ctx: ViewContext, series: Series, current: boolean): Record<string, unknown> {
  const occ = current ? ctx.store.currentOccurrence(series, ctx.now) : undefined;
  const start = occ?.start ?? series.start;
  const end = occ?.end ?? series.end;
  return {
    id: series.id,
    title: series.title,
    ...(series.agenda !== undefined ? { agenda: series.agenda } : {}),
    meetingType: 'meetingSeries',
    state: ctx.store.seriesState(series, ctx.now),
    ...common(ctx, series),
    start: formatInZone(start, ctx.zone),
    end: formatInZone(end, ctx.zone),
    ...(series.recurrence ? { recurrence: series.recurrence } : {}),
  };
}

export function occurrenceJson(ctx: ViewContext, occ: Occurrence): Record<string, unknown> {
  return {
    id: occ.id,
    meetingSeriesId: occ.series.id,
    title: occ.title,
    ...(occ.agenda !== undefined ? { agenda: occ.agenda } : {}),
    meetingType: 'scheduledMeeting',
    state: ctx.store.occurrenceState(occ, ctx.now),
    isModified: occ.modified,
    ...common(ctx, occ.series),
    start: formatInZone(occ.start, ctx.zone),
    end: formatInZone(occ.end, ctx.zone),
  };
}

export function instanceJson(ctx: ViewContext, instance: Instance, series: Series): Record<string, unknown> {
  const occ = ctx.store.occurrences(series, instance.occurrenceStart + 1).find((o) => o.originalStart === instance.occurrenceStart);
  const base = common(ctx, series);
  // Ended instances carry no meeting number [doc W1].
  if (instance.state === 'ended') {
    delete base.meetingNumber;
    delete base.sipAddress;
  }
  return {
    id: instance.id,
    meetingSeriesId: series.id,
    scheduledMeetingId: `${series.id}_${compactUtc(instance.occurrenceStart)}`,
    title: occ?.title ?? series.title,
    meetingType: 'meeting',
    state: instance.state,
    hostDidJoin: instance.hostDidJoin,
    attendeeDidJoin: instance.attendeeDidJoin,
    ...base,
    start: formatInZone(instance.start, ctx.zone),
    end: formatInZone(instance.end ?? occ?.end ?? instance.start, ctx.zone),
  };
}

export function inviteeJson(meetingId: string, invitee: Invitee): Record<string, unknown> {
  return { id: invitee.id, email: invitee.email, displayName: invitee.displayName, coHost: invitee.coHost, meetingId, panelist: invitee.panelist };
}
