/** Defensive readers for TrueConf JSON: v4 may send numbers as strings, fields may be absent. */
export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function readInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

export function readBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  if (v === '0' || v === '1' || v === 'true' || v === 'false') return v === '1' || v === 'true';
  return undefined;
}

/** Unix seconds (number or digit string) or an ISO date → epoch milliseconds. */
export function readTimestamp(v: unknown): number | undefined {
  const seconds = readInt(v);
  if (seconds !== undefined) return seconds * 1000;
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    if (!Number.isNaN(ms)) return ms;
  }
  return undefined;
}

/** Finds the array in an envelope like `{conferences: [...]}`, `{list: [...]}` or a bare array. */
export function readList(body: unknown, ...keys: string[]): Json[] {
  const found = Array.isArray(body) ? body : isJson(body) ? keys.map((k) => body[k]).find(Array.isArray) : undefined;
  return (found ?? []).filter(isJson);
}

/** `helen@server` and `helen` name the same TrueConf user. */
export function sameUser(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const local = (s: string) => s.toLowerCase().split('@')[0];
  return (!a.includes('@') || !b.includes('@')) && local(a) === local(b);
}
