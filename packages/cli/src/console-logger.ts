import type { EngineLogger } from '@erpcore/projections';

/** A one-line-JSON logger on stderr for processes without Fastify's (worker, rebuild). */
export const consoleLogger = (level: string): EngineLogger => {
  const write = (lvl: string, o: object, m?: string): void => {
    process.stderr.write(
      `${JSON.stringify({ level: lvl, time: new Date().toISOString(), ...o, ...(m === undefined ? {} : { msg: m }) })}\n`,
    );
  };
  const quiet = level === 'silent' || level === 'fatal';
  const noWarn = quiet || level === 'error';
  const noInfo = noWarn || level === 'warn';
  return {
    info: (o, m) => (noInfo ? undefined : write('info', o, m)),
    warn: (o, m) => (noWarn ? undefined : write('warn', o, m)),
    error: (o, m) => (quiet ? undefined : write('error', o, m)),
  };
};
