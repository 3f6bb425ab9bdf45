/** Browser OAuth session on oauth4webapi. Nothing here touches `window` at import time. */
export { AuthSession } from './session.js';
export type { AuthSessionOptions, AuthState, SignInOptions } from './session.js';
export { parseSessionConfig } from './config.js';
export type { SessionConfig, SessionConfigInput, LoginMode, StorageKind, ConfigResult } from './config.js';
export { discover, clearDiscoveryCache } from './discovery.js';
export type { AuthorizationServer, DiscoveryAlgorithm } from './discovery.js';
export type { TokenSet } from './tokens.js';
export type { TokenStore } from './storage.js';
export { refreshLockName } from './refresh.js';
