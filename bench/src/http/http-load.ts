import { Agent, request } from 'node:http';
import { statementsFromHeader } from '@erpcore/api';

/** What one timed block of requests to one server saw. */
export interface Block {
  /** Latency of each request, ms. */
  readonly latencies: number[];
  readonly seconds: number;
  /** Most statements one request ran, from the Server-Timing header (NaN when absent). */
  readonly statements: number;
}

const statementsOf = (header: string | string[] | undefined): number =>
  statementsFromHeader(Array.isArray(header) ? header[0] : header) ?? Number.NaN;

/** One GET over keep-alive; resolves its latency, throws on anything but 200. */
const get = (agent: Agent, base: URL, path: string): Promise<{ ms: number; statements: number }> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      { host: base.hostname, port: base.port, path, agent, method: 'GET' },
      (res) => {
        res.resume();
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${path}: HTTP ${res.statusCode}`));
          else
            resolve({
              ms: performance.now() - started,
              statements: statementsOf(res.headers['server-timing']),
            });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });

/**
 * `count` GETs of `paths(i)` against `base`, `inFlight` at a time over keep-alive connections:
 * the client is a plain node:http agent, lighter than fetch, so it takes less of the shared cores.
 */
export const runBlock = async (
  base: string,
  paths: (i: number) => string,
  count: number,
  inFlight: number,
): Promise<Block> => {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const url = new URL(base);
  const latencies: number[] = [];
  let statements = Number.NaN;
  let issued = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (issued < count) {
      const i = issued++;
      const { ms, statements: s } = await get(agent, url, paths(i));
      latencies.push(ms);
      if (!Number.isNaN(s)) statements = Number.isNaN(statements) ? s : Math.max(statements, s);
    }
  };
  try {
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    agent.destroy();
  }
  return { latencies, seconds: (performance.now() - started) / 1000, statements };
};
