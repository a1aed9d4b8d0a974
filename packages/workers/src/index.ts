/**
 * Background queues and workers (BullMQ on Redis, an in-process runner when embedded) land here
 * in a later issue. Until then the package is empty but builds, so `npm start` can build the
 * whole workspace.
 */
export {};
