/** Most decimals a table shows. */
const MAX_DECIMALS = 3;

/** Decimals `value` has (up to MAX_DECIMALS): 58 → 0, 57.5 → 1, 0.583 → 3. */
function decimalsOf(value: number): number {
  for (let decimals = 0; decimals < MAX_DECIMALS; decimals++) {
    const scaled = value * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9) return decimals;
  }
  return MAX_DECIMALS;
}

/**
 * A plain text table: left-aligned text, right-aligned numbers. Every number in a column has the
 * decimals the most precise one needs, so 58 and 57.5 read 58.0 and 57.5, and 0.583 keeps its three.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const decimals = header.map((_, i) =>
    Math.max(0, ...rows.map((row) => (typeof row[i] === 'number' ? decimalsOf(row[i]) : 0))),
  );
  const cells = [
    [...header],
    ...rows.map((row) => row.map((cell, i) => (typeof cell === 'number' ? formatNumber(cell, decimals[i]!) : cell))),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number'));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function formatNumber(value: number, decimals: number): string {
  return value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
