import type { ErpConfig } from '@erpcore/api';
import { auditModelFor, replayState, type ReplayPoint } from '@erpcore/api';
import { verifyEventLog } from '@erpcore/eventstore';
import { formatRebuildProgress } from '../rebuild-progress.js';
import { openStorage } from '../storage.js';

/** An `erpcore audit` invocation that does not parse; the message says what is wrong. */
export class AuditUsageError extends Error {
  override readonly name = 'AuditUsageError';
}

/** What `erpcore audit …` asks for. */
export type AuditRequest =
  | { readonly kind: 'verify' }
  | { readonly kind: 'state'; readonly streamId: string; readonly point: ReplayPoint };

export const auditUsage = `usage: erpcore audit verify
       erpcore audit state <streamId> [--at-position <position> | --as-of <ISO time>]`;

/** Parses the words after `audit`; strict: an unknown flag or a second point is an error. */
export const parseAuditArgs = (args: readonly string[]): AuditRequest => {
  const [sub, ...rest] = args;
  if (sub === 'verify' && rest.length === 0) return { kind: 'verify' };
  if (sub !== 'state') throw new AuditUsageError(auditUsage);
  const [streamId, flag, value, ...extra] = rest;
  if (streamId === undefined || streamId.startsWith('--') || extra.length > 0)
    throw new AuditUsageError(auditUsage);
  if (flag === undefined) return { kind: 'state', streamId, point: { kind: 'latest' } };
  if (flag === '--at-position' && value !== undefined && /^\d{1,20}$/.test(value))
    return { kind: 'state', streamId, point: { kind: 'position', position: BigInt(value) } };
  if (flag === '--as-of' && value !== undefined && !Number.isNaN(Date.parse(value)))
    return { kind: 'state', streamId, point: { kind: 'time', at: new Date(value) } };
  throw new AuditUsageError(auditUsage);
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
        throw new AuditUsageError(`no kind of stream is named like ${request.streamId}`);
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
