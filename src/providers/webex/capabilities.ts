import type { ProviderCapabilities } from '../types.js';

/**
 * What the Webex Meetings REST API offers (specs/webex-telphin.md A2): no start/stop call (a meeting
 * runs when people join its link), no live participant list in the scopes the widget asks for, and
 * every meeting needs a start and an end, so there is no unscheduled "room".
 */
export const WEBEX_CAPABILITIES: ProviderCapabilities = Object.freeze({
  modes: Object.freeze(['default'] as const),
  schedules: Object.freeze(['once', 'weekly'] as const),
  /** Webex's documented limit for `title`. */
  maxTitleLength: 128,
  startStop: false,
  invitations: true,
  inviteIntoLive: false,
  participants: false,
  guests: false,
  maxParticipants: false,
  callMe: false,
});
