/**
 * The REST API under `/api/v3.<N>` (any minor) and `/api/v4` (spec §5, §6): conferences,
 * invitations, participants, users and `/me`, with per-user visibility, scopes, and each
 * version's verbs, field sets and error statuses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, match, readParams, sendJson } from '../http.js';
import { LAB_USERS, findUser } from '../users.js';
import { forbidden, notFound, sendApiError, type ErrorItem } from './errors.js';
import {
  canManage,
  canSee,
  hasScope,
  newConferenceId,
  newSessionId,
  nowSeconds,
  resolveUser,
  uidOf,
  type Conference,
  type IssuedToken,
  type TrueconfCore,
} from './store.js';
import { blankConference, buildConference, readConferenceBody, runningChanges, type WriteKind } from './validate.js';
import {
  conferenceView,
  invitationView,
  meView,
  participantView,
  userView,
  type ApiVersion,
} from './views.js';

interface Ctx {
  core: TrueconfCore;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  version: ApiVersion;
  token: IssuedToken;
}

type RouteHandler = (ctx: Ctx, params: Record<string, string>) => void | Promise<void>;

const param = (location: string, reason: string, message: string): ErrorItem => ({
  reason,
  message,
  locationType: 'parameter',
  location,
});

function fail(ctx: Ctx, status: number, errors: ErrorItem[]): void {
  sendApiError(ctx.res, ctx.version, status, errors);
}

/** v4 mutations without a useful body answer 204 (the MCP accepts 200 JSON or 204). */
function sendDeleted(ctx: Ctx, id: string): void {
  if (ctx.version === 'v3') sendJson(ctx.res, 200, { id });
  else {
    ctx.res.writeHead(204, { 'cache-control': 'no-store' });
    ctx.res.end();
  }
}

function requireScope(ctx: Ctx, scope: string): boolean {
  if (hasScope(ctx.token.scope, scope)) return true;
  fail(ctx, 403, [forbidden(`The application lacks the '${scope}' permission.`)]);
  return false;
}

/** Conferences a user token cannot see answer like missing ones. */
function loadConference(ctx: Ctx, id: string, manage = false): Conference | undefined {
  const conference = ctx.core.state.conferences.get(id);
  if (!conference || !canSee(conference, ctx.token.userId)) {
    fail(ctx, 404, [notFound('conference', id)]);
    return undefined;
  }
  if (manage && !canManage(conference, ctx.token.userId)) {
    fail(ctx, 403, [forbidden('Only the conference owner can do this.')]);
    return undefined;
  }
  return conference;
}

async function readBody(ctx: Ctx): Promise<Record<string, unknown> | undefined> {
  const body = await readParams(ctx.req);
  if (!body) fail(ctx, 400, [param('body', 'parseError', 'The request body is not a JSON object.')]);
  return body;
}

function readPaging(ctx: Ctx, pageKey: string, errors: ErrorItem[]): { page: number; size: number } {
  const read = (key: string, fallback: number, max: number): number => {
    const raw = ctx.url.searchParams.get(key);
    if (raw === null || raw === '') return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(value >= 1 && value <= max)) {
      errors.push(param(key, 'invalidValue', `${key} must be an integer 1..${max}.`));
      return fallback;
    }
    return value;
  };
  return { page: read(pageKey, 1, 1_000_000), size: read('page_size', ctx.core.settings.defaultPageSize, 1000) };
}

function sendConference(ctx: Ctx, conference: Conference): void {
  sendJson(ctx.res, 200, { conference: conferenceView(ctx.core, conference, ctx.version) });
}

function startTime(c: Conference): number {
  return c.schedule.type === 'none' ? Number.MAX_SAFE_INTEGER : (c.schedule.startTime ?? Number.MAX_SAFE_INTEGER);
}

