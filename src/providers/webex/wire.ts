/** Defensive readers for Webex JSON: fields may be absent or of another type than documented. */
export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** An ISO 8601 timestamp (with `Z` or an offset, as the `timezone` header decides) → epoch ms. */
export function readInstant(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The `items` array of a list response. */
export function readItems(body: unknown): Json[] {
  return isJson(body) && Array.isArray(body.items) ? body.items.filter(isJson) : [];
}
