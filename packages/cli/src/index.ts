export { main, usage } from './main.js';
export { serve, type ServeRoles } from './commands/serve.js';
export { migrate } from './commands/migrate.js';
export { rebuild, UnknownProjectionError } from './commands/rebuild.js';
export { openStorage, migrateAll, type Storage } from './storage.js';
export { allProjections } from './projections.js';
export { formatRebuildProgress, type RebuildTick } from './rebuild-progress.js';
export {
  audit,
  parseAuditArgs,
  AuditUsageError,
  auditUsage,
  type AuditRequest,
} from './commands/audit.js';
export { parseJobsArgs, jobs, type JobsRequest } from './commands/jobs.js';
export { checkDeploy, parseCheckArgs, formatFindings } from './commands/check.js';
export { createLogger } from './logger.js';
export { UsageError } from './usage-error.js';
export { commandHelp, commandNames } from './command-help.js';
export { backup, restore } from './commands/backup.js';
export { CliRefusal } from './cli-refusal.js';
export { lockDataDir, lockFileName, DataDirLockedError } from './data-dir/data-dir-lock.js';
export { seed, parseSeedArgs } from './commands/seed.js';
export {
  demoRequests,
  demoStatusOf,
  defaultDemoSize,
  type DemoSize,
  type SeedRequest,
} from './seed/demo-company.js';
export { runSeed, SeedRefused, type SeedDeps, type SeedOutcome } from './seed/run-seed.js';
