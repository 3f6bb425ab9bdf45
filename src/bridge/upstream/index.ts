/** Picks the vendor module for a configured upstream. */
import type { UpstreamConfig } from '../config.js';
import { telphin } from './telphin.js';
import { trueconfV3 } from './trueconf-v3.js';
import { trueconfV4 } from './trueconf-v4.js';
import type { UpstreamAdapter } from './types.js';
import { webex } from './webex.js';

export type { UpstreamAdapter, VendorTokens } from './types.js';

export function createUpstream(config: UpstreamConfig, timeoutMs: number): UpstreamAdapter {
  switch (config.kind) {
    case 'trueconf-v3':
      return trueconfV3(config, timeoutMs);
    case 'trueconf-v4':
      return trueconfV4(config, timeoutMs);
    case 'webex':
      return webex(config, timeoutMs);
    case 'telphin':
      return telphin(config, timeoutMs);
  }
}
