import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { runConnectorSync } from "../../db/ingest/connectors/sync";
import { findBySourceId } from "../../db/ingest/upsert";
import { createConnector, getConnector } from "../../db/queries/connectors";
import { listImportErrors } from "../../db/queries/imports";
import { agents, conversations } from "../../db/schema";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { freshdeskAccount, freshdeskHandlers, freshdeskReply, freshdeskTicket } from "../msw/freshdesk";
import { intercomConversation, intercomHandlers, intercomWorkspace } from "../msw/intercom";
import { zendeskAccount, zendeskComment, zendeskHandlers, zendeskTicket } from "../msw/zendesk";

const zendesk = zendeskAccount();
const freshdesk = freshdeskAccount();
const intercom = intercomWorkspace();
const server = setupServer(...zendeskHandlers(zendesk), ...freshdeskHandlers(freshdesk), ...intercomHandlers(intercom));

const waits: number[] = [];
const http = { sleep: async (ms: number) => void waits.push(ms) };

beforeAll(() => {
  process.env.CONNECTOR_SECRET_KEY = randomBytes(32).toString("base64");
  server.listen({ onUnhandledRequest: "error" });
});
afterEach(() => {
  waits.length = 0;
});
afterAll(() => server.close());

function seedZendesk() {
  zendesk.tickets = [
    zendeskTicket(101, { updated_at: "2026-03-02T10:00:00Z", satisfaction_rating: { id: 1, score: "good", comment: "¡Genial!" } }),
    zendeskTicket(102, { updated_at: "2026-03-02T11:00:00Z", status: "hold", via: { channel: "native_messaging" } }),
    // Malformed: no id at all, and a ticket whose only comment has no date.
    { ...zendeskTicket(0), id: undefined, updated_at: "2026-03-02T12:00:00Z" },
    zendeskTicket(104, { updated_at: "2026-03-02T13:00:00Z", via: { channel: "voice" } }),
    zendeskTicket(105, { updated_at: "2026-03-02T14:00:00Z" }),
  ];
  zendesk.comments = new Map([
    [
      101,
      [
        zendeskComment(1, 20978392, "Hola, no me llega el pedido", "2026-03-02T09:00:00Z"),
        zendeskComment(2, 235323, "Lo reviso ahora mismo", "2026-03-02T09:10:00Z", { html: "<p>Lo reviso <b>ahora</b> mismo</p>" }),
        zendeskComment(3, 235323, "Transportista contactado", "2026-03-02T09:11:00Z", { public: false }),
      ],
    ],
    [102, [zendeskComment(4, 20978392, "Hola, ¿tenéis tallas grandes?", "2026-03-02T10:30:00Z"), zendeskComment(5, 235324, "Sí, hasta la XXL", "2026-03-02T10:35:00Z")]],
    [104, [{ ...zendeskComment(6, 20978392, "Llamada", "2026-03-02T12:00:00Z"), created_at: undefined }]],
    [105, [zendeskComment(7, 20978392, "Quiero devolver un producto", "2026-03-02T13:30:00Z")]],
  ]);
}

