import type { EngineLogger } from '@erpcore/projections';

/** Discards everything: the default when a runner is given no logger. */
export const silentLogger: EngineLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
