/**
 * The `GET /v1/events` cursor (spec §2.2), rebuilt from the last item of a page. Browsers cannot
 * read the `Link` header cross-origin (the controller exposes no headers), so paging must not
 * depend on it. Format: base64url (no padding) of a postcard struct
 * `{event_id: uuid, event_created_at: string, event_starts_at: Option<string>, instance_id: Option<string>}`.
 */
import { UUID } from './wire.js';

export interface EventPosition {
  eventId: string;
  createdAt: string;
  startsAt: string | undefined;
}

function pushVarint(out: number[], value: number): void {
  while (value >= 0x80) {
    out.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  out.push(value);
}

function pushString(out: number[], value: string): void {
  const bytes = new TextEncoder().encode(value);
  pushVarint(out, bytes.length);
  out.push(...bytes);
}

function base64url(bytes: number[]): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Undefined when the item lacks what the cursor needs (then paging stops rather than loops). */
export function eventCursor(position: EventPosition): string | undefined {
  if (!UUID.test(position.eventId) || !position.createdAt) return undefined;
  const out: number[] = [16];
  const hex = position.eventId.replace(/-/g, '');
  for (let i = 0; i < 32; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  pushString(out, position.createdAt);
  if (position.startsAt === undefined) out.push(0);
  else {
    out.push(1);
    pushString(out, position.startsAt);
  }
  out.push(0); // instance_id: None (exceptions are not listed as separate items here)
  return base64url(out);
}
