/**
 * OpenTalk adapter (controller API v1, tokens from the Keycloak realm). The registry loads this
 * module on demand and calls `createProvider`; vendor field names appear only in this folder.
 */
import type { ProviderFactory } from '../registry.js';
import { OpentalkProvider } from './provider.js';

export const createProvider: ProviderFactory = (context) => new OpentalkProvider(context);

export { OpentalkProvider } from './provider.js';
export type { OpentalkProviderOptions } from './provider.js';
export { OPENTALK_CAPABILITIES } from './capabilities.js';
export { resolveApi } from './endpoints.js';
export type { OpentalkApi } from './endpoints.js';
