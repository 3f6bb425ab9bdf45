/** `/v1/meetings` list, create, get, PATCH/PUT, DELETE and `/v1/meetingInvitees` (spec A2). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomHex, readParams, sendJson } from '../http.js';
import { findUser, type LabUser } from '../users.js';
import { MESSAGES, sendWebexError } from './errors.js';
import { parseIso } from './schedule.js';
import type { WebexContext } from './settings.js';
import type { Occurrence, Series } from './store.js';
import { validateMeeting, type MeetingValues } from './validation.js';
import { instanceJson, inviteeJson, occurrenceJson, seriesJson, webLink, type ViewContext } from './views.js';

/** One authenticated API request. */
export interface ApiCall {
  ctx: WebexContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  user: LabUser;
  view: ViewContext;
}

const DAY = 86_400_000;
const TYPES = ['meetingSeries', 'scheduledMeeting', 'meeting'] as const;
const STATES = ['active', 'scheduled', 'ready', 'lobby', 'inProgress', 'ended', 'missed', 'expired'];

function badRequest(res: ServerResponse, ...descriptions: string[]): void {
  sendWebexError(res, 400, MESSAGES.invalid, descriptions);
}

function notFound(res: ServerResponse): void {
  sendWebexError(res, 404, MESSAGES.notFound, ['Meeting not found.']);
}

/** `from`/`to` accept a date-time or a plain date (midnight UTC). */
function parseBound(value: string): number | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  return parseIso(value);
}

function passwordHeader(req: IncomingMessage): string | undefined {
  const v = req.headers.password;
  return typeof v === 'string' ? v : undefined;
}

export function listMeetings(call: ApiCall): void {
  const { ctx, url, res, user, view } = call;
  const q = url.searchParams;
  const now = view.now;
  const errors: string[] = [];

  const maxText = q.get('max');
  const max = maxText === null ? 10 : /^\d+$/.test(maxText) ? Number(maxText) : NaN;
  if (!(max >= 1 && max <= 100)) errors.push('max must be an integer between 1 and 100.');
  const offsetText = q.get('offset') ?? '0';
  const offset = /^\d+$/.test(offsetText) ? Number(offsetText) : -1;
  if (offset < 0) errors.push('offset must be a non-negative integer.');
  const type = (q.get('meetingType') ?? 'meetingSeries') as (typeof TYPES)[number];
  if (!TYPES.includes(type)) errors.push(`meetingType must be one of ${TYPES.join(', ')}.`);
  const state = q.get('state');
  if (state !== null && !STATES.includes(state)) errors.push(`state must be one of ${STATES.join(', ')}.`);
  const scheduledType = q.get('scheduledType');
  if (scheduledType !== null && !['meeting', 'webinar', 'personalRoomMeeting'].includes(scheduledType)) {
    errors.push('scheduledType must be meeting, webinar or personalRoomMeeting.');
  }
  const fromText = q.get('from');
  const toText = q.get('to');
  const fromGiven = fromText !== null ? parseBound(fromText) : undefined;
  const toGiven = toText !== null ? parseBound(toText) : undefined;
  if (fromText !== null && fromGiven === undefined) errors.push(`Invalid from: ${fromText}`);
  if (toText !== null && toGiven === undefined) errors.push(`Invalid to: ${toText}`);
  const lookups = ['meetingNumber', 'webLink', 'roomId'].filter((k) => q.has(k));
  if (lookups.length > 1) errors.push('meetingNumber, webLink and roomId are mutually exclusive.');
  if (errors.length) return badRequest(res, ...errors);

  // Defaults [doc W1]: series and occurrences look a week ahead of now, instances a week back.
  let from: number;
  let to: number;
  if (type === 'meeting') {
    to = toGiven ?? (fromGiven !== undefined ? fromGiven + 7 * DAY : now);
    from = fromGiven ?? to - 7 * DAY;
  } else {
    from = fromGiven ?? now;
    to = toGiven ?? from + 7 * DAY;
  }
  if (from >= to) return badRequest(res, 'from must be earlier than to.');
  const current = q.get('current') !== 'false';
  const password = passwordHeader(call.req);

  const visible = [...ctx.store.series.values()].filter(
    (s) => ctx.store.canSee(s, user, password) && (scheduledType === null || s.scheduledType === scheduledType),
  );
  let items: { sortKey: number; json: Record<string, unknown> }[] = [];

  if (lookups.length === 1) {
    const key = lookups[0]!;
    const value = q.get(key)!;
    // Lookups override type, window and state [doc W1]; the lab has no spaces, so roomId finds nothing.
    const found = visible.filter((s) =>
      key === 'meetingNumber' ? s.meetingNumber === value : key === 'webLink' ? webLink(view, s) === value : false,
    );
    items = found.map((s) => ({ sortKey: s.start, json: seriesJson(view, s, current) }));
  } else {
    const seriesId = q.get('meetingSeriesId');
    const pool = seriesId ? visible.filter((s) => s.id === seriesId) : visible;
    if (type === 'meeting') {
      for (const instance of ctx.store.instances) {
        const series = pool.find((s) => s.id === instance.seriesId);
        if (!series || instance.start < from || instance.start >= to) continue;
        if (state !== null && instance.state !== state) continue;
        items.push({ sortKey: instance.start, json: instanceJson(view, instance, series) });
      }
    } else {
      for (const series of pool) {
        const overlapping = ctx.store.occurrences(series, to).filter((o) => o.end > from && o.start < to);
        if (type === 'meetingSeries') {
          if (overlapping.length === 0) continue;
          if (state !== null && ctx.store.seriesState(series, now) !== state) continue;
          items.push({ sortKey: overlapping[0]!.start, json: seriesJson(view, series, current) });
        } else {
          for (const occ of overlapping) {
            if (state !== null && ctx.store.occurrenceState(occ, now) !== state) continue;
            items.push({ sortKey: occ.start, json: occurrenceJson(view, occ) });
          }
        }
      }
    }
  }
  items.sort((a, b) => a.sortKey - b.sortKey);

  const page = items.slice(offset, offset + max);
  const headers: Record<string, string> = {};
  if (offset + max < items.length) {
    // The next link pins the window so that paging does not drift with the clock.
    const next = new URL(`${ctx.baseUrl}/v1/meetings`);
    for (const [k, v] of q) next.searchParams.append(k, v);
    if (lookups.length === 0) {
      next.searchParams.set('from', new Date(from).toISOString());
      next.searchParams.set('to', new Date(to).toISOString());
    }
    next.searchParams.set('max', String(max));
    next.searchParams.set('offset', String(offset + max));
    headers.link = `<${next.href}>; rel="next"`;
  }
  sendJson(res, 200, { items: page.map((i) => i.json) }, headers);
}

