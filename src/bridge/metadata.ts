/** RFC 8414 authorization server metadata, as oauth4webapi's discovery expects it. */
import type { BridgeContext } from './context.js';

export function metadata(ctx: BridgeContext): Record<string, unknown> {
  return {
    issuer: ctx.issuer,
    authorization_endpoint: `${ctx.issuer}/authorize`,
    token_endpoint: `${ctx.issuer}/token`,
    revocation_endpoint: `${ctx.issuer}/revoke`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
    authorization_response_iss_parameter_supported: true,
  };
}
