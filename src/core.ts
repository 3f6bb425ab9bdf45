/**
 * Headless API: model, configuration, auth session, HTTP client and provider adapters.
 * Importing this registers no element and touches no `window` at import time (SSR-safe).
 */
export * from './model/index.js';
export type { ConferenceProvider, ProviderCapabilities, CallOptions, CreateOptions } from './providers/types.js';
export { parseSessionConfig } from './auth/config.js';
export type { SessionConfig, SessionConfigInput, LoginMode, StorageKind, ConfigResult } from './auth/config.js';
export { AuthSession, discover, clearDiscoveryCache, refreshLockName } from './auth/index.js';
export type { AuthSessionOptions, AuthState, SignInOptions, AuthorizationServer, DiscoveryAlgorithm, TokenSet, TokenStore } from './auth/index.js';
export { createHttpClient, parseLinkHeader, findLink, parseRetryAfter } from './http/index.js';
export type { HttpClient, HttpClientOptions, HttpResponse, RequestOptions, VendorErrorMapper } from './http/index.js';
export type { TokenSource } from './http/token-source.js';
export { loadProvider, registerProvider, hasProvider } from './providers/registry.js';
export type { ProviderContext, ProviderFactory } from './providers/registry.js';
export { TrueconfProvider, createProvider as createTrueconfProvider } from './providers/trueconf/index.js';
