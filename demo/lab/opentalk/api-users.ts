/** `/v1/users…` (spec §5). */
import { sendJson } from '../http.js';
import { BodyReader, readJsonBody, sendError, sendNoContent, sendNotFound, type UserContext } from './api-support.js';
import type { OtUser } from './store.js';
import { privateProfile, publicProfile } from './wire.js';

const THEMES = ['light', 'dark', 'system'] as const;

export function getMe(ctx: UserContext): void {
  sendJson(ctx.res, 200, privateProfile(ctx.user));
}

/** Any of title, display_name, language, themes; an empty body changes nothing and answers 204. */
export async function patchMe(ctx: UserContext): Promise<void> {
  const body = await readJsonBody(ctx, true);
  if (!body) return;
  if (Object.keys(body).length === 0) return sendNoContent(ctx.res);
  const reader = new BodyReader(body);
  const title = reader.string('title', { max: 255 });
  const displayName = reader.string('display_name', { min: 1, max: 255 });
  const language = reader.string('language', { max: 35 });
  const dashboardTheme = reader.oneOf('dashboard_theme', THEMES);
  const conferenceTheme = body.conference_theme === null ? null : reader.oneOf('conference_theme', THEMES);
  if (!reader.report(ctx.res)) return;
  const user: OtUser = ctx.user;
  if (typeof title === 'string') user.title = title;
  if (typeof displayName === 'string') user.displayName = displayName;
  if (typeof language === 'string') user.language = language;
  if (dashboardTheme) user.dashboardTheme = dashboardTheme;
  if (conferenceTheme !== undefined) user.conferenceTheme = conferenceTheme;
  sendJson(ctx.res, 200, privateProfile(user));
}

export function pendingInvites(ctx: UserContext): void {
  let total = 0;
  for (const event of ctx.store.events.values()) {
    if (ctx.store.invitee(event, ctx.user.id)?.status === 'pending') total++;
  }
  sendJson(ctx.res, 200, { total_pending_invites: total });
}

export function getUser(ctx: UserContext): void {
  const user = ctx.store.users.get(ctx.params.userId ?? '');
  if (!user) return sendNotFound(ctx.res);
  sendJson(ctx.res, 200, publicProfile(user));
}

/** `q` of at least 3 characters, matched against names and email. */
export function findUsers(ctx: UserContext): void {
  const q = (ctx.url.searchParams.get('q') ?? '').trim().toLowerCase();
  if ([...q].length < 3) return sendError(ctx.res, 400, 'query_too_short', 'Query string must be at least 3 characters long');
  const found = [...ctx.store.users.values()].filter((u) =>
    [u.displayName, u.firstname, u.lastname, u.email].some((field) => field.toLowerCase().includes(q)),
  );
  sendJson(ctx.res, 200, found.map((u) => ({ kind: 'registered', ...publicProfile(u) })));
}
