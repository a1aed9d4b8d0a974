import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequests, demoStatusOf, runSeed, type DemoSize } from '@erpcore/cli';
import type { StoredEvent } from '@erpcore/eventstore';
import { openTestBackend, type TestBackend } from './support/test-server.js';

// Smaller than `erpcore seed --demo` (300 products, 120 orders) to stay fast; same generator.
const size: DemoSize = { products: 24, customers: 6, orders: 16 };

const statusOfLast: Readonly<Record<string, string>> = {
  OrderPlaced: 'pending',
  OrderConfirmed: 'confirmed',
  OrderDelivered: 'delivered',
  OrderCancelled: 'cancelled',
};

describe('erpcore seed --demo on a PostgreSQL schema', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await openTestBackend('postgres', 'seed_demo_e2e');
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('leaves orders in every status, and a second run appends no event', async () => {
    const requests = demoRequests(size);
    const ticks: number[] = [];
    const first = await runSeed(backend, requests, (done) => ticks.push(done));
    expect(first.advanced).toBeGreaterThan(0n);
    expect(ticks.at(-1)).toBe(requests.length);

    const expected: Record<string, number> = {};
    for (let i = 0; i < size.orders; i++) {
      const status = demoStatusOf(i);
      expected[status] = (expected[status] ?? 0) + 1;
    }
    // Paged: a store caps one read. readAll also stops short of positions that transactions
    // elsewhere on the cluster (parallel test files) may still fill, so the last events can show
    // a moment later: read again until the statuses match, or give up after 30 s.
    const readEverything = async (): Promise<StoredEvent[]> => {
      const read: StoredEvent[] = [];
      for (;;) {
        const page = await backend.store.readAll({ fromPosition: read.at(-1)?.position ?? 0n });
        if (page.length === 0) return read;
        read.push(...page);
      }
    };
    const statusCounts = (read: readonly StoredEvent[]): Record<string, number> => {
      const last = new Map<string, string>();
      for (const e of read)
        if (e.streamId.startsWith('order-') && e.type in statusOfLast) last.set(e.streamId, e.type);
      const found: Record<string, number> = {};
      for (const type of last.values()) {
        const status = statusOfLast[type] ?? type;
        found[status] = (found[status] ?? 0) + 1;
      }
      return found;
    };
    let events = await readEverything();
    const deadline = Date.now() + 30_000;
    while (!isDeepStrictEqual(statusCounts(events), expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      events = await readEverything();
    }
    const counts = statusCounts(events);
    expect(counts).toEqual(expected);
    expect(Object.keys(counts).sort()).toEqual(['cancelled', 'confirmed', 'delivered', 'pending']);
    expect(events.some((e) => e.type === 'PaymentRecorded')).toBe(true);
    expect(events.filter((e) => e.streamId.startsWith('product-'))).toHaveLength(size.products);

    const head = await backend.store.headPosition();
    const second = await runSeed(backend, requests);
    expect(second.advanced).toBe(0n);
    expect(await backend.store.headPosition()).toBe(head);
  }, 180_000);
});
