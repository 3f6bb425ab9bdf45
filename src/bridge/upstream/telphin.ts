/**
 * Telphin PBX ("public" application): `GET /oauth/authorize` and `POST /oauth/token` with
 * `scope=all`, the secret in the form body, no PKCE. Whether `state` is echoed is undocumented,
 * so the bridge sends it and falls back to its cookie when it does not come back.
 */
import * as oauth from 'oauth4webapi';
import type { UpstreamConfig } from '../config.js';
import { authorizeUrl, codeGrant, endpointFields, refreshGrant, upstreamContext } from './oauth.js';
import type { UpstreamAdapter } from './types.js';

const SCOPE = { scope: 'all' };

export function telphin(config: UpstreamConfig, timeoutMs: number): UpstreamAdapter {
  const ctx = upstreamContext(config, { authorize: '/oauth/authorize', token: '/oauth/token', api: '/api' }, timeoutMs);
  const auth = oauth.ClientSecretPost(ctx.config.clientSecret);
  return {
    kind: 'telphin',
    stateEcho: 'maybe',
    pkce: false,
    ...endpointFields(ctx),
    authorizationUrl: ({ redirectUri, state }) =>
      authorizeUrl(ctx.endpoints.authorizeUrl, { response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri, scope: 'all', state }),
    exchangeCode: (callback, redirectUri) => codeGrant(ctx, auth, callback, redirectUri, undefined, SCOPE),
    refresh: (refreshToken) => refreshGrant(ctx, auth, refreshToken, SCOPE),
  };
}
