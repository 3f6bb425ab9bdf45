import { TcSession } from './session.component.js';
import { defineElement } from '../../internal/define.js';

export * from './session.component.js';
defineElement('tc-session', TcSession);
declare global { interface HTMLElementTagNameMap { 'tc-session': TcSession } }
