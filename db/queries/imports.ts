import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { type ImportKind, type ImportOptions, connectors, importErrors, imports } from "../schema";
import type { RowError } from "../ingest/files/errors";

/** Errors kept per run; past this only the count grows (the report says so). */
export const MAX_STORED_ERRORS = 100_000;

export async function createImport(
  db: Database,
  values: { kind: ImportKind; fileName?: string; filePath?: string; connectorId?: number; options: ImportOptions; allOrNothing?: boolean; createdBy?: string | null },
) {
  const [row] = await db.insert(imports).values(values).returning();
  return row;
}

export async function getImport(db: Database, id: number) {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row ?? null;
}

export async function listImports(db: Database, { limit = 50 }: { limit?: number } = {}) {
  return db
    .select({
      id: imports.id,
      kind: imports.kind,
      status: imports.status,
      fileName: imports.fileName,
      connectorName: connectors.name,
      createdAt: imports.createdAt,
      finishedAt: imports.finishedAt,
      totalBytes: imports.totalBytes,
      bytesProcessed: imports.bytesProcessed,
      rowsProcessed: imports.rowsProcessed,
      created: imports.created,
      updated: imports.updated,
      unchanged: imports.unchanged,
      rejected: imports.rejected,
      errorCount: imports.errorCount,
      failure: imports.failure,
      allOrNothing: imports.allOrNothing,
    })
    .from(imports)
    .leftJoin(connectors, eq(connectors.id, imports.connectorId))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit);
}

/** Runs left "running" by a process that stopped (restart, crash): the scheduler resumes them. */
export async function listUnfinishedImports(db: Database, kinds: ImportKind[]) {
  return db
    .select()
    .from(imports)
    .where(and(inArray(imports.status, ["queued", "running"]), inArray(imports.kind, kinds)))
    .orderBy(asc(imports.id));
}

export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rows: number;
}

/** Adds one committed batch to the run's counts; called inside the batch's transaction. */
export async function recordBatch(
  tx: Database,
  importId: number,
  { counts, errors, resumeLine, bytesProcessed }: { counts: BatchCounts; errors: RowError[]; resumeLine?: number; bytesProcessed?: number },
) {
  if (errors.length) await insertErrors(tx, importId, errors);
  await tx
    .update(imports)
    .set({
      created: sql`${imports.created} + ${counts.created}`,
      updated: sql`${imports.updated} + ${counts.updated}`,
      unchanged: sql`${imports.unchanged} + ${counts.unchanged}`,
      rejected: sql`${imports.rejected} + ${counts.rejected}`,
      rowsProcessed: sql`${imports.rowsProcessed} + ${counts.rows}`,
      errorCount: sql`${imports.errorCount} + ${errors.length}`,
      ...(resumeLine === undefined ? {} : { resumeLine }),
      ...(bytesProcessed === undefined ? {} : { bytesProcessed }),
    })
    .where(eq(imports.id, importId));
}

export async function insertErrors(tx: Database, importId: number, errors: RowError[]) {
  const [{ stored }] = await tx.select({ stored: sql<number>`count(*)::int` }).from(importErrors).where(eq(importErrors.importId, importId));
  const room = Math.max(0, MAX_STORED_ERRORS - stored);
  const kept = errors.slice(0, room);
  for (let start = 0; start < kept.length; start += 1000) {
    await tx.insert(importErrors).values(
      kept.slice(start, start + 1000).map((error) => ({
        importId,
        line: error.line,
        externalId: error.externalId ?? null,
        field: error.field,
        reason: error.reason.slice(0, 2000),
      })),
    );
  }
}

export async function markImportRunning(db: Database, id: number, totalBytes?: number) {
  await db
    .update(imports)
    .set({ status: "running", startedAt: sql`coalesce(${imports.startedAt}, now())`, ...(totalBytes === undefined ? {} : { totalBytes }) })
    .where(eq(imports.id, id));
}

export async function finishImport(db: Database, id: number, outcome: { status: "succeeded" | "failed"; failure?: string | null }) {
  await db
    .update(imports)
    .set({ status: outcome.status, failure: outcome.failure ?? null, finishedAt: new Date() })
    .where(eq(imports.id, id));
}

/** All-or-nothing runs that failed report their counts as zero written: nothing of them is in the database. */
export async function resetCounts(db: Database, id: number, counts: { rejected: number; rows: number; errorCount: number }) {
  await db
    .update(imports)
    .set({ created: 0, updated: 0, unchanged: 0, rejected: counts.rejected, rowsProcessed: counts.rows, errorCount: counts.errorCount })
    .where(eq(imports.id, id));
}

export async function listImportErrors(db: Database, importId: number) {
  return db
    .select({ line: importErrors.line, externalId: importErrors.externalId, field: importErrors.field, reason: importErrors.reason })
    .from(importErrors)
    .where(eq(importErrors.importId, importId))
    .orderBy(asc(importErrors.id));
}
