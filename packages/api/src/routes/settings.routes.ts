import type { FastifyPluginAsync, RouteHandlerMethod } from 'fastify';
import {
  chartModelFor,
  setLockDate,
  setPostingAccounts,
  settingsModel,
} from '@erpcore/application';
import { settingsStreamId } from '@erpcore/domain';
import { loadStream } from '@erpcore/eventstore';
import { decodeBody } from '../http/idempotency.js';
import { commandDoc, doc } from '../http/route-doc.js';
import { LockDateBodyC, PostingAccountsBodyC } from '../settings/settings-bodies.js';
import { executeCommand } from '../http/execute-command.js';
import { commandAnswerSchema, nullableText } from '../openapi/response-schemas.js';
import {
  lockDateViewSchema,
  postingAccountsSchema,
  postingAccountsViewSchema,
} from '../openapi/settings-schemas.js';

/**
 * Company settings on `settings-main`: the posting accounts automatic postings go to (docs/
 * settings.md) and the lock date. Commands run on the application executor; the reads load the
 * stream itself (a handful of events), so they are current without waiting for a projection.
 */
export const settingsRoutes: FastifyPluginAsync = async (app) => {
  const remap = setPostingAccounts(chartModelFor(app.erp.client));
  const current = async () => {
    const loaded = await loadStream(app.erp.store, settingsStreamId(), settingsModel);
    return { revision: loaded.revision.toString(), ...loaded.state };
  };

  const putAccounts: RouteHandlerMethod = async (request, reply) => {
    const accounts = decodeBody(request, PostingAccountsBodyC);
    return executeCommand(request, reply, remap, { type: 'SetPostingAccounts', accounts });
  };
  const remapDoc = (operationId: string) =>
    commandDoc('settings', 'Map posting roles (cash, receivable…) to open accounts', {
      operationId,
      description: 'Roles left out keep their account. PUT and POST do the same.',
      body: PostingAccountsBodyC,
      example: { cash: '1010', receivable: '1100' },
      responses: { 200: commandAnswerSchema({ postingAccounts: postingAccountsSchema }) },
      errors: ['unknown_account', 'account_closed'],
    });
  app.put('/settings/posting-accounts', { schema: remapDoc('setPostingAccounts') }, putAccounts);
  app.post(
    '/settings/posting-accounts',
    { schema: remapDoc('setPostingAccountsByPost') },
    putAccounts,
  );
  app.get(
    '/settings/posting-accounts',
    {
      schema: doc('settings', 'The account each posting role posts to', {
        operationId: 'getPostingAccounts',
        role: 'auditor',
        responses: { 200: postingAccountsViewSchema },
      }),
    },
    async () => {
      const { revision, postingAccounts } = await current();
      return { revision, postingAccounts };
    },
  );

  const putLockDate: RouteHandlerMethod = async (request, reply) => {
    const { lockDate } = decodeBody(request, LockDateBodyC);
    return executeCommand(request, reply, setLockDate, { type: 'SetLockDate', lockDate });
  };
  const lockDoc = (operationId: string) =>
    commandDoc('settings', 'Close the books up to a date (null reopens them)', {
      operationId,
      description: 'PUT and POST do the same.',
      body: LockDateBodyC,
      example: { lockDate: '2024-03-31' },
      responses: { 200: commandAnswerSchema({ lockDate: nullableText }) },
    });
  app.post('/settings/lock-date', { schema: lockDoc('setLockDateByPost') }, putLockDate);
  app.put('/settings/lock-date', { schema: lockDoc('setLockDate') }, putLockDate);
  app.get(
    '/settings/lock-date',
    {
      schema: doc('settings', 'The last closed day (null: none)', {
        operationId: 'getLockDate',
        role: 'auditor',
        responses: { 200: lockDateViewSchema },
      }),
    },
    async () => {
      const { revision, lockDate } = await current();
      return { revision, lockDate };
    },
  );
};
