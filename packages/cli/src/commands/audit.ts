import type { ErpConfig } from '@erpcore/api';
import { auditModelFor, auditStreamModels, replayState, type ReplayPoint } from '@erpcore/api';
import { readFile } from 'node:fs/promises';
import {
  anchorEventLog,
  exportEventLog,
  verifyEventLog,
  verifyExport,
  type ExportBound,
} from '@erpcore/eventstore';
import { replayAndCompare, type ReplayComparison } from '@erpcore/projections';
import { allProjections } from '../projections.js';
import { migrateAll } from '../storage.js';
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
  | { readonly kind: 'verify-file'; readonly file: string }
  | { readonly kind: 'anchor' }
  | { readonly kind: 'export'; readonly from?: ExportBound; readonly to?: ExportBound }
  | { readonly kind: 'replay'; readonly projection?: string }
  | { readonly kind: 'state'; readonly streamId: string; readonly point: ReplayPoint };

export const auditUsage = commandHelp.audit;

const knownPrefixes = (): string => auditStreamModels.map((m) => `${m.prefix}…`).join(', ');

const subcommands = 'verify, state, anchor, export, replay';

/** A position (digits) or an ISO-8601 time. */
const parseBound = (flag: string, value: string | undefined): ExportBound => {
  if (value === undefined) throw new AuditUsageError(`${flag} needs a position or an ISO time`);
  if (/^\d{1,19}$/.test(value)) return { kind: 'position', position: BigInt(value) };
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value)))
    throw new AuditUsageError(
      `${flag} ${JSON.stringify(value)}: must be a log position (a whole number) or an ISO-8601 time (2024-05-01T12:00:00Z)`,
    );
  return { kind: 'time', at: new Date(value) };
};

const parseExportArgs = (args: readonly string[]): AuditRequest => {
  let from: ExportBound | undefined;
  let to: ExportBound | undefined;
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i] ?? '';
    if (flag === '--from' && from === undefined) from = parseBound(flag, args[i + 1]);
    else if (flag === '--to' && to === undefined) to = parseBound(flag, args[i + 1]);
    else
      throw new AuditUsageError(
        `unexpected ${JSON.stringify(flag)}: audit export takes --from and --to, each at most once`,
      );
  }
  return {
    kind: 'export',
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
};

const parseReplayArgs = (args: readonly string[]): AuditRequest => {
  if (args.length === 0) return { kind: 'replay' };
  const [flag, name, ...extra] = args;
  if (flag !== '--projection' || extra.length > 0)
    throw new AuditUsageError(
      `unexpected ${JSON.stringify(flag === '--projection' ? extra[0] : flag)}: audit replay takes at most --projection <name>`,
    );
  if (name === undefined || !allProjections.some((p) => p.name === name))
    throw new AuditUsageError(
      `${name === undefined ? '--projection needs a name' : `unknown projection ${JSON.stringify(name)}`}; known: ${allProjections.map((p) => p.name).join(', ')}`,
    );
  return { kind: 'replay', projection: name };
};

