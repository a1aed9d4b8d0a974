import type { PostingKinds } from '@erpcore/application';
import { chartDecider, chartEventC } from '@erpcore/domain';
import type { SqlClient } from '@erpcore/eventstore';
import { chartLoad, chartSnapshotsFor } from '../accounting/chart-snapshots.js';

const kinds = new WeakMap<SqlClient, PostingKinds>();

/**
 * The chart as the posting use cases load it: from the newest snapshot (shared with the
 * accounting routes per client), folding only what came after. One per client.
 */
export const postingKindsFor = (client: SqlClient): PostingKinds => {
  let found = kinds.get(client);
  if (found === undefined) {
    found = {
      chart: {
        initialState: chartDecider.initialState,
        evolve: chartDecider.evolve,
        codec: chartEventC,
        load: chartLoad(chartSnapshotsFor(client)),
      },
    };
    kinds.set(client, found);
  }
  return found;
};
