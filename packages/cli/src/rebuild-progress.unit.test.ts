import { describe, expect, it } from 'vitest';
import { formatRebuildProgress } from './rebuild-progress.js';

describe('formatRebuildProgress', () => {
  it('shows done/total, percentage, rate and time left', () => {
    expect(formatRebuildProgress({ done: 12_000, total: 50_000, elapsedMs: 1500 })).toBe(
      '12,000/50,000 events (24.0%) · 8,000 ev/s · 0:05 left',
    );
  });

  it('copes with the start (no rate yet) and an empty log', () => {
    expect(formatRebuildProgress({ done: 0, total: 10, elapsedMs: 0 })).toBe(
      '0/10 events (0.0%) · 0 ev/s · ? left',
    );
    expect(formatRebuildProgress({ done: 0, total: 0, elapsedMs: 5 })).toBe(
      '0/0 events (100.0%) · 0 ev/s · ? left',
    );
  });

  it('shows hours for long rebuilds', () => {
    expect(formatRebuildProgress({ done: 1000, total: 4_601_000, elapsedMs: 1000 })).toContain(
      '1:16:40 left',
    );
  });
});
