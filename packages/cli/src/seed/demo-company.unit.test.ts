import { describe, expect, it } from 'vitest';
import { parseSeedArgs } from '../commands/seed.js';
import { UsageError } from '../usage-error.js';
import { defaultDemoSize, demoRequests } from './demo-company.js';

describe('the demo company', () => {
  const requests = demoRequests();

  it('is the same list on every call, with one distinct key per request', () => {
    expect(demoRequests()).toEqual(requests);
    expect(new Set(requests.map((r) => r.key)).size).toBe(requests.length);
  });

  it('has the promised size: products in pcs, m and kg, three warehouses, every order', () => {
    const bodies = (url: string) => requests.filter((r) => r.url === url).map((r) => r.body);
    const products = bodies('/v1/products');
    expect(products).toHaveLength(defaultDemoSize.products);
    expect(new Set(products.map((p) => p['unit']))).toEqual(new Set(['pcs', 'm', 'kg']));
    expect(bodies('/v1/warehouses')).toHaveLength(3);
    expect(bodies('/v1/orders')).toHaveLength(defaultDemoSize.orders);
    expect(bodies('/v1/customers')).toHaveLength(defaultDemoSize.customers);
    expect(bodies('/v1/journal-entries')).toHaveLength(2);
  });

  it('is asked for with --demo and nothing else', () => {
    expect(parseSeedArgs(['--demo'])).toEqual({ demo: true });
    expect(() => parseSeedArgs([])).toThrow(UsageError);
    expect(() => parseSeedArgs(['--demo', 'x'])).toThrow(/unknown argument "x"/);
    expect(() => parseSeedArgs(['--full'])).toThrow(/unknown argument "--full"/);
  });
});
