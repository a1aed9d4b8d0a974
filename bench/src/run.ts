/**
 * `npm run bench -- <name>`: runs `bench/src/<name>.bench.ts`'s exported `run()`.
 * Each benchmark prints its figures on stdout and its progress on stderr.
 */
import { readdir } from 'node:fs/promises';

const here = new URL('.', import.meta.url);
const available = async (): Promise<string[]> =>
  (await readdir(here))
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();

const name = process.argv[2];
const names = await available();
if (name === undefined || !names.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <name>\navailable: ${names.join(', ')}\n`);
  process.exit(name === undefined ? 0 : 1);
}
const module = (await import(new URL(`./${name}.bench.ts`, here).href)) as {
  run?: () => Promise<void>;
};
if (typeof module.run !== 'function')
  throw new Error(`bench/src/${name}.bench.ts exports no run()`);
await module.run();
