import { pino, type Logger } from 'pino';

/**
 * The one logger of every erpcore command (pino, also Fastify's): JSON lines on stderr with a
 * level label and an ISO time, so stdout carries only a command's answer (`audit verify > x.json`).
 * Synchronous, so the last lines before an exit are not lost.
 */
export const createLogger = (level: string): Logger =>
  pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ dest: 2, sync: true }),
  );
