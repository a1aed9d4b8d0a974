import { ConfigError, loadConfig } from '@erpcore/api';
import { JobsConfigError, loadJobsConfig } from '@erpcore/workers';
import { commandHelp, commandNames, isCommandName, usage } from './command-help.js';
import { audit, parseAuditArgs } from './commands/audit.js';
import { checkDeploy, parseCheckArgs } from './commands/check.js';
import { jobs, parseJobsArgs } from './commands/jobs.js';
import { backup, restore } from './commands/backup.js';
import { CliRefusal } from './cli-refusal.js';
import { migrate } from './commands/migrate.js';
import { rebuild, UnknownProjectionError } from './commands/rebuild.js';
import { serve } from './commands/serve.js';
import { parseSeedArgs, seed } from './commands/seed.js';
import { createLogger } from './logger.js';
import { allProjections } from './projections.js';
import { UsageError } from './usage-error.js';
import { cliVersion } from './version.js';

export { usage } from './command-help.js';

const noArguments = (command: string, rest: readonly string[]): void => {
  if (rest.length > 0)
    throw new UsageError(
      `${command} takes no arguments (got ${JSON.stringify(rest[0])})`,
      commandHelp[isCommandName(command) ? command : 'start'],
    );
};

/** Runs one CLI invocation and returns the process exit code. */
export const main = async (argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> => {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    const asked = rest[0];
    if (command === 'help' && asked !== undefined && isCommandName(asked)) {
      process.stdout.write(`${commandHelp[asked]}\n`);
      return 0;
    }
    process.stdout.write(`${usage}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`erpcore ${cliVersion()}\n`);
    return 0;
  }
  if (!isCommandName(command)) {
    process.stderr.write(
      `erpcore: unknown command ${JSON.stringify(command)}; commands: ${commandNames.join(', ')} (erpcore --help)\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${commandHelp[command]}\n`);
    return 0;
  }
  let logger: ReturnType<typeof createLogger> | undefined;
  try {
    // The check decodes the environment itself: it reports what a start would refuse.
    if (command === 'check') {
      parseCheckArgs(rest);
      return checkDeploy(env);
    }
    const config = loadConfig(env);
    const jobsConfig = loadJobsConfig(env);
    logger = createLogger(config.logLevel);
    switch (command) {
      case 'start':
        noArguments(command, rest);
        await serve(config, { api: true, projector: true }, jobsConfig, logger);
        return 0;
      case 'api':
        noArguments(command, rest);
        await serve(config, { api: true, projector: false }, jobsConfig, logger);
        return 0;
      case 'worker':
        noArguments(command, rest);
        await serve(config, { api: false, projector: true }, jobsConfig, logger);
        return 0;
      case 'migrate':
        noArguments(command, rest);
        await migrate(config);
        return 0;
      case 'rebuild': {
        const [name, ...extra] = rest;
        if (name === undefined)
          throw new UsageError(
            `name the projection to rebuild; known: ${allProjections.map((p) => p.name).join(', ')}`,
            commandHelp.rebuild,
          );
        if (extra.length > 0)
          throw new UsageError(
            `rebuild takes one projection (got ${JSON.stringify(extra[0])} too)`,
            commandHelp.rebuild,
          );
        await rebuild(config, name);
        return 0;
      }
      case 'audit':
        return await audit(config, parseAuditArgs(rest));
      case 'jobs':
        return await jobs(jobsConfig, parseJobsArgs(rest));
      case 'seed':
        parseSeedArgs(rest);
        await seed(config);
        return 0;
      case 'backup':
      case 'restore': {
        const [file, ...extra] = rest;
        if (file === undefined || extra.length > 0)
          throw new UsageError(
            file === undefined
              ? 'name the backup file'
              : `${command} takes one file (got ${JSON.stringify(extra[0])} too)`,
            commandHelp[command],
          );
        process.stdout.write(
          `${command === 'backup' ? await backup(config, file) : await restore(config, file)}\n`,
        );
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(
        `erpcore ${command}: ${error.message}\n${error.usage === undefined ? '' : `${error.usage}\n`}`,
      );
      return 2;
    }
    if (error instanceof CliRefusal) {
      process.stderr.write(`erpcore ${command}: ${error.message}\n`);
      return error.exitCode;
    }
    if (
      error instanceof ConfigError ||
      error instanceof JobsConfigError ||
      error instanceof UnknownProjectionError
    ) {
      process.stderr.write(`erpcore ${command}: ${error.message}\n`);
      return 2;
    }
    // Unexpected: logged as every other line of this process is, with its stack.
    (logger ?? createLogger('info')).fatal({ err: error }, `erpcore ${command} failed`);
    return 1;
  }
};
