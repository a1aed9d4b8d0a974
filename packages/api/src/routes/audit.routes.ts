import type { FastifyPluginAsync } from 'fastify';
import { decodeOr400 } from '../http/decode.js';
import { validationFailed } from '../http/http-error.js';
import { defaultListLimit } from '../http/list-query.js';
import { doc } from '../http/route-doc.js';
import {
  decodeCursor,
  encodeCursor,
  LogQueryC,
  StateQueryC,
  StreamEventsQueryC,
  StreamParamsC,
} from '../audit/audit-queries.js';
import { eventJson, undecodedPage } from '../audit/event-json.js';
import { replayState, type ReplayPoint } from '../audit/replay-state.js';
import { auditModelFor } from '../audit/stream-models.js';
import { httpError } from '../http/http-error-codes.js';
import { eventPageSchema, replayedStateSchema, verifySchema } from '../openapi/audit-schemas.js';

/** Audit routes are for auditors and admins; operators may not read the raw log. */
const auditRoles = 'Roles: `auditor` or `admin` (not `operator`).';

const audit = { access: 'audit' } as const;

const cursorOr400 = (cursor: string | undefined): bigint | undefined => {
  if (cursor === undefined) return undefined;
  const value = decodeCursor(cursor);
  if (value === undefined)
    throw validationFailed([{ path: 'query.cursor', message: 'not a cursor this API issued' }]);
  return value;
};

/**
 * The auditor's view (API.md, audit): the raw event log by stream and in global order, any
 * stream's decider state at a past position or time, and tamper verification. These read the
 * event store itself, not read models, so `X-Min-Position` does not apply: what is committed and
 * visible is answered.
 */
export const auditRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/streams/:streamId/events',
    {
      schema: doc('audit', 'Events of one stream, oldest first', {
        operationId: 'listStreamEvents',
        role: 'auditor',
        description: auditRoles,
        params: StreamParamsC,
        query: StreamEventsQueryC,
        responses: { 200: eventPageSchema },
        errors: ['not_found'],
      }),
      config: audit,
    },
    async (request) => {
      const { streamId } = decodeOr400(StreamParamsC, request.params, 'params');
      const query = decodeOr400(StreamEventsQueryC, request.query, 'query');
      const limit = query.limit ?? defaultListLimit;
      const from = cursorOr400(query.cursor) ?? query.fromRevision ?? 0n;
      const events = await app.erp.store.readStream(streamId, {
        fromRevision: from,
        maxCount: limit + 1,
      });
      if (events.length === 0) {
        // Empty past the end of a stream is an empty page; a stream with no events is unknown.
        const last = await app.erp.store.readStream(streamId, {
          direction: 'backwards',
          maxCount: 1,
        });
        if (last.length === 0) throw httpError('not_found', `no stream ${streamId}`);
      }
      const page = events.slice(0, limit);
      const next = events.length > limit ? page[page.length - 1] : undefined;
      return {
        items: page.map(eventJson),
        nextCursor: next === undefined ? null : encodeCursor(next.revision + 1n),
      };
    },
  );

  app.get(
    '/events',
    {
      schema: doc('audit', 'The global event log in order', {
        operationId: 'listEvents',
        role: 'auditor',
        description: `\`after\`: a global position (exclusive). ${auditRoles}`,
        query: LogQueryC,
        responses: { 200: eventPageSchema },
      }),
      config: audit,
    },
    async (request) => {
      const query = decodeOr400(LogQueryC, request.query, 'query');
      const limit = query.limit ?? defaultListLimit;
      const after = cursorOr400(query.cursor) ?? query.after ?? 0n;
      // A row that does not decode ends the page as stored; the cursor then always goes on past it.
      const { events, cut } = await app.erp.store
        .readAll({ fromPosition: after, maxCount: limit + 1 })
        .then(
          (read) => ({ events: read, cut: false }),
          (error: unknown) => ({ events: undecodedPage(error), cut: true }),
        );
      const page = events.slice(0, limit);
      const next = events.length > limit || cut ? page[page.length - 1] : undefined;
      return {
        items: page.map(eventJson),
        nextCursor: next === undefined ? null : encodeCursor(next.position),
      };
    },
  );

  app.get(
    '/audit/state/:streamId',
    {
      schema: doc('audit', "A stream's decider state at a past position or time", {
        operationId: 'getStreamState',
        role: 'auditor',
        description: `\`atPosition\` (global position, inclusive) or \`asOf\` (ISO time of the events, inclusive); neither: the latest state. \`revision\` is null when the stream had no event yet at that point. ${auditRoles}`,
        params: StreamParamsC,
        query: StateQueryC,
        responses: { 200: replayedStateSchema },
        errors: ['not_found'],
      }),
      config: audit,
    },
    async (request) => {
      const { streamId } = decodeOr400(StreamParamsC, request.params, 'params');
      const query = decodeOr400(StateQueryC, request.query, 'query');
      if (query.atPosition !== undefined && query.asOf !== undefined)
        throw validationFailed([
          { path: 'query.asOf', message: 'give atPosition or asOf, not both' },
        ]);
      const model = auditModelFor(streamId);
      if (model === undefined) throw httpError('not_found', `no stream ${streamId}`);
      const point: ReplayPoint =
        query.atPosition !== undefined
          ? { kind: 'position', position: query.atPosition }
          : query.asOf !== undefined
            ? { kind: 'time', at: query.asOf }
            : { kind: 'latest' };
      const replayed = await replayState(app.erp.store, model, streamId, point);
      if (!replayed.exists) throw httpError('not_found', `no stream ${streamId}`);
      return {
        streamId,
        revision: replayed.revision === null ? null : replayed.revision.toString(),
        state: model.toJson(replayed.state),
      };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: doc('audit', 'Tamper evidence: recompute every event hash', {
        operationId: 'verifyLog',
        role: 'auditor',
        responses: { 200: verifySchema },
        errors: ['not_implemented'],
        description:
          auditRoles +
          ' Recomputes the hash chain of every stream over the whole log. `firstBrokenPosition`: the first event (global order) that was edited or whose predecessor was deleted; `brokenStreamId`: its stream, or a stream whose tail was deleted. `firstBrokenAnchor`: the first anchor the events no longer reproduce (any deleted event, even a whole stream with its head row); `unanchoredEvents`: events after the newest anchor.',
      }),
      config: audit,
    },
    async () => {
      const result = await app.erp.store.verify?.();
      if (result === undefined)
        throw httpError('not_implemented', 'this event store cannot verify its log');
      return {
        ok: result.ok,
        checkedEvents: result.checkedEvents,
        brokenEvents: result.brokenEvents,
        ...(result.firstBrokenPosition === undefined
          ? {}
          : { firstBrokenPosition: result.firstBrokenPosition.toString() }),
        ...(result.brokenStreamId === undefined ? {} : { brokenStreamId: result.brokenStreamId }),
        // Anchors (docs/audit.md): a deleted stream, head row and all, breaks the first one after it.
        ...(result.anchorsChecked === undefined ? {} : { anchorsChecked: result.anchorsChecked }),
        ...(result.unanchoredEvents === undefined
          ? {}
          : { unanchoredEvents: result.unanchoredEvents }),
        ...(result.firstBrokenAnchor === undefined
          ? {}
          : {
              firstBrokenAnchor: {
                position: result.firstBrokenAnchor.position.toString(),
                eventCount: result.firstBrokenAnchor.eventCount.toString(),
                logHash: result.firstBrokenAnchor.logHash,
              },
            }),
      };
    },
  );
};
