import { stringify } from 'csv-stringify/sync';

/**
 * Every CSV wtfc writes goes through here, so none can be turned against the spreadsheet of the
 * person who opens it (OWASP, "CSV Injection"). A cell that a spreadsheet would read as a formula
 * (one starting with =, +, -, @, a tab or a carriage return, or their full-width forms) gets a
 * leading apostrophe: csv-stringify's `escape_formulas`. A cell that already starts with an
 * apostrophe before one of those gets one more, so the guard can be taken off again exactly:
 * `readGuardedCell` gives back what was written, for the session files wtfc reads itself.
 */
export function writeGuardedCsv(rows: readonly (readonly string[])[], columns?: readonly string[]): string {
  return stringify(
    rows.map((r) => [...r]),
    {
      header: columns !== undefined,
      columns: columns === undefined ? undefined : [...columns],
      record_delimiter: '\n',
      quoted_match: /\r/,
      escape_formulas: true,
      cast: { string: (value) => (guarded(value) ? `'${value}` : value) },
    },
  );
}

const formulaStarts = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** A value that, read back, would lose its first apostrophe unless it gets another. */
function guarded(value: string): boolean {
  return value[0] === "'" && value.length > 1 && (value[1] === "'" || formulaStarts.has(value[1]!));
}

/**
 * One cell as `writeGuardedCsv` writes it, for writers that build lines themselves for speed;
 * tests hold the two to the same bytes.
 */
export function guardCell(value: string): string {
  return guarded(value) || formulaStarts.has(value[0] ?? '') ? `'${value}` : value;
}

/** Takes the guard off a cell of a CSV that `writeGuardedCsv` wrote. */
export function readGuardedCell(cell: string): string {
  return cell[0] === "'" && cell.length > 1 && (cell[1] === "'" || formulaStarts.has(cell[1]!)) ? cell.slice(1) : cell;
}
