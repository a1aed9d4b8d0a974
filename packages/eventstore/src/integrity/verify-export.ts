import * as t from 'io-ts';
import { isDeepStrictEqual } from 'node:util';
import { isLeft } from 'fp-ts/lib/Either.js';
import { nextEventHash, nextLogHash } from './log-chain.js';

/**
 * The audit export's lines (`erpcore audit export`, JSON lines) and their check with no database.
 * Positions and counts are decimal strings (they exceed 2^53); hashes are hex.
 */
const stateC = t.type({
  position: t.string,
  eventCount: t.string,
  logHash: t.union([t.string, t.null]),
});
const headerC = t.type({
  kind: t.literal('header'),
  format: t.literal('erpcore-audit-export/1'),
  from: t.string,
  to: t.string,
  start: stateC,
});
const eventC = t.type({
  kind: t.literal('event'),
  position: t.string,
  streamId: t.string,
  revision: t.string,
  eventId: t.string,
  type: t.string,
  data: t.unknown,
  metadata: t.unknown,
  createdAt: t.string,
  prevHash: t.union([t.string, t.null]),
  hash: t.union([t.string, t.null]),
  canonical: t.string,
});
const anchorC = t.type({
  kind: t.literal('anchor'),
  position: t.string,
  eventCount: t.string,
  logHash: t.string,
});
const endC = t.type({ kind: t.literal('end'), end: stateC });
const lineC = t.union([headerC, eventC, anchorC, endC]);

export type ExportState = t.TypeOf<typeof stateC>;
export type ExportHeaderLine = t.TypeOf<typeof headerC>;
export type ExportEventLine = t.TypeOf<typeof eventC>;
export type ExportAnchorLine = t.TypeOf<typeof anchorC>;
export type ExportEndLine = t.TypeOf<typeof endC>;
export type ExportLine = t.TypeOf<typeof lineC>;

/** The answer of `verifyExport`. */
export interface ExportVerification {
  readonly ok: boolean;
  readonly checkedEvents: number;
  readonly anchorsChecked: number;
  /** What broke first, with the line number (1-based), e.g. an event whose hash does not match. */
  readonly problems: readonly { readonly line: number; readonly problem: string }[];
}

const isDecimal = (s: string): boolean => /^-?\d{1,20}$/.test(s);

/**
 * Checks an export line by line: every event's hash is sha256(its stream predecessor's hash ‖
 * the canonical text), that text says what the line says, a predecessor present in the file
 * has that hash and the revision before; positions increase; and the global chain recomputed
 * from the header's start state reproduces every anchor and the end line. An event removed from
 * the log before the export (any stream, even a whole one) breaks the next anchor; one removed
 * from the file breaks its stream's next event, the next anchor and the end.
 *
 * The anchors themselves come from the database: keep an earlier export (or publish anchors) to
 * detect a rewrite of the whole history, which no internal chain can (docs/audit.md).
 */
export const verifyExport = (lines: Iterable<string>, maxProblems = 20): ExportVerification => {
  const problems: { line: number; problem: string }[] = [];
  const report = (line: number, problem: string): void => {
    if (problems.length < maxProblems) problems.push({ line, problem });
  };
  let header: ExportHeaderLine | undefined;
  let ended = false;
  let hash: Buffer | null = null;
  let count = 0n;
  let lastPosition: bigint | undefined;
  let checked = 0;
  let anchorsChecked = 0;
  const heads = new Map<string, { revision: bigint; hash: string | null }>();
  let n = 0;
  for (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      report(n, 'not JSON');
      continue;
    }
    const decoded = lineC.decode(raw);
    if (isLeft(decoded)) {
      report(n, 'not an export line (header, event, anchor or end)');
      continue;
    }
    const line = decoded.right;
    if (ended) {
      report(n, 'line after the end line');
      continue;
    }
    if (line.kind === 'header') {
      if (header !== undefined) report(n, 'a second header');
      else if (!isDecimal(line.start.position) || !isDecimal(line.start.eventCount))
        report(n, 'header start state is not numeric');
      else {
        header = line;
        hash = line.start.logHash === null ? null : Buffer.from(line.start.logHash, 'hex');
        count = BigInt(line.start.eventCount);
        lastPosition = BigInt(line.start.position);
      }
      continue;
    }
    if (header === undefined) {
      report(n, 'no header before this line');
      return { ok: false, checkedEvents: checked, anchorsChecked, problems };
    }
    if (line.kind === 'event') {
      checked++;
      if (!isDecimal(line.position) || !isDecimal(line.revision)) {
        report(n, 'position or revision is not numeric');
        continue;
      }
      const position = BigInt(line.position);
      const revision = BigInt(line.revision);
      if (lastPosition !== undefined && position <= lastPosition)
        report(n, `position ${line.position} does not follow ${lastPosition}`);
      lastPosition = position;
      let canonical: unknown;
      try {
        canonical = JSON.parse(line.canonical);
      } catch {
        canonical = undefined;
      }
      const stated = [
        line.streamId,
        line.revision,
        line.eventId,
        line.type,
        line.data,
        line.metadata,
      ];
      if (!isDeepStrictEqual(canonical, stated))
        report(n, `event ${line.position}: its fields differ from the text its hash covers`);
      const prev = line.prevHash === null ? null : Buffer.from(line.prevHash, 'hex');
      if (line.hash === null || nextEventHash(prev, line.canonical).toString('hex') !== line.hash)
        report(n, `event ${line.position}: hash does not match its content and predecessor`);
      if (revision > 0n && line.prevHash === null)
        report(
          n,
          `event ${line.position}: revision ${line.revision} of ${line.streamId} has no predecessor in the log`,
        );
      const head = heads.get(line.streamId);
      if (head !== undefined && (head.revision !== revision - 1n || head.hash !== line.prevHash))
        report(
          n,
          `event ${line.position}: ${line.streamId} revision ${line.revision} does not follow revision ${head.revision} in this export`,
        );
      heads.set(line.streamId, { revision, hash: line.hash });
      hash = nextLogHash(hash, line.hash === null ? null : Buffer.from(line.hash, 'hex'));
      count++;
      continue;
    }
    const state =
      line.kind === 'anchor'
        ? { position: line.position, eventCount: line.eventCount, logHash: line.logHash }
        : line.end;
    if (line.kind === 'anchor') anchorsChecked++;
    else ended = true;
    const here = hash === null ? null : hash.toString('hex');
    if (state.eventCount !== count.toString() || state.logHash !== here)
      report(
        n,
        `${line.kind === 'anchor' ? `anchor at ${line.position}` : 'end'}: the events give ${count} events and log hash ${here ?? 'none'}, it records ${state.eventCount} and ${state.logHash ?? 'none'} (an event was deleted, inserted or edited)`,
      );
  }
  if (header === undefined) report(n, 'no header line: not an audit export');
  else if (!ended) report(n, 'no end line: the export is truncated');
  return { ok: problems.length === 0, checkedEvents: checked, anchorsChecked, problems };
};
