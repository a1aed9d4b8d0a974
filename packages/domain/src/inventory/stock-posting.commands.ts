import type { CalendarDate } from '../accounting/account-values.js';
import type { Id } from '../shared/id.js';
import type { AdjustStock, IssueStock, ReceiveStock } from './stock.commands.js';

/** The movements a warehouse makes on its own (outside purchasing and sales), each posted. */
export type PostedStockCommand = ReceiveStock | IssueStock | AdjustStock;

/**
 * A receipt, issue or count made through the inventory routes, valued and posted: `movementId`
 * names its journal entry (`stock-<id>`), `date` is the day it happened (and the entry's date).
 */
export interface PostStockMovement {
  readonly type: 'PostStockMovement';
  readonly movementId: Id;
  readonly date: CalendarDate;
  readonly movement: PostedStockCommand;
}
