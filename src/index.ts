/** Registers every tc-* element and re-exports the public API. */
export * from './core.js';
export * from './elements/session/session.js';
export * from './elements/create-meeting/create-meeting.js';
export * from './elements/conference-details/conference-details.js';
export * from './elements/login-button/login-button.js';
export * from './elements/conference-list/conference-list.js';
export * from './elements/join-button/join-button.js';
export type { SessionSnapshot, SessionHost } from './elements/shared/session-context.js';
export type { TcErrorDetail } from './internal/events.js';
export { setLocale, getLocale, followDocumentLanguage, SUPPORTED_LOCALES } from './i18n/localization.js';
export type { SupportedLocale } from './i18n/localization.js';
