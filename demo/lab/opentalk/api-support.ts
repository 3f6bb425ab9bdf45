/**
 * Shared plumbing of the controller handlers: the request context, the error envelope (sent as
 * `text/json`, like the real controller), the ACL's empty-body 403, and serde-like body reading
 * that tells apart 400 `invalid_payload` (wrong shape) from 422 `validation_failed` (bad values).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http.js';
import type { OpentalkSettings } from './settings.js';
import type { DateTimeTz, OpentalkStore, OtUser } from './store.js';
import { isoSeconds } from './store.js';

export interface ApiContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Absolute request URL as the client addressed it (Host header), for `Link`. */
  url: URL;
  params: Record<string, string>;
  store: OpentalkStore;
  settings: OpentalkSettings;
  /** Set when the caller authenticated with a bearer token. */
  user?: OtUser;
  /** Set when the caller authenticated with `InviteCode <code>`. */
  inviteCode?: string;
}

/** Context of a route that only accepts bearer tokens. */
export type UserContext = ApiContext & { user: OtUser };

export interface ValidationEntry {
  field?: string;
  code: string;
  message?: string;
}

const ERROR_CONTENT_TYPE = 'text/json; charset=utf-8';

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extra: { validationErrors?: ValidationEntry[]; headers?: Record<string, string> } = {},
): void {
  const body: Record<string, unknown> = { code, message };
  if (extra.validationErrors?.length) body.validation_errors = extra.validationErrors;
  sendJson(res, status, body, extra.headers ?? {}, ERROR_CONTENT_TYPE);
}

/** What the ACL layer answers for a room or event the caller may not touch, existing or not. */
export function sendAclForbidden(res: ServerResponse): void {
  res.writeHead(403, { 'content-length': '0' });
  res.end();
}

export function sendNotFound(res: ServerResponse): void {
  sendError(res, 404, 'not_found', 'A requested resource could not be found');
}

export function sendNoContent(res: ServerResponse, status = 204): void {
  res.writeHead(status);
  res.end();
}

export function sendValidation(res: ServerResponse, errors: ValidationEntry[]): void {
  sendError(res, 422, 'validation_failed', 'Some provided values are invalid', { validationErrors: errors });
}

/** A malformed query string: actix's plain-text 400 or the JSON envelope, per settings. */
export function sendQueryError(ctx: ApiContext, message: string): void {
  if (ctx.settings.queryErrorBody === 'json') {
    sendError(ctx.res, 400, 'bad_request', message);
    return;
  }
  ctx.res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
  ctx.res.end(message);
}

/**
 * Reads a JSON object body. On failure the error is already sent and undefined returned.
 * `allowEmpty` accepts a missing body as `{}` (bodies where every field is optional).
 */
export async function readJsonBody(ctx: ApiContext, allowEmpty = false): Promise<Record<string, unknown> | undefined> {
  const text = await readBody(ctx.req, 256 * 1024).catch(() => undefined);
  if (text === undefined) {
    sendError(ctx.res, 413, 'payload_overflow', 'Payload too large');
    return undefined;
  }
  if (text === '' && allowEmpty) return {};
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    sendError(ctx.res, 400, 'invalid_content_type', 'Content type error');
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    sendError(ctx.res, 400, 'invalid_json', `Json deserialize error: ${(err as Error).message}`);
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    sendError(ctx.res, 400, 'invalid_payload', 'invalid type: expected a map');
    return undefined;
  }
  return value as Record<string, unknown>;
}

/**
 * Reads typed fields from a body the way serde would: the first shape problem (missing required
 * field, wrong type, unknown enum variant) is kept in `problem`; value rules go to `errors`.
 */
export class BodyReader {
  problem: string | undefined;
  readonly errors: ValidationEntry[] = [];

  constructor(readonly body: Record<string, unknown>) {}

  has(name: string): boolean {
    return name in this.body;
  }

  #fail(message: string): undefined {
    this.problem ??= message;
    return undefined;
  }

  #missing(name: string, required: boolean): boolean {
    if (this.body[name] !== undefined) return false;
    if (required) this.#fail(`missing field \`${name}\``);
    return true;
  }

  string(name: string, opts: { required?: boolean; nullable?: boolean; min?: number; max?: number } = {}): string | null | undefined {
    if (this.#missing(name, opts.required ?? false)) return undefined;
    const value = this.body[name];
    if (value === null && opts.nullable) return null;
    if (typeof value !== 'string') return this.#fail(`invalid type for \`${name}\`, expected a string`);
    const length = [...value].length;
    if ((opts.min !== undefined && length < opts.min) || (opts.max !== undefined && length > opts.max)) {
      this.errors.push({ field: name, code: 'invalid_length', message: `length must be between ${opts.min ?? 0} and ${opts.max ?? '∞'}` });
    }
    return value;
  }

  boolean(name: string, required = false): boolean | undefined {
    if (this.#missing(name, required)) return undefined;
    const value = this.body[name];
    if (typeof value !== 'boolean') return this.#fail(`invalid type for \`${name}\`, expected a boolean`);
    return value;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    if (this.#missing(name, false)) return undefined;
    const value = this.body[name];
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      return this.#fail(`unknown variant for \`${name}\`, expected one of ${values.map((v) => `\`${v}\``).join(', ')}`);
    }
    return value as T;
  }

  /** RFC 3339 instant; stored at seconds precision in UTC. */
  timestamp(name: string, opts: { nullable?: boolean } = {}): string | null | undefined {
    if (this.#missing(name, false)) return undefined;
    const value = this.body[name];
    if (value === null && opts.nullable) return null;
    if (typeof value !== 'string' || !isRfc3339(value)) return this.#fail(`invalid value for \`${name}\`, expected an RFC 3339 timestamp`);
    return isoSeconds(Date.parse(value));
  }

  dateTimeTz(name: string): DateTimeTz | undefined {
    if (this.#missing(name, false)) return undefined;
    const value = this.body[name];
    if (typeof value !== 'object' || value === null) return this.#fail(`invalid type for \`${name}\`, expected struct DateTimeTz`);
    const { datetime, timezone } = value as Record<string, unknown>;
    if (typeof datetime !== 'string' || !isRfc3339(datetime)) return this.#fail(`invalid value for \`${name}.datetime\``);
    if (typeof timezone !== 'string' || !isTimeZone(timezone)) return this.#fail(`invalid value for \`${name}.timezone\``);
    return { datetime: isoSeconds(Date.parse(datetime)), timezone };
  }

  stringArray(name: string): string[] | undefined {
    if (this.#missing(name, false)) return undefined;
    const value = this.body[name];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      return this.#fail(`invalid type for \`${name}\`, expected a sequence of strings`);
    }
    return value as string[];
  }

  /** Sends 400 or 422 and returns false when anything was wrong. */
  report(res: ServerResponse): boolean {
    if (this.problem) {
      sendError(res, 400, 'invalid_payload', this.problem);
      return false;
    }
    if (this.errors.length) {
      sendValidation(res, this.errors);
      return false;
    }
    return true;
  }
}

export function isRfc3339(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value));
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Reads an optional `true`/`false` query flag; undefined when absent, null when malformed. */
export function queryFlag(query: URLSearchParams, name: string): boolean | undefined | null {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return null;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
