import { readFile } from 'node:fs/promises';
import type { SqlClient } from '@erpcore/eventstore';

/** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ). */
const ticks = 100;

/**
 * CPU seconds (user + system) used so far by the PostgreSQL backends serving connections named
 * `applicationName`, read from /proc: undefined when the server is not on this machine (or not
 * Linux). Sampled while those connections are open: a backend's figures go with it.
 */
export const backendCpuSeconds = async (
  client: SqlClient,
  applicationName: string,
): Promise<number | undefined> => {
  const { rows } = await client.query<{ pid: number }>(
    'select pid from pg_stat_activity where application_name = $1',
    [applicationName],
  );
  let total = 0;
  for (const { pid } of rows) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // Fields after the parenthesised command: state is 3rd, utime 14th, stime 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return undefined;
    }
  }
  return rows.length === 0 ? undefined : total;
};
