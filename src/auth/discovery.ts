import * as oauth from 'oauth4webapi';
import { TcError } from '../model/error.js';
import { isLoopbackHost, isSecureUrl, parseUrl } from '../internal/urls.js';
import { toAuthError } from './errors.js';

export type AuthorizationServer = oauth.AuthorizationServer;
export type DiscoveryAlgorithm = 'oidc' | 'oauth2';

/** Plain http is tolerated only for an issuer on loopback (the lab, local development). */
export function allowsInsecure(issuer: string): boolean {
  const url = parseUrl(issuer);
  return url?.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/** oauth4webapi request options for this issuer. */
export function requestOptions(issuer: string): { [oauth.allowInsecureRequests]?: boolean } {
  return allowsInsecure(issuer) ? { [oauth.allowInsecureRequests]: true } : {};
}

const ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'revocation_endpoint', 'userinfo_endpoint'] as const;

/**
 * oauth4webapi's insecure switch applies to every endpoint at once, so a loopback issuer must not be
 * able to send tokens to a plain-http endpoint elsewhere: each endpoint is checked on its own.
 */
export function checkMetadata(as: AuthorizationServer): AuthorizationServer {
  for (const name of ENDPOINTS) {
    const value = as[name];
    if (value === undefined) continue;
    const url = typeof value === 'string' ? parseUrl(value) : undefined;
    if (!url || !isSecureUrl(url)) {
      throw new TcError({
        kind: 'config',
        code: name,
        message: `The sign-in metadata of ${as.issuer} has an unsafe ${name} (${String(value)}): it must use https: (http: only on loopback).`,
      });
    }
  }
  if (!as.authorization_endpoint || !as.token_endpoint) {
    throw new TcError({
      kind: 'config',
      message: `The sign-in metadata of ${as.issuer} lacks an authorization or token endpoint.`,
    });
  }
  return as;
}

const cache = new Map<string, Promise<AuthorizationServer>>();

/**
 * Reads the authorization server metadata of `issuer`: RFC 8414 (`/.well-known/oauth-authorization-server`,
 * inserted before a path) and OpenID Connect Discovery (`<issuer>/.well-known/openid-configuration`),
 * `first` tried first. Results are shared by every session of the page; failures are not cached.
 */
export function discover(issuer: string, first: DiscoveryAlgorithm = 'oauth2'): Promise<AuthorizationServer> {
  const cached = cache.get(issuer);
  if (cached) return cached;
  const pending = discoverUncached(issuer, first);
  cache.set(issuer, pending);
  pending.catch(() => cache.delete(issuer));
  return pending;
}

async function discoverUncached(issuer: string, first: DiscoveryAlgorithm): Promise<AuthorizationServer> {
  const url = new URL(issuer);
  const order: DiscoveryAlgorithm[] = first === 'oidc' ? ['oidc', 'oauth2'] : ['oauth2', 'oidc'];
  let lastError: unknown;
  for (const algorithm of order) {
    try {
      const response = await oauth.discoveryRequest(url, { algorithm, ...requestOptions(issuer) });
      return checkMetadata(await oauth.processDiscoveryResponse(url, response));
    } catch (error) {
      if (error instanceof TcError) throw error;
      lastError = error;
    }
  }
  throw toAuthError(lastError, `Could not read the sign-in metadata of ${issuer}`);
}

/** Forgets cached metadata (tests, or after an issuer changed its configuration). */
export function clearDiscoveryCache(): void {
  cache.clear();
}
