/**
 * Webex Meetings adapter. The registry loads this module on demand and calls `createProvider`;
 * vendor field names appear only in this folder.
 */
import type { ProviderFactory } from '../registry.js';
import { WebexProvider } from './provider.js';

export const createProvider: ProviderFactory = (context) => new WebexProvider(context);

export { WebexProvider } from './provider.js';
export type { WebexProviderOptions } from './provider.js';
export { WEBEX_CAPABILITIES } from './capabilities.js';
export { apiBaseUrl } from './endpoints.js';
