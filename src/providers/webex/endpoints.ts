/** Base URL and paths of the Webex REST API (specs/webex-telphin.md A2). */
import type { SessionConfig } from '../../auth/config.js';

/** `<apiBase ?? server>/v1`, e.g. `https://webexapis.com/v1`. */
export function apiBaseUrl(config: Pick<SessionConfig, 'server' | 'apiBase'>): string {
  return `${(config.apiBase ?? config.server).replace(/\/+$/, '')}/v1`;
}

/** Hosts of Webex meeting sites, where `webLink`s and join links point in the public cloud. */
export const WEBEX_SITE_HOSTS = ['*.webex.com'] as const;

const seg = encodeURIComponent;

export const paths = {
  meetings: '/meetings',
  meeting: (id: string) => `/meetings/${seg(id)}`,
  invitees: '/meetingInvitees',
  me: '/people/me',
} as const;
