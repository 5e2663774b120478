/** Encoding of values for PostgreSQL's COPY text format. */

function escapeCopy(value: string): string {
  return value.replace(/[\\\n\r\t]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t"));
}

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

export type CopyValue = string | number | boolean | Date | null | readonly string[];

export function copyField(value: CopyValue): string {
  if (value === null) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeCopy(arrayLiteral(value));
  if (typeof value === "boolean") return value ? "t" : "f";
  return escapeCopy(String(value));
}

export function copyRow(values: readonly CopyValue[]): string {
  return `${values.map(copyField).join("\t")}\n`;
}
