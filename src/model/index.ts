export * from './conference.js';
export * from './error.js';
export * from './user.js';