/** Parses the words after `audit`; strict: an unknown flag or a second point is an error. */
export const parseAuditArgs = (args: readonly string[]): AuditRequest => {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new AuditUsageError(`name an audit subcommand (${subcommands})`);
  if (sub === 'verify') {
    if (rest.length === 0) return { kind: 'verify' };
    const [flag, file, ...extra] = rest;
    if (flag !== '--file' || extra.length > 0)
      throw new AuditUsageError(
        `audit verify takes only --file <export> (got ${JSON.stringify(flag === '--file' ? extra[0] : flag)})`,
      );
    if (file === undefined) throw new AuditUsageError('--file needs the path of an export');
    return { kind: 'verify-file', file };
  }
  if (sub === 'anchor') {
    if (rest.length > 0)
      throw new AuditUsageError(`audit anchor takes no arguments (got ${JSON.stringify(rest[0])})`);
    return { kind: 'anchor' };
  }
  if (sub === 'export') return parseExportArgs(rest);
  if (sub === 'replay') return parseReplayArgs(rest);
  if (sub !== 'state')
    throw new AuditUsageError(
      `unknown audit subcommand ${JSON.stringify(sub)}; known: ${subcommands}`,
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
  // No database: the export carries everything its check needs.
  if (request.kind === 'verify-file') return verifyFile(request.file);
  const storage = await openStorage(config, 'audit');
  try {
    if (request.kind === 'replay') {
      await migrateAll(storage, allProjections);
      const chosen = allProjections.filter(
        (p) => request.projection === undefined || p.name === request.projection,
      );
      const results: ReplayComparison[] = [];
      for (const projection of chosen) {
        process.stderr.write(`replaying ${projection.name}…\n`);
        results.push(await replayAndCompare({ store: storage.store, db: storage.db, projection }));
      }
      process.stdout.write(`${JSON.stringify(replayReport(results), null, 2)}\n`);
      return results.every((r) => r.equal) ? 0 : 1;
    }
    if (storage.eventLog === 'kurrentdb' && request.kind !== 'state')
      throw new AuditUsageError(
        `audit ${request.kind}: the events are in KurrentDB (EVENTSTORE_URL), which keeps no hash chain or anchors; see docs/kurrentdb.md`,
      );
    if (request.kind === 'anchor') {
      const anchor = await anchorEventLog(storage.client);
      process.stdout.write(
        `${JSON.stringify(anchor === undefined ? { anchor: null } : { position: anchor.position.toString(), eventCount: anchor.eventCount.toString(), logHash: anchor.logHash })}\n`,
      );
      return 0;
    }
    if (request.kind === 'export') {
      // Anchor first, so the export ends on an anchor the auditor can keep.
      await anchorEventLog(storage.client);
      for await (const line of exportEventLog(storage.client, request))
        process.stdout.write(`${JSON.stringify(line)}\n`);
      return 0;
    }
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
    const { firstBrokenAnchor } = result;
    const answer = {
      ...result,
      ...(result.firstBrokenPosition === undefined
        ? {}
        : { firstBrokenPosition: result.firstBrokenPosition.toString() }),
      ...(firstBrokenAnchor === undefined
        ? {}
        : {
            firstBrokenAnchor: {
              position: firstBrokenAnchor.position.toString(),
              eventCount: firstBrokenAnchor.eventCount.toString(),
              logHash: firstBrokenAnchor.logHash,
            },
          }),
    };
    process.stdout.write(`${JSON.stringify(answer)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await storage.close();
  }
};

/** `audit verify --file`: exit 0 intact, 1 broken; the problems (at most 20) on stdout as JSON. */
const verifyFile = async (file: string): Promise<number> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AuditUsageError(
      `cannot read ${JSON.stringify(file)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const result = verifyExport(text.split('\n'));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return result.ok ? 0 : 1;
};

/** Differing rows are listed up to this many a table and side; beyond, only counts. */
const listedRows = 20;

const replayReport = (results: readonly ReplayComparison[]): unknown => ({
  equal: results.every((r) => r.equal),
  projections: results.map((r) => ({
    projection: r.projection,
    position: r.position.toString(),
    equal: r.equal,
    ...(r.replayError === undefined ? {} : { replayError: r.replayError }),
    tables: r.tables.map((t) =>
      t.onlyLive + t.onlyReplayed === 0
        ? { table: t.table, equal: true }
        : t.onlyLive <= listedRows && t.onlyReplayed <= listedRows
          ? {
              table: t.table,
              onlyLive: t.onlyLive,
              onlyReplayed: t.onlyReplayed,
              liveRows: t.liveSample,
              replayedRows: t.replayedSample,
            }
          : { table: t.table, onlyLive: t.onlyLive, onlyReplayed: t.onlyReplayed },
    ),
  })),
});
