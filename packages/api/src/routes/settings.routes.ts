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
import { doc } from '../http/route-doc.js';
import { LockDateBodyC, PostingAccountsBodyC } from '../settings/settings-bodies.js';
import { executeCommand } from '../http/execute-command.js';

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
  const remapDoc = doc('settings', 'Map posting roles (cash, receivable…) to open accounts');
  app.put('/settings/posting-accounts', { schema: remapDoc }, putAccounts);
  app.post('/settings/posting-accounts', { schema: remapDoc }, putAccounts);
  app.get(
    '/settings/posting-accounts',
    { schema: doc('settings', 'The account each posting role posts to') },
    async () => {
      const { revision, postingAccounts } = await current();
      return { revision, postingAccounts };
    },
  );

  const putLockDate: RouteHandlerMethod = async (request, reply) => {
    const { lockDate } = decodeBody(request, LockDateBodyC);
    return executeCommand(request, reply, setLockDate, { type: 'SetLockDate', lockDate });
  };
  const lockDoc = doc('settings', 'Close the books up to a date (null reopens them)');
  app.post('/settings/lock-date', { schema: lockDoc }, putLockDate);
  app.put('/settings/lock-date', { schema: lockDoc }, putLockDate);
  app.get(
    '/settings/lock-date',
    { schema: doc('settings', 'The last closed day (null: none)') },
    async () => {
      const { revision, lockDate } = await current();
      return { revision, lockDate };
    },
  );
};
