import { TcConferenceDetails } from './conference-details.component.js';
import { defineElement } from '../../internal/define.js';
import '../join-button/join-button.js';

export * from './conference-details.component.js';
defineElement('tc-conference-details', TcConferenceDetails);
declare global { interface HTMLElementTagNameMap { 'tc-conference-details': TcConferenceDetails } }
