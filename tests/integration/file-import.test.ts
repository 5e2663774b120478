import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { runFileImport } from "../../db/ingest/files/run-import";
import { createImport, getImport, listImportErrors } from "../../db/queries/imports";
import { conversations, messages } from "../../db/schema";
import { createTestDatabase, testDrivers } from "../helpers/db";

const dir = mkdtempSync(path.join(tmpdir(), "qa-import-"));
function csvFile(name: string, rows: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, ["conversation_id,channel,agent_email,customer_id,author_role,sent_at,body", ...rows].join("\n"));
  return file;
}

/** Ten conversations of two messages each. */
const TEN = Array.from({ length: 10 }, (_, i) => [
  `R-${i},chat,agente${i % 3}@acme.test,C-${i},customer,2026-03-02T09:0${i}:00Z,Hola, tengo un problema con el pedido ${i}`,
  `R-${i},chat,,,agent,2026-03-02T09:1${i}:00Z,Lo reviso ahora mismo`,
]).flat();

describe.each(testDrivers)("file imports on %s", (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await handle.close();
  });

  const options = { source: "csv", timeZone: "Europe/Madrid" };
  const snapshot = async () => ({
    conversations: await handle.db.select().from(conversations).orderBy(asc(conversations.externalId)),
    messages: Number((await handle.db.select({ n: count() }).from(messages))[0].n),
  });

  it("imports the sample file, records the run, and a second run of the same file changes nothing", async () => {
    const filePath = path.resolve("public/samples/conversations.csv");
    const first = await runFileImport(handle.db, (await createImport(handle.db, { kind: "csv", filePath, fileName: "conversations.csv", options })).id);
    expect(first).toMatchObject({ status: "succeeded", created: 2, updated: 0, rejected: 0, errorCount: 0, rowsProcessed: 6, resumeLine: 9 });
    expect(first.bytesProcessed).toBe(first.totalBytes);
    const before = await snapshot();
    const second = await runFileImport(handle.db, (await createImport(handle.db, { kind: "csv", filePath, options })).id);
    expect(second).toMatchObject({ status: "succeeded", created: 0, updated: 0, unchanged: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it("skips bad rows, imports the rest and keeps every rejected row with line, field and reason", async () => {
    const filePath = csvFile("bad.csv", [
      "B-1,email,ana@acme.test,C-1,customer,2026-03-02T09:00:00Z,Hola",
      "B-2,email,ana@acme.test,C-2,customer,no es fecha,Hola",
      "B-3,email,ana@acme.test,C-3,customer,2026-03-02T09:00:00Z,Hola",
    ]);
    const run = await runFileImport(handle.db, (await createImport(handle.db, { kind: "csv", filePath, options })).id);
    expect(run).toMatchObject({ status: "succeeded", created: 2, rejected: 1, errorCount: 1 });
    expect(await listImportErrors(handle.db, run.id)).toEqual([
      { line: 3, externalId: "B-2", field: "sent_at", reason: expect.stringContaining("is not a date") },
    ]);
  });

  it("all or nothing: one bad row and nothing of the file is written", async () => {
    const before = await snapshot();
    const filePath = csvFile("strict.csv", [...TEN.map((row) => row.replace("R-", "S-")), "S-99,email,x@acme.test,C-1,customer,2026-13-45,Hola"]);
    const run = await runFileImport(
      handle.db,
      (await createImport(handle.db, { kind: "csv", filePath, options, allOrNothing: true })).id,
      { batchConversations: 3 },
    );
    expect(run).toMatchObject({ status: "failed", created: 0, rejected: 1, errorCount: 1, failure: expect.stringContaining("nothing was imported") });
    expect(await listImportErrors(handle.db, run.id)).toEqual([{ line: 22, externalId: "S-99", field: "sent_at", reason: expect.any(String) }]);
    expect(await snapshot()).toEqual(before);
  });

  it("a run interrupted after some batches leaves whole batches and resumes to the same final state", async () => {
    const filePath = csvFile("resume.csv", TEN);
    const { id } = await createImport(handle.db, { kind: "csv", filePath, options });
    let batches = 0;
    const crashAfterTwoBatches = () => {
      batches++;
      if (batches === 2) throw new Error("process killed");
    };
    const interrupted = await runFileImport(handle.db, id, { batchConversations: 3, onProgress: crashAfterTwoBatches });
    expect(interrupted.status).toBe("failed");
    const partial = (await snapshot()).conversations.filter((c) => c.externalId.startsWith("R-"));
    expect(partial).toHaveLength(6);
    expect(partial.every((c) => c.messageCount === 2)).toBe(true);
    expect(interrupted).toMatchObject({ created: 6, resumeLine: 14 });

    const resumed = await runFileImport(handle.db, id, { batchConversations: 3 });
    expect(resumed).toMatchObject({ status: "succeeded", created: 10, rowsProcessed: 20, failure: null });
    const afterResume = await snapshot();
    expect(afterResume.conversations.filter((c) => c.externalId.startsWith("R-"))).toHaveLength(10);

    const rerun = await runFileImport(handle.db, (await createImport(handle.db, { kind: "csv", filePath, options })).id);
    expect(rerun).toMatchObject({ created: 0, unchanged: 10 });
    expect(await snapshot()).toEqual(afterResume);
  });

  it("fails a file that is not CSV with one clear message", async () => {
    const filePath = path.join(dir, "sheet.xlsx");
    writeFileSync(filePath, Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]));
    const run = await runFileImport(handle.db, (await createImport(handle.db, { kind: "csv", filePath, options })).id);
    expect(run).toMatchObject({ status: "failed", failure: expect.stringContaining("Excel"), created: 0 });
    expect(await getImport(handle.db, run.id)).toMatchObject({ errorCount: 0 });
  });
});
