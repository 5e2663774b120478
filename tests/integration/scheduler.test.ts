import { randomBytes } from "node:crypto";
import path from "node:path";
import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { resumeAfterRestart, runDueSyncs, settleJobs } from "../../db/ingest/jobs";
import { findBySourceId } from "../../db/ingest/upsert";
import { createConnector, getConnector } from "../../db/queries/connectors";
import { createImport, getImport } from "../../db/queries/imports";
import { connectors, imports } from "../../db/schema";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { zendeskAccount, zendeskComment, zendeskHandlers, zendeskTicket } from "../msw/zendesk";

const zendesk = zendeskAccount();
zendesk.tickets = [zendeskTicket(501)];
zendesk.comments.set(501, [zendeskComment(1, 20978392, "Hola, ¿dónde está mi pedido?", "2026-03-02T09:00:00Z")]);
const server = setupServer(...zendeskHandlers(zendesk));

beforeAll(() => {
  process.env.CONNECTOR_SECRET_KEY = randomBytes(32).toString("hex");
  server.listen({ onUnhandledRequest: "error" });
});
afterAll(() => server.close());

describe.each(testDrivers)("the import scheduler on %s", (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await handle.close();
  });

  it("runs a connector when its stored next run is due, then schedules the next one", async () => {
    const { id } = await createConnector(handle.db, {
      kind: "zendesk",
      name: "Zendesk",
      subdomain: zendesk.subdomain,
      credentials: { email: zendesk.email, apiToken: zendesk.apiToken },
      scheduleMinutes: 30,
    });
    const manual = await createConnector(handle.db, {
      kind: "zendesk",
      name: "Manual",
      subdomain: zendesk.subdomain,
      credentials: { email: zendesk.email, apiToken: zendesk.apiToken },
      scheduleMinutes: null,
    });
    expect(await runDueSyncs(handle.db)).toEqual([id]);
    await settleJobs();
    expect((await findBySourceId(handle.db, "zendesk", "501"))?.conversation.messageCount).toBe(1);
    const after = await getConnector(handle.db, id);
    expect(after?.nextRunAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    expect(await runDueSyncs(handle.db)).toEqual([]);
    expect(await runDueSyncs(handle.db, new Date(Date.now() + 31 * 60_000))).toEqual([id]);
    await settleJobs();
    expect((await getConnector(handle.db, manual.id))?.lastRunAt).toBeNull();
    await handle.db.delete(connectors);
  });

  it("after a restart, continues a file import left running and closes a sync that was cut off", async () => {
    const fileRun = await createImport(handle.db, {
      kind: "csv",
      filePath: path.resolve("public/samples/conversations.csv"),
      options: { source: "restart", timeZone: "UTC" },
    });
    const syncRun = await createImport(handle.db, { kind: "sync", options: { source: "zendesk", timeZone: "UTC" } });
    await handle.db.update(imports).set({ status: "running" }).where(eq(imports.id, fileRun.id));
    await handle.db.update(imports).set({ status: "running" }).where(eq(imports.id, syncRun.id));
    await resumeAfterRestart(handle.db);
    await settleJobs();
    expect(await getImport(handle.db, fileRun.id)).toMatchObject({ status: "succeeded", created: 2 });
    expect(await getImport(handle.db, syncRun.id)).toMatchObject({ status: "failed", failure: expect.stringContaining("restart") });
  });
});
