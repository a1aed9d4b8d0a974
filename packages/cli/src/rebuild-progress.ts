/** One progress report of a rebuild. */
export interface RebuildTick {
  readonly done: number;
  readonly total: number;
  /** Milliseconds since the rebuild started. */
  readonly elapsedMs: number;
}

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
};

/** `12,000/50,000 events (24.0%) · 8,100 ev/s · 0:05 left` — what the terminal shows. */
export const formatRebuildProgress = (
  { done, total, elapsedMs }: RebuildTick,
  /** What is counted (`requests` for seeding); the rate reads `<abbrev>/s`. */
  unit: { readonly name: string; readonly abbrev: string } = { name: 'events', abbrev: 'ev' },
): string => {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const percent = total > 0 ? ((Math.min(done, total) / total) * 100).toFixed(1) : '100.0';
  const left = rate > 0 ? duration((total - done) / rate) : '?';
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  return `${n(done)}/${n(total)} ${unit.name} (${percent}%) · ${n(rate)} ${unit.abbrev}/s · ${left} left`;
};
