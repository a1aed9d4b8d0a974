import { eventStoreContract } from '../event-store.contract.js';
import { createInMemoryEventStore } from './in-memory-event-store.js';

eventStoreContract('in-memory', async () => {
  const store = createInMemoryEventStore();
  return { store, teardown: () => store.close() };
});
