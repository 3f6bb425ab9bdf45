/** React wrappers (via @lit/react): typed props and `on*` event props for every element. */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { TcSession } from './elements/session/session.component.js';
import { TcCreateMeeting, type MeetingCreateRequestDetail, type MeetingCreatedDetail } from './elements/create-meeting/create-meeting.component.js';
import { TcConferenceDetails, type InviteDetail } from './elements/conference-details/conference-details.component.js';
import { TcLoginButton } from './elements/login-button/login-button.component.js';
import {
  TcConferenceList,
  type ConferenceSelectDetail,
  type ConferencesLoadDetail,
} from './elements/conference-list/conference-list.component.js';
import {
  TcJoinButton,
  type CallRequestDetail,
  type ConferenceDetail,
  type JoinDetail,
  type JoinRequestDetail,
} from './elements/join-button/join-button.component.js';
import type { SessionSnapshot } from './elements/shared/session-context.js';
import type { TcErrorDetail } from './internal/events.js';
import type { SessionUser, TcError } from './model/index.js';
import { defineElement } from './internal/define.js';

defineElement('tc-session', TcSession);
defineElement('tc-create-meeting', TcCreateMeeting);
defineElement('tc-conference-details', TcConferenceDetails);
defineElement('tc-login-button', TcLoginButton);
defineElement('tc-conference-list', TcConferenceList);
defineElement('tc-join-button', TcJoinButton);

export const Session = createComponent({
  tagName: 'tc-session',
  elementClass: TcSession,
  react: React,
  events: {
    onError: 'tc-error' as EventName<CustomEvent<TcErrorDetail>>,
    onSessionChange: 'tc-session-change' as EventName<CustomEvent<SessionSnapshot>>,
    onSignIn: 'tc-sign-in' as EventName<CustomEvent<{ user: SessionUser | undefined }>>,
    onSignOut: 'tc-sign-out' as EventName<CustomEvent<{ reason: TcError | undefined }>>,
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

export const LoginButton = createComponent({
  tagName: 'tc-login-button',
  elementClass: TcLoginButton,
  react: React,
  events: {},
});

export const ConferenceList = createComponent({
  tagName: 'tc-conference-list',
  elementClass: TcConferenceList,
  react: React,
  events: {
    onConferenceSelect: 'tc-conference-select' as EventName<CustomEvent<ConferenceSelectDetail>>,
    onConferencesLoad: 'tc-conferences-load' as EventName<CustomEvent<ConferencesLoadDetail>>,
    onError: 'tc-error' as EventName<CustomEvent<TcErrorDetail>>,
  },
});

export const JoinButton = createComponent({
  tagName: 'tc-join-button',
  elementClass: TcJoinButton,
  react: React,
  events: {
    onJoinRequest: 'tc-join-request' as EventName<CustomEvent<JoinRequestDetail>>,
    onJoin: 'tc-join' as EventName<CustomEvent<JoinDetail>>,
    onConferenceUpdate: 'tc-conference-update' as EventName<CustomEvent<ConferenceDetail>>,
    onCallRequest: 'tc-call-request' as EventName<CustomEvent<CallRequestDetail>>,
    onError: 'tc-error' as EventName<CustomEvent<TcErrorDetail>>,
  },
});
