import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Node has WebAssembly, but @types/node 20 does not declare it (lib "dom" would): the two members used.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- an ambient global, as lib.dom declares it
  namespace WebAssembly {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- opaque: only handed to PGlite
    interface Module {}
    function compile(bytes: Uint8Array): Promise<Module>;
  }
}

/**
 * PGlite 0.3 starts PostgreSQL with `-c shared_buffers=128MB` built into its WASM binary (no
 * option sets it, and the command line beats postgresql.conf and ALTER SYSTEM). The shared memory
 * is zeroed when the backend starts, so all of it is resident from the first second: 141 MB of the
 * process's memory for a buffer pool an embedded ERP's working set does not fill. PGlite takes a
 * compiled `wasmModule`: this is its own binary with that one setting's text changed in place (same
 * length, the value padded with leading spaces, which PostgreSQL's number parser skips).
 */
const stock = 'shared_buffers=128MB\0';

/** A shared_buffers value that fits the binary's five characters, e.g. `16MB`, `32MB`, `128MB`. */
const valuePattern = /^[1-9][0-9]{0,3}(kB|MB)$/;

/** Compiled once per value and process, as PGlite compiles its stock binary once. */
const compiled = new Map<string, Promise<WebAssembly.Module | undefined>>();

/**
 * PGlite's WASM compiled with `shared_buffers` set to `sharedBuffers`, or undefined when this
 * PGlite's binary does not hold the setting exactly once (another version): the caller then runs
 * the stock binary, and can read the setting back to see which it got.
 */
export const pgliteModuleWith = (
  sharedBuffers: string,
): Promise<WebAssembly.Module | undefined> => {
  if (!valuePattern.test(sharedBuffers) || sharedBuffers.length > 5)
    throw new Error(
      `shared_buffers must be like 16MB (at most 5 characters), got ${sharedBuffers}`,
    );
  let module = compiled.get(sharedBuffers);
  if (module === undefined) {
    module = compile(sharedBuffers);
    compiled.set(sharedBuffers, module);
  }
  return module;
};

const compile = async (sharedBuffers: string): Promise<WebAssembly.Module | undefined> => {
  const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const bytes = await readFile(join(dist, 'pglite.wasm'));
  const at = bytes.indexOf(stock);
  if (at < 0 || bytes.indexOf(stock, at + 1) >= 0) return undefined;
  bytes.write(`shared_buffers=${sharedBuffers.padStart(5, ' ')}\0`, at, 'latin1');
  return WebAssembly.compile(bytes);
};
