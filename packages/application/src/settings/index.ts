export * from './settings-kinds.js';
export * from './set-posting-accounts.use-case.js';
export * from './set-lock-date.use-case.js';
export * from './close-account.use-case.js';
