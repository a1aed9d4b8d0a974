import { eventStoreContract } from '../event-store.contract.js';
import { connectKurrentDb, createKurrentDbEventStore } from './kurrentdb-event-store.js';

/**
 * The shared contract against a real KurrentDB, when TEST_EVENTSTORE_URL names one (e.g.
 * `kurrentdb://127.0.0.1:2113?tls=false`; README.md has the `docker run` line). Without it the
 * suite is reported as skipped, also under REQUIRE_SERVICES=1: no KurrentDB server can be
 * installed where this suite normally runs. A separate variable from the application's
 * EVENTSTORE_URL, so a test run never writes into a deployment's log. The suite writes streams
 * named `<case>-<uuid>` and reads `$all` only after the head it found at start, so a server
 * shared with earlier runs does.
 */
const url = process.env['TEST_EVENTSTORE_URL'];

eventStoreContract(
  'KurrentDB',
  async () => {
    const client = connectKurrentDb(url ?? '');
    const store = createKurrentDbEventStore(client, { closeClient: true });
    return { store, teardown: () => store.close(), startPosition: await store.headPosition() };
  },
  { skip: url === undefined || url === '', densePositions: false, verify: false },
);
