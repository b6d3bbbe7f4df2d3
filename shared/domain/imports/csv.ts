/**
 * RFC 4180 CSV reading: quoted fields (with `""` for a quote and line breaks
 * inside), CRLF or LF, a UTF-8 BOM, and `,` or `;` as the delimiter (German
 * Excel writes `;`), decided by the header line. Small on purpose: the
 * import reads whole files of at most a few megabytes.
 */
export interface CsvRecord {
  /** The file line the record starts on (1 = the header). */
  line: number;
  cells: string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const headerEnd = source.search(/\r?\n/);
  const header = headerEnd === -1 ? source : source.slice(0, headerEnd);
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: CsvRecord[] = [];
  let row: string[] = [];
  let line = 1;
  let startLine = 1;
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (char === "\n") line++;
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"' && field === "") quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      row.push(field);
      rows.push({ line: startLine, cells: row });
      row = [];
      field = "";
      if (char === "\r" && source[i + 1] === "\n") i++;
      line++;
      startLine = line;
    } else field += char;
    i++;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push({ line: startLine, cells: row });
  }
  // Blank lines (a trailing newline, spacing) are no records; the others keep their line numbers.
  return rows.filter((record) => record.cells.some((cell) => cell.trim() !== ""));
}
