import type { Database } from "../../client";
import { type BatchCounts, finishImport, getImport, insertErrors, markImportRunning, recordBatch, resetCounts } from "../../queries/imports";
import type { Import } from "../../schema";
import type { IncomingConversation } from "../schema";
import { writeConversationBatch } from "../upsert";
import { parseCsv } from "./csv";
import { openTextFile } from "./decode";
import { FileRejectedError, type RowError } from "./errors";
import type { ParsedItem } from "./events";
import { parseJsonl } from "./jsonl";

export interface LiveProgress {
  importId: number;
  rows: number;
  bytes: number;
  totalBytes: number;
  counts: BatchCounts;
  errors: number;
}

export interface RunOptions {
  /** Conversations per transaction. */
  batchConversations?: number;
  /** Messages per transaction (long email threads make batches heavy before they are many). */
  batchMessages?: number;
  onProgress?: (progress: LiveProgress) => void;
}

class AllOrNothingRollback extends Error {}

/** Errors kept in memory by an all-or-nothing run until it knows whether it will commit. */
const MAX_HELD_ERRORS = 10_000;

/**
 * Runs (or resumes) a file import recorded in `imports`. Each batch of conversations is written in one
 * transaction together with the run's counts, its rejected rows and the line to resume from, so a run
 * killed at any point leaves only whole batches and continues where it stopped. All-or-nothing runs write
 * everything in one transaction and roll back if any row was rejected.
 */
export async function runFileImport(db: Database, importId: number, options: RunOptions = {}): Promise<Import> {
  const record = await getImport(db, importId);
  if (!record) throw new Error(`import ${importId} does not exist`);
  if (!record.filePath) throw new Error(`import ${importId} has no file`);
  const maxBytes = record.options.maxBytes ?? (Number(process.env.IMPORT_MAX_BYTES) || undefined);

  let file: Awaited<ReturnType<typeof openTextFile>>;
  try {
    file = await openTextFile(record.filePath, { maxBytes });
  } catch (error) {
    const failure = error instanceof FileRejectedError ? error.message : `The file could not be read: ${(error as Error).message}`;
    await finishImport(db, importId, { status: "failed", failure });
    return (await getImport(db, importId))!;
  }
  await markImportRunning(db, importId, file.totalBytes);
  const parseOptions = { source: record.options.source, timeZone: record.options.timeZone, channel: record.options.channel, startLine: record.resumeLine };
  const items = file.format === "csv" ? parseCsv(file.chunks, parseOptions) : parseJsonl(file.chunks, parseOptions);
  const batchConversations = options.batchConversations ?? 500;
  const batchMessages = options.batchMessages ?? 5000;

  const live: LiveProgress = {
    importId,
    rows: record.rowsProcessed,
    bytes: record.bytesProcessed,
    totalBytes: file.totalBytes,
    counts: { created: record.created, updated: record.updated, unchanged: record.unchanged, rejected: record.rejected, rows: record.rowsProcessed },
    errors: record.errorCount,
  };

  const consume = async (target: Database, atomic: boolean) => {
    let conversations: IncomingConversation[] = [];
    let messages = 0;
    let errors: RowError[] = [];
    let rejected = 0;
    let rows = 0;
    let safeLine: number | undefined;
    const held: RowError[] = [];

    // One batch is written while the next is parsed (two cores: the parser and the database work at once).
    // Batches still commit in file order: each write waits for the previous one, and a failed write stops the rest.
    let inFlight: Promise<void> | null = null;

    const flush = async () => {
      if (!conversations.length && !errors.length && !rows) return;
      const batch = conversations;
      const batchErrors = errors;
      const batchRows = rows;
      const batchSafeLine = safeLine;
      const counts: BatchCounts = { created: 0, updated: 0, unchanged: 0, rejected, rows };
      conversations = [];
      errors = [];
      messages = 0;
      rejected = 0;
      rows = 0;
      const write = async (tx: Database) => {
        for (const result of await writeConversationBatch(tx, batch)) counts[result.status]++;
        if (atomic) {
          held.push(...batchErrors.slice(0, Math.max(0, MAX_HELD_ERRORS - held.length)));
          await recordBatch(tx, importId, { counts, errors: [] });
        } else {
          await recordBatch(tx, importId, { counts, errors: batchErrors, resumeLine: batchSafeLine, bytesProcessed: file.bytesRead() });
        }
      };
      const previous = inFlight;
      const current = (async () => {
        if (previous) await previous;
        if (atomic) await write(target);
        else await target.transaction((tx) => write(tx as unknown as Database));
        for (const key of ["created", "updated", "unchanged", "rejected", "rows"] as const) live.counts[key] += counts[key];
        live.rows += batchRows;
        live.errors += batchErrors.length;
        live.bytes = file.bytesRead();
        options.onProgress?.({ ...live, counts: { ...live.counts } });
      })();
      // Observed when the next batch (or the end) awaits it; this only keeps Node from calling it unhandled meanwhile.
      current.catch(() => {});
      inFlight = current;
      if (previous) await previous;
    };

    for await (const item of items as AsyncIterable<ParsedItem>) {
      rows += item.rows;
      safeLine = item.safeLine;
      if (item.kind === "conversation") {
        conversations.push(item.conversation);
        messages += item.conversation.messages.length;
      } else {
        rejected++;
        errors.push(...item.errors);
      }
      if (conversations.length >= batchConversations || messages >= batchMessages || errors.length >= 1000) await flush();
    }
    await flush();
    await inFlight;
    return { held, rejected: live.counts.rejected - record.rejected };
  };

  try {
    if (record.allOrNothing) {
      let outcome: Awaited<ReturnType<typeof consume>> | undefined;
      try {
        await db.transaction(async (tx) => {
          outcome = await consume(tx as unknown as Database, true);
          if (outcome.rejected > 0) throw new AllOrNothingRollback();
        });
      } catch (error) {
        if (!(error instanceof AllOrNothingRollback) || !outcome) throw error;
        // error_count counts every rejected row, also those past the in-memory cap.
        await resetCounts(db, importId, { rejected: outcome.rejected, rows: live.rows, errorCount: live.errors });
        await insertErrors(db, importId, outcome.held);
        await finishImport(db, importId, { status: "failed", failure: `All or nothing: ${outcome.rejected} conversation(s) had errors, so nothing was imported.` });
        return (await getImport(db, importId))!;
      }
    } else {
      await consume(db, false);
    }
    await finishImport(db, importId, { status: "succeeded" });
  } catch (error) {
    const failure = error instanceof FileRejectedError ? error.message : `The import stopped: ${(error as Error).message}`;
    await finishImport(db, importId, { status: "failed", failure });
  }
  return (await getImport(db, importId))!;
}