const listConferences: RouteHandler = (ctx) => {
  if (!requireScope(ctx, 'conferences:read')) return;
  const q = ctx.url.searchParams;
  const errors: ErrorItem[] = [];
  // v3 pages with `page_id`, v4 with `page`; both 1-based.
  const { page, size } = readPaging(ctx, ctx.version === 'v3' ? 'page_id' : 'page', errors);
  const state = q.get('state');
  if (state !== null && state !== 'running' && state !== 'stopped') {
    errors.push(param('state', 'invalidValue', 'state must be "running" or "stopped".'));
  }
  const sortField = q.get('sort_field') ?? 'created_at';
  if (!['created_at', 'topic', 'start_time', 'id'].includes(sortField)) {
    errors.push(param('sort_field', 'invalidValue', 'Unsupported sort_field.'));
  }
  if (errors.length) return fail(ctx, 400, errors);

  const topic = q.get('topic')?.toLowerCase();
  const owner = q.get('owner');
  const ownerLogin = owner ? (resolveUser(ctx.core, owner)?.id ?? owner) : undefined;
  const tag = q.get('tag');
  const mode = q.get('mode');
  const access = q.get('access');
  const descending = (q.get('sort_order') ?? (sortField === 'created_at' ? '1' : '0')) === '1';
  const key = (c: Conference): number | string =>
    sortField === 'topic' ? c.topic.toLowerCase() : sortField === 'start_time' ? startTime(c) : sortField === 'id' ? c.id : c.createdAt;

  const all = [...ctx.core.state.conferences.values()]
    .filter((c) => canSee(c, ctx.token.userId))
    .filter((c) => !state || c.state === state)
    .filter((c) => !topic || c.topic.toLowerCase().includes(topic))
    .filter((c) => !ownerLogin || c.owner === ownerLogin)
    .filter((c) => !tag || c.tags.includes(tag))
    .filter((c) => ctx.version === 'v3' || ((!mode || c.mode === mode) && (!access || c.access === access)))
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const order = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
      return descending ? -order : order;
    });
  const items = all.slice((page - 1) * size, page * size).map((c) => conferenceView(ctx.core, c, ctx.version));
  // `cnt` / `results` is the total matching count: TrueConf's own sample pages with it.
  sendJson(ctx.res, 200, ctx.version === 'v3' ? { conferences: items, cnt: all.length } : { conferences: items, results: all.length });
};

/** A user token may only name itself as owner. */
function ownerAllowed(ctx: Ctx, owner: string | undefined): boolean {
  if (owner === undefined || ctx.token.userId === null || owner === ctx.token.userId) return true;
  fail(ctx, 403, [forbidden('A user token can only create or own conferences as that user.')]);
  return false;
}

const createConference: RouteHandler = async (ctx) => {
  if (!requireScope(ctx, 'conferences:write')) return;
  const body = await readBody(ctx);
  if (!body) return;
  const { fields, errors } = readConferenceBody(ctx.core, body, ctx.version, 'create');
  const owner = fields.owner ?? ctx.token.userId ?? undefined;
  if (owner === undefined && !errors.some((e) => e.location === 'owner')) {
    errors.push(param('owner', 'required', "The 'owner' field is required."));
  }
  if (errors.length) return fail(ctx, 400, errors);
  if (!ownerAllowed(ctx, owner)) return;
  const id = fields.id ?? newConferenceId(ctx.core.state);
  const conference = buildConference(ctx.core, blankConference(ctx.core, id, owner!, nowSeconds()), fields, 'create');
  ctx.core.state.conferences.set(id, conference);
  sendConference(ctx, conference);
};

const getConference: RouteHandler = (ctx, { id }) => {
  if (!requireScope(ctx, 'conferences:read')) return;
  const conference = loadConference(ctx, id!);
  if (conference) sendConference(ctx, conference);
};

