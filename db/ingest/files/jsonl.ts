import { incomingConversationSchema } from "../schema";
import { linesOf } from "./decode";
import type { ParseOptions, ParsedItem } from "./events";
import { htmlToText } from "./html";

/** Streams JSONL: one conversation (the ingest API's shape, `source` optional) per line. */
export async function* parseJsonl(chunks: AsyncIterable<string>, options: ParseOptions): AsyncGenerator<ParsedItem> {
  for await (const { line, text } of linesOf(chunks)) {
    if (!text.trim() || line < (options.startLine ?? 0)) continue;
    const base = { firstLine: line, rows: 1, safeLine: line + 1 };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { kind: "rejected", ...base, errors: [{ line, field: "(line)", reason: `not valid JSON: ${(error as Error).message}` }] };
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      yield { kind: "rejected", ...base, errors: [{ line, field: "(line)", reason: "each line must be one JSON object (a conversation)" }] };
      continue;
    }
    const record = value as Record<string, unknown>;
    if (record.source === undefined) record.source = options.source;
    if (Array.isArray(record.messages)) {
      for (const message of record.messages) {
        if (message && typeof message === "object" && typeof (message as { body?: unknown }).body === "string") {
          (message as { body: string }).body = htmlToText((message as { body: string }).body);
        }
      }
    }
    const externalId = typeof record.externalId === "string" ? record.externalId : undefined;
    const parsed = incomingConversationSchema.safeParse(record);
    if (parsed.success) yield { kind: "conversation", ...base, conversation: parsed.data };
    else {
      yield {
        kind: "rejected",
        ...base,
        externalId,
        errors: parsed.error.issues.map((issue) => ({ line, field: issue.path.join(".") || "(line)", reason: issue.message, externalId })),
      };
    }
  }
}
