/**
 * A progress line on stderr: done/total, rate and ETA. On a terminal it rewrites one line; in a
 * log (CI) it prints a line at most every `logEveryMs`, so stdout stays clean for the figures.
 */
export interface Progress {
  /** Reports `done` units of `total`, with an optional note (the current case). */
  update(done: number, note?: string): void;
  finish(note?: string): void;
}

const formatSeconds = (s: number): string =>
  Number.isFinite(s)
    ? s >= 60
      ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s`
      : `${s.toFixed(0)}s`
    : '?';

export const createProgress = (
  label: string,
  total: number,
  options: { unit?: string; logEveryMs?: number } = {},
): Progress => {
  const started = performance.now();
  const tty = process.stderr.isTTY === true;
  const unit = options.unit ?? '';
  let lastPrint = 0;
  const line = (done: number, note: string | undefined): string => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    const pct = total > 0 ? Math.min(100, (100 * done) / total) : 100;
    return `${label}: ${done.toLocaleString('en-US', { maximumFractionDigits: 0 })}/${total.toLocaleString('en-US')}${unit} (${pct.toFixed(0)}%) ${rate.toFixed(1)}${unit}/s ETA ${formatSeconds(eta)}${note === undefined ? '' : ` — ${note}`}`;
  };
  return {
    update: (done, note) => {
      const now = performance.now();
      if (tty) {
        if (now - lastPrint < 100) return;
        process.stderr.write(`\r\x1b[K${line(done, note)}`);
      } else {
        if (now - lastPrint < (options.logEveryMs ?? 2000)) return;
        process.stderr.write(`${line(done, note)}\n`);
      }
      lastPrint = now;
    },
    finish: (note) => {
      process.stderr.write(
        `${tty ? '\r\x1b[K' : ''}${label}: done in ${formatSeconds((performance.now() - started) / 1000)}${note === undefined ? '' : ` — ${note}`}\n`,
      );
    },
  };
};

/** A horizontal ASCII bar of `value` relative to `max`. */
export const bar = (value: number, max: number, width = 40): string => {
  const n = max > 0 ? Math.round((value / max) * width) : 0;
  return '#'.repeat(Math.max(0, Math.min(width, n))).padEnd(width, '.');
};
