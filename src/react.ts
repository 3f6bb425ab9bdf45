/** React wrappers (via @lit/react): typed props and `on*` event props for every element. */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { TcSession } from './elements/session/session.component.js';
import { TcCreateMeeting, type MeetingCreateRequestDetail, type MeetingCreatedDetail } from './elements/create-meeting/create-meeting.component.js';
import { TcConferenceDetails, type InviteDetail } from './elements/conference-details/conference-details.component.js';
import type { SessionSnapshot } from './elements/shared/session-context.js';
import type { TcErrorDetail } from './internal/events.js';
import { defineElement } from './internal/define.js';

defineElement('tc-session', TcSession);
defineElement('tc-create-meeting', TcCreateMeeting);
defineElement('tc-conference-details', TcConferenceDetails);

export const Session = createComponent({
  tagName: 'tc-session',
  elementClass: TcSession,
  react: React,
  events: {
    onError: 'tc-error' as EventName<CustomEvent<TcErrorDetail>>,
    onSessionChange: 'tc-session-change' as EventName<CustomEvent<SessionSnapshot>>,
  },
});

export const CreateMeeting = createComponent({
  tagName: 'tc-create-meeting',
  elementClass: TcCreateMeeting,
  react: React,
  events: {
    onMeetingCreateRequest: 'tc-meeting-create-request' as EventName<CustomEvent<MeetingCreateRequestDetail>>,
    onMeetingCreated: 'tc-meeting-created' as EventName<CustomEvent<MeetingCreatedDetail>>,
    onError: 'tc-error' as EventName<CustomEvent<TcErrorDetail>>,
  },
});

export const ConferenceDetails = createComponent({
  tagName: 'tc-conference-details',
  elementClass: TcConferenceDetails,
  react: React,
  events: {
    onInvite: 'tc-invite' as EventName<CustomEvent<InviteDetail>>,
    onError: 'tc-error' as EventName<CustomEvent<TcErrorDetail>>,
  },
});
