/**
 * `npm run bench [-- <name>]`: runs `bench/src/<name>.bench.ts`'s exported `run()`, or every one.
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
if (name !== undefined && name !== 'all' && !names.includes(name)) {
  process.stderr.write(`usage: npm run bench [-- <name>|all]\navailable: ${names.join(', ')}\n`);
  process.exit(1);
}
// No name (or `all`) runs every benchmark in turn, each in a fresh schema of its own.
for (const each of name === undefined || name === 'all' ? names : [name]) {
  process.stderr.write(`\n== bench ${each}\n`);
  const module = (await import(new URL(`./${each}.bench.ts`, here).href)) as {
    run?: () => Promise<void>;
  };
  if (typeof module.run !== 'function')
    throw new Error(`bench/src/${each}.bench.ts exports no run()`);
  await module.run();
}
