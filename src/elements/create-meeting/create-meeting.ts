import { TcCreateMeeting } from './create-meeting.component.js';
import { defineElement } from '../../internal/define.js';

export * from './create-meeting.component.js';
defineElement('tc-create-meeting', TcCreateMeeting);
declare global { interface HTMLElementTagNameMap { 'tc-create-meeting': TcCreateMeeting } }
