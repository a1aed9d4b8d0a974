import { describe, expect, it } from 'vitest';
import { allowedMethods } from './allowed-methods.js';

const routes = [
  { method: 'GET', url: '/v1/orders' },
  { method: 'POST', url: '/v1/orders' },
  { method: 'GET', url: '/v1/orders/:id' },
  { method: 'POST', url: '/v1/orders/:id/confirm' },
  { method: 'GET', url: '/docs/static/*' },
  { method: 'OPTIONS', url: '*' },
];

describe('allowedMethods', () => {
  it('lists the methods of every route matching the path, the catch-all included', () => {
    expect(allowedMethods(routes, '/v1/orders')).toEqual(['GET', 'OPTIONS', 'POST']);
    expect(allowedMethods(routes, '/v1/orders/O.1')).toEqual(['GET', 'OPTIONS']);
    expect(allowedMethods(routes, '/v1/orders/O-1/confirm')).toEqual(['OPTIONS', 'POST']);
    expect(allowedMethods(routes, '/docs/static/a/b.js')).toEqual(['GET', 'OPTIONS']);
  });

  it('knows no path only a catch-all matches', () => {
    expect(allowedMethods(routes, '/v1/nothing')).toEqual([]);
    expect(allowedMethods(routes, '/v1/orders/O-1/confirm/x')).toEqual([]);
    expect(allowedMethods(routes, '/v1/ordersX')).toEqual([]);
  });
});
