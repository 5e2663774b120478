export type FileProblem = "empty" | "too_large" | "not_text" | "not_csv_or_jsonl" | "no_columns" | "missing_columns";

/** One clear reason why a whole file cannot be imported (as opposed to a bad row, which is reported and skipped). */
export class FileRejectedError extends Error {
  constructor(
    readonly problem: FileProblem,
    message: string,
  ) {
    super(message);
    this.name = "FileRejectedError";
  }
}

/** A row (or a conversation) that was not imported, and why. */
export interface RowError {
  line: number | null;
  field: string;
  reason: string;
  externalId?: string | null;
}
