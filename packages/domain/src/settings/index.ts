export * from './posting-accounts.js';
export * from './settings.events.js';
export * from './settings.commands.js';
export * from './settings.decider.js';
export * from './period-lock.js';
export * from './automatic-entry.js';
export * from './close-account.decision.js';