const updateConference: RouteHandler = async (ctx, { id }) => {
  if (!requireScope(ctx, 'conferences:write')) return;
  const existing = loadConference(ctx, id!, true);
  if (!existing) return;
  const body = await readBody(ctx);
  if (!body) return;
  // v3 PUT replaces the object, v4 PATCH changes only the fields sent.
  const kind: WriteKind = ctx.version === 'v3' ? 'replace' : 'patch';
  const { fields, errors } = readConferenceBody(ctx.core, body, ctx.version, kind);
  if (errors.length) return fail(ctx, 400, errors);
  if (!ownerAllowed(ctx, fields.owner)) return;
  const next = buildConference(ctx.core, existing, fields, kind);
  if (existing.state === 'running' && ctx.core.settings.lockRunningConference) {
    const locked = runningChanges(existing, next, ctx.version);
    if (locked.length) return fail(ctx, 400, locked);
  }
  ctx.core.state.conferences.set(next.id, next);
  sendConference(ctx, next);
};

const deleteConference: RouteHandler = (ctx, { id }) => {
  if (!requireScope(ctx, 'conferences:write')) return;
  if (!loadConference(ctx, id!, true)) return;
  ctx.core.state.conferences.delete(id!);
  sendDeleted(ctx, id!);
};

const runConference: RouteHandler = (ctx, { id }) => {
  if (!requireScope(ctx, 'conferences:write')) return;
  const conference = loadConference(ctx, id!, true);
  if (!conference) return;
  if (conference.state !== 'running') {
    conference.state = 'running';
    conference.sessionId = newSessionId(ctx.core);
    conference.participants = [];
  }
  sendJson(ctx.res, 200, { state: 'running' });
};

const stopConference: RouteHandler = (ctx, { id }) => {
  if (!requireScope(ctx, 'conferences:write')) return;
  const conference = loadConference(ctx, id!, true);
  if (!conference) return;
  if (conference.state === 'running') {
    const now = nowSeconds();
    conference.state = 'stopped';
    conference.sessionId = null;
    for (const p of conference.participants) p.leaveTime ??= now;
  }
  sendJson(ctx.res, 200, { state: 'stopped' });
};

const listInvitations: RouteHandler = (ctx, { id }) => {
  if (!requireScope(ctx, 'conferences.invitations:read')) return;
  const conference = loadConference(ctx, id!);
  if (!conference) return;
  sendJson(ctx.res, 200, {
    invitations: conference.invitations.map((i) => invitationView(ctx.core, conference, i, ctx.version)),
  });
};

/** v3 sends the invitation bare, v4 wraps it in `{"invitation": {...}}`. */
function invitationBody(ctx: Ctx, body: Record<string, unknown>): { data?: Record<string, unknown>; prefix: string } {
  if (ctx.version === 'v3') return { data: body, prefix: '' };
  const inner = body.invitation;
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
    fail(ctx, 400, [param('invitation', 'required', "The 'invitation' object is required.")]);
    return { prefix: 'invitation.' };
  }
  return { data: inner as Record<string, unknown>, prefix: 'invitation.' };
}

const addInvitation: RouteHandler = async (ctx, { id }) => {
  if (!requireScope(ctx, 'conferences.invitations:write')) return;
  const conference = loadConference(ctx, id!, true);
  if (!conference) return;
  const body = await readBody(ctx);
  if (!body) return;
  const { data, prefix } = invitationBody(ctx, body);
  if (!data) return;
  const raw = typeof data.id === 'string' ? data.id.trim() : '';
  if (!raw) return fail(ctx, 400, [param(`${prefix}id`, 'required', "The 'id' field is required.")]);
  const login = resolveUser(ctx.core, raw)?.id ?? raw;
  if (conference.invitations.some((i) => i.id === login)) {
    return fail(ctx, 400, [param(`${prefix}id`, 'uniqueValueAlreadyInUse', 'Value is already in use. Please try another.')]);
  }
  // v4 silently drops `is_moderator` here (spec §5.5).
  const invitation = { id: login, displayName: typeof data.display_name === 'string' ? data.display_name : null, isModerator: false };
  conference.invitations.push(invitation);
  sendJson(ctx.res, 200, { invitation: invitationView(ctx.core, conference, invitation, ctx.version) });
};

