/** A FIFO mutex: `lock()` resolves with a release function once every earlier holder released. */
export interface Mutex {
  lock(): Promise<() => void>;
}

export const createMutex = (): Mutex => {
  let tail: Promise<void> = Promise.resolve();
  return {
    lock: () => {
      let release!: () => void;
      const next = new Promise<void>((resolve) => {
        release = resolve;
      });
      const acquired = tail.then(() => {
        let released = false;
        // Releasing twice must not release a later holder.
        return () => {
          if (released) return;
          released = true;
          release();
        };
      });
      tail = tail.then(() => next);
      return acquired;
    },
  };
};
