import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { buildOpenApiDocument } from "../../db/ingest/openapi";
import { createApiToken, revokeApiToken } from "../../db/queries/api-tokens";
import * as ingestRoute from "../../app/routes/api.v1.conversations";
import * as readRoute from "../../app/routes/api.v1.conversations.$source.$externalId";
import * as openApiRoute from "../../app/routes/api.v1.openapi[.]json";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { ORIGIN, type RouteModule, runRoute } from "../helpers/routes";

function apiRequest(path: string, { token, body, method = "POST" }: { token?: string; body?: unknown; method?: string } = {}) {
  const headers = new Headers({ "Content-Type": "application/json" });
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return new Request(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}

async function call(module: RouteModule, request: Request, params: Record<string, string> = {}) {
  const { response } = await runRoute(module, request, params);
  if (!response) throw new Error("expected a Response");
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

const conversation = (externalId: string, body = "Hola, el pedido no ha llegado todavía") => ({
  source: "crm",
  externalId,
  channel: "chat",
  createdAt: "2026-03-02T09:00:00Z",
  agent: { externalId: "a-1", email: "ana@acme.test" },
  customer: { externalId: "c-1", name: "Marta" },
  messages: [
    { externalId: "1", authorRole: "customer", sentAt: "2026-03-02T09:00:00Z", body },
    { externalId: "2", authorRole: "agent", sentAt: "2026-03-02T10:03:00+01:00", body: "Lo reviso ahora mismo" },
  ],
});

describe.each(testDrivers)("ingest API on %s", (driver) => {
  let handle: DatabaseHandle;
  let token: string;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    setDatabaseHandle(handle);
    token = (await createApiToken(handle.db, { name: "CRM", createdBy: null })).token;
  });
  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle.close();
  });

  it("refuses requests without a valid bearer token, even from a signed-in browser", async () => {
    for (const auth of [undefined, "qa_not-a-token", "something-else"]) {
      const response = await call(ingestRoute, apiRequest("/api/v1/conversations", { token: auth, body: { conversations: [conversation("X")] } }));
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toContain("Bearer");
    }
    const revoked = await createApiToken(handle.db, { name: "old", createdBy: null });
    expect(await revokeApiToken(handle.db, revoked.id)).toBe(true);
    const response = await call(ingestRoute, apiRequest("/api/v1/conversations", { token: revoked.token, body: { conversations: [conversation("X")] } }));
    expect(response).toMatchObject({ status: 401, body: { error: "Invalid or revoked token." } });
  });

  it("answers every item: created, or rejected with field and reason, and writes the valid ones", async () => {
    const bad = { ...conversation("A-2"), channel: "fax", messages: [] };
    const response = await call(ingestRoute, apiRequest("/api/v1/conversations", { token, body: { conversations: [conversation("A-1"), bad, conversation("A-3")] } }));
    expect(response.status).toBe(200);
    expect(response.body.counts).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 1 });
    const results = response.body.results as { index: number; status: string; errors?: { field: string }[] }[];
    expect(results.map((r) => [r.index, r.status])).toEqual([
      [0, "created"],
      [1, "rejected"],
      [2, "created"],
    ]);
    expect(results[1].errors?.map((e) => e.field).sort()).toEqual(["channel", "messages"]);
  });

  it("is idempotent and updates instead of duplicating", async () => {
    const again = await call(ingestRoute, apiRequest("/api/v1/conversations", { token, body: { conversations: [conversation("A-1")] } }));
    expect(again.body.counts).toMatchObject({ unchanged: 1 });
    const changed = await call(ingestRoute, apiRequest("/api/v1/conversations", { token, body: { conversations: [conversation("A-1", "Ya ha llegado, gracias")] } }));
    expect(changed.body.counts).toMatchObject({ updated: 1 });
    const read = await call(readRoute, apiRequest("/api/v1/conversations/crm/A-1", { token, method: "GET" }), { source: "crm", externalId: "A-1" });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ source: "crm", externalId: "A-1", channel: "chat", messageCount: 2, language: "es", firstResponseAt: "2026-03-02T09:03:00.000Z" });
    expect((read.body.messages as { body: string }[]).map((m) => m.body)).toEqual(["Ya ha llegado, gracias", "Lo reviso ahora mismo"]);
  });

  it("reads back 404 for an unknown conversation and requires the token there too", async () => {
    const params = { source: "crm", externalId: "nope" };
    expect((await call(readRoute, apiRequest("/api/v1/conversations/crm/nope", { token, method: "GET" }), params)).status).toBe(404);
    expect((await call(readRoute, apiRequest("/api/v1/conversations/crm/A-1", { method: "GET" }), { source: "crm", externalId: "A-1" })).status).toBe(401);
  });

  it("rejects malformed envelopes with 400: not JSON, no list, more than 500", async () => {
    const tooMany = { conversations: Array.from({ length: 501 }, (_, i) => conversation(`M-${i}`)) };
    for (const body of ["{not json", { items: [] }, { conversations: [] }, tooMany]) {
      const response = await call(ingestRoute, apiRequest("/api/v1/conversations", { token, body }));
      expect(response.status).toBe(400);
      expect(response.body.error).toEqual(expect.any(String));
    }
  });

  it("accepts exactly 500 conversations in one request", async () => {
    const body = { conversations: Array.from({ length: 500 }, (_, i) => conversation(`N-${i}`)) };
    const response = await call(ingestRoute, apiRequest("/api/v1/conversations", { token, body }));
    expect(response.body.counts).toEqual({ created: 500, updated: 0, unchanged: 0, rejected: 0 });
  });

  it("serves the OpenAPI document, and docs/openapi.json is up to date (npm run openapi)", async () => {
    const served = await call(openApiRoute, new Request(`${ORIGIN}/api/v1/openapi.json`));
    expect(served.body).toEqual(buildOpenApiDocument());
    expect(JSON.parse(readFileSync("docs/openapi.json", "utf8"))).toEqual(buildOpenApiDocument());
    expect(Object.keys(served.body.paths as object)).toEqual(["/api/v1/conversations", "/api/v1/conversations/{source}/{externalId}"]);
  });
});
