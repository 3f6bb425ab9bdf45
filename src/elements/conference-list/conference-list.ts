import { TcConferenceList } from './conference-list.component.js';
import { defineElement } from '../../internal/define.js';
import '../join-button/join-button.js';

export * from './conference-list.component.js';
defineElement('tc-conference-list', TcConferenceList);
declare global { interface HTMLElementTagNameMap { 'tc-conference-list': TcConferenceList } }
