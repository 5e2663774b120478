import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { countStaleFacts, loadSlaConfig, refreshFacts, refreshStaleFacts, saveSlaConfig, staleFactIds } from "../../db/facts";
import { agentMessageFacts, conversationFacts, conversations, dailyRollups } from "../../db/schema";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makeCustomer, makeTeam } from "../helpers/factories";

const AS_OF = new Date("2026-11-20T00:00:00Z");

describe.each(testDrivers)("conversation facts and daily rollups on %s", (driver) => {
  let handle: DatabaseHandle;
  let teamId: number;
  let agentId: number;
  let customerId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    const { db } = handle;
    teamId = (await makeTeam(db, "Soporte")).id;
    agentId = (await makeAgent(db, { teamId, name: "Sergio Navarro" })).id;
    customerId = (await makeCustomer(db, "Marta Gil")).id;
  });

  afterAll(async () => {
    await handle.close();
  });

  async function rollupTotals(day: string) {
    const [row] = await handle.db
      .select({
        conversations: sql<number>`sum(${dailyRollups.conversations})::int`,
        firstResponseMeasured: sql<number>`sum(${dailyRollups.firstResponseMeasured})::int`,
        firstResponseWithinStandard: sql<number>`sum(${dailyRollups.firstResponseWithinStandard})::int`,
        unanswered: sql<number>`sum(${dailyRollups.unanswered})::int`,
        redirectConversations: sql<number>`sum(${dailyRollups.redirectConversations})::int`,
        fcrFollowedUp: sql<number>`sum(${dailyRollups.fcrFollowedUp})::int`,
        toneN: sql<number>`sum(${dailyRollups.toneN})::int`,
        greetingSum: sql<number>`sum(${dailyRollups.greetingSum})::int`,
      })
      .from(dailyRollups)
      .where(eq(dailyRollups.day, day));
    return row;
  }

  it("measures replies against the channel's targets and keeps the tone evidence of every agent message", async () => {
    const { db } = handle;
    const whatsapp = await makeConversation(db, {
      agentId,
      teamId,
      customerId,
      channel: "whatsapp",
      createdAt: new Date("2026-11-02T10:00:00Z"),
      messages: [
        { role: "customer", body: "Hola, no me ha llegado el pedido.", minutesAfter: 0 },
        { role: "agent", body: "Hola Marta, entiendo su preocupación. Para eso tiene que llamar al 600 123 456.", minutesAfter: 2 },
        { role: "customer", body: "¿Por teléfono? Les escribo por aquí.", minutesAfter: 3 },
        { role: "agent", body: "Vale.", minutesAfter: 3.25 },
      ],
    });
    const result = await refreshFacts(db, [whatsapp.id], { asOf: AS_OF });
    expect(result).toMatchObject({ conversations: 1, agentMessages: 2, days: ["2026-11-02"] });

    const [fact] = await db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, whatsapp.id));
    expect(fact).toMatchObject({
      channel: "whatsapp",
      agentId,
      teamId,
      createdDay: "2026-11-02",
      firstResponseMs: 120_000,
      firstResponseMetStandard: false,
      firstResponseMetWorldClass: false,
      repliesMeasured: 2,
      repliesWithinStandard: 1,
      replyElapsedMs: [120_000, 15_000],
      breachedStandard: true,
      unanswered: false,
      agentMessageCount: 2,
      greeting: true,
      usesName: true,
      empathy: true,
      redirectHits: 1,
      forbiddenHits: 0,
    });
    const messageFacts = await db
      .select()
      .from(agentMessageFacts)
      .where(eq(agentMessageFacts.conversationId, whatsapp.id))
      .orderBy(agentMessageFacts.sentAt);
    expect(messageFacts.map((row) => row.redirectHits)).toEqual([1, 0]);
    expect(messageFacts[0].evidence).toEqual([
      expect.objectContaining({ kind: "redirect", text: expect.stringContaining("llamar al 600 123 456"), targets: ["phone"] }),
    ]);
    expect(messageFacts[1]).toMatchObject({ greeting: false, wordCount: 1, evidence: null });

    expect(await rollupTotals("2026-11-02")).toEqual({
      conversations: 1,
      firstResponseMeasured: 1,
      firstResponseWithinStandard: 0,
      unanswered: 0,
      redirectConversations: 1,
      fcrFollowedUp: 0,
      toneN: 1,
      greetingSum: 1,
    });
  });

  it("links a later conversation from the same customer to the earlier one and rebuilds that earlier day", async () => {
    const { db } = handle;
    const first = await makeConversation(db, {
      agentId,
      teamId,
      customerId,
      channel: "email",
      createdAt: new Date("2026-11-05T09:00:00Z"),
      messages: [
        { role: "customer", body: "Me han cobrado dos veces.", minutesAfter: 0 },
        { role: "agent", body: "Buenos días, lo reviso y le digo algo.", minutesAfter: 20 },
      ],
    });
    await refreshFacts(db, [first.id], { asOf: AS_OF });
    expect((await rollupTotals("2026-11-05")).fcrFollowedUp).toBe(0);

    const again = await makeConversation(db, {
      agentId,
      teamId,
      customerId,
      channel: "chat",
      createdAt: new Date("2026-11-08T12:00:00Z"),
      messages: [{ role: "customer", body: "Sigo con el cobro doble.", minutesAfter: 0 }],
    });
    const result = await refreshFacts(db, [again.id], { asOf: AS_OF });
    expect(result.days).toEqual(["2026-11-05", "2026-11-08"]);

    const [earlier] = await db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, first.id));
    expect(earlier).toMatchObject({ nextConversationId: again.id, fcrFollowedUp: true });
    expect(earlier.nextContactAt?.toISOString()).toBe("2026-11-08T12:00:00.000Z");
    expect((await rollupTotals("2026-11-05")).fcrFollowedUp).toBe(1);
    // The chat was never answered: unanswered, and a wait past 30 s is a known breach.
    expect(await rollupTotals("2026-11-08")).toMatchObject({
      conversations: 1,
      unanswered: 1,
      firstResponseMeasured: 1,
      firstResponseWithinStandard: 0,
      toneN: 0,
    });
  });

  it("does not count a resolved conversation as unanswered because the customer said thanks last", async () => {
    const { db } = handle;
    const thanked = await makeConversation(db, {
      agentId,
      teamId,
      channel: "email",
      createdAt: new Date("2026-11-09T09:00:00Z"),
      messages: [
        { role: "customer", body: "¿Dónde está mi pedido?", minutesAfter: 0 },
        { role: "agent", body: "Buenos días, sale hoy.", minutesAfter: 10 },
        { role: "customer", body: "¡Gracias!", minutesAfter: 200 },
      ],
    });
    await db
      .update(conversations)
      .set({ resolvedAt: new Date("2026-11-09T13:00:00Z"), status: "solved" })
      .where(eq(conversations.id, thanked.id));
    await refreshFacts(db, [thanked.id], { asOf: AS_OF });
    const [fact] = await db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, thanked.id));
    expect(fact).toMatchObject({
      unanswered: false,
      repliesMeasured: 1,
      repliesWithinStandard: 1,
      breachedStandard: false,
      resolutionMs: 4 * 3600_000,
    });
  });

  it("is idempotent: refreshing again changes no rollup", async () => {
    const { db } = handle;
    const before = await db.select().from(dailyRollups).orderBy(dailyRollups.day, dailyRollups.channel);
    const ids = (await db.select({ id: conversations.id }).from(conversations)).map((row) => row.id);
    await refreshFacts(db, ids, { asOf: AS_OF });
    expect(await db.select().from(dailyRollups).orderBy(dailyRollups.day, dailyRollups.channel)).toEqual(before);
  });

  it("marks every fact stale when the response-time settings change, and recomputes them against the new targets", async () => {
    const { db } = handle;
    expect(await staleFactIds(db, { limit: 100 })).toEqual([]);
    const saved = await saveSlaConfig(db, {
      overrides: { whatsapp: { firstResponse: { standardMs: 5 * 60_000, worldClassMs: 60_000 }, everyReply: { standardMs: 5 * 60_000 } } },
      schedule: null,
      businessHoursChannels: [],
    });
    expect(saved.version).toBe(2);
    expect((await loadSlaConfig(db)).version).toBe(2);
    expect((await staleFactIds(db, { limit: 100 })).length).toBe(4);
    expect(await countStaleFacts(db)).toBe(4);
    expect(await refreshStaleFacts(db, { batchSize: 3 })).toBe(4);
    expect(await countStaleFacts(db)).toBe(0);
    expect(await rollupTotals("2026-11-02")).toMatchObject({ firstResponseMeasured: 1, firstResponseWithinStandard: 1 });
  });

  it("rejects a world-class target slower than the standard before saving anything", async () => {
    const { db } = handle;
    await expect(
      saveSlaConfig(db, {
        overrides: { chat: { firstResponse: { standardMs: 10_000, worldClassMs: 20_000 } } },
        schedule: null,
        businessHoursChannels: [],
      }),
    ).rejects.toThrow(RangeError);
    expect((await loadSlaConfig(db)).version).toBe(2);
  });

  it("drops the facts of a deleted conversation with it", async () => {
    const { db } = handle;
    const doomed = await makeConversation(db, {
      agentId,
      teamId,
      channel: "sms",
      createdAt: new Date("2026-11-10T09:00:00Z"),
      messages: [
        { role: "customer", body: "Hola", minutesAfter: 0 },
        { role: "agent", body: "Hola, dime.", minutesAfter: 1 },
      ],
    });
    await refreshFacts(db, [doomed.id], { asOf: AS_OF });
    await db.delete(conversations).where(eq(conversations.id, doomed.id));
    await refreshFacts(db, [doomed.id], { asOf: AS_OF });
    expect(await db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, doomed.id))).toEqual([]);
    expect((await rollupTotals("2026-11-10")).conversations).toBeNull();
  });
});
