import { chartModelFor, type PostingKinds } from '@erpcore/application';
import type { SqlClient } from '@erpcore/eventstore';

/**
 * The chart as the posting use cases load it: the accounting context's model over this client's
 * one snapshot store, shared with the accounting routes.
 */
export const postingKindsFor = (client: SqlClient): PostingKinds => ({
  chart: chartModelFor(client),
});
