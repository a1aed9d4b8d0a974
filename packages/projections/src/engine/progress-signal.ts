import { EventEmitter } from 'node:events';

/**
 * In-process wake-ups: the projector emits after each committed batch, so a waiter in the same
 * process (the embedded start on PGlite, tests) learns of progress without a LISTEN round trip.
 * It only says "look again"; the checkpoint table stays the truth.
 */
const emitter = new EventEmitter();
emitter.setMaxListeners(0);

export const signalProgress = (): void => {
  emitter.emit('progress');
};

/** Calls `fn` on every signal until the returned function is called. */
export const onProgressSignal = (fn: () => void): (() => void) => {
  emitter.on('progress', fn);
  return () => {
    emitter.off('progress', fn);
  };
};
