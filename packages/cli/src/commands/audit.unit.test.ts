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
