/** Resolves after `ms`, or as soon as `interrupt` resolves; never keeps the process alive. */
export const sleep = (ms: number, interrupt?: Promise<unknown>): Promise<void> =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    void interrupt?.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
