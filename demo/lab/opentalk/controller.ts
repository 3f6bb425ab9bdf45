/**
 * The OpenTalk controller origin: the `/v1` API, the well-known document, and the frontend pages
 * a join lands on (`/room/{id}`, `?invite=`). CORS mirrors actix-cors as configured by the
 * controller: configured origins only, `Content-Type`/`Authorization` request headers, and no
 * exposed headers — so a browser cannot read `Link` unless `exposeLinkHeader` is switched on.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyCors, match, redirect, sendHtml, sendJson } from '../http.js';
import * as events from './api-events.js';
import * as rooms from './api-rooms.js';
import { readJsonBody, sendError, sendNoContent, type ApiContext, type UserContext } from './api-support.js';
import * as users from './api-users.js';
import type { ControllerAuth } from './controller-auth.js';
import { plainPage, roomPage } from './pages.js';
import { webOriginAllowed, type OpentalkClient, type OpentalkSettings } from './settings.js';
import { isoSeconds, type OpentalkStore } from './store.js';

type Route =
  | { method: string; path: string; auth: 'bearer'; handle(ctx: UserContext): void | Promise<void> }
  | { method: string; path: string; auth: 'none' | 'bearer-or-invite'; handle(ctx: ApiContext): void | Promise<void> };

const bearer = (method: string, path: string, handle: (ctx: UserContext) => void | Promise<void>): Route => ({
  method,
  path,
  auth: 'bearer',
  handle,
});

export interface ControllerDeps {
  store: OpentalkStore;
  settings: OpentalkSettings;
  client: OpentalkClient;
  auth: ControllerAuth;
  realmIssuer: string;
}

const CORS_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const CORS_HEADERS = ['authorization', 'content-type'];

export function createController({ store, settings, client, auth, realmIssuer }: ControllerDeps) {
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/v1/auth/login',
      auth: 'none',
      handle: (ctx) => sendJson(ctx.res, 200, { oidc: { name: 'default', url: realmIssuer } }),
    },
    {
      method: 'POST',
      path: '/v1/auth/login',
      auth: 'none',
      handle: async (ctx) => {
        const body = await readJsonBody(ctx);
        if (!body) return;
        const result = await auth.loginWithIdToken(body.id_token);
        if (!result.ok) return sendAuthFailure(ctx.res, result);
        sendJson(ctx.res, 200, { permissions: [] });
      },
    },
    { method: 'GET', path: '/v1/turn', auth: 'none', handle: (ctx) => sendNoContent(ctx.res) },
    { method: 'POST', path: '/v1/invite/verify', auth: 'none', handle: rooms.verifyInvite },
    bearer('GET', '/v1/users/me', users.getMe),
    bearer('PATCH', '/v1/users/me', users.patchMe),
    bearer('GET', '/v1/users/me/pending_invites', users.pendingInvites),
    bearer('PUT', '/v1/users/me/event_favorites/:eventId', events.setFavorite(true)),
    bearer('DELETE', '/v1/users/me/event_favorites/:eventId', events.setFavorite(false)),
    bearer('GET', '/v1/users/find', users.findUsers),
    bearer('GET', '/v1/users/:userId', users.getUser),
    bearer('GET', '/v1/rooms', rooms.listRooms),
    bearer('POST', '/v1/rooms', rooms.createRoom),
    bearer('GET', '/v1/rooms/:roomId', rooms.getRoom),
    bearer('PATCH', '/v1/rooms/:roomId', rooms.patchRoom),
    bearer('DELETE', '/v1/rooms/:roomId', rooms.deleteRoom),
    { method: 'GET', path: '/v1/rooms/:roomId/event', auth: 'bearer-or-invite', handle: rooms.getRoomEvent },
    bearer('POST', '/v1/rooms/:roomId/invites', rooms.createInvite),
    bearer('GET', '/v1/rooms/:roomId/invites', rooms.listInvites),
    bearer('GET', '/v1/rooms/:roomId/invites/:inviteCode', rooms.getInvite),
    bearer('PUT', '/v1/rooms/:roomId/invites/:inviteCode', rooms.updateInvite),
    bearer('DELETE', '/v1/rooms/:roomId/invites/:inviteCode', rooms.deleteInvite),
    bearer('GET', '/v1/events', events.listEvents),
    bearer('POST', '/v1/events', events.createEvent),
    bearer('GET', '/v1/events/:eventId', events.getEvent),
    bearer('PATCH', '/v1/events/:eventId', events.patchEvent),
    bearer('DELETE', '/v1/events/:eventId', events.deleteEvent),
    bearer('POST', '/v1/events/:eventId/invites', events.inviteToEvent),
    bearer('GET', '/v1/events/:eventId/invites', events.listEventInvites),
    bearer('DELETE', '/v1/events/:eventId/invites/:userId', events.uninviteFromEvent),
    bearer('PATCH', '/v1/events/:eventId/invite', events.answerInvite('accepted')),
    bearer('DELETE', '/v1/events/:eventId/invite', events.answerInvite('declined')),
  ];

  function corsAllowed(origin: string | undefined): boolean {
    if (!origin) return false;
    const policy = settings.controllerCors;
    if (policy === 'web-origins') return webOriginAllowed(client, origin);
    if (policy === 'off') return false;
    return policy === '*' || policy.includes(origin);
  }

  /** actix-cors preflight: unlisted origins, methods or headers get a 400 without CORS headers. */
  function preflight(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    const method = String(req.headers['access-control-request-method']).toUpperCase();
    const headers = String(req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    if (!corsAllowed(origin) || !CORS_METHODS.includes(method) || headers.some((h) => !CORS_HEADERS.includes(h))) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('CORS request not allowed');
      return;
    }
    res.writeHead(200, {
      'access-control-allow-origin': origin!,
      'access-control-allow-methods': CORS_METHODS.join(', '),
      'access-control-allow-headers': CORS_HEADERS.join(', '),
      'access-control-max-age': '3600',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
    res.end();
  }

  function frontendPage(path: string, url: URL, res: ServerResponse): boolean {
    const roomParams = match('/room/:roomId', path) ?? match('/room/:roomId/:breakout', path);
    if (roomParams) {
      const room = store.rooms.get(roomParams.roomId!);
      if (!room) {
        sendHtml(res, 404, plainPage('Room not found', '<p>This meeting does not exist.</p>'));
        return true;
      }
      const title = store.eventOfRoom(room.id)?.title;
      const code = url.searchParams.get('invite');
      if (code !== null) {
        const invite = store.usableInvite(code);
        if (!invite || invite.roomId !== room.id) {
          sendHtml(res, 404, plainPage('Invalid invite', '<p>This invite link is invalid or has expired.</p>'));
          return true;
        }
        store.joins.push({ roomId: room.id, as: 'guest', inviteCode: code, at: isoSeconds(new Date()) });
        sendHtml(res, 200, roomPage({ roomId: room.id, title, as: 'guest', inviteCode: code }));
        return true;
      }
      store.joins.push({ roomId: room.id, as: 'participant', at: isoSeconds(new Date()) });
      sendHtml(res, 200, roomPage({ roomId: room.id, title, as: 'participant' }));
      return true;
    }
    const legacyInvite = match('/invite/:code', path);
    if (legacyInvite) {
      const invite = store.usableInvite(legacyInvite.code!);
      if (invite) redirect(res, `/room/${invite.roomId}?invite=${encodeURIComponent(invite.code)}`);
      else sendHtml(res, 404, plainPage('Invalid invite', '<p>This invite link is invalid or has expired.</p>'));
      return true;
    }
    const older = match('/lobby/:roomId', path) ?? match('/waiting/:roomId', path);
    if (older) {
      redirect(res, `/room/${encodeURIComponent(older.roomId!)}`);
      return true;
    }
    return false;
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-request-id', randomUUID());
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (method === 'OPTIONS' && req.headers['access-control-request-method']) return preflight(req, res);
    applyCors(req, res, corsAllowed(req.headers.origin) ? [req.headers.origin!] : 'off', {
      exposeHeaders: settings.exposeLinkHeader ? ['Link'] : [],
    });

    if (method === 'GET' && path === '/.well-known/opentalk/api') {
      return sendJson(res, 200, { opentalk_api: { v1: { base_url: '/v1' } } });
    }
    if (!path.startsWith('/v1/') && method === 'GET') {
      if (frontendPage(path, url, res)) return;
      if (path === '/') {
        return sendHtml(res, 200, plainPage('OpenTalk lab', '<p>Controller API under <code>/v1</code>; rooms at <code>/room/{id}</code>.</p>'));
      }
    }

    let found: { route: Route; params: Record<string, string> } | undefined;
    for (const route of routes) {
      const params = route.method === method ? match(route.path, path) : undefined;
      if (params) {
        found = { route, params };
        break;
      }
    }
    if (!found) return sendError(res, 404, 'not_found', 'A requested resource could not be found');

    const ctx: ApiContext = { req, res, url, params: found.params, store, settings };
    const { route } = found;
    if (route.auth === 'none') return route.handle(ctx);
    const result = await auth.authenticate(req, route.auth === 'bearer-or-invite');
    if (!result.ok) return sendAuthFailure(res, result);
    if ('user' in result) ctx.user = result.user;
    else ctx.inviteCode = result.inviteCode;
    if (route.auth === 'bearer') {
      if (!ctx.user) {
        return sendAuthFailure(res, { status: 401, code: 'unauthorized', message: 'Authentication failed', description: 'The provided access token is invalid' });
      }
      return route.handle({ ...ctx, user: ctx.user });
    }
    return route.handle(ctx);
  };
}

function sendAuthFailure(res: ServerResponse, failure: { status: number; code: string; message: string; description?: string }): void {
  const headers: Record<string, string> = failure.description
    ? { 'www-authenticate': `Bearer error="invalid_token", error_description="${failure.description}"` }
    : {};
  sendError(res, failure.status, failure.code, failure.message, { headers });
}
