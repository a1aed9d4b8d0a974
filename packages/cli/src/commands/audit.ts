import type { ErpConfig } from '@erpcore/api';
import { auditModelFor, auditStreamModels, replayState, type ReplayPoint } from '@erpcore/api';
import { verifyEventLog } from '@erpcore/eventstore';
import { commandHelp } from '../command-help.js';
import { formatRebuildProgress } from '../rebuild-progress.js';
import { UsageError } from '../usage-error.js';
import { openStorage } from '../storage.js';

/** An `erpcore audit` invocation that does not parse; the message says what is wrong. */
export class AuditUsageError extends UsageError {
  override readonly name: string = 'AuditUsageError';
  constructor(message: string) {
    super(message, auditUsage);
  }
}

/** What `erpcore audit …` asks for. */
export type AuditRequest =
  | { readonly kind: 'verify' }
  | { readonly kind: 'state'; readonly streamId: string; readonly point: ReplayPoint };

export const auditUsage = commandHelp.audit;

const knownPrefixes = (): string => auditStreamModels.map((m) => `${m.prefix}…`).join(', ');

/** Parses the words after `audit`; strict: an unknown flag or a second point is an error. */
export const parseAuditArgs = (args: readonly string[]): AuditRequest => {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new AuditUsageError('name an audit subcommand (verify, state)');
  if (sub === 'verify') {
    if (rest.length > 0)
      throw new AuditUsageError(`audit verify takes no arguments (got ${JSON.stringify(rest[0])})`);
    return { kind: 'verify' };
  }
  if (sub !== 'state')
    throw new AuditUsageError(
      `unknown audit subcommand ${JSON.stringify(sub)}; known: verify, state`,
    );
  const [streamId, flag, value, ...extra] = rest;
  if (streamId === undefined || streamId.startsWith('--'))
    throw new AuditUsageError('audit state needs a stream id first (e.g. order-O-1)');
  if (auditModelFor(streamId) === undefined)
    throw new AuditUsageError(
      `no kind of stream is named like ${JSON.stringify(streamId)}; stream ids start with: ${knownPrefixes()}`,
    );
  if (flag === undefined) return { kind: 'state', streamId, point: { kind: 'latest' } };
  if (extra.length > 0)
    throw new AuditUsageError(
      `unexpected ${JSON.stringify(extra[0])}: give at most one of --at-position, --as-of`,
    );
  if (flag !== '--at-position' && flag !== '--as-of')
    throw new AuditUsageError(
      `unknown option ${JSON.stringify(flag)}; known: --at-position, --as-of`,
    );
  if (value === undefined) throw new AuditUsageError(`${flag} needs a value`);
  if (flag === '--at-position') {
    if (!/^\d{1,20}$/.test(value))
      throw new AuditUsageError(
        `--at-position ${JSON.stringify(value)}: must be a whole number ≥ 0 (a position from the log)`,
      );
    return { kind: 'state', streamId, point: { kind: 'position', position: BigInt(value) } };
  }
  if (Number.isNaN(Date.parse(value)))
    throw new AuditUsageError(
      `--as-of ${JSON.stringify(value)}: must be an ISO-8601 time (2024-05-01T12:00:00Z)`,
    );
  return { kind: 'state', streamId, point: { kind: 'time', at: new Date(value) } };
};

/**
 * `erpcore audit verify`: recomputes the whole log's hash chain, showing done/total, rate and
 * time left (redrawn in place on a terminal, one line a second otherwise), then prints the result
 * as JSON. Returns the exit code: 0 intact, 1 broken.
 *
 * `erpcore audit state <streamId>`: prints `{streamId, revision, state}` as the API answers it.
 */
export const audit = async (config: ErpConfig, request: AuditRequest): Promise<number> => {
  const storage = await openStorage(config, 'audit');
  try {
    if (request.kind === 'state') {
      const model = auditModelFor(request.streamId);
      if (model === undefined)
        throw new AuditUsageError(
          `no kind of stream is named like ${JSON.stringify(request.streamId)}; stream ids start with: ${knownPrefixes()}`,
        );
      const replayed = await replayState(storage.store, model, request.streamId, request.point);
      if (!replayed.exists) throw new AuditUsageError(`no stream ${request.streamId}`);
      const answer = {
        streamId: request.streamId,
        revision: replayed.revision === null ? null : replayed.revision.toString(),
        state: model.toJson(replayed.state),
      };
      process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
      return 0;
    }
    if (storage.eventLog === 'kurrentdb')
      throw new AuditUsageError(
        'audit verify: the events are in KurrentDB (EVENTSTORE_URL), which keeps no hash chain to recompute; see docs/kurrentdb.md',
      );
    const tty = process.stderr.isTTY;
    const started = performance.now();
    let lastPrinted = 0;
    // Progress on stderr, the answer on stdout: `erpcore audit verify > result.json` stays clean JSON.
    const result = await verifyEventLog(storage.client, {
      onProgress: ({ done, total }) => {
        const now = performance.now();
        if (!tty && now - lastPrinted < 1000 && done < total) return;
        lastPrinted = now;
        const line = formatRebuildProgress({ done, total, elapsedMs: now - started });
        process.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
      },
    });
    if (tty) process.stderr.write('\n');
    const answer = {
      ...result,
      ...(result.firstBrokenPosition === undefined
        ? {}
        : { firstBrokenPosition: result.firstBrokenPosition.toString() }),
    };
    process.stdout.write(`${JSON.stringify(answer)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await storage.close();
  }
};
