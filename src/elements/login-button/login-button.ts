import { TcLoginButton } from './login-button.component.js';
import { defineElement } from '../../internal/define.js';

export * from './login-button.component.js';
defineElement('tc-login-button', TcLoginButton);
declare global { interface HTMLElementTagNameMap { 'tc-login-button': TcLoginButton } }
