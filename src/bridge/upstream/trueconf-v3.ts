/**
 * TrueConf Server, API v3.x: a confidential client only (no PKCE, no `state`), token endpoint
 * `POST /oauth2/v1/token` with form fields `code`, `client_id`, `client_secret`.
 */
import * as oauth from 'oauth4webapi';
import type { UpstreamConfig } from '../config.js';
import { codeGrant, parseCallback, refreshGrant, upstreamContext } from './oauth.js';
import type { UpstreamAdapter } from './types.js';

export function trueconfV3(config: UpstreamConfig, timeoutMs: number): UpstreamAdapter {
  const ctx = upstreamContext(config, { authorize: '/oauth2/authorize', token: '/oauth2/v1/token', api: '/api' }, timeoutMs);
  const auth = oauth.ClientSecretPost(ctx.config.clientSecret);
  return {
    kind: 'trueconf-v3',
    stateEcho: 'never',
    pkce: false,
    origin: ctx.endpoints.authorizeUrl.origin,
    apiBase: ctx.endpoints.apiBase,
    authorizationUrl: ({ redirectUri }) => trueconfAuthorizationUrl(ctx.endpoints.authorizeUrl, config.clientId, redirectUri),
    parseCallback: (params) => parseCallback(ctx, params),
    exchangeCode: (callback, redirectUri) => codeGrant(ctx, auth, callback, redirectUri, undefined),
    refresh: (refreshToken) => refreshGrant(ctx, auth, refreshToken),
  };
}

/** Exactly the three parameters TrueConf's own code sends: no scope, state or PKCE. */
export function trueconfAuthorizationUrl(endpoint: URL, clientId: string, redirectUri: string): URL {
  const url = new URL(endpoint);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', redirectUri);
  return url;
}