function findInvitation(ctx: Ctx, conference: Conference, invId: string): Conference['invitations'][number] | undefined {
  const login = resolveUser(ctx.core, invId)?.id ?? invId;
  const invitation = conference.invitations.find((i) => i.id === login);
  if (!invitation) fail(ctx, 404, [notFound('invitation', invId)]);
  return invitation;
}

const getInvitation: RouteHandler = (ctx, { id, inv }) => {
  if (!requireScope(ctx, 'conferences.invitations:read')) return;
  const conference = loadConference(ctx, id!);
  const invitation = conference && findInvitation(ctx, conference, inv!);
  if (conference && invitation) {
    sendJson(ctx.res, 200, { invitation: invitationView(ctx.core, conference, invitation, ctx.version) });
  }
};

const updateInvitation: RouteHandler = async (ctx, { id, inv }) => {
  if (!requireScope(ctx, 'conferences.invitations:write')) return;
  const conference = loadConference(ctx, id!, true);
  const invitation = conference && findInvitation(ctx, conference, inv!);
  if (!conference || !invitation) return;
  const body = await readBody(ctx);
  if (!body) return;
  const { data, prefix } = invitationBody(ctx, body);
  if (!data) return;
  if (data.display_name !== undefined && data.display_name !== null && typeof data.display_name !== 'string') {
    return fail(ctx, 400, [param(`${prefix}display_name`, 'invalidValue', 'display_name must be a string.')]);
  }
  if (data.display_name !== undefined) invitation.displayName = data.display_name as string | null;
  sendJson(ctx.res, 200, { invitation: invitationView(ctx.core, conference, invitation, ctx.version) });
};

const deleteInvitation: RouteHandler = (ctx, { id, inv }) => {
  if (!requireScope(ctx, 'conferences.invitations:write')) return;
  const conference = loadConference(ctx, id!, true);
  const invitation = conference && findInvitation(ctx, conference, inv!);
  if (!conference || !invitation) return;
  conference.invitations = conference.invitations.filter((i) => i !== invitation);
  sendDeleted(ctx, invitation.id);
};

const listParticipants: RouteHandler = (ctx, { id }) => {
  if (!requireScope(ctx, 'conferences.participants:read')) return;
  const conference = loadConference(ctx, id!);
  if (!conference) return;
  const now = nowSeconds();
  if (ctx.version === 'v3') {
    const current = conference.participants.filter((p) => p.leaveTime === null);
    sendJson(ctx.res, 200, { participants: current.map((p) => participantView(p, now, 'v3')) });
    return;
  }
  const q = ctx.url.searchParams;
  const errors: ErrorItem[] = [];
  const { page, size } = readPaging(ctx, 'page', errors);
  const inConf = q.get('is_in_conf');
  if (inConf !== null && !['true', 'false', '1', '0'].includes(inConf)) {
    errors.push(param('is_in_conf', 'invalidValue', 'is_in_conf must be a boolean.'));
  }
  if (errors.length) return fail(ctx, 400, errors);
  const name = q.get('display_name')?.toLowerCase();
  const list = conference.participants
    .filter((p) => inConf === null || (p.leaveTime === null) === (inConf === 'true' || inConf === '1'))
    .filter((p) => !name || p.displayName.toLowerCase().includes(name));
  sendJson(ctx.res, 200, {
    list: list.slice((page - 1) * size, page * size).map((p) => participantView(p, now, 'v4')),
    cnt: list.length,
  });
};

