/**
 * `/api/ver1.0/…` of the Telphin emulator (spec B3–B5): who-am-I, extensions, click-to-call
 * callback, current calls, call history; 401/403/404 bodies `{status?, message}`; the hourly
 * per-client limit with `X-RateLimit-*` on every response and 429 `rate_limit_exceeded`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, match, randomHex, readParams, sendJson } from '../http.js';
import type { TelphinContext } from './settings.js';
import { gmt, parseGmt, type Extension, type PbxUser, type TelphinApp } from './store.js';

const PREFIX = '/api/ver1.0';
/** Numbers: digits with an optional leading `+`, or a PBX short/full extension like `2566*101`. */
const NUMBER = /^\+?[0-9][0-9*#]{0,31}$/;

interface Caller {
  app: TelphinApp;
  /** undefined for a trusted app: it acts as the whole PBX client. */
  user?: PbxUser;
  headers: Record<string, string>;
}

function error(res: ServerResponse, status: number, message: string, statusText?: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, statusText ? { status: statusText, message } : { message }, headers);
}

export function createApi(ctx: TelphinContext): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const { store, settings } = ctx;

  /** Counts the request against the PBX client's hour; returns the headers, or null when over. */
  function meter(now: number): { headers: Record<string, string>; over: boolean } {
    const hour = Math.floor(now / 3_600_000);
    let usage = store.usage.get(store.clientId);
    if (!usage || usage.hour !== hour) {
      usage = { hour, count: 0 };
      store.usage.set(store.clientId, usage);
    }
    const over = usage.count >= settings.hourlyLimit;
    if (!over) usage.count++;
    return {
      over,
      headers: {
        'x-ratelimit-limit': String(settings.hourlyLimit),
        'x-ratelimit-remaining': String(Math.max(0, settings.hourlyLimit - usage.count)),
        // Seconds until the next hour, when the counter starts again [doc T6].
        'x-ratelimit-reset': String(Math.ceil(((hour + 1) * 3_600_000 - now) / 1000)),
      },
    };
  }

  function authenticate(req: IncomingMessage): Omit<Caller, 'headers'> | undefined {
    const token = bearerToken(req);
    const grant = token ? store.accessTokens.get(token) : undefined;
    const app = grant ? store.apps.get(grant.appId) : undefined;
    if (!grant || !app || grant.expiresAt <= Date.now()) return undefined;
    if (!grant.login) return { app };
    const user = store.user(grant.login);
    return user ? { app, user } : undefined;
  }

  /** May this caller act on the extension? Its own, or any of the client's for admins and trusted apps. */
  function mayUse(caller: Caller, ext: Extension): boolean {
    return !caller.user || caller.user.admin || caller.user.extension_id === ext.id;
  }

  function clientOk(res: ServerResponse, caller: Caller, cid: string): boolean {
    if (cid === '@me' || cid === String(store.clientId)) return true;
    error(res, 404, 'Client not found', 'client_not_found', caller.headers);
    return false;
  }

  function extensionOr404(res: ServerResponse, caller: Caller, id: string): Extension | undefined {
    const ext = /^\d+$/.test(id) ? store.extension(Number(id)) : undefined;
    if (!ext) {
      error(res, 404, 'Extension not found', 'extension_not_found', caller.headers);
      return undefined;
    }
    if (!mayUse(caller, ext)) {
      error(res, 403, 'Access denied', 'access_denied', caller.headers);
      return undefined;
    }
    return ext;
  }

  function userJson(caller: Caller): Record<string, unknown> {
    const u = caller.user;
    return {
      id: u?.id ?? store.clientId,
      login: u?.login ?? `client-${store.clientId}`,
      client_id: store.clientId,
      extension_id: u?.extension_id ?? null,
      extension_group_id: null,
      dealer_id: 7,
      admin: u ? u.admin : true,
      timezone: 'Europe/Moscow',
    };
  }

  async function callback(req: IncomingMessage, res: ServerResponse, caller: Caller, ext: Extension): Promise<void> {
    const body = await readParams(req);
    const bad = (message: string): void => error(res, 400, message, undefined, caller.headers);
    if (!body) return bad('The body must be a JSON object.');
    const src = body.src_num;
    if (!Array.isArray(src) || src.length === 0) return bad('src_num: a non-empty list of numbers is required.');
    if (!src.every((n) => typeof n === 'string' && NUMBER.test(n))) return bad('src_num: every item must be a phone or extension number.');
    if (typeof body.dst_num !== 'string' || !NUMBER.test(body.dst_num)) return bad('dst_num: a phone or extension number is required.');
    for (const key of ['caller_id_name', 'caller_id_number'] as const) {
      const v = body[key];
      if (v !== undefined && v !== null && typeof v !== 'string') return bad(`${key}: must be a string.`);
    }
    if (typeof body.caller_id_number === 'string' && !NUMBER.test(body.caller_id_number)) return bad('caller_id_number: not a number.');
    for (const key of ['wait_for_pickup', 'call_duration'] as const) {
      const v = body[key];
      if (v !== undefined && v !== null && (!Number.isInteger(v) || (v as number) <= 0)) return bad(`${key}: must be a positive integer.`);
    }
    if (body.allow_public_transfer !== undefined && body.allow_public_transfer !== null && typeof body.allow_public_transfer !== 'boolean') {
      return bad('allow_public_transfer: must be a boolean.');
    }
    const now = Date.now();
    const id = randomHex(16);
    const answerAt = now + settings.callAnswerSeconds * 1000;
    const length = Math.min(settings.callLengthSeconds, typeof body.call_duration === 'number' ? body.call_duration : Infinity);
    store.calls.push({
      createdAt: now,
      answerAt,
      endsAt: answerAt + length * 1000,
      from: src[0] as string,
      call: {
        call_api_id: id,
        call_id: id,
        subcall_id: randomHex(16),
        call_flow: 'out',
        called_number: body.dst_num,
        called_did: null,
        caller_id_number: typeof body.caller_id_number === 'string' ? body.caller_id_number : (ext.public_caller_id_number ?? ''),
        caller_id_name: typeof body.caller_id_name === 'string' ? body.caller_id_name : ext.caller_id_name,
        init_time_gmt: gmt(now),
        answer_time_gmt: null,
        record_uuid: null,
        callback_id: id,
        extension_id: ext.id,
        real_call: true,
        caller_extension: { id: ext.id, type: ext.type, name: ext.name, client_id: ext.client_id, extension_group_id: ext.extension_group_id },
        called_extension: null,
      },
    });
    sendJson(res, 201, { call_api_id: id, call_id: id }, caller.headers);
  }

  function visibleCalls(caller: Caller, extensionId?: number) {
    return store.calls
      .filter((c) => (extensionId === undefined ? true : c.call.extension_id === extensionId))
      .filter((c) => !caller.user || caller.user.admin || c.call.extension_id === caller.user.extension_id)
      .map((c) => c.call);
  }

  function callHistory(res: ServerResponse, url: URL, caller: Caller): void {
    const q = url.searchParams;
    const bad = (message: string): void => error(res, 400, message, undefined, caller.headers);
    const from = q.has('start_datetime') ? parseGmt(q.get('start_datetime')!) : -Infinity;
    const to = q.has('end_datetime') ? parseGmt(q.get('end_datetime')!) : Infinity;
    if (from === undefined || to === undefined) return bad('start_datetime/end_datetime: use YYYY-MM-DD HH:MM:SS.');
    const page = Number(q.get('page') ?? '1');
    const perPage = Number(q.get('per_page') ?? '50');
    const order = q.get('order') ?? 'desc';
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 500) return bad('page/per_page: positive integers.');
    if (order !== 'asc' && order !== 'desc') return bad('order: asc or desc.');
    const flow = q.get('flow');
    const extId = q.get('extension_id');
    const items = store.history
      .filter((h) => !caller.user || caller.user.admin || h.extension_id === caller.user.extension_id)
      .filter((h) => {
        const t = parseGmt(h.init_time_gmt)!;
        return t >= from && t < to && (!flow || h.flow === flow) && (!extId || String(h.extension_id) === extId);
      })
      .sort((a, b) => (order === 'asc' ? 1 : -1) * a.init_time_gmt.localeCompare(b.init_time_gmt));
    sendJson(res, 200, { page, per_page: perPage, order, call_history: items.slice((page - 1) * perPage, page * perPage) }, caller.headers);
  }

  function extensions(res: ServerResponse, url: URL, caller: Caller): void {
    const q = url.searchParams;
    const page = Number(q.get('page') ?? '1');
    const perPage = Number(q.get('per_page') ?? '50');
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1) {
      return error(res, 400, 'page/per_page: positive integers.', undefined, caller.headers);
    }
    const list = store.extensions.filter(
      (e) => (!q.get('type') || e.type === q.get('type')) && (!q.get('status') || e.status === q.get('status')),
    );
    // A plain JSON array, as the SDKs decode it [code T13].
    sendJson(res, 200, list.slice((page - 1) * perPage, page * perPage), caller.headers);
  }

  return async (req, res, url) => {
    const auth = authenticate(req);
    // The 401 body is undocumented; clients check the status and `message: "Unauthorized"` [spec Unknown 8].
    if (!auth) return error(res, 401, 'Unauthorized');
    const metered = meter(Date.now());
    const caller: Caller = { ...auth, headers: metered.headers };
    if (metered.over) return error(res, 429, 'Rate limit exceeded', 'rate_limit_exceeded', caller.headers);
    store.tick();

    // Both `/user` and `/user/` work: clients use either [code T14, T20].
    const path = url.pathname.slice(PREFIX.length).replace(/\/$/, '');
    const method = req.method ?? 'GET';
    const denyNonCall = (): boolean => {
      if (caller.app.access === 'all') return false;
      error(res, 403, 'Insufficient access level of the application for this resource', 'app_access_type_deny', caller.headers);
      return true;
    };
    const notAllowed = (): void => error(res, 405, 'Method not allowed', undefined, caller.headers);
    let m: Record<string, string> | undefined;

    if (path === '/user') return method === 'GET' ? sendJson(res, 200, userJson(caller), caller.headers) : notAllowed();
    if ((m = match('/client/:cid/extension', path))) {
      if (method !== 'GET') return notAllowed();
      if (denyNonCall() || !clientOk(res, caller, m.cid!)) return;
      return extensions(res, url, caller);
    }
    if ((m = match('/client/:cid/extension/:eid', path))) {
      if (method !== 'GET') return notAllowed();
      if (denyNonCall() || !clientOk(res, caller, m.cid!)) return;
      const ext = /^\d+$/.test(m.eid!) ? store.extension(Number(m.eid)) : undefined;
      return ext ? sendJson(res, 200, ext, caller.headers) : error(res, 404, 'Extension not found', 'extension_not_found', caller.headers);
    }
    if ((m = match('/client/:cid/current_calls', path))) {
      if (method !== 'GET') return notAllowed();
      if (!clientOk(res, caller, m.cid!)) return;
      return sendJson(res, 200, { call_list: visibleCalls(caller) }, caller.headers);
    }
    if ((m = match('/client/:cid/call_history', path))) {
      if (method !== 'GET') return notAllowed();
      if (!clientOk(res, caller, m.cid!)) return;
      return callHistory(res, url, caller);
    }
    if ((m = match('/extension/:eid/callback', path))) {
      if (method !== 'POST') return notAllowed();
      const ext = extensionOr404(res, caller, m.eid!);
      return ext ? callback(req, res, caller, ext) : undefined;
    }
    if ((m = match('/extension/:eid/current_calls', path))) {
      if (method !== 'GET') return notAllowed();
      const ext = extensionOr404(res, caller, m.eid!);
      return ext ? sendJson(res, 200, { call_list: visibleCalls(caller, ext.id) }, caller.headers) : undefined;
    }
    if ((m = match('/extension/:eid/current_calls/:callId', path))) {
      if (method !== 'GET') return notAllowed();
      const ext = extensionOr404(res, caller, m.eid!);
      if (!ext) return;
      const list = visibleCalls(caller, ext.id).filter((c) => c.call_api_id === m!.callId);
      return list.length ? sendJson(res, 200, { call_list: list }, caller.headers) : error(res, 404, 'Record not found', undefined, caller.headers);
    }
    error(res, 404, 'Record not found', undefined, caller.headers);
  };
}
