import type { FastifyPluginAsync } from 'fastify';
import { accountingModule, chartModelFor, closeAccount } from '@erpcore/application';
import { getAccount, listAccounts } from '@erpcore/projections';
import {
  AccountListQueryC,
  decodeJournalEntryBody,
  JournalEntryBodyC,
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
import { commandDoc, doc } from '../http/route-doc.js';
import { httpError } from '../http/http-error-codes.js';
import { accountSchema } from '../openapi/accounting-schemas.js';
import { readHeaders } from '../openapi/header-schemas.js';
import { commandAnswerSchema, pageSchema } from '../openapi/response-schemas.js';
import { readDbOf } from '../plugins/statement-count.plugin.js';

/** The chart of accounts and the journal (API.md, Accounting). */
export const accountingRoutes: FastifyPluginAsync = async (app) => {
  // Over this client's one chart snapshot store (the chart's newest state stays in this process).
  const useCases = accountingModule.useCases(app.erp.client);
  // Refused while a posting role maps to the account (docs/settings.md).
  const close = closeAccount(chartModelFor(app.erp.client));

  app.post(
    '/accounts',
    {
      schema: commandDoc('accounting', 'Open an account', {
        operationId: 'openAccount',
        body: OpenAccountBodyC,
        example: { id: '1000', name: 'Cash', type: 'asset', parentId: null },
        responses: { 201: commandAnswerSchema() },
        errors: [
          'unknown_account',
          'account_closed',
          'duplicate_account_name',
          'invalid_transition',
          'limit_exceeded',
        ],
      }),
    },
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
    {
      schema: commandDoc('accounting', 'Rename an account (its whole subtree’s paths change)', {
        operationId: 'renameAccount',
        params: AccountParamsC,
        body: RenameAccountBodyC,
        example: { name: 'Cash at bank' },
        responses: { 200: commandAnswerSchema() },
        errors: ['not_found', 'account_closed', 'duplicate_account_name'],
      }),
    },
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
      schema: commandDoc(
        'accounting',
        'Move an account and its subtree under another parent or to the root',
        {
          operationId: 'moveAccount',
          params: AccountParamsC,
          body: MoveAccountBodyC,
          example: { parentId: '1000' },
          responses: { 200: commandAnswerSchema() },
          errors: [
            'not_found',
            'unknown_account',
            'account_closed',
            'account_cycle',
            'duplicate_account_name',
            'invalid_transition',
          ],
        },
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
      schema: commandDoc(
        'accounting',
        'Close an account with a zero rolled-up balance and no open child',
        {
          operationId: 'closeAccount',
          params: AccountParamsC,
          body: EmptyBodyC,
          example: {},
          responses: { 200: commandAnswerSchema() },
          errors: ['not_found', 'account_closed', 'invalid_transition', 'unbalanced_entry'],
        },
      ),
    },
    async (request, reply) => {
      const { id } = decodeOr400(AccountParamsC, request.params, 'params');
      decodeOr400(EmptyBodyC, request.body ?? {}, 'body');
      return executeCommand(request, reply, close, { type: 'CloseAccount', id });
    },
  );

  app.post(
    '/journal-entries',
    {
      schema: commandDoc('accounting', 'Post a balanced journal entry', {
        operationId: 'postJournalEntry',
        description:
          'Each line carries exactly one of `debit` and `credit`; debits and credits must balance.',
        body: JournalEntryBodyC,
        example: {
          id: 'JE-1',
          date: '2024-05-01',
          description: 'Owner investment',
          lines: [
            { accountId: '1000', debit: '500.00' },
            { accountId: '3000', credit: '500.00' },
          ],
        },
        responses: { 201: commandAnswerSchema() },
        errors: [
          'unbalanced_entry',
          'unknown_account',
          'account_closed',
          'period_locked',
          'limit_exceeded',
        ],
      }),
    },
    async (request, reply) => {
      const body = recordDecodedBody(request, decodeJournalEntryBody(request.body));
      const command = { type: 'PostJournalEntry', ...body } as const;
      return executeCommand(request, reply, useCases.postJournalEntry, command, { created: true });
    },
  );

  app.post(
    '/journal-entries/:id/reverse',
    {
      schema: commandDoc('accounting', 'Reverse a posted entry (once)', {
        operationId: 'reverseJournalEntry',
        params: EntryParamsC,
        body: ReverseEntryBodyC,
        example: { date: '2024-05-31' },
        responses: { 200: commandAnswerSchema() },
        errors: ['not_found', 'invalid_transition', 'account_closed', 'period_locked'],
      }),
    },
    async (request, reply) => {
      const { id } = decodeOr400(EntryParamsC, request.params, 'params');
      const { date } = decodeBody(request, ReverseEntryBodyC);
      const command = { type: 'ReverseJournalEntry', id, date } as const;
      return executeCommand(request, reply, useCases.reverseJournalEntry, command);
    },
  );

  app.get(
    '/accounts/:id',
    {
      schema: doc('accounting', 'An account with its full path and balances', {
        operationId: 'getAccount',
        role: 'auditor',
        headers: readHeaders,
        params: AccountParamsC,
        responses: { 200: accountSchema },
        errors: ['not_found', 'projection_lagging'],
        serializeFromSchema: true,
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const { id } = decodeOr400(AccountParamsC, request.params, 'params');
      await awaitReads(request, getAccount);
      const account = await getAccount(readDbOf(request), id);
      if (account === undefined) throw httpError('not_found', `no account ${id}`);
      return accountJson(account);
    },
  );

  app.get(
    '/accounts',
    {
      schema: doc('accounting', 'Accounts in path order, optionally one subtree', {
        operationId: 'listAccounts',
        role: 'auditor',
        description: '`under`: only that account and its descendants (404 for an unknown account).',
        headers: readHeaders,
        query: AccountListQueryC,
        responses: { 200: pageSchema(accountSchema) },
        errors: ['not_found', 'projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const query = decodeOr400(AccountListQueryC, request.query, 'query');
      await awaitReads(request, listAccounts);
      const page = await listAccounts(readDbOf(request), {
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
