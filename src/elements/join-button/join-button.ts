import { TcJoinButton } from './join-button.component.js';
import { defineElement } from '../../internal/define.js';

export * from './join-button.component.js';
defineElement('tc-join-button', TcJoinButton);
declare global { interface HTMLElementTagNameMap { 'tc-join-button': TcJoinButton } }
