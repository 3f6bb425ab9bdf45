/** Defensive readers for controller JSON: fields may be absent or of another type on other versions. */
export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function readBool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** The controller answers lists as bare arrays. */
export function readArray(body: unknown): Json[] {
  return Array.isArray(body) ? body.filter(isJson) : [];
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
