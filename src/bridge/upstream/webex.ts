/**
 * Webex Integrations: the token endpoint `POST /v1/access_token` requires the client secret even
 * with PKCE (discovery lists only client_secret_basic), so the bridge authenticates with HTTP
 * Basic. Webex supports PKCE and echoes `state`, so the bridge uses both upstream as well.
 */
import * as oauth from 'oauth4webapi';
import type { UpstreamConfig } from '../config.js';
import { authorizeUrl, codeGrant, endpointFields, refreshGrant, upstreamContext } from './oauth.js';
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
    ...endpointFields(ctx),
    authorizationUrl: ({ redirectUri, state, codeChallenge }) =>
      authorizeUrl(ctx.endpoints.authorizeUrl, {
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: redirectUri,
        scope: config.scope ?? WEBEX_DEFAULT_SCOPE,
        state,
        code_challenge: codeChallenge || undefined,
        code_challenge_method: codeChallenge ? 'S256' : undefined,
      }),
    exchangeCode: (callback, redirectUri, verifier) => codeGrant(ctx, auth, callback, redirectUri, verifier),
    refresh: (refreshToken) => refreshGrant(ctx, auth, refreshToken),
  };
}