/** Calls users into a running conference; in the lab they join at once. */
function callIn(ctx: Ctx, conference: Conference, ids: unknown, location: string): string[] | undefined {
  if (conference.state !== 'running') {
    fail(ctx, 400, [{
      reason: 'conferenceIsNotRunning',
      message: `Conference '${conference.id}' is not running.`,
      locationType: 'path',
      location: 'conference_id',
    }]);
    return undefined;
  }
  if (!Array.isArray(ids) || ids.length === 0) {
    fail(ctx, 400, [param(location, 'required', `'${location}' must be a non-empty list of user ids.`)]);
    return undefined;
  }
  const users = ids.map((value) => (typeof value === 'string' ? resolveUser(ctx.core, value.trim()) : undefined));
  const errors = users.flatMap((u, i) =>
    u ? [] : [param(`${location}[${i}]`, 'userNotFound', `User '${String(ids[i])}' is not found.`)],
  );
  if (errors.length) {
    fail(ctx, 400, errors);
    return undefined;
  }
  const now = nowSeconds();
  const added: string[] = [];
  for (const user of users) {
    const uid = uidOf(ctx.core, user!.id);
    added.push(uid);
    if (conference.participants.some((p) => p.id === uid && p.leaveTime === null)) continue;
    conference.participants.push({
      id: uid,
      displayName: user!.displayName,
      role: conference.mode === 'PxP' ? 2 : 0,
      joinTime: now,
      leaveTime: null,
    });
  }
  return added;
}

const inviteIntoRunning: RouteHandler = async (ctx, { id }) => {
  if (!requireScope(ctx, 'conferences.participants:write')) return;
  const conference = loadConference(ctx, id!, true);
  if (!conference) return;
  const body = await readBody(ctx);
  if (!body) return;
  const added = callIn(ctx, conference, body.participants, 'participants');
  if (added) sendJson(ctx.res, 200, { participants: added });
};

/** v3 `POST /conferences/{id}/participants {"participant_id": "kevin"}` (seed 001 step 7). */
const addParticipantV3: RouteHandler = async (ctx, { id }) => {
  if (!requireScope(ctx, 'conferences.participants:write')) return;
  const conference = loadConference(ctx, id!, true);
  if (!conference) return;
  const body = await readBody(ctx);
  if (!body) return;
  const ids = typeof body.participant_id === 'string' ? [body.participant_id] : undefined;
  const added = callIn(ctx, conference, ids, 'participant_id');
  const participant = added && conference.participants.find((p) => p.id === added[0] && p.leaveTime === null);
  if (participant) sendJson(ctx.res, 200, { participant: participantView(participant, nowSeconds(), 'v3') });
};

const getMe: RouteHandler = (ctx) => {
  const user = ctx.token.userId !== null ? findUser(ctx.token.userId) : undefined;
  if (!user) return fail(ctx, 403, [forbidden('This method needs a user token.')]);
  sendJson(ctx.res, 200, { user: meView(ctx.core, user) });
};

const listUsers: RouteHandler = (ctx) => {
  if (!requireScope(ctx, 'users:read')) return;
  const errors: ErrorItem[] = [];
  const { page, size } = readPaging(ctx, 'page_id', errors);
  if (errors.length) return fail(ctx, 400, errors);
  const q = ctx.url.searchParams;
  const contains = (value: string, key: string): boolean => {
    const wanted = q.get(key)?.toLowerCase();
    return !wanted || value.toLowerCase().includes(wanted);
  };
  const users = LAB_USERS.filter(
    (u) => contains(u.id, 'login_name') && contains(u.displayName, 'display_name') && contains(u.email, 'email'),
  );
  const pageItems = users.slice((page - 1) * size, page * size);
  // -1 marks the last page.
  const nextPageId = page * size < users.length ? page + 1 : -1;
  sendJson(ctx.res, 200, { users: pageItems.map((u) => userView(ctx.core, u)), next_page_id: nextPageId });
};

const getUser: RouteHandler = (ctx, { uid }) => {
  if (!requireScope(ctx, 'users:read')) return;
  const user = resolveUser(ctx.core, uid!);
  if (!user) return fail(ctx, 404, [notFound('user', uid!)]);
  sendJson(ctx.res, 200, { user: userView(ctx.core, user) });
};

