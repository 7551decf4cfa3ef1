/**
 * A plain text table: left-aligned text, right-aligned numbers. A column holding any fraction shows
 * every number in it with two decimals, so 58 and 57.5 read 58.00 and 57.50, not 58 and 57.50.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const fractional = header.map((_, i) => rows.some((row) => typeof row[i] === 'number' && !Number.isInteger(row[i])));
  const cells = [
    [...header],
    ...rows.map((row) =>
      row.map((cell, i) => (typeof cell === 'number' ? formatNumber(cell, fractional[i] === true) : cell)),
    ),
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

function formatNumber(value: number, decimals: boolean): string {
  return decimals ? value.toFixed(2) : value.toLocaleString('en-GB');
}
