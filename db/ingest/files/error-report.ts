import type { RowError } from "./errors";

function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  // A leading = + - @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The rejected rows of a run as CSV (UTF-8 with BOM, so spreadsheets open the accents right). */
export function errorReportCsv(errors: readonly RowError[]): string {
  const lines = ["line,conversation_id,field,reason", ...errors.map((e) => [e.line, e.externalId, e.field, e.reason].map(csvCell).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