function valuesOf(series: Series): MeetingValues {
  return {
    title: series.title,
    ...(series.agenda !== undefined ? { agenda: series.agenda } : {}),
    password: series.password,
    start: series.start,
    end: series.end,
    timezone: series.timezone,
    ...(series.recurrence && series.rule ? { recurrence: series.recurrence, rule: series.rule } : {}),
    scheduledType: series.scheduledType,
    options: series.options,
  };
}

function digits(n: number): string {
  let out = '';
  while (out.length < n) out += String(Math.floor(Math.random() * 10));
  return out;
}

/** Webex generates a password when none is given; lab ones look like `BgJep@43`. */
function generatedPassword(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
  let out = '';
  for (let i = 0; i < 5; i++) out += letters[Math.floor(Math.random() * letters.length)];
  return `${out}@${digits(2)}`;
}

/** Creates a series from validated values; used by the API and by the seed. */
export function createSeries(ctx: WebexContext, host: string, values: MeetingValues): Series {
  const id = ctx.store.newSeriesId();
  const series: Series = {
    id,
    meetingNumber: ctx.store.newMeetingNumber(),
    webLinkId: randomHex(16),
    title: values.title,
    ...(values.agenda !== undefined ? { agenda: values.agenda } : {}),
    password: values.password ?? generatedPassword(),
    phonePassword: digits(8),
    hostKey: digits(6),
    timezone: values.timezone,
    start: values.start,
    end: values.end,
    ...(values.recurrence && values.rule ? { recurrence: values.recurrence, rule: values.rule } : {}),
    host,
    invitees: (values.invitees ?? []).map((i) => ({
      id: randomHex(16),
      email: i.email,
      displayName: i.displayName ?? findUser(i.email)?.displayName ?? i.email,
      coHost: i.coHost,
      panelist: i.panelist,
    })),
    scheduledType: values.scheduledType,
    options: values.options,
    edits: new Map(),
    cancelled: new Set(),
  };
  ctx.store.series.set(id, series);
  return series;
}

export async function createMeeting(call: ApiCall): Promise<void> {
  const { ctx, req, res, user, view } = call;
  const now = view.now;
  const attempts = (ctx.store.createAttempts.get(user.id) ?? []).filter((t) => t > now - DAY);
  ctx.store.createAttempts.set(user.id, attempts);
  if (attempts.length >= ctx.settings.createQuotaPerDay) {
    const wait = Math.max(1, Math.ceil((attempts[0]! + DAY - now) / 1000));
    return sendWebexError(res, 429, MESSAGES.tooMany, ['A user can create at most the daily quota of meetings in 24 hours.'], {
      'retry-after': String(wait),
    });
  }
  attempts.push(now); // failed attempts count against the quota too [doc W1]
  const body = await readParams(req);
  if (!body) return badRequest(res, 'The request body must be a JSON object.');
  const checked = validateMeeting(body, now);
  if (!checked.ok) return badRequest(res, ...checked.errors);
  const series = createSeries(ctx, user.id, checked.value);
  // 200 (not 201) with the series object [doc W1].
  sendJson(res, 200, seriesJson(view, series, false));
}

