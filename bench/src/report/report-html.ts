import { ratioOf, type Figure, type Section } from './results.js';

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const fmt = (n: number): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: n >= 100 ? 0 : n >= 10 ? 1 : 2 });

/** Two horizontal bars per figure (ours, its baseline), scaled to the pair's larger value. */
const chart = (figures: readonly Figure[]): string => {
  const rowHeight = 18;
  const labelWidth = 330;
  const barWidth = 360;
  const rows: string[] = [];
  let y = 0;
  for (const f of figures) {
    const max = Math.max(f.value, f.baseline?.value ?? 0) || 1;
    const bar = (label: string, value: number, color: string): void => {
      const w = Math.max(1, Math.round((value / max) * barWidth));
      rows.push(
        `<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end">${escape(label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 2}" width="${w}" height="${rowHeight - 4}" fill="${color}"/>`,
        `<text x="${labelWidth + w + 4}" y="${y + 13}">${escape(`${fmt(value)} ${f.unit}`)}</text>`,
      );
      y += rowHeight;
    };
    bar(f.name, f.value, '#2b6cb0');
    if (f.baseline !== undefined) bar(f.baseline.name, f.baseline.value, '#a0aec0');
    y += 8;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 160}" height="${y}" font-family="sans-serif" font-size="12">${rows.join('')}</svg>`;
};

const table = (figures: readonly Figure[]): string => {
  const rows = figures.map((f) => {
    const ratio = ratioOf(f);
    const status = f.met === undefined ? '' : f.met ? '✔ met' : '✘ not met';
    return `<tr><td>${escape(f.name)}</td><td class="n">${fmt(f.value)} ${escape(f.unit)}</td><td>${escape(f.baseline?.name ?? '')}</td><td class="n">${f.baseline === undefined ? '' : `${fmt(f.baseline.value)} ${escape(f.unit)}`}</td><td class="n">${ratio === undefined ? '' : `${ratio.toFixed(2)}×`}</td><td>${escape(f.target ?? '')}</td><td>${status}</td></tr>`;
  });
  return `<table><tr><th>figure</th><th>value</th><th>baseline (same run)</th><th>baseline value</th><th>ratio</th><th>target</th><th></th></tr>${rows.join('')}</table>`;
};

/** The whole report page: self-contained HTML, inline SVG, no script, no CDN. */
export const renderReport = (sections: readonly Section[]): string => {
  const body = sections
    .map(
      (s) =>
        `<section><h2>${escape(s.title)}</h2><p class="meta">npm run bench -- ${escape(s.bench)} · ${escape(s.startedAt)} · ${s.seconds.toFixed(0)} s</p><ul>${s.conditions.map((c) => `<li>${escape(c)}</li>`).join('')}</ul>${table(s.figures)}${chart(s.figures)}</section>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>erpcore benchmarks</title><style>
body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#1a202c}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #cbd5e0;padding:3px 8px;font-size:13px}
td.n{text-align:right;font-variant-numeric:tabular-nums}.meta{color:#718096;font-size:13px}
</style></head><body><h1>erpcore benchmarks</h1><p>Every figure beside its baseline, measured in the same run on the same machine. Blue: erpcore; grey: baseline.</p>
${body}</body></html>
`;
};
