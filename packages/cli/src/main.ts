import { ConfigError, loadConfig } from '@erpcore/api';
import { migrate } from './commands/migrate.js';
import { rebuild, UnknownProjectionError } from './commands/rebuild.js';
import { serve } from './commands/serve.js';

export const usage = `usage: erpcore <command>

  start               API + projector in one process (PGlite under ERP_DATA_DIR, or DATABASE_URL)
  api                 the HTTP API only
  worker              the projector only
  migrate             create/update the event store and read-model tables, then exit
  rebuild <name>      rebuild one projection without downtime

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
    switch (command) {
      case 'start':
        await serve(config, { api: true, projector: true });
        return 0;
      case 'api':
        await serve(config, { api: true, projector: false });
        return 0;
      case 'worker':
        await serve(config, { api: false, projector: true });
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
      default:
        process.stderr.write(`erpcore: unknown command ${JSON.stringify(command)}\n${usage}\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UnknownProjectionError) {
      process.stderr.write(`erpcore: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(
      `erpcore: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
};
