import type { IncomingConversation } from "../schema";
import type { RowError } from "./errors";

/** What a file parser hands to the import: a valid conversation, or a rejected one with its reasons. */
export type ParsedItem =
  | { kind: "conversation"; conversation: IncomingConversation; firstLine: number; rows: number; safeLine: number }
  | { kind: "rejected"; externalId?: string; errors: RowError[]; firstLine: number; rows: number; safeLine: number };

// safeLine: every row before this line has been handed over, so an interrupted import can resume there.

export interface ParseOptions {
  /** Source recorded on conversations that do not name one (a `source` column or JSON field). */
  source: string;
  /** IANA zone for dates without one. */
  timeZone: string;
  /** Channel for files without a channel column. */
  channel?: string;
  /** Rows before this line were imported by an earlier, interrupted run. */
  startLine?: number;
}
