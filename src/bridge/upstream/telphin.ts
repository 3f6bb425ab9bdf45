/**
 * Telphin PBX ("public" application): `GET /oauth/authorize` and `POST /oauth/token` with
 * `scope=all`, the secret in the form body, no PKCE. Whether `state` is echoed is undocumented,
 * so the bridge sends it and falls back to its cookie when it does not come back.
 */
import * as oauth from 'oauth4webapi';
import type { UpstreamConfig } from '../config.js';
import { codeGrant, parseCallback, refreshGrant, upstreamContext } from './oauth.js';
import type { UpstreamAdapter } from './types.js';

const SCOPE = { scope: 'all' };

export function telphin(config: UpstreamConfig, timeoutMs: number): UpstreamAdapter {
  const ctx = upstreamContext(config, { authorize: '/oauth/authorize', token: '/oauth/token', api: '/api' }, timeoutMs);
  const auth = oauth.ClientSecretPost(ctx.config.clientSecret);
  return {
    kind: 'telphin',
    stateEcho: 'maybe',
    pkce: false,
    origin: ctx.endpoints.authorizeUrl.origin,
    apiBase: ctx.endpoints.apiBase,
    authorizationUrl({ redirectUri, state }) {
      const url = new URL(ctx.endpoints.authorizeUrl);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('redirect_uri', redirectUri);
      url.searchParams.set('scope', 'all');
      url.searchParams.set('state', state);
      return url;
    },
    parseCallback: (params) => parseCallback(ctx, params),
    exchangeCode: (callback, redirectUri) => codeGrant(ctx, auth, callback, redirectUri, undefined, SCOPE),
    refresh: (refreshToken) => refreshGrant(ctx, auth, refreshToken, SCOPE),
  };
}
