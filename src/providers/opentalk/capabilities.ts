import type { ProviderCapabilities } from '../types.js';

/**
 * What the OpenTalk controller API offers (spec §6–§7): events with once/weekly dates, invitations,
 * guest links through room invites. It has no "running" state, no start/stop of a meeting and no
 * participant list over REST (those live in the signaling connection).
 */
export const OPENTALK_CAPABILITIES: ProviderCapabilities = Object.freeze({
  modes: Object.freeze(['default'] as const),
  schedules: Object.freeze(['none', 'once', 'weekly'] as const),
  maxTitleLength: 255,
  startStop: false,
  invitations: true,
  inviteIntoLive: false,
  participants: false,
  guests: true,
  maxParticipants: false,
  callMe: false,
});
