import type { ProviderFactory } from '../registry.js';

/** Placeholder until the TrueConf adapter lands. */
export const createProvider: ProviderFactory = () => {
  throw new Error('TrueConf adapter not implemented yet');
};
