import { Money } from '@erpcore/domain';
import type { AccountView } from '@erpcore/projections';

/** An account as API.md shows it: money as decimal strings. */
export const accountJson = (a: AccountView) => ({
  id: a.id,
  name: a.name,
  type: a.type,
  parentId: a.parentId,
  path: a.path,
  depth: a.depth,
  balance: Money.format(a.balance),
  rolledUpBalance: Money.format(a.rolledUpBalance),
  closed: a.closed,
});