export function getMeeting(call: ApiCall, id: string): void {
  const { ctx, req, res, user, view, url } = call;
  const found = ctx.store.resolve(id);
  const series = found?.kind === 'occurrence' ? found.occurrence.series : found?.series;
  if (!found || !series || !ctx.store.canSee(series, user, passwordHeader(req))) return notFound(res);
  if (found.kind === 'series') return sendJson(res, 200, seriesJson(view, series, url.searchParams.get('current') === 'true'));
  if (found.kind === 'occurrence') return sendJson(res, 200, occurrenceJson(view, found.occurrence));
  sendJson(res, 200, instanceJson(view, found.instance, found.series));
}

export async function updateMeeting(call: ApiCall, id: string, replace: boolean): Promise<void> {
  const { ctx, req, res, user, view } = call;
  const found = ctx.store.resolve(id);
  const series = found?.kind === 'occurrence' ? found.occurrence.series : found?.series;
  if (!found || !series || !ctx.store.canSee(series, user)) return notFound(res);
  if (!ctx.store.isHost(series, user)) return sendWebexError(res, 403, MESSAGES.forbidden, ['Only the host can update the meeting.']);
  if (found.kind === 'instance') {
    return badRequest(res, 'Only meeting series and scheduled meetings can be updated, not meeting instances.');
  }
  const body = await readParams(req);
  if (!body) return badRequest(res, 'The request body must be a JSON object.');

  if (found.kind === 'occurrence') {
    const occ: Occurrence = found.occurrence;
    const base: MeetingValues = { ...valuesOf(series), title: occ.title, start: occ.start, end: occ.end };
    if (occ.agenda !== undefined) base.agenda = occ.agenda;
    else delete base.agenda;
    const checked = validateMeeting(body, view.now, replace ? undefined : base);
    if (!checked.ok) return badRequest(res, ...checked.errors);
    const v = checked.value;
    series.edits.set(occ.originalStart, { title: v.title, agenda: v.agenda ?? null, start: v.start, end: v.end });
    const updated = ctx.store.occurrences(series).find((o) => o.originalStart === occ.originalStart);
    return sendJson(res, 200, updated ? occurrenceJson(view, updated) : {});
  }

  const checked = validateMeeting(body, view.now, replace ? undefined : valuesOf(series));
  if (!checked.ok) return badRequest(res, ...checked.errors);
  const v = checked.value;
  Object.assign(series, {
    title: v.title,
    password: v.password ?? series.password,
    timezone: v.timezone,
    start: v.start,
    end: v.end,
    scheduledType: v.scheduledType,
    options: v.options,
  });
  if (v.agenda !== undefined) series.agenda = v.agenda;
  else delete series.agenda;
  if (v.recurrence && v.rule) {
    series.recurrence = v.recurrence;
    series.rule = v.rule;
  } else {
    delete series.recurrence;
    delete series.rule;
  }
  // Changing start, end or recurrence of a series drops its exceptional occurrences [doc W1].
  if (checked.timesChanged) {
    series.edits.clear();
    series.cancelled.clear();
  }
  sendJson(res, 200, seriesJson(view, series, false));
}

export function deleteMeeting(call: ApiCall, id: string): void {
  const { ctx, res, user, url } = call;
  const sendEmail = url.searchParams.get('sendEmail');
  if (sendEmail !== null && sendEmail !== 'true' && sendEmail !== 'false') return badRequest(res, 'sendEmail must be true or false.');
  const found = ctx.store.resolve(id);
  const series = found?.kind === 'occurrence' ? found.occurrence.series : found?.series;
  if (!found || !series || !ctx.store.canSee(series, user)) return notFound(res);
  if (!ctx.store.isHost(series, user)) return sendWebexError(res, 403, MESSAGES.forbidden, ['Only the host can delete the meeting.']);
  if (found.kind === 'instance') return badRequest(res, 'Ended or in-progress meeting instances cannot be deleted.');
  if (found.kind === 'occurrence') series.cancelled.add(found.occurrence.originalStart);
  else {
    ctx.store.series.delete(series.id);
    for (let i = ctx.store.instances.length - 1; i >= 0; i--) {
      if (ctx.store.instances[i]!.seriesId === series.id) ctx.store.instances.splice(i, 1);
    }
  }
  call.res.writeHead(204, { 'cache-control': 'no-store' });
  call.res.end();
}

export function listInvitees(call: ApiCall): void {
  const { ctx, res, user, url } = call;
  const meetingId = url.searchParams.get('meetingId');
  if (!meetingId) return badRequest(res, 'meetingId is required.');
  const found = ctx.store.resolve(meetingId);
  const series = found?.kind === 'occurrence' ? found.occurrence.series : found?.series;
  if (!series || !ctx.store.canSee(series, user, passwordHeader(call.req))) return notFound(res);
  sendJson(res, 200, { items: series.invitees.map((i) => inviteeJson(meetingId, i)) });
}
