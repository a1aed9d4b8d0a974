import { setFlagsFromString } from 'node:v8';

/**
 * Embedded mode compiles PGlite's 9 MB of WASM with V8's baseline compiler (Liftoff) only. V8
 * otherwise also builds optimised code for PostgreSQL's hot functions in the background: about
 * 50 MB more resident and seconds of CPU at every start, for reads measured about 15–20% cheaper
 * in CPU. An embedded process's memory matters more (README, storage modes). Set before the
 * module is compiled; `node --no-liftoff-only` keeps V8's default.
 */
export const compileWasmBaselineOnly = (execArgv: readonly string[] = process.execArgv): void => {
  if (execArgv.includes('--no-liftoff-only')) return;
  setFlagsFromString('--liftoff-only');
};
