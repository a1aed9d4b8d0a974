import { accountTypeSchema } from './accounting-schemas.js';
import { closedObject, dateText, decimalText, text } from './response-schemas.js';

const sums = {
  accountId: text,
  name: text,
  path: text,
  type: accountTypeSchema,
  debit: decimalText,
  credit: decimalText,
  balance: decimalText,
};
const list = (item: object) => ({ type: 'array', items: item });

/** `GET /v1/reports/trial-balance`. */
export const trialBalanceSchema = closedObject({
  // null without `at`: every posting so far.
  at: { type: ['string', 'null'], format: 'date' },
  accounts: list(closedObject(sums)),
  totalDebit: decimalText,
  totalCredit: decimalText,
});

const amountLine = closedObject({ ...sums, amount: decimalText });

/** `GET /v1/reports/profit-and-loss`. */
export const profitAndLossSchema = closedObject({
  from: dateText,
  to: dateText,
  income: list(amountLine),
  expenses: list(amountLine),
  totalIncome: decimalText,
  totalExpenses: decimalText,
  netResult: decimalText,
});

const sheetLine = closedObject({ accountId: text, name: text, path: text, amount: decimalText });

/** `GET /v1/reports/balance-sheet`. */
export const balanceSheetSchema = closedObject({
  at: dateText,
  assets: list(sheetLine),
  liabilities: list(sheetLine),
  equity: list(sheetLine),
  currentResult: decimalText,
  totalAssets: decimalText,
  totalLiabilities: decimalText,
  totalEquity: decimalText,
});

const agingBuckets = {
  current: decimalText,
  days31To60: decimalText,
  days61To90: decimalText,
  over90: decimalText,
  total: decimalText,
};
const nextCursor = { anyOf: [{ type: 'string' }, { type: 'null' }] };

/** `GET /v1/reports/aging`: totals over every party, lines one page of them. */
export const agingSchema = closedObject({
  party: { type: 'string', enum: ['customer', 'supplier'] },
  at: dateText,
  ...agingBuckets,
  lines: list(closedObject({ partyId: text, ...agingBuckets })),
  nextCursor,
});

/** `GET /v1/reports/stock-valuation`: the total over every line selected, lines one page. */
export const stockValuationSchema = closedObject({
  lines: list(
    closedObject({
      productId: text,
      warehouseId: text,
      onHand: decimalText,
      value: decimalText,
      unitCost: decimalText,
    }),
  ),
  nextCursor,
  totalValue: decimalText,
});
