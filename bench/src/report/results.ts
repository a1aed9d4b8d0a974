/**
 * Benchmark results as data: every figure beside its baseline from the same run. Each bench
 * records its section to `bench/results/<bench>.json`; the report page is rebuilt from every
 * JSON file there (report-html.ts), so a partial run still leaves a page.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { renderReport } from './report-html.js';

/** One measured figure and what it is compared to, measured in the same run. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** true when more is better (rates); false for latencies, memory. */
  readonly higherIsBetter: boolean;
  readonly baseline?: { readonly name: string; readonly value: number };
  /** The target the issue sets, in words (e.g. "≥ 20,000 ev/s"). */
  readonly target?: string;
  /** Whether the target is met, when it can be decided from the figures. */
  readonly met?: boolean;
}

export interface Section {
  readonly bench: string;
  readonly title: string;
  /** Sizes, machine, connection counts: what a reader needs to trust the figures. */
  readonly conditions: readonly string[];
  readonly figures: readonly Figure[];
  readonly startedAt: string;
  readonly seconds: number;
}

export const resultsDir = new URL('../../results/', import.meta.url);

/** Writes the section's JSON and rebuilds report.html from every section on disk. */
export const recordSection = async (section: Section): Promise<void> => {
  await mkdir(resultsDir, { recursive: true });
  await writeFile(
    new URL(`${section.bench}.json`, resultsDir),
    `${JSON.stringify(section, null, 2)}\n`,
  );
  const sections: Section[] = [];
  for (const file of (await readdir(resultsDir)).filter((f) => f.endsWith('.json')).sort())
    sections.push(JSON.parse(await readFile(new URL(file, resultsDir), 'utf8')) as Section);
  await writeFile(new URL('report.html', resultsDir), renderReport(sections));
  process.stderr.write(`report: ${new URL('report.html', resultsDir).pathname}\n`);
};

/** A figure's ratio to its baseline (ours / baseline), or undefined. */
export const ratioOf = (f: Figure): number | undefined =>
  f.baseline === undefined || f.baseline.value === 0 ? undefined : f.value / f.baseline.value;
