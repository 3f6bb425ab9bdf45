/** One entry of an RFC 8288 `Link` header. */
export interface LinkEntry {
  url: string;
  rel: string[];
  params: Record<string, string>;
}

/**
 * Parses a `Link` header (`<https://…?page=2>; rel="next", <…>; rel="last"`). Relative targets are
 * resolved against `base` when given. Malformed entries are skipped.
 */
export function parseLinkHeader(header: string | null | undefined, base?: string): LinkEntry[] {
  if (!header) return [];
  const entries: LinkEntry[] = [];
  // Commas may appear inside <…> or quoted values, so scan entry by entry instead of splitting.
  const entry = /\s*<([^>]*)>((?:\s*;\s*[^;,=\s]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^;,]*))?)*)\s*(?:,|$)/y;
  const param = /;\s*([^;,=\s]+)(?:\s*=\s*("(?:[^"\\]|\\.)*"|[^;,]*))?/g;
  let match: RegExpExecArray | null;
  while (entry.lastIndex < header.length && (match = entry.exec(header)) !== null) {
    let url = match[1]!.trim();
    if (base !== undefined) {
      try {
        url = new URL(url, base).href;
      } catch {
        continue;
      }
    }
    const params: Record<string, string> = {};
    for (const p of match[2]!.matchAll(param)) {
      const name = p[1]!.toLowerCase();
      let value = (p[2] ?? '').trim();
      if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
      if (!(name in params)) params[name] = value;
    }
    const rel = (params.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    entries.push({ url, rel, params });
    if (match[0] === '') break;
  }
  return entries;
}

/** The target of the first link with relation `rel` (e.g. `next`), if any. */
export function findLink(header: string | null | undefined, rel: string, base?: string): string | undefined {
  return parseLinkHeader(header, base).find((l) => l.rel.includes(rel.toLowerCase()))?.url;
}
