import type { QueueEvents } from 'bullmq';

/** A wait that QueueEvents cuts short when `jobId` completes or fails. */
export interface Wake {
  /** Resolves on the event or after `ms`, whichever is first. */
  wait(ms: number): Promise<void>;
  cancel(): void;
}

/** Listens for `jobId`'s completed/failed events from now on (call before checking its state). */
export const waitForWake = (events: QueueEvents, jobId: string): Wake => {
  let woken = false;
  let resolveWait: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const onEvent = (args: { readonly jobId: string }): void => {
    if (args.jobId !== jobId) return;
    woken = true;
    resolveWait?.();
  };
  events.on('completed', onEvent);
  events.on('failed', onEvent);
  return {
    wait: (ms) =>
      new Promise<void>((resolve) => {
        if (woken) return resolve();
        resolveWait = resolve;
        timer = setTimeout(resolve, ms);
      }),
    cancel: () => {
      clearTimeout(timer);
      events.off('completed', onEvent);
      events.off('failed', onEvent);
    },
  };
};