describe.each(testDrivers)("helpdesk connectors on %s", (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await handle.close();
  });

  describe("Zendesk", () => {
    let connectorId: number;
    beforeAll(async () => {
      seedZendesk();
      ({ id: connectorId } = await createConnector(handle.db, {
        kind: "zendesk",
        name: "Zendesk ACME",
        subdomain: "acme",
        credentials: { email: zendesk.email, apiToken: zendesk.apiToken },
        scheduleMinutes: 60,
      }));
    });

    it("stores the credentials encrypted", async () => {
      const stored = await getConnector(handle.db, connectorId);
      expect(stored?.credentials).not.toContain(zendesk.apiToken);
    });

    it("pages through the export, waits out a 429, retries a 503, and reports malformed tickets without stopping", async () => {
      zendesk.rateLimitOnce.add("cursor.json?cursor=");
      zendesk.failTimes.set("/tickets/105/comments", 1);
      zendesk.comments.set(101, [...(zendesk.comments.get(101) ?? [])]);
      const run = await runConnectorSync(handle.db, connectorId, { http });
      expect(run).toMatchObject({ status: "succeeded", created: 3, rejected: 2, rowsProcessed: 5 });
      expect(waits).toContain(7000);
      expect(waits.some((ms) => ms > 0 && ms < 7000)).toBe(true);
      const errors = await listImportErrors(handle.db, run.id);
      expect(errors).toEqual([
        { line: null, externalId: "?", field: "(record)", reason: "ticket without an id" },
        { line: null, externalId: "104", field: "messages.0.sentAt", reason: expect.any(String) },
      ]);
      const connector = await getConnector(handle.db, connectorId);
      expect(connector?.cursor).toHaveProperty("afterCursor");
      expect(connector?.nextRunAt?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    });

    it("maps channel, status, CSAT, authors, notes and HTML onto ours", async () => {
      const first = await findBySourceId(handle.db, "zendesk", "101");
      expect(first?.conversation).toMatchObject({ channel: "email", status: "open", csat: 5, tags: ["pedido"], language: "es", messageCount: 3 });
      expect(first?.messages.map((m) => [m.authorRole, m.body])).toEqual([
        ["customer", "Hola, no me llega el pedido"],
        ["agent", "Lo reviso ahora mismo"],
        ["note", "Transportista contactado"],
      ]);
      const [lucia] = await handle.db.select().from(agents).where(eq(agents.email, "lucia.perez@acme.test"));
      expect(lucia).toMatchObject({ name: "Lucía Pérez" });
      expect(first?.conversation.agentId).toBe(lucia.id);
      const second = await findBySourceId(handle.db, "zendesk", "102");
      expect(second?.conversation).toMatchObject({ channel: "chat", status: "on_hold" });
      expect(second?.messages[1].agentId).not.toBe(lucia.id);
    });

    it("the next sync continues from the saved cursor and updates a changed ticket instead of duplicating it", async () => {
      const before = await handle.db.select().from(conversations).orderBy(asc(conversations.id));
      const unchanged = await runConnectorSync(handle.db, connectorId, { http });
      expect(unchanged).toMatchObject({ status: "succeeded", created: 0, updated: 0, rowsProcessed: 0 });
      zendesk.tickets.push(zendeskTicket(101, { updated_at: "2026-03-03T09:00:00Z", status: "solved" }));
      zendesk.tickets = zendesk.tickets.filter((ticket, index, all) => all.findLastIndex((t) => t.id === ticket.id) === index || ticket.id === undefined);
      const changed = await runConnectorSync(handle.db, connectorId, { http });
      expect(changed).toMatchObject({ created: 0, updated: 1 });
      expect((await handle.db.select().from(conversations)).length).toBe(before.length);
      expect((await findBySourceId(handle.db, "zendesk", "101"))?.conversation.status).toBe("solved");
    });

    it("a sync that dies midway keeps the whole pages and the next one resumes without duplicates", async () => {
      const { id } = await createConnector(handle.db, { kind: "zendesk", name: "Zendesk 2", subdomain: "acme", credentials: { email: zendesk.email, apiToken: zendesk.apiToken }, scheduleMinutes: null });
      await handle.db.delete(conversations).where(eq(conversations.source, "zendesk"));
      zendesk.failTimes.set("/tickets/104/comments", 100);
      const broken = await runConnectorSync(handle.db, id, { http });
      expect(broken).toMatchObject({ status: "failed", failure: expect.stringContaining("HTTP 503") });
      const partial = (await handle.db.select().from(conversations).where(eq(conversations.source, "zendesk"))).map((c) => c.externalId);
      expect(partial.sort()).toEqual(["102"]);
      zendesk.failTimes.clear();
      const resumed = await runConnectorSync(handle.db, id, { http });
      expect(resumed.status).toBe("succeeded");
      const all = (await handle.db.select().from(conversations).where(eq(conversations.source, "zendesk"))).map((c) => c.externalId);
      expect(all.sort()).toEqual(["101", "102", "105"]);
    });

    it("fails clearly when the encryption key is missing", async () => {
      const key = process.env.CONNECTOR_SECRET_KEY;
      delete process.env.CONNECTOR_SECRET_KEY;
      try {
        const run = await runConnectorSync(handle.db, connectorId, { http });
        expect(run).toMatchObject({ status: "failed", failure: expect.stringContaining("CONNECTOR_SECRET_KEY is not set") });
      } finally {
        process.env.CONNECTOR_SECRET_KEY = key;
      }
    });

    it("fails clearly with wrong credentials", async () => {
      const { id } = await createConnector(handle.db, { kind: "zendesk", name: "Wrong", subdomain: "acme", credentials: { email: zendesk.email, apiToken: "nope" }, scheduleMinutes: null });
      const run = await runConnectorSync(handle.db, id, { http });
      expect(run).toMatchObject({ status: "failed", failure: expect.stringContaining("401 (check the connector's credentials)") });
    });
  });

  describe("Freshdesk", () => {
    let connectorId: number;
    beforeAll(async () => {
      freshdesk.requests.length = 0;
      freshdesk.tickets = [
        freshdeskTicket(1, { updated_at: "2026-03-02T10:00:00Z" }),
        freshdeskTicket(2, { updated_at: "2026-03-02T11:00:00Z", source: 7, status: 4, stats: { first_responded_at: "2026-03-02T09:05:00Z", resolved_at: "2026-03-02T11:00:00Z" } }),
        freshdeskTicket(3, { updated_at: "2026-03-02T12:00:00Z", source: 3, status: 5, created_at: "not a date" }),
      ];
      freshdesk.conversations = new Map([
        [1, [freshdeskReply(11, 1, "Hola Pedro, ya está reembolsado.", "2026-03-02T09:30:00Z"), freshdeskReply(12, 1, "Reembolso hecho en Stripe", "2026-03-02T09:31:00Z", { private: true }), freshdeskReply(13, 1, "¡Gracias!", "2026-03-02T09:40:00Z", { incoming: true, userId: 6012691534 })]],
        [2, [freshdeskReply(21, 2, "Te escribo por el chat", "2026-03-02T09:05:00Z")]],
      ]);
      ({ id: connectorId } = await createConnector(handle.db, { kind: "freshdesk", name: "Freshdesk", subdomain: "acme", credentials: { apiKey: freshdesk.apiKey }, scheduleMinutes: null }));
    });

    it("pages by the link header, waits out a 429, retries a 500, maps sources and statuses, and reports a malformed ticket", async () => {
      freshdesk.rateLimitOnce.add("page=2");
      freshdesk.failTimes.set("/tickets/1/conversations", 2);
      const run = await runConnectorSync(handle.db, connectorId, { http });
      expect(run).toMatchObject({ status: "succeeded", created: 2, rejected: 1 });
      expect(waits).toContain(3000);
      expect(await listImportErrors(handle.db, run.id)).toEqual([
        { line: null, externalId: "3", field: "createdAt", reason: expect.any(String) },
        { line: null, externalId: "3", field: "messages.0.sentAt", reason: expect.any(String) },
      ]);
      const first = await findBySourceId(handle.db, "freshdesk", "1");
      expect(first?.conversation).toMatchObject({ channel: "email", status: "open", messageCount: 4 });
      expect(first?.messages.map((m) => m.authorRole)).toEqual(["customer", "agent", "note", "customer"]);
      const [rosa] = await handle.db.select().from(agents).where(eq(agents.email, "rosa.martin@acme.test"));
      expect(rosa).toMatchObject({ name: "Rosa Martín" });
      expect(first?.conversation.agentId).toBe(rosa.id);
      const second = await findBySourceId(handle.db, "freshdesk", "2");
      expect(second?.conversation).toMatchObject({ channel: "chat", status: "solved", resolvedAt: new Date("2026-03-02T11:00:00Z") });
      expect((await getConnector(handle.db, connectorId))?.cursor).toEqual({ updatedSince: "2026-03-02T12:00:00Z" });
    });

    it("asks only for tickets updated since the cursor next time, and re-reading the boundary changes nothing", async () => {
      freshdesk.requests.length = 0;
      const run = await runConnectorSync(handle.db, connectorId, { http });
      expect(run).toMatchObject({ created: 0, updated: 0, rejected: 1 });
      expect(freshdesk.requests[0]).toContain("updated_since=2026-03-02T12%3A00%3A00Z");
    });
  });

  describe("Intercom", () => {
    let connectorId: number;
    beforeAll(async () => {
      intercom.requests.length = 0;
      intercom.conversations = [
        intercomConversation("c1"),
        intercomConversation("c2", { source: { ...intercomConversation("c2").source as object, type: "whatsapp" }, state: "snoozed", updated_at: 1772449200 }),
        intercomConversation("c3", { created_at: "yesterday" }),
      ];
      ({ id: connectorId } = await createConnector(handle.db, { kind: "intercom", name: "Intercom", subdomain: null, credentials: { accessToken: intercom.accessToken }, scheduleMinutes: 15 }));
    });

    it("searches by updated_at, pages with starting_after, waits for X-RateLimit-Reset, retries a 502, maps parts", async () => {
      intercom.rateLimitOnce.add("/conversations/c2");
      intercom.failTimes.set("/conversations/c1", 1);
      const run = await runConnectorSync(handle.db, connectorId, { http });
      expect(run).toMatchObject({ status: "succeeded", created: 2, rejected: 1 });
      expect(waits.some((ms) => ms >= 9000 && ms <= 11_000)).toBe(true);
      expect(intercom.requests.every((request) => request.version === "2.11")).toBe(true);
      expect(intercom.requests.find((request) => request.url.endsWith("/search"))?.body).toMatchObject({ query: { field: "updated_at", operator: ">", value: 0 }, pagination: { per_page: 150 } });
      const first = await findBySourceId(handle.db, "intercom", "c1");
      expect(first?.conversation).toMatchObject({ channel: "chat", status: "closed", csat: 4, tags: ["delivery"], language: "en", firstResponseAt: new Date(1772442300 * 1000) });
      expect(first?.messages.map((m) => [m.authorRole, m.body])).toEqual([
        ["customer", "Hi, my order has not arrived yet"],
        ["agent", "Sorry about that! Let me check the tracking."],
        ["note", "Carrier says it is stuck in the depot."],
        ["customer", "Thanks, it just arrived!"],
      ]);
      const second = await findBySourceId(handle.db, "intercom", "c2");
      expect(second?.conversation).toMatchObject({ channel: "whatsapp", status: "pending" });
      expect((await getConnector(handle.db, connectorId))?.cursor).toEqual({ updatedAfter: 1772449200 });
    });

    it("the next search starts at the newest updated_at seen; the inclusive boundary comes back unchanged", async () => {
      intercom.requests.length = 0;
      const run = await runConnectorSync(handle.db, connectorId, { http });
      expect(run).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
      expect(intercom.requests[0].body).toMatchObject({ query: { value: 1772449200 } });
    });
  });
});
