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

/** `GET /v1/reports/aging`. */
export const agingSchema = closedObject({
  party: { type: 'string', enum: ['customer', 'supplier'] },
  at: dateText,
  lines: list(
    closedObject({
      partyId: text,
      current: decimalText,
      days31To60: decimalText,
      days61To90: decimalText,
      over90: decimalText,
      total: decimalText,
    }),
  ),
  total: decimalText,
});

/** `GET /v1/reports/stock-valuation`. */
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
  totalValue: decimalText,
});
