/** Vendor-neutral conference model. Providers map their JSON to and from these types. */

export type ConferenceState = 'live' | 'stopped' | 'scheduled' | 'ended';

/**
 * How the meeting is run. TrueConf: all-on-screen (symmetric), lecture (asymmetric),
 * role-based, smart meeting. Other vendors offer only `default`.
 */
export type ConferenceMode = 'all-on-screen' | 'lecture' | 'role-based' | 'smart-meeting' | 'default';

export type ScheduleKind = 'none' | 'once' | 'weekly';

/** Day of week, 0 = Sunday … 6 = Saturday (as `Date.getDay()`). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface Schedule {
  kind: ScheduleKind;
  /** Start as an ISO 8601 instant (UTC, `Z`). For weekly: the first occurrence. */
  start?: string;
  durationMinutes?: number;
  /** IANA time zone the meeting was planned in, e.g. `Europe/Moscow`. */
  timeZone?: string;
  /** Weekly only: weekdays of the local calendar in `timeZone` (not UTC). */
  days?: Weekday[];
}

export interface Person {
  /** Vendor user id (login, uid or email). */
  id: string;
  displayName?: string;
  email?: string;
}

export interface Invitee extends Person {
  isModerator?: boolean;
}

export interface Participant extends Person {
  role?: 'owner' | 'moderator' | 'speaker' | 'participant' | 'guest';
  joinedAt?: string;
}

/** What the signed-in user may do with this conference on this vendor. */
export interface ConferenceCapabilities {
  canStart: boolean;
  canStop: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canInvite: boolean;
  canJoin: boolean;
}

export interface Conference {
  id: string;
  title: string;
  description?: string;
  owner?: Person;
  state: ConferenceState;
  mode: ConferenceMode;
  schedule: Schedule;
  invitees: Invitee[];
  maxParticipants?: number;
  allowGuests?: boolean;
  /** Link that opens the vendor's (web) client for a signed-in participant. */
  joinUrl?: string;
  /** Link a guest can use, when the vendor has one. */
  guestUrl?: string;
  capabilities: ConferenceCapabilities;
}

/** What a person fills in to create (or edit) a meeting. */
export interface ConferenceDraft {
  title: string;
  description?: string;
  mode?: ConferenceMode;
  schedule: Schedule;
  invitees?: Invitee[];
  maxParticipants?: number;
  allowGuests?: boolean;
}

export type ConferenceFilter = 'upcoming' | 'running' | 'all';

export interface ListQuery {
  filter?: ConferenceFilter;
  /** Opaque cursor from the previous page; omit for the first page. */
  cursor?: string;
  pageSize?: number;
  signal?: AbortSignal;
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page, absent on the last page. */
  next?: string;
  /** Total count when the vendor reports one. */
  total?: number;
}
