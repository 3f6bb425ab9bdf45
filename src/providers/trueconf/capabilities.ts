import type { ProviderCapabilities } from '../types.js';

/** What TrueConf Server offers through its API (spec §5). */
export const TRUECONF_CAPABILITIES: ProviderCapabilities = Object.freeze({
  modes: Object.freeze(['all-on-screen', 'lecture', 'role-based', 'smart-meeting'] as const),
  schedules: Object.freeze(['none', 'once', 'weekly'] as const),
  maxTitleLength: 240,
  startStop: true,
  invitations: true,
  inviteIntoLive: true,
  participants: true,
  guests: true,
  maxParticipants: true,
  callMe: false,
});
