import type { SessionConfig } from '../auth/config.js';
import type { TokenSource } from '../http/token-source.js';
import type { ProviderName } from '../model/user.js';
import type { ConferenceProvider } from './types.js';

/** Everything an adapter needs to talk to its vendor. */
export interface ProviderContext {
  config: SessionConfig;
  tokens: TokenSource;
  /** Injected for tests of the headless API in Node; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export type ProviderFactory = (context: ProviderContext) => ConferenceProvider;

/**
 * Adapters load on demand, so a page that uses one vendor downloads one adapter
 * (the single-file bundle inlines them all).
 */
const loaders: Partial<Record<ProviderName, () => Promise<{ createProvider: ProviderFactory }>>> = {
  trueconf: () => import('./trueconf/index.js'),
  opentalk: () => import('./opentalk/index.js'),
  webex: () => import('./webex/index.js'),
};

/** Adds or replaces an adapter (for vendors outside the library, or tests). */
export function registerProvider(name: ProviderName, factory: ProviderFactory): void {
  loaders[name] = async () => ({ createProvider: factory });
}

export function hasProvider(name: ProviderName): boolean {
  return loaders[name] !== undefined;
}

export async function loadProvider(context: ProviderContext): Promise<ConferenceProvider | undefined> {
  const loader = loaders[context.config.provider];
  if (!loader) return undefined;
  const { createProvider } = await loader();
  return createProvider(context);
}
