/**
 * Runs `stop` once on the first SIGTERM or SIGINT and resolves when it finished. A second signal
 * while stopping exits at once with 130: the operator insisted.
 */
export const untilSignal = (
  stop: (signal: NodeJS.Signals) => Promise<void>,
): Promise<NodeJS.Signals> =>
  new Promise((resolvePromise, reject) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) process.exit(130);
      stopping = true;
      stop(signal).then(() => resolvePromise(signal), reject);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
