/**
 * TrueConf Server adapter (API v3.x and v4). The registry loads this module on demand and calls
 * `createProvider`; vendor field names appear only in this folder.
 */
import type { ProviderFactory } from '../registry.js';
import { TrueconfProvider } from './provider.js';

export const createProvider: ProviderFactory = (context) => new TrueconfProvider(context);

export { TrueconfProvider } from './provider.js';
export type { TrueconfProviderOptions } from './provider.js';
export { TRUECONF_CAPABILITIES } from './capabilities.js';
export { resolveApi, DEFAULT_VERSION } from './endpoints.js';
export type { ApiGeneration, TrueconfApi } from './endpoints.js';
