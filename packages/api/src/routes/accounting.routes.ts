import type { FastifyPluginAsync } from 'fastify';
import { accountingModule, chartModelFor, closeAccount } from '@erpcore/application';
import { getAccount, listAccounts } from '@erpcore/projections';
import {
  AccountListQueryC,
  decodeJournalEntryBody,
  EmptyBodyC,
  AccountParamsC,
  EntryParamsC,
  MoveAccountBodyC,
  OpenAccountBodyC,
  RenameAccountBodyC,
  ReverseEntryBodyC,
} from '../accounting/accounting-bodies.js';
import { accountJson } from '../accounting/account-json.js';
import { decodeOr400 } from '../http/decode.js';
import { decodeBody, recordDecodedBody } from '../http/idempotency.js';
import { defaultListLimit } from '../http/list-query.js';
import { awaitReads } from '../http/min-position.js';
import { executeCommand } from '../http/execute-command.js';
import { doc } from '../http/route-doc.js';
import { httpError } from '../http/http-error-codes.js';

/** The chart of accounts and the journal (API.md, Accounting). */
export const accountingRoutes: FastifyPluginAsync = async (app) => {
  // Over this client's one chart snapshot store (the chart's newest state stays in this process).
  const useCases = accountingModule.useCases(app.erp.client);
  // Refused while a posting role maps to the account (docs/settings.md).
  const close = closeAccount(chartModelFor(app.erp.client));

  app.post(
    '/accounts',
    { schema: doc('accounting', 'Open an account') },
    async (request, reply) => {
      const body = decodeBody(request, OpenAccountBodyC);
      const command = {
        type: 'OpenAccount',
        id: body.id,
        name: body.name,
        accountType: body.type,
        parentId: body.parentId ?? null,
      } as const;
      return executeCommand(request, reply, useCases.accountCommand, command, { created: true });
    },
  );

  app.post(
    '/accounts/:id/rename',
    { schema: doc('accounting', 'Rename an account (its whole subtree’s paths change)') },
    async (request, reply) => {
      const { id } = decodeOr400(AccountParamsC, request.params, 'params');
      const { name } = decodeBody(request, RenameAccountBodyC);
      return executeCommand(request, reply, useCases.accountCommand, {
        type: 'RenameAccount',
        id,
        name,
      });
    },
  );

  app.post(
    '/accounts/:id/move',
    {
      schema: doc(
        'accounting',
        'Move an account and its subtree under another parent or to the root',
      ),
    },
    async (request, reply) => {
      const { id } = decodeOr400(AccountParamsC, request.params, 'params');
      const { parentId } = decodeBody(request, MoveAccountBodyC);
      return executeCommand(request, reply, useCases.accountCommand, {
        type: 'MoveAccount',
        id,
        parentId,
      });
    },
  );

  app.post(
    '/accounts/:id/close',
    {
      schema: doc('accounting', 'Close an account with a zero rolled-up balance and no open child'),
    },
    async (request, reply) => {
      const { id } = decodeOr400(AccountParamsC, request.params, 'params');
      decodeOr400(EmptyBodyC, request.body ?? {}, 'body');
      return executeCommand(request, reply, close, { type: 'CloseAccount', id });
    },
  );

  app.post(
    '/journal-entries',
    { schema: doc('accounting', 'Post a balanced journal entry') },
    async (request, reply) => {
      const body = recordDecodedBody(request, decodeJournalEntryBody(request.body));
      const command = { type: 'PostJournalEntry', ...body } as const;
      return executeCommand(request, reply, useCases.postJournalEntry, command, { created: true });
    },
  );

  app.post(
    '/journal-entries/:id/reverse',
    { schema: doc('accounting', 'Reverse a posted entry (once)') },
    async (request, reply) => {
      const { id } = decodeOr400(EntryParamsC, request.params, 'params');
      const { date } = decodeBody(request, ReverseEntryBodyC);
      const command = { type: 'ReverseJournalEntry', id, date } as const;
      return executeCommand(request, reply, useCases.reverseJournalEntry, command);
    },
  );

  app.get(
    '/accounts/:id',
    { schema: doc('accounting', 'An account with its full path and balances') },
    async (request) => {
      const { id } = decodeOr400(AccountParamsC, request.params, 'params');
      await awaitReads(request, getAccount);
      const account = await getAccount(app.erp.db, id);
      if (account === undefined) throw httpError('not_found', `no account ${id}`);
      return accountJson(account);
    },
  );

  app.get(
    '/accounts',
    { schema: doc('accounting', 'Accounts in path order, optionally one subtree') },
    async (request) => {
      const query = decodeOr400(AccountListQueryC, request.query, 'query');
      await awaitReads(request, listAccounts);
      const page = await listAccounts(app.erp.db, {
        under: query.under,
        limit: query.limit ?? defaultListLimit,
        cursor: query.cursor,
      });
      // An existing account always starts its own subtree: an empty first page means no such account.
      if (query.under !== undefined && query.cursor === undefined && page.items.length === 0)
        throw httpError('not_found', `no account ${query.under}`);
      return { items: page.items.map(accountJson), nextCursor: page.nextCursor };
    },
  );
};
