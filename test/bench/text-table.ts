/**
 * Plain-text tables for the benchmark's stdout (and the README): columns padded to the
 * widest cell, numbers right-aligned, no colours so the output pastes anywhere.
 */

/** Renders `rows` under `headers`; the first column is left-aligned, the rest right-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** A number with `digits` decimals, or an em dash for missing/NaN values. */
export function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** A signed difference (`+0.112`), or an em dash. */
export function signed(value: number | undefined, digits: number): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}

/** A share (0–1) as a percentage with `digits` decimals (`3.26%`), or an em dash. */
export function percentage(share: number | undefined, digits: number): string {
  return share === undefined || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(digits)}%`;
}

/** Bytes as mebibytes with one decimal, or an em dash. */
export function mebibytes(bytes: number | undefined): string {
  return bytes === undefined || !Number.isFinite(bytes) ? '—' : (bytes / (1024 * 1024)).toFixed(1);
}

/** Integer with thousands separators (`25,310`), or an em dash. */
export function integer(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : Math.round(value).toLocaleString('en-US');
}
