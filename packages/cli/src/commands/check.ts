import { deployFindings, loadConfig, NodeEnvC, type DeployFinding } from '@erpcore/api';
import { loadJobsConfig } from '@erpcore/workers';
import { commandHelp } from '../command-help.js';
import { UsageError } from '../usage-error.js';

/** Parses the words after `check`: today only `--deploy`. */
export const parseCheckArgs = (args: readonly string[]): 'deploy' => {
  if (args.length === 0) throw new UsageError('name what to check (--deploy)', commandHelp.check);
  const [what, ...extra] = args;
  if (what !== '--deploy')
    throw new UsageError(
      `unknown check ${JSON.stringify(what)}; known: --deploy`,
      commandHelp.check,
    );
  if (extra.length > 0)
    throw new UsageError(
      `unexpected ${JSON.stringify(extra[0])} after --deploy`,
      commandHelp.check,
    );
  return 'deploy';
};

/** API_INSTANCES: a whole number ≥ 1, 1 when unset; anything else is refused, never guessed. */
const apiInstances = (env: Readonly<Record<string, string | undefined>>): number => {
  const raw = env['API_INSTANCES'];
  if (raw === undefined || raw === '') return 1;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1)
    throw new UsageError(
      `API_INSTANCES=${JSON.stringify(raw)}: must be a whole number from 1 to 9999`,
    );
  return Number(raw);
};

/** The report as printed: one finding a block, then the count. */
export const formatFindings = (findings: readonly DeployFinding[]): string =>
  findings.length === 0
    ? 'no unsafe setting found\n'
    : `${findings.map((f) => `✗ ${f.setting}: ${f.problem}\n    fix: ${f.fix}\n`).join('')}${findings.length} unsafe setting${findings.length === 1 ? '' : 's'}\n`;

/**
 * `erpcore check --deploy`: decodes the environment as a start would, then lists each unsafe
 * setting with its fix. Exit 1 when any is found, 0 when none. The production-only rules of the
 * decoding (keys required) are left to the check, so it reports them with everything else.
 */
export const checkDeploy = (env: Readonly<Record<string, string | undefined>>): number => {
  const rawNodeEnv = env['NODE_ENV'];
  const nodeEnv =
    rawNodeEnv === undefined || rawNodeEnv === '' ? undefined : NodeEnvC.decode(rawNodeEnv);
  const decoded = loadConfig({ ...env, NODE_ENV: undefined });
  const config = nodeEnv?._tag === 'Right' ? { ...decoded, nodeEnv: nodeEnv.right } : decoded;
  const jobsConfig = loadJobsConfig(env);
  const findings: DeployFinding[] = [
    ...(nodeEnv?._tag === 'Left'
      ? [
          {
            setting: 'NODE_ENV',
            problem: `is ${JSON.stringify(rawNodeEnv)}, which no start accepts`,
            fix: 'set NODE_ENV=production',
          },
        ]
      : []),
    ...deployFindings(config, {
      redisConfigured: jobsConfig.redisUrl !== null,
      apiInstances: apiInstances(env),
      anchorIntervalMs: jobsConfig.anchorIntervalMs,
    }),
  ];
  process.stdout.write(formatFindings(findings));
  return findings.length === 0 ? 0 : 1;
};
