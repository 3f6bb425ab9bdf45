/**
 * Webex Integrations: the token endpoint `POST /v1/access_token` requires the client secret even
 * with PKCE (discovery lists only client_secret_basic), so the bridge authenticates with HTTP
 * Basic. Webex supports PKCE and echoes `state`, so the bridge uses both upstream as well.
 */
import * as oauth from 'oauth4webapi';
import type { UpstreamConfig } from '../config.js';
import { codeGrant, parseCallback, refreshGrant, upstreamContext } from './oauth.js';
import type { UpstreamAdapter } from './types.js';

/** Enough to list, create and join meetings and to read the signed-in person's name. */
export const WEBEX_DEFAULT_SCOPE = 'spark:people_read meeting:schedules_read meeting:schedules_write';

export function webex(config: UpstreamConfig, timeoutMs: number): UpstreamAdapter {
  const ctx = upstreamContext(config, { authorize: '/v1/authorize', token: '/v1/access_token', api: '' }, timeoutMs);
  const auth = oauth.ClientSecretBasic(ctx.config.clientSecret);
  return {
    kind: 'webex',
    stateEcho: 'always',
    pkce: true,
    origin: ctx.endpoints.authorizeUrl.origin,
    apiBase: ctx.endpoints.apiBase,
    authorizationUrl({ redirectUri, state, codeChallenge }) {
      const url = new URL(ctx.endpoints.authorizeUrl);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', config.clientId);
      url.searchParams.set('redirect_uri', redirectUri);
      url.searchParams.set('scope', config.scope ?? WEBEX_DEFAULT_SCOPE);
      url.searchParams.set('state', state);
      if (codeChallenge) {
        url.searchParams.set('code_challenge', codeChallenge);
        url.searchParams.set('code_challenge_method', 'S256');
      }
      return url;
    },
    parseCallback: (params) => parseCallback(ctx, params),
    exchangeCode: (callback, redirectUri, verifier) => codeGrant(ctx, auth, callback, redirectUri, verifier),
    refresh: (refreshToken) => refreshGrant(ctx, auth, refreshToken),
  };
}
