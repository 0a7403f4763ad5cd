// Numbers and how they are printed: percentiles over samples, and the target table every benchmark ends with.
import os from 'node:os';

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

export function seconds(valueMs: number): string {
  return `${(valueMs / 1000).toFixed(2)} s`;
}

/** One measured value against its target; `met` is information for the reader, never an exit code. */
export interface TargetRow {
  target: string;
  measured: string;
  goal: string;
  /** Absent for rows that only explain another row (a breakdown, a variant). */
  met?: boolean;
}

export function printTable(title: string, rows: readonly TargetRow[]): void {
  const headers = ['target', 'measured', 'goal', 'met'];
  const cells = rows.map((row) => [
    row.target,
    row.measured,
    row.goal,
    row.met === undefined ? '' : row.met ? 'yes' : 'NO',
  ]);
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((cell) => cell[i]!.length)));
  const line = (values: string[]) => values.map((value, i) => value.padEnd(widths[i]!)).join('  ');
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const cell of cells) console.log(line(cell));
}

/** What the numbers were measured on: other work on a 2-core machine moves them a lot. */
export function printEnvironment(): void {
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  console.log(
    `node ${process.version} · ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}) · load average ${load}`,
  );
}
