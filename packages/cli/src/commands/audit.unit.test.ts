import { describe, expect, it } from 'vitest';
import { AuditUsageError, parseAuditArgs } from './audit.js';

describe('parseAuditArgs', () => {
  it('reads verify and state with at most one point', () => {
    expect(parseAuditArgs(['verify'])).toEqual({ kind: 'verify' });
    expect(parseAuditArgs(['state', 'order-O1'])).toEqual({
      kind: 'state',
      streamId: 'order-O1',
      point: { kind: 'latest' },
    });
    expect(parseAuditArgs(['state', 'order-O1', '--at-position', '42'])).toMatchObject({
      point: { kind: 'position', position: 42n },
    });
    expect(parseAuditArgs(['state', 'order-O1', '--as-of', '2024-05-01T12:00:00Z'])).toMatchObject({
      point: { kind: 'time', at: new Date('2024-05-01T12:00:00Z') },
    });
  });

  it.each([
    [[]],
    [['verify', 'extra']],
    [['state']],
    [['state', '--at-position', '1']],
    [['state', 'order-O1', '--at-position', '-1']],
    [['state', 'order-O1', '--as-of', 'yesterday']],
    [['state', 'order-O1', '--at-position', '1', '--as-of', '2024-01-01T00:00:00Z']],
    [['replay', 'order-O1']],
  ])('refuses %j', (args) => {
    expect(() => parseAuditArgs(args)).toThrow(AuditUsageError);
  });
});

describe('parseAuditArgs: anchor, export, replay, verify --file', () => {
  it('reads them', () => {
    expect(parseAuditArgs(['anchor'])).toEqual({ kind: 'anchor' });
    expect(parseAuditArgs(['verify', '--file', 'x.jsonl'])).toEqual({
      kind: 'verify-file',
      file: 'x.jsonl',
    });
    expect(parseAuditArgs(['export', '--from', '12', '--to', '2024-05-01T00:00:00Z'])).toEqual({
      kind: 'export',
      from: { kind: 'position', position: 12n },
      to: { kind: 'time', at: new Date('2024-05-01T00:00:00Z') },
    });
    expect(parseAuditArgs(['replay'])).toEqual({ kind: 'replay' });
    expect(parseAuditArgs(['replay', '--projection', 'warehouses'])).toEqual({
      kind: 'replay',
      projection: 'warehouses',
    });
  });

  it.each([
    [['anchor', 'now']],
    [['verify', '--file']],
    [['verify', '--fil', 'x']],
    [['export', '--from', 'yesterday']],
    [['export', '--from', '1', '--from', '2']],
    [['export', '--until', '1']],
    [['replay', '--projection']],
    [['replay', '--projection', 'nope']],
  ])('refuses %j', (args) => {
    expect(() => parseAuditArgs(args)).toThrow(AuditUsageError);
  });
});
