/** Everything a request handler needs, built once when the bridge starts. */
import type { BridgeClientConfig, BridgeConfig } from './config.js';
import type { BridgeStore } from './store.js';
import type { UpstreamAdapter } from './upstream/types.js';

export interface BridgeContext {
  config: Required<Pick<BridgeConfig, 'codeTtlSeconds' | 'transactionTtlSeconds' | 'refreshTtlSeconds' | 'passthrough'>>;
  /** No trailing slash; also the `iss` on every authorization response. */
  issuer: string;
  /** The bridge's redirect URI at the vendor. */
  callbackUrl: string;
  clients: ReadonlyMap<string, BridgeClientConfig>;
  /** Union of every client's allowed origins (metadata, preflights, pass-through). */
  allOrigins: ReadonlySet<string>;
  upstream: UpstreamAdapter;
  store: BridgeStore;
  /** Name of the cookie that binds a sign-in to the browser that started it. */
  txCookie: string;
  secureCookies: boolean;
  log(line: string): void;
}

export function clientOrigins(client: BridgeClientConfig): ReadonlySet<string> {
  return new Set(client.allowedOrigins);
}
