/** The browser side of redirect sign-in: reading the callback from the URL and tidying the URL after. */

/** Parameters an authorization response may add to the redirect URI (RFC 6749, RFC 9207, OIDC session). */
export const RESPONSE_PARAMS = ['code', 'state', 'iss', 'session_state', 'error', 'error_description', 'error_uri'] as const;

/** The URL when it carries an authorization response (`state` with `code` or `error`), else undefined. */
export function readCallback(href: string): URL | undefined {
  const url = new URL(href);
  const params = url.searchParams;
  return params.has('state') && (params.has('code') || params.has('error')) ? url : undefined;
}

/**
 * `href` without the response parameters, keeping the rest of its query and its hash. When the page
 * the sign-in started from is this same page, its own query and hash come back instead.
 */
export function cleanedUrl(href: string, returnTo?: string): string {
  const url = new URL(href);
  if (returnTo) {
    const back = new URL(returnTo, url);
    if (back.origin === url.origin && back.pathname === url.pathname) return back.href;
  }
  for (const name of RESPONSE_PARAMS) url.searchParams.delete(name);
  return url.href;
}

/** Replaces the address bar entry (no reload, no history entry) when it differs. */
export function replaceUrl(href: string): void {
  if (typeof history === 'undefined' || typeof location === 'undefined' || location.href === href) return;
  history.replaceState(history.state, '', href);
}

/** This page without query or hash: what the authorization server sends the browser back to by default. */
export function defaultRedirectUri(): string {
  return `${location.origin}${location.pathname}`;
}

export function currentUrl(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.href;
}

export function assignLocation(url: string): void {
  location.assign(url);
}
