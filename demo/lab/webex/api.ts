/**
 * The authenticated REST surface under `/v1`: bearer check (401), scope check (403), rate
 * limiting (429 + Retry-After), routing to meetings, join and people.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, match, sendJson } from '../http.js';
import { findUser, type LabUser } from '../users.js';
import { MESSAGES, sendWebexError } from './errors.js';
import { joinMeeting } from './join.js';
import { createMeeting, deleteMeeting, getMeeting, listInvitees, listMeetings, updateMeeting, type ApiCall } from './meetings.js';
import { isValidTimeZone } from '../../../src/model/time-zone.js';
import type { WebexContext } from './settings.js';

const READ = 'meeting:schedules_read';
const WRITE = 'meeting:schedules_write';

/** Per-window counter for `settings.rateLimit`. */
interface Window {
  startedAt: number;
  count: number;
}

export function createApi(ctx: WebexContext): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const window: Window = { startedAt: Date.now(), count: 0 };

  /** True when the request was answered with 429. */
  function throttled(res: ServerResponse): boolean {
    const s = ctx.settings;
    if (s.rateLimitNext > 0) {
      s.rateLimitNext--;
      sendWebexError(res, 429, MESSAGES.tooMany, [MESSAGES.tooMany], { 'retry-after': String(s.retryAfter) });
      return true;
    }
    if (!s.rateLimit) return false;
    const now = Date.now();
    const span = s.rateLimit.windowSeconds * 1000;
    if (now - window.startedAt >= span) {
      window.startedAt = now;
      window.count = 0;
    }
    if (window.count >= s.rateLimit.requests) {
      const wait = Math.max(1, Math.ceil((window.startedAt + span - now) / 1000));
      sendWebexError(res, 429, MESSAGES.tooMany, [MESSAGES.tooMany], { 'retry-after': String(wait) });
      return true;
    }
    window.count++;
    return false;
  }

  function authenticate(req: IncomingMessage): { user: LabUser; scopes: string[] } | undefined {
    const token = bearerToken(req);
    const grant = token ? ctx.store.accessTokens.get(token) : undefined;
    if (!grant || grant.expiresAt <= Date.now()) return undefined;
    const user = findUser(grant.login);
    return user ? { user, scopes: grant.scopes } : undefined;
  }

  return async (req, res, url) => {
    if (throttled(res)) return;
    const auth = authenticate(req);
    if (!auth) return sendWebexError(res, 401, MESSAGES.unauthorized);
    const zoneHeader = req.headers.timezone;
    const zone = typeof zoneHeader === 'string' && zoneHeader !== '' ? zoneHeader : 'UTC';
    if (!isValidTimeZone(zone)) return sendWebexError(res, 400, MESSAGES.invalid, [`Invalid timezone header: ${zone}`]);
    const call: ApiCall = {
      ctx,
      req,
      res,
      url,
      user: auth.user,
      view: { store: ctx.store, baseUrl: ctx.baseUrl, zone, now: Date.now() },
    };
    const need = (scope: string): boolean => {
      if (auth.scopes.includes(scope)) return true;
      sendWebexError(res, 403, MESSAGES.scope, [`The access token lacks the scope ${scope}.`]);
      return false;
    };
    const path = url.pathname.replace(/\/$/, '');
    const method = req.method ?? 'GET';
    const notAllowed = (): void => sendWebexError(res, 405, 'The requested method is not allowed for this resource.');

    if (path === '/v1/people/me') {
      if (method !== 'GET') return notAllowed();
      return sendJson(res, 200, personJson(ctx, auth.user));
    }
    if (path === '/v1/meetings') {
      if (method === 'GET') return need(READ) ? listMeetings(call) : undefined;
      if (method === 'POST') return need(WRITE) ? createMeeting(call) : undefined;
      return notAllowed();
    }
    if (path === '/v1/meetings/join') {
      // Joining needs only the read scope [doc W3].
      if (method !== 'POST') return notAllowed();
      return need(READ) ? joinMeeting(call) : undefined;
    }
    const m = match('/v1/meetings/:id', path);
    if (m) {
      const id = m.id!;
      if (method === 'GET') return need(READ) ? getMeeting(call, id) : undefined;
      if (method === 'PATCH') return need(WRITE) ? updateMeeting(call, id, false) : undefined;
      if (method === 'PUT') return need(WRITE) ? updateMeeting(call, id, true) : undefined;
      if (method === 'DELETE') return need(WRITE) ? deleteMeeting(call, id) : undefined;
      return notAllowed();
    }
    if (path === '/v1/meetingInvitees') {
      if (method !== 'GET') return notAllowed();
      return need(READ) ? listInvitees(call) : undefined;
    }
    sendWebexError(res, 404, MESSAGES.notFound);
  };
}

function personJson(ctx: WebexContext, user: LabUser): Record<string, unknown> {
  const [firstName = user.displayName, ...rest] = user.displayName.split(' ');
  return {
    id: ctx.store.personId(user.id),
    emails: [user.email],
    phoneNumbers: [{ type: 'work', value: user.phone, primary: true }],
    displayName: user.displayName,
    nickName: firstName,
    firstName,
    lastName: rest.join(' '),
    userName: user.email,
    orgId: ctx.store.orgId,
    created: '2024-01-15T09:00:00.000Z',
    status: 'active',
    type: 'person',
  };
}
