/** Where the controller API and the web frontend are (spec §1.1, §8). */
import type { SessionConfig } from '../../auth/config.js';

export interface OpentalkApi {
  /** `<apiBase ?? server>/v1`. */
  baseUrl: string;
  /** The web frontend that serves `/room/{id}` (the `server` attribute). */
  frontendUrl: string;
}

export function resolveApi(config: Pick<SessionConfig, 'server' | 'apiBase'>): OpentalkApi {
  const trim = (u: string) => u.replace(/\/+$/, '');
  return { baseUrl: `${trim(config.apiBase ?? config.server)}/v1`, frontendUrl: trim(config.server) };
}

const seg = encodeURIComponent;

export const paths = {
  me: '/users/me',
  events: '/events',
  event: (id: string) => `/events/${seg(id)}`,
  eventInvites: (id: string) => `/events/${seg(id)}/invites`,
  roomInvites: (roomId: string) => `/rooms/${seg(roomId)}/invites`,
} as const;

export const roomUrl = (api: OpentalkApi, roomId: string): string => `${api.frontendUrl}/room/${seg(roomId)}`;

export const guestUrl = (api: OpentalkApi, roomId: string, inviteCode: string): string =>
  `${roomUrl(api, roomId)}?invite=${seg(inviteCode)}`;
