/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(header: string | null | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** `application/json`, any `+json` type (problem+json, hal+json …) and OpenTalk's `text/json`. */
export function isJsonType(type: string): boolean {
  return type === 'application/json' || type === 'text/json' || /^[a-z]+\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
}

/** Looks like an HTML document whatever the header says (proxies often send HTML as text/plain). */
export function looksLikeHtml(type: string, text: string): boolean {
  return type === 'text/html' || type === 'application/xhtml+xml' || /^\s*<(!doctype|html|head|body)\b/i.test(text);
}
