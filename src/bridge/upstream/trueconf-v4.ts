/**
 * TrueConf Server, API v4: like v3 at the authorize page, but the token endpoint
 * `POST /api/v4/oauth2/token` takes a JSON body and calls the code `auth_code`. oauth4webapi only
 * sends form bodies with `code`, so this module talks to the token endpoint with fetch directly.
 */
import type { UpstreamConfig } from '../config.js';
import { UpstreamError } from '../errors.js';
import { endpointFields, errorCodeFromBody, upstreamContext, upstreamError, vendorTokens, type UpstreamContext } from './oauth.js';
import { trueconfAuthorizationUrl } from './trueconf-v3.js';
import type { UpstreamAdapter, VendorTokens } from './types.js';

export function trueconfV4(config: UpstreamConfig, timeoutMs: number): UpstreamAdapter {
  const ctx = upstreamContext(config, { authorize: '/oauth2/authorize', token: '/api/v4/oauth2/token', api: '/api' }, timeoutMs);
  return {
    kind: 'trueconf-v4',
    stateEcho: 'never',
    pkce: false,
    ...endpointFields(ctx),
    authorizationUrl: ({ redirectUri }) => trueconfAuthorizationUrl(ctx.endpoints.authorizeUrl, config.clientId, redirectUri),
    exchangeCode: (callback, redirectUri) =>
      postJson(ctx, { grant_type: 'authorization_code', auth_code: callback.get('code') ?? '', redirect_uri: redirectUri }),
    refresh: (refreshToken) => postJson(ctx, { grant_type: 'refresh_token', refresh_token: refreshToken }),
  };
}

async function postJson(ctx: UpstreamContext, fields: Record<string, string>): Promise<VendorTokens> {
  const body = { ...fields, client_id: ctx.config.clientId, client_secret: ctx.config.clientSecret };
  let response: Response;
  try {
    response = await fetch(ctx.endpoints.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
  } catch (err) {
    throw upstreamError(err);
  }
  const isJson = /json/i.test(response.headers.get('content-type') ?? '');
  let json: unknown;
  try {
    json = isJson ? await response.json() : undefined;
  } catch {
    json = undefined;
  }
  if (!isJson) await response.body?.cancel();
  const object = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (response.status !== 200 || !object) {
    const oauthError = errorCodeFromBody(object);
    throw new UpstreamError(
      { status: response.status === 200 ? 502 : response.status, ...(oauthError ? { oauthError } : {}), notJson: !object },
      `upstream token endpoint: HTTP ${response.status}${oauthError ? `, ${oauthError}` : object ? '' : ', non-JSON answer'}`,
    );
  }
  if (typeof object.access_token !== 'string' || object.access_token === '') {
    throw new UpstreamError({ status: 200 }, 'upstream token endpoint: no access_token');
  }
  return vendorTokens(object);
}

