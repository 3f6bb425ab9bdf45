/**
 * The controller's two pagination styles (spec §2.1, §2.2): page/per_page with a
 * first/prev/next/last `Link`, and the events cursor with a single `rel="after"` link. The cursor
 * uses the real wire format (base64url of a postcard struct) so a client that rebuilds it from
 * the last item — the only way to page when `Link` is unreadable cross-origin — works here too.
 */

export type QueryResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** `per_page`: default 30, 1..=100; out-of-range is a deserialisation error, not clamped. */
export function readPerPage(query: URLSearchParams): QueryResult<number> {
  return readInt(query, 'per_page', 30, 1, 100);
}

/** `page`: 1-based, default 1. */
export function readPage(query: URLSearchParams): QueryResult<number> {
  return readInt(query, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
}

function readInt(query: URLSearchParams, name: string, fallback: number, min: number, max: number): QueryResult<number> {
  const raw = query.get(name);
  if (raw === null) return { ok: true, value: fallback };
  if (!/^\d+$/.test(raw)) return { ok: false, message: `Query deserialize error: invalid digit found in string (${name})` };
  const value = Number(raw);
  if (value < min || value > max) {
    return { ok: false, message: `Query deserialize error: ${name} must be in ${min}..=${max}, got ${raw}` };
  }
  return { ok: true, value };
}

/** One page of `items` plus the `Link` value; the header is present but empty for a single page. */
export function pageOf<T>(items: readonly T[], requestUrl: URL, page: number, perPage: number): { items: T[]; link: string } {
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const at = (n: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(n));
    return url.href;
  };
  const links: string[] = [];
  if (page !== 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`);
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  return { items: items.slice((page - 1) * perPage, page * perPage), link: links.join(',') };
}

/** Position of an event in the `GET /v1/events` order, as carried by the cursor. */
export interface EventCursor {
  eventId: string;
  createdAt: string;
  startsAt: string | null;
  instanceId: string | null;
}

export function encodeEventCursor(cursor: EventCursor): string {
  const bytes: number[] = [16, ...uuidBytes(cursor.eventId)];
  pushString(bytes, cursor.createdAt);
  pushOption(bytes, cursor.startsAt);
  pushOption(bytes, cursor.instanceId);
  return Buffer.from(bytes).toString('base64url');
}

/** Decodes a cursor, or returns undefined for anything malformed. */
export function decodeEventCursor(text: string): EventCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (at >= bytes.length || shift > 28) throw new Error('truncated');
      const b = bytes[at++]!;
      value |= (b & 0x7f) << shift;
      if (!(b & 0x80)) return value;
      shift += 7;
    }
  };
  const string = (): string => {
    const length = varint();
    if (at + length > bytes.length) throw new Error('truncated');
    const value = bytes.subarray(at, at + length).toString('utf8');
    at += length;
    return value;
  };
  const option = (): string | null => {
    const tag = bytes[at++];
    if (tag === 0) return null;
    if (tag === 1) return string();
    throw new Error('bad option');
  };
  try {
    if (varint() !== 16 || at + 16 > bytes.length) return undefined;
    const hex = bytes.subarray(at, at + 16).toString('hex');
    at += 16;
    const eventId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const createdAt = string();
    if (Number.isNaN(Date.parse(createdAt))) return undefined;
    const startsAt = option();
    if (startsAt !== null && Number.isNaN(Date.parse(startsAt))) return undefined;
    const instanceId = at < bytes.length ? option() : null;
    if (at !== bytes.length) return undefined;
    return { eventId, createdAt, startsAt, instanceId };
  } catch {
    return undefined;
  }
}

/** The same URL with `after` set, for the cursor `Link` header. */
export function afterLink(requestUrl: URL, cursor: string): string {
  const url = new URL(requestUrl);
  url.searchParams.set('after', cursor);
  return `<${url.href}>; rel="after"`;
}

function uuidBytes(uuid: string): number[] {
  return [...Buffer.from(uuid.replace(/-/g, ''), 'hex')];
}

function pushString(bytes: number[], value: string): void {
  const encoded = Buffer.from(value, 'utf8');
  let length = encoded.length;
  while (length >= 0x80) {
    bytes.push((length & 0x7f) | 0x80);
    length >>>= 7;
  }
  bytes.push(length, ...encoded);
}

function pushOption(bytes: number[], value: string | null): void {
  if (value === null) bytes.push(0);
  else {
    bytes.push(1);
    pushString(bytes, value);
  }
}
