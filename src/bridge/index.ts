/**
 * tc-widgets/bridge: the token bridge, a small Node authorization server for browser clients of
 * vendors that require a client secret (TrueConf, Webex, Telphin). Node only; never imported by
 * browser code.
 */
export { startBridge } from './server.js';
export type { RunningBridge, BridgeRequestLogEntry } from './server.js';
export { loadBridgeConfig, validateBridgeConfig, BridgeConfigError, UPSTREAM_KINDS } from './config.js';
export type { BridgeConfig, BridgeClientConfig, UpstreamConfig, UpstreamKind } from './config.js';
