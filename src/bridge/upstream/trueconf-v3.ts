/**
 * TrueConf Server, API v3.x: a confidential client only (no PKCE, no `state`), token endpoint
 * `POST /oauth2/v1/token` with form fields `code`, `client_id`, `client_secret`.
 */
import * as oauth from 'oauth4webapi';
import type { UpstreamConfig } from '../config.js';
import { authorizeUrl, codeGrant, endpointFields, refreshGrant, upstreamContext } from './oauth.js';
import type { UpstreamAdapter } from './types.js';

export function trueconfV3(config: UpstreamConfig, timeoutMs: number): UpstreamAdapter {
  const ctx = upstreamContext(config, { authorize: '/oauth2/authorize', token: '/oauth2/v1/token', api: '/api' }, timeoutMs);
  const auth = oauth.ClientSecretPost(ctx.config.clientSecret);
  return {
    kind: 'trueconf-v3',
    stateEcho: 'never',
    pkce: false,
    ...endpointFields(ctx),
    authorizationUrl: ({ redirectUri }) => trueconfAuthorizationUrl(ctx.endpoints.authorizeUrl, config.clientId, redirectUri),
    exchangeCode: (callback, redirectUri) => codeGrant(ctx, auth, callback, redirectUri, undefined),
    refresh: (refreshToken) => refreshGrant(ctx, auth, refreshToken),
  };
}

/** Exactly the three parameters TrueConf's own code sends: no scope, state or PKCE. */
export function trueconfAuthorizationUrl(endpoint: URL, clientId: string, redirectUri: string): URL {
  return authorizeUrl(endpoint, { client_id: clientId, response_type: 'code', redirect_uri: redirectUri });
}
