/** API generation, base URL and paths of TrueConf Server (specs/trueconf.md §2, §5.5). */
import type { SessionConfig } from '../../auth/config.js';

export type ApiGeneration = 'v3' | 'v4';

export interface TrueconfApi {
  generation: ApiGeneration;
  /** Path segment, e.g. `v3.11` or `v4`. */
  version: string;
  /** `<apiBase ?? server>/api/<version>`. */
  baseUrl: string;
  /** The server root (for the coexisting v4 `/me` on v3 servers). */
  rootUrl: string;
}

export const DEFAULT_VERSION = 'v3.11';

export function resolveApi(config: Pick<SessionConfig, 'server' | 'apiBase' | 'apiVersion'>): TrueconfApi {
  const version = config.apiVersion?.trim() || DEFAULT_VERSION;
  const rootUrl = (config.apiBase ?? config.server).replace(/\/+$/, '');
  return {
    generation: version.startsWith('v4') ? 'v4' : 'v3',
    version,
    baseUrl: `${rootUrl}/api/${version}`,
    rootUrl,
  };
}

const seg = encodeURIComponent;

export const paths = {
  conferences: '/conferences',
  conference: (id: string) => `/conferences/${seg(id)}`,
  run: (id: string) => `/conferences/${seg(id)}/run`,
  stop: (id: string) => `/conferences/${seg(id)}/stop`,
  invitations: (id: string) => `/conferences/${seg(id)}/invitations`,
  invite: (id: string) => `/conferences/${seg(id)}/invite`,
  participants: (id: string) => `/conferences/${seg(id)}/participants`,
  user: (id: string) => `/users/${seg(id)}`,
  /** v4 only. */
  me: '/me',
} as const;
