/**
 * `POST /v1/meetings/join` (302 to the join link by default, JSON with `joinDirectly:false`) and
 * the lab pages those links and a meeting's `webLink` lead to.
 */
import type { ServerResponse } from 'node:http';
import { randomHex, readParams, redirect, sendHtml, sendJson } from '../http.js';
import { findUser } from '../users.js';
import { MESSAGES, sendWebexError } from './errors.js';
import type { ApiCall } from './meetings.js';
import { errorPage, joinedPage } from './pages.js';
import { formatInZone } from './schedule.js';
import type { WebexContext } from './settings.js';
import type { Occurrence, Series } from './store.js';
import { webLink } from './views.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function findTarget(call: ApiCall, body: Record<string, unknown>): Occurrence | undefined {
  const { ctx, view } = call;
  let series: Series | undefined;
  if (typeof body.meetingId === 'string') {
    const found = ctx.store.resolve(body.meetingId);
    if (found?.kind === 'occurrence') return found.occurrence;
    if (found?.kind === 'instance') {
      return ctx.store.occurrences(found.series).find((o) => o.originalStart === found.instance.occurrenceStart);
    }
    series = found?.series;
  } else if (typeof body.meetingNumber === 'string') {
    series = [...ctx.store.series.values()].find((s) => s.meetingNumber === body.meetingNumber);
  } else if (typeof body.webLink === 'string') {
    series = [...ctx.store.series.values()].find((s) => webLink(view, s) === body.webLink);
  }
  return series ? ctx.store.currentOccurrence(series, view.now) : undefined;
}

export async function joinMeeting(call: ApiCall): Promise<void> {
  const { ctx, req, res, user, view } = call;
  const body = await readParams(req);
  const bad = (...d: string[]): void => sendWebexError(res, 400, MESSAGES.invalid, d);
  if (!body) return bad('The request body must be a JSON object.');
  const keys = ['meetingId', 'meetingNumber', 'webLink'].filter((k) => body[k] !== undefined);
  if (keys.length !== 1) return bad('Exactly one of meetingId, meetingNumber or webLink is required.');
  if (typeof body[keys[0]!] !== 'string') return bad(`${keys[0]!} must be a string.`);
  if (body.joinDirectly !== undefined && typeof body.joinDirectly !== 'boolean') return bad('joinDirectly must be a boolean.');
  const minutes = body.expirationMinutes ?? ctx.settings.joinLinkMinutes;
  if (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > 60) return bad('expirationMinutes must be between 1 and 60.');
  if (body.displayName !== undefined && (typeof body.displayName !== 'string' || body.displayName.length > 128)) {
    return bad('displayName must be a string of at most 128 characters.');
  }
  if (body.email !== undefined && (typeof body.email !== 'string' || !EMAIL.test(body.email))) return bad('email is not a valid e-mail address.');

  const occ = findTarget(call, body);
  const password = typeof body.password === 'string' ? body.password : undefined;
  if (!occ || !ctx.store.canSee(occ.series, user, password)) return sendWebexError(res, 404, MESSAGES.notFound, ['Meeting not found.']);

  const isHost = ctx.store.isHost(occ.series, user);
  const expiresAt = view.now + (minutes as number) * 60_000;
  const link = (role: 'host' | 'attendee', param: string): string => {
    const token = randomHex(20);
    ctx.store.joinLinks.set(token, {
      token,
      seriesId: occ.series.id,
      occurrenceStart: occ.originalStart,
      login: user.id,
      displayName: typeof body.displayName === 'string' ? body.displayName : user.displayName,
      email: typeof body.email === 'string' ? body.email : user.email,
      role,
      expiresAt,
    });
    return `${ctx.baseUrl}/join/${encodeURIComponent(occ.id)}?${param}=${token}`;
  };
  const joinLink = link(isHost ? 'host' : 'attendee', 'integrationJoinToken');
  // joinDirectly defaults to true: a redirect, which a fetch() follows into an HTML page [doc W1].
  if (body.joinDirectly !== false) return redirect(res, joinLink);
  const startLink = isHost || ctx.store.isCoHost(occ.series, user) ? link('host', 'integrationStartToken') : undefined;
  sendJson(res, 200, { joinLink, ...(startLink ? { startLink } : {}), expiration: formatInZone(expiresAt, 'UTC') });
}

/** `GET /join/{meetingId}?integrationJoinToken=…|integrationStartToken=…`: the lab "web client". */
export function joinPage(ctx: WebexContext, res: ServerResponse, url: URL, meetingId: string): void {
  const token = url.searchParams.get('integrationJoinToken') ?? url.searchParams.get('integrationStartToken') ?? '';
  const link = ctx.store.joinLinks.get(token);
  const series = link ? ctx.store.series.get(link.seriesId) : undefined;
  const occ = series ? ctx.store.occurrences(series).find((o) => o.originalStart === link!.occurrenceStart) : undefined;
  if (!link || !occ || occ.id !== meetingId) return sendHtml(res, 404, errorPage('Invalid join link', 'This join link is not valid.'));
  if (link.expiresAt < Date.now()) return sendHtml(res, 410, errorPage('Join link expired', 'This join link has expired.'));
  ctx.store.recordJoin(occ, {
    meetingId: occ.id,
    title: occ.title,
    login: link.login,
    displayName: link.displayName,
    role: link.role,
    via: url.searchParams.has('integrationStartToken') ? 'startLink' : 'joinLink',
    at: Date.now(),
  });
  sendHtml(res, 200, joinedPage({ title: occ.title, meetingId: occ.id, who: link.displayName, role: link.role }));
}

/** `GET /lab/j.php?MTID=m…`: a meeting's public web link; anyone with it joins as a guest. */
export function webLinkPage(ctx: WebexContext, res: ServerResponse, url: URL): void {
  const id = (url.searchParams.get('MTID') ?? '').replace(/^m/, '');
  const series = [...ctx.store.series.values()].find((s) => s.webLinkId === id);
  const occ = series ? ctx.store.currentOccurrence(series) : undefined;
  if (!occ) return sendHtml(res, 404, errorPage('Meeting not found', 'No meeting has this link.'));
  const name = url.searchParams.get('name') ?? findUser(url.searchParams.get('email') ?? '')?.displayName ?? 'Guest';
  ctx.store.recordJoin(occ, { meetingId: occ.id, title: occ.title, displayName: name, role: 'guest', via: 'webLink', at: Date.now() });
  sendHtml(res, 200, joinedPage({ title: occ.title, meetingId: occ.id, who: name, role: 'guest' }));
}
