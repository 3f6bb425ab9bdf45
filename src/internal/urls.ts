const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Loopback hosts may use plain http (development, the lab); everything else must be https. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || hostname.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Parses an absolute URL, or returns undefined. */
export function parseUrl(value: string, base?: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

/** `https:` anywhere, or `http:` on loopback only. */
export function isSecureUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}