/** Routes per version: the update verb differs (PUT on v3, PATCH on v4), the other gets 405. */
function routes(version: ApiVersion): [string, Partial<Record<string, RouteHandler>>][] {
  const update = version === 'v3' ? 'PUT' : 'PATCH';
  const table: [string, Partial<Record<string, RouteHandler>>][] = [
    ['/conferences', { GET: listConferences, POST: createConference }],
    ['/conferences/:id', { GET: getConference, [update]: updateConference, DELETE: deleteConference }],
    ['/conferences/:id/run', { POST: runConference }],
    ['/conferences/:id/stop', { POST: stopConference }],
    ['/conferences/:id/invitations', { GET: listInvitations, POST: addInvitation }],
    ['/conferences/:id/invitations/:inv', { GET: getInvitation, [update]: updateInvitation, DELETE: deleteInvitation }],
    [
      '/conferences/:id/participants',
      version === 'v3' ? { GET: listParticipants, POST: addParticipantV3 } : { GET: listParticipants },
    ],
    ['/conferences/:id/invite', { POST: inviteIntoRunning }],
  ];
  if (version === 'v3') table.push(['/users', { GET: listUsers }], ['/users/:uid', { GET: getUser }]);
  else table.push(['/me', { GET: getMe }]);
  return table;
}

/** bshaffer's resource check: one token, from the header or the query, never both. */
function authenticate(core: TrueconfCore, req: IncomingMessage, res: ServerResponse, url: URL, version: ApiVersion): IssuedToken | undefined {
  const header = bearerToken(req);
  const query = url.searchParams.get('access_token') ?? undefined;
  if (header !== undefined && query !== undefined) {
    const description = 'Only one method may be used to authenticate at a time (Auth header, GET or POST)';
    if (version === 'v3') sendJson(res, 400, { error: 'invalid_request', error_description: description });
    else sendApiError(res, 'v4', 400, [{ reason: 'invalidRequest', message: description, locationType: 'parameter', location: 'access_token' }]);
    return undefined;
  }
  const value = header ?? query;
  const token = value !== undefined ? core.state.accessTokens.get(value) : undefined;
  if (token && token.expiresAt > Date.now()) return token;
  const item: ErrorItem = { reason: 'accessTokenInvalid', message: 'The access token is missing, invalid or expired.' };
  // v3.x answers an invalid token with 403, v4 with 401 (spec §4.2).
  if (version === 'v3') sendApiError(res, 'v3', 403, [item]);
  else sendApiError(res, 'v4', 401, [item], { 'www-authenticate': 'Bearer realm="TrueConf", error="invalid_token"' });
  return undefined;
}

const VERSION_PREFIX = /^\/api\/(v3\.\d+|v4)(\/.*)?$/;

export async function handleApi(core: TrueconfCore, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const found = VERSION_PREFIX.exec(url.pathname);
  if (!found) {
    sendApiError(res, url.pathname.startsWith('/api/v4') ? 'v4' : 'v3', 404, [
      { reason: 'notFound', message: 'Not Found', locationType: 'path', location: 'url' },
    ]);
    return;
  }
  const version: ApiVersion = found[1] === 'v4' ? 'v4' : 'v3';
  // Clients write both `/conferences` and `/conferences/`.
  const path = (found[2] ?? '/').replace(/(.)\/+$/, '$1');
  const method = req.method ?? 'GET';

  if (version === 'v4' && path === '/server') {
    if (method !== 'GET') {
      sendApiError(res, 'v4', 405, [{ reason: 'methodNotAllowed', message: 'Method Not Allowed' }], { allow: 'GET' });
      return;
    }
    sendJson(res, 200, { product: { display_name: 'TrueConf Server (lab)', version: '5.5.3.10000' } });
    return;
  }

  const token = authenticate(core, req, res, url, version);
  if (!token) return;
  const ctx: Ctx = { core, req, res, url, version, token };
  for (const [pattern, methods] of routes(version)) {
    const params = match(pattern, path);
    if (!params) continue;
    const handler = methods[method];
    if (!handler) {
      sendApiError(res, version, 405, [{ reason: 'methodNotAllowed', message: `Method ${method} is not allowed here.` }], {
        allow: Object.keys(methods).join(', '),
      });
      return;
    }
    await handler(ctx, params);
    return;
  }
  fail(ctx, 404, [{ reason: 'notFound', message: 'Not Found', locationType: 'path', location: 'url' }]);
}
