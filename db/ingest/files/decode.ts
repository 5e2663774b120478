import { createReadStream } from "node:fs";
import type { Transform } from "node:stream";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import iconv from "iconv-lite";
import { FileRejectedError } from "./errors";
import { DEFAULT_MAX_BYTES, formatBytes } from "./limits";

export type FileFormat = "csv" | "jsonl";
export type TextEncoding = "utf8" | "utf16le" | "utf16be" | "windows-1252";

export interface TextFile {
  format: FileFormat;
  encoding: TextEncoding;
  totalBytes: number;
  /** Decoded text in chunks, read as it is consumed (constant memory). */
  chunks: AsyncIterable<string>;
  bytesRead(): number;
}

const SNIFF_BYTES = 64 * 1024;

function sniffEncoding(head: Buffer): { encoding: TextEncoding; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf8", bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf16le", bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf16be", bomLength: 2 };
  // UTF-16 without a BOM: ASCII text then has a zero byte in every other position.
  const sample = head.subarray(0, Math.min(head.length, 4096));
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? evenZeros++ : oddZeros++;
  const half = sample.length / 2;
  if (oddZeros > half * 0.3 && evenZeros === 0) return { encoding: "utf16le", bomLength: 0 };
  if (evenZeros > half * 0.3 && oddZeros === 0) return { encoding: "utf16be", bomLength: 0 };
  if (evenZeros + oddZeros > 0) throw notText();
  // Spreadsheets on Windows still save "CSV" in Windows-1252: invalid UTF-8 means that, not garbage.
  const decoded = head.toString("utf8");
  const cutAtEnd = head.length === SNIFF_BYTES ? decoded.slice(0, -4) : decoded;
  return { encoding: cutAtEnd.includes("\uFFFD") ? "windows-1252" : "utf8", bomLength: 0 };
}

function notText(): FileRejectedError {
  return new FileRejectedError("not_text", "This is not a text file: export the data as CSV (or JSONL) and upload that file.");
}

const MAGIC: [string, Buffer][] = [
  ["an Excel or other zipped file", Buffer.from("PK\u0003\u0004", "latin1")],
  ["a PDF", Buffer.from("%PDF", "latin1")],
  ["an old Excel file", Buffer.from([0xd0, 0xcf, 0x11, 0xe0])],
  ["a gzip file", Buffer.from([0x1f, 0x8b])],
];

/**
 * Opens an upload for import: checks its size, recognises its encoding from the BOM (UTF-8, UTF-16 LE/BE)
 * or its bytes, and its format from the content (a line starting with `{` is JSONL, else CSV), so a file
 * that is empty, too large or not CSV/JSONL gets one clear error before any row is read.
 */
export async function openTextFile(filePath: string, { maxBytes = DEFAULT_MAX_BYTES }: { maxBytes?: number } = {}): Promise<TextFile> {
  const { size } = await stat(filePath);
  if (size === 0) throw new FileRejectedError("empty", "The file is empty.");
  if (size > maxBytes) {
    throw new FileRejectedError("too_large", `The file is ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)} (IMPORT_MAX_BYTES). Split it into smaller files.`);
  }
  const handle = await open(filePath, "r");
  const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  for (const [what, magic] of MAGIC) {
    if (head.subarray(0, magic.length).equals(magic)) {
      throw new FileRejectedError("not_csv_or_jsonl", `This looks like ${what}, not CSV or JSONL: export the data as CSV (UTF-8) and upload that.`);
    }
  }
  const { encoding, bomLength } = sniffEncoding(head);
  const text = iconv.decode(head.subarray(bomLength), encoding);
  const firstChar = text.trimStart()[0];
  if (firstChar === undefined) throw new FileRejectedError("empty", "The file has no content (only blank lines).");
  const format = detectFormat(filePath, firstChar);

  let read = bomLength;
  const raw = createReadStream(filePath, { start: bomLength, highWaterMark: 256 * 1024 });
  raw.on("data", (chunk) => {
    read += chunk.length;
  });
  const decoded = raw.pipe(iconv.decodeStream(encoding) as unknown as Transform);
  raw.on("error", (error) => decoded.destroy(error));
  return { format, encoding, totalBytes: size, chunks: decoded as AsyncIterable<string>, bytesRead: () => read };
}

function detectFormat(filePath: string, firstChar: string): FileFormat {
  const extension = path.extname(filePath).toLowerCase();
  if (firstChar === "[") {
    throw new FileRejectedError("not_csv_or_jsonl", "This is a JSON array; JSONL is expected: one conversation per line, each line a JSON object.");
  }
  if (firstChar === "{") return "jsonl";
  if (extension === ".jsonl" || extension === ".ndjson") {
    throw new FileRejectedError("not_csv_or_jsonl", "The file is named .jsonl but its first line is not a JSON object.");
  }
  if (firstChar === "<") {
    throw new FileRejectedError("not_csv_or_jsonl", "This looks like HTML or XML, not CSV or JSONL.");
  }
  return "csv";
}


/** Splits decoded chunks into lines with their 1-based numbers, for line-oriented formats. */
export async function* linesOf(chunks: AsyncIterable<string>): AsyncGenerator<{ line: number; text: string }> {
  let buffer = "";
  let line = 0;
  for await (const chunk of chunks) {
    buffer += chunk;
    let start = 0;
    let newline = buffer.indexOf("\n", start);
    while (newline !== -1) {
      line++;
      yield { line, text: buffer.slice(start, newline).replace(/\r$/, "") };
      start = newline + 1;
      newline = buffer.indexOf("\n", start);
    }
    buffer = buffer.slice(start);
  }
  if (buffer.length) yield { line: line + 1, text: buffer.replace(/\r$/, "") };
}
