/** The commands `erpcore` knows, each with its `--help` text (first line: the synopsis). */
export const commandHelp = {
  start: `usage: erpcore start
  API + projector + background jobs in one process; migrates first. PGlite under ERP_DATA_DIR, or
  DATABASE_URL; jobs in process, or on BullMQ when REDIS_URL is set; anchors the event log every
  AUDIT_ANCHOR_INTERVAL_MS. SIGTERM/SIGINT: stops accepting, finishes in-flight requests and the
  current batch, exits 0.`,
  api: `usage: erpcore api
  The HTTP API only (run as many as you like; lists and retries jobs on BullMQ when REDIS_URL is set).`,
  worker: `usage: erpcore worker
  The projector and the background jobs (notifier, job workers, schedules); anchors the event log
  every AUDIT_ANCHOR_INTERVAL_MS (default 60000, 0: off).`,
  migrate: `usage: erpcore migrate
  Creates or updates the event store and read-model tables, then exits.`,
  rebuild: `usage: erpcore rebuild <projection>
  Rebuilds one read model beside the live tables and swaps it in (no downtime).`,
  audit: `usage: erpcore audit verify [--file <export>]
       erpcore audit state <streamId> [--at-position <position> | --as-of <ISO time>]
       erpcore audit anchor
       erpcore audit export [--from <position|ISO time>] [--to <position|ISO time>]
       erpcore audit replay [--projection <name>]
  verify: recomputes the event log's hash chains and its anchors (exit 0 intact, 1 broken);
          with --file, checks an export with no database.
  state: a stream's decider state, now or at a past position or time.
  anchor: records an anchor (global hash and count) over every final event; start and worker also
          do it every AUDIT_ANCHOR_INTERVAL_MS.
  export: anchors, then writes the events in the range as JSON lines with their hashes and anchors.
  replay: rebuilds the read models into a scratch schema and compares them with the live tables
          (exit 0 equal, 1 with the differing rows or their counts per table).`,
  jobs: `usage: erpcore jobs retry <jobId>
       erpcore jobs retry --all
  Runs a failed job again with a fresh set of attempts (--all: every failed job). Needs REDIS_URL:
  without it jobs live inside the \`erpcore start\` process (use POST /v1/ops/jobs/:id/retry there).
  Exit 0 retried, 1 unknown job or not failed.`,
  backup: `usage: erpcore backup <file>
  Copies the embedded database (ERP_DATA_DIR) into one file. Refused while another process holds
  the data directory (stop \`erpcore start\` first).`,
  restore: `usage: erpcore restore <file>
  Replaces the embedded database with a backup; the old one is kept beside it. Refused while
  another process holds the data directory.`,
  check: `usage: erpcore check --deploy
  Lists each unsafe setting of the current configuration with its fix; exit 1 when any is found,
  0 when none. Secrets are never printed. API_INSTANCES (default 1) tells it how many API
  processes the deployment runs (several need REDIS_URL).`,
  seed: `usage: erpcore seed --demo
  Fills the configured storage with a demo company (3 branches and warehouses, 300 products, a
  chart of accounts, customers, orders in every status, payments, journal entries) through the API's
  use cases, in process. Idempotent: a second run appends nothing. Progress on stderr. On the
  embedded database run it before \`erpcore start\` (both lock ERP_DATA_DIR), or against DATABASE_URL.`,
} as const;

export type CommandName = keyof typeof commandHelp;

export const commandNames = Object.keys(commandHelp) as readonly string[];

export const isCommandName = (name: string): name is CommandName => name in commandHelp;

export const usage = `usage: erpcore <command> [--help]
       erpcore --version

commands:
${Object.values(commandHelp)
  .flatMap((help) => help.split('\n').filter((line) => /^(usage: | {7})erpcore /.test(line)))
  .map((line) => `  ${line.replace(/^(usage: | {7})/, '')}`)
  .join('\n')}

\`erpcore <command> --help\` says more. Configuration comes from the environment; see README.md.`;
