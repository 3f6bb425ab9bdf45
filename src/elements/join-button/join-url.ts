import { isLoopbackHost, parseUrl } from '../../internal/urls.js';

export type JoinUrlProblem = 'missing' | 'malformed' | 'scheme' | 'insecure' | 'credentials' | 'host';

export type JoinUrlVerdict = { ok: true; url: URL } | { ok: false; problem: JoinUrlProblem; url?: URL };

/**
 * Whether a join link may be opened: an absolute `https:` URL (or `http:` on loopback) without
 * credentials, on one of the provider's join hosts. A host entry is `host`, `host:port`, an origin
 * or `*.domain` (any subdomain). A link from the server is data, not trusted code: a `javascript:`
 * or look-alike host must never be opened.
 */
export function checkJoinUrl(raw: string | undefined, joinHosts: readonly string[]): JoinUrlVerdict {
  if (!raw?.trim()) return { ok: false, problem: 'missing' };
  const url = parseUrl(raw.trim());
  if (!url) return { ok: false, problem: 'malformed' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'scheme', url };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, problem: 'insecure', url };
  if (url.username || url.password) return { ok: false, problem: 'credentials', url };
  if (!joinHosts.some((entry) => hostMatches(entry, url))) return { ok: false, problem: 'host', url };
  return { ok: true, url };
}

function hostMatches(entry: string, url: URL): boolean {
  let want = entry.trim().toLowerCase();
  // Accept origins too ("https://video.example.com"): providers often know their server as a URL.
  if (want.includes('://')) want = parseUrl(want)?.host ?? '';
  if (!want) return false;
  if (want.startsWith('*.')) return url.hostname.endsWith(want.slice(1));
  // An entry with a port must match it; one without matches any port of that host.
  return want.includes(':') && !want.startsWith('[') ? url.host === want : url.hostname === want || url.host === want;
}
