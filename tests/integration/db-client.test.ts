import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { conversations, customers, messages } from "../../db/schema";
import { createTestDatabase, testDrivers } from "../helpers/db";

describe.each(testDrivers)("database on %s", (driver) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await handle.close();
  });

  it("enforces one conversation per source and external id", async () => {
    const [customer] = await handle.db
      .insert(customers)
      .values({ source: "test", externalId: "c1", name: "Ana" })
      .returning();
    const row = {
      source: "zendesk",
      externalId: "42",
      channel: "email" as const,
      customerId: customer.id,
      createdAt: new Date("2026-01-01T10:00:00Z"),
      sampleKey: 0.5,
    };
    await handle.db.insert(conversations).values(row);
    await expect(handle.db.insert(conversations).values(row)).rejects.toThrow();
  });

  it("rejects a CSAT outside 1-5", async () => {
    await expect(
      handle.db.insert(conversations).values({
        source: "zendesk",
        externalId: "43",
        channel: "chat",
        createdAt: new Date(),
        sampleKey: 0.1,
        csat: 6,
      }),
    ).rejects.toThrow();
  });

  it("finds messages through the full-text index expression", async () => {
    const [conversation] = await handle.db
      .insert(conversations)
      .values({ source: "s", externalId: "fts", channel: "whatsapp", createdAt: new Date(), sampleKey: 0.2 })
      .returning();
    await handle.db.insert(messages).values([
      { conversationId: conversation.id, ordinal: 0, authorRole: "customer", sentAt: new Date(), body: "Me han cobrado dos veces" },
      { conversationId: conversation.id, ordinal: 1, authorRole: "agent", sentAt: new Date(), body: "Lo reviso ahora mismo" },
    ]);
    const found = await handle.db
      .select({ body: messages.body })
      .from(messages)
      .where(sql`to_tsvector('simple', ${messages.body}) @@ plainto_tsquery('simple', ${"cobrado"})`);
    expect(found.map((m) => m.body)).toEqual(["Me han cobrado dos veces"]);
  });
});
