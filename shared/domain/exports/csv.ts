import type { Options } from "csv-stringify";
import type { Cell } from "./datasets.ts";

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV
 * injection"): `=`, `+`, `-`, `@`, and tab / carriage return, which some
 * programs strip before looking.
 */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * A text cell that a spreadsheet would evaluate gets a leading `'`, which
 * makes it text. Numbers are left alone: `-3` points is a number, not a
 * formula. (A phone number `+49…` is text, so it becomes `'+49…`.)
 */
export function neutraliseFormula(value: Cell): Cell {
  if (typeof value !== "string") return value;
  return formulaStart.test(value) ? `'${value}` : value;
}

export type CsvDelimiter = "," | ";";

/**
 * csv-stringify options for an export: UTF-8 BOM (so Excel reads umlauts),
 * the chosen delimiter (`;` for German Excel), RFC 4180 quoting (fields with
 * the delimiter, a quote or a line break are quoted, quotes doubled) and CRLF
 * line ends, a header row with the columns.
 */
export function csvOptions(columns: readonly string[], delimiter: CsvDelimiter): Options {
  return {
    bom: true,
    delimiter,
    header: true,
    columns: [...columns],
    record_delimiter: "windows",
    quote: '"',
    // csv-stringify quotes only the configured record delimiter (CRLF); a bare LF or CR inside a
    // cell must be quoted too, or a spreadsheet starts a new row there.
    quoted_match: /[\r\n]/,
    escape: '"',
    cast: {
      // Numbers in the file as the code has them (no locale); null as an empty cell.
      number: (value) => String(value),
      string: (value) => String(neutraliseFormula(value)),
    },
  };
}
