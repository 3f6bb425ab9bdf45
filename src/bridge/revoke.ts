/**
 * `POST /revoke` (RFC 7009) for public clients. Accepts the bridge's refresh handle or the vendor
 * access token; either ends the whole token set on the bridge. Unknown tokens, and tokens of
 * another client, are answered 200 without effect, as the RFC asks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BridgeContext } from './context.js';
import { OAuthError, sendOAuthError } from './errors.js';
import { BASE_HEADERS } from './http.js';
import { readClientRequest } from './token.js';

export async function handleRevoke(ctx: BridgeContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const { params, client } = await readClientRequest(ctx, req, res);
    const token = params.get('token');
    if (!token) throw new OAuthError('invalid_request', 'token is required');
    const set = ctx.store.findByRefreshHandle(token)?.set ?? ctx.store.findByAccessToken(token);
    if (set && set.clientId === client.clientId) {
      ctx.store.revokeTokenSet(set.id);
      ctx.log(`revoke: tokens of client ${client.clientId} revoked`);
    }
    res.writeHead(200, BASE_HEADERS);
    res.end();
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    sendOAuthError(res, err);
  }
}
