import type { FastifyPluginAsync } from 'fastify';
import * as t from 'io-ts';
import { CalendarDateC, Money, ProductIdC, WarehouseIdC } from '@erpcore/domain';
import {
  agingReads,
  agingReport,
  balanceSheet,
  ledgerReportReads,
  profitAndLoss,
  stockValuationReads,
  stockValuationReport,
  trialBalance,
  type AccountSums,
  type BalanceSheetLine,
} from '@erpcore/projections';
import { decodeOr400, strictObject } from '../http/decode.js';
import { defaultListLimit, listQueryProps } from '../http/list-query.js';
import { awaitReads } from '../http/min-position.js';
import { doc } from '../http/route-doc.js';
import { readHeaders } from '../openapi/header-schemas.js';
import {
  agingSchema,
  balanceSheetSchema,
  profitAndLossSchema,
  stockValuationSchema,
  trialBalanceSchema,
} from '../openapi/reports-schemas.js';
import { agingPageJson, stockValuationPageJson } from './report-page-json.js';
import { readDbOf } from '../plugins/statement-count.plugin.js';

// What Fastify sends for an object answer; the two paged reports send their JSON as text.
const jsonType = 'application/json; charset=utf-8';

const TrialBalanceQueryC = strictObject('TrialBalanceQuery', {}, { at: CalendarDateC });
const PeriodQueryC = strictObject('PeriodQuery', { from: CalendarDateC, to: CalendarDateC });
const AtQueryC = strictObject('AtQuery', {}, { at: CalendarDateC });
const AgingQueryC = strictObject(
  'AgingQuery',
  { party: t.keyof({ customer: null, supplier: null }) },
  { at: CalendarDateC, ...listQueryProps },
);
const StockValuationQueryC = strictObject(
  'StockValuationQuery',
  {},
  { warehouseId: WarehouseIdC, productId: ProductIdC, ...listQueryProps },
);

/**
 * Financial reports and stock valuation (issue 14): each is ONE statement over its read model
 * (`ledger_daily` + `account_tree`, `party_aging`, `stock_valuation`); `X-Min-Position` waits
 * for exactly the projections each reads. Dates are calendar days; `at` defaults to today (UTC).
 * Aging and stock valuation list a page of lines (`limit`, `cursor`, `nextCursor`, as lists do)
 * beside totals over every line, which their read models keep summed.
 */
export const reportsRoutes: FastifyPluginAsync = async (app) => {
  const today = () => app.erp.now().toISOString().slice(0, 10);

  app.get(
    '/reports/trial-balance',
    {
      schema: doc('reports', 'Every account’s debits and credits (up to `at`, inclusive)', {
        operationId: 'getTrialBalance',
        role: 'auditor',
        headers: readHeaders,
        query: TrialBalanceQueryC,
        responses: { 200: trialBalanceSchema },
        errors: ['projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const query = decodeOr400(TrialBalanceQueryC, request.query, 'query');
      await awaitReads(request, ledgerReportReads);
      const report = await trialBalance(
        readDbOf(request),
        query.at === undefined ? {} : { asOf: query.at },
      );
      return {
        at: report.asOf,
        accounts: report.accounts.map(sumsJson),
        totalDebit: Money.format(report.totalDebit),
        totalCredit: Money.format(report.totalCredit),
      };
    },
  );

  app.get(
    '/reports/profit-and-loss',
    {
      schema: doc('reports', 'Income and expenses from `from` to `to` (inclusive)', {
        operationId: 'getProfitAndLoss',
        role: 'auditor',
        headers: readHeaders,
        query: PeriodQueryC,
        responses: { 200: profitAndLossSchema },
        errors: ['projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const { from, to } = decodeOr400(PeriodQueryC, request.query, 'query');
      await awaitReads(request, ledgerReportReads);
      const report = await profitAndLoss(readDbOf(request), { from, to });
      const line = (l: AccountSums & { readonly amount: Money }) => ({
        ...sumsJson(l),
        amount: Money.format(l.amount),
      });
      return {
        from,
        to,
        income: report.income.map(line),
        expenses: report.expenses.map(line),
        totalIncome: Money.format(report.totalIncome),
        totalExpenses: Money.format(report.totalExpenses),
        netResult: Money.format(report.netResult),
      };
    },
  );

  app.get(
    '/reports/balance-sheet',
    {
      schema: doc('reports', 'Assets, liabilities and equity at the end of `at`', {
        operationId: 'getBalanceSheet',
        role: 'auditor',
        headers: readHeaders,
        query: AtQueryC,
        responses: { 200: balanceSheetSchema },
        errors: ['projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const query = decodeOr400(AtQueryC, request.query, 'query');
      await awaitReads(request, ledgerReportReads);
      const report = await balanceSheet(readDbOf(request), query.at ?? today());
      const lines = (ls: readonly BalanceSheetLine[]) =>
        ls.map((l) => ({ ...l, amount: Money.format(l.amount) }));
      return {
        at: report.asOf,
        assets: lines(report.assets),
        liabilities: lines(report.liabilities),
        equity: lines(report.equity),
        currentResult: Money.format(report.currentResult),
        totalAssets: Money.format(report.totalAssets),
        totalLiabilities: Money.format(report.totalLiabilities),
        totalEquity: Money.format(report.totalEquity),
      };
    },
  );

  app.get(
    '/reports/aging',
    {
      schema: doc('reports', 'Customer or supplier aging: 0–30, 31–60, 61–90, over 90 days', {
        operationId: 'getAging',
        description:
          'The totals are over every party of the kind; `lines` is one page of the parties owing (or owed), by id.',
        role: 'auditor',
        headers: readHeaders,
        query: AgingQueryC,
        responses: { 200: agingSchema },
        errors: ['projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request, reply) => {
      const query = decodeOr400(AgingQueryC, request.query, 'query');
      await awaitReads(request, agingReads);
      const report = await agingReport(readDbOf(request), query.party, query.at ?? today(), {
        limit: query.limit ?? defaultListLimit,
        cursor: query.cursor,
      });
      return reply.type(jsonType).send(agingPageJson(report));
    },
  );

  app.get(
    '/reports/stock-valuation',
    {
      schema: doc('reports', 'Stock on hand and its value per product and warehouse', {
        operationId: 'getStockValuation',
        description:
          '`totalValue` is over every line the filters select; `lines` is one page of them, by warehouse then product.',
        role: 'auditor',
        headers: readHeaders,
        query: StockValuationQueryC,
        responses: { 200: stockValuationSchema },
        errors: ['projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request, reply) => {
      const query = decodeOr400(StockValuationQueryC, request.query, 'query');
      await awaitReads(request, stockValuationReads);
      const report = await stockValuationReport(readDbOf(request), {
        ...query,
        limit: query.limit ?? defaultListLimit,
      });
      return reply.type(jsonType).send(stockValuationPageJson(report));
    },
  );
};

const sumsJson = (a: AccountSums) => ({
  accountId: a.accountId,
  name: a.name,
  path: a.path,
  type: a.type,
  debit: Money.format(a.debit),
  credit: Money.format(a.credit),
  balance: Money.format(a.balance),
});
