// RFC 4180 CSV, safe to open in a spreadsheet.

export type CsvValue = string | number | boolean | Date | null | undefined | readonly string[];

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

// A cell starting with one of these is run as a formula by Excel and LibreOffice; prefixing an
// apostrophe makes it text, so a workflow named "=HYPERLINK(…)" cannot act on the reader's machine.
const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];

function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join("; ");
  return String(value);
}

export function csvCell(value: CsvValue): string {
  let text = cellText(value);
  const isText = typeof value === "string" || Array.isArray(value);
  if (isText && FORMULA_TRIGGERS.some((trigger) => text.startsWith(trigger))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header line and one line per row, CRLF-terminated as RFC 4180 asks. */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => csvCell(column.header)).join(",")];
  for (const row of rows) lines.push(columns.map((column) => csvCell(column.value(row))).join(","));
  return lines.join("\r\n") + "\r\n";
}
