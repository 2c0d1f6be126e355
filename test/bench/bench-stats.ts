/** Percentiles, number formats and a plain text table, for the benchmarks' printed figures. */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of ascending `sorted` (q in 0..1); NaN when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

/** Milliseconds with two decimals below 10 ms, one below 1 s, whole above; "–" when not measured. */
export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (value < 10) return value.toFixed(2);
  if (value < 1000) return value.toFixed(1);
  return value.toFixed(0);
}

export function seconds(millis: number): string {
  return `${(millis / 1000).toFixed(2)} s`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export interface Column<T> {
  title: string;
  value: (row: T) => string;
  /** Right-aligned (numbers); left otherwise. */
  right?: boolean;
}

/** A table as lines of text: a header, a rule, one line per row, columns padded to their widest cell. */
export function table<T>(columns: readonly Column<T>[], rows: readonly T[]): string[] {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.title)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
}
