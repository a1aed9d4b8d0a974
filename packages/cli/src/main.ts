import { ConfigError, loadConfig } from '@erpcore/api';
import { JobsConfigError, loadJobsConfig } from '@erpcore/workers';
import { audit, AuditUsageError, parseAuditArgs } from './commands/audit.js';
import { backup, restore } from './commands/backup.js';
import { CliRefusal } from './cli-refusal.js';
import { migrate } from './commands/migrate.js';
import { rebuild, UnknownProjectionError } from './commands/rebuild.js';
import { serve } from './commands/serve.js';

export const usage = `usage: erpcore <command>

  start               API + projector + background jobs in one process (PGlite under ERP_DATA_DIR,
                      or DATABASE_URL; jobs in process, or BullMQ when REDIS_URL is set)
  api                 the HTTP API only (lists jobs from BullMQ when REDIS_URL is set)
  worker              the projector and the background jobs (notifications, scheduled checks)
  migrate             create/update the event store and read-model tables, then exit
  rebuild <name>      rebuild one projection without downtime
  audit verify        recompute the event log's hash chain (exit 1 when it is broken)
  audit state <streamId> [--at-position N | --as-of ISO]
                      a stream's decider state, now or at a past position or time
  backup <file>       copy the embedded database (ERP_DATA_DIR) into one file
  restore <file>      replace the embedded database with a backup (the old one is kept beside it)

Configuration comes from the environment; see README.md.`;

/** Runs one CLI invocation and returns the process exit code. */
export const main = async (argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> => {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${usage}\n`);
    return command === undefined ? 2 : 0;
  }
  try {
    const config = loadConfig(env);
    const jobs = loadJobsConfig(env);
    switch (command) {
      case 'start':
        await serve(config, { api: true, projector: true }, jobs);
        return 0;
      case 'api':
        await serve(config, { api: true, projector: false }, jobs);
        return 0;
      case 'worker':
        await serve(config, { api: false, projector: true }, jobs);
        return 0;
      case 'migrate':
        await migrate(config);
        return 0;
      case 'rebuild': {
        const name = rest[0];
        if (name === undefined) {
          process.stderr.write('erpcore rebuild: name the projection to rebuild\n');
          return 2;
        }
        await rebuild(config, name);
        return 0;
      }
      case 'audit':
        return await audit(config, parseAuditArgs(rest));
      case 'backup':
      case 'restore': {
        const file = rest[0];
        if (file === undefined) {
          process.stderr.write(`erpcore ${command}: name the backup file\n`);
          return 2;
        }
        process.stdout.write(
          `${command === 'backup' ? await backup(config, file) : await restore(config, file)}\n`,
        );
        return 0;
      }
      default:
        process.stderr.write(`erpcore: unknown command ${JSON.stringify(command)}\n${usage}\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliRefusal) {
      process.stderr.write(`erpcore: ${error.message}\n`);
      return error.exitCode;
    }
    if (
      error instanceof ConfigError ||
      error instanceof JobsConfigError ||
      error instanceof UnknownProjectionError ||
      error instanceof AuditUsageError
    ) {
      process.stderr.write(`erpcore: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `erpcore: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
};
