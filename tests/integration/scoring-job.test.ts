import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { SCORING_JOB_KEY, settleJobs, startScoring } from "../../db/ingest/jobs";
import {
  countMessagesToScore,
  getConversationFrustration,
  listFrustratedConversations,
  messageSentimentsFor,
  setFrustrationThreshold,
} from "../../db/queries/predictions";
import { getSetting } from "../../db/queries/settings";
import { currentModel, runScoring } from "../../db/scoring/run-scoring";
import { eq, sql } from "drizzle-orm";
import { refreshFacts } from "../../db/facts";
import { conversationFacts, dailyRollups, messages } from "../../db/schema";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makeCustomer, makeTeam } from "../helpers/factories";

describe.each(testDrivers)("scoring job on %s (shipped model)", (driver) => {
  let handle: DatabaseHandle;
  let angry: number;
  let calm: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    const { db } = handle;
    const teamId = (await makeTeam(db)).id;
    const agentId = (await makeAgent(db, { teamId })).id;
    const customerId = (await makeCustomer(db)).id;
    angry = (
      await makeConversation(db, {
        teamId,
        agentId,
        customerId,
        language: "es",
        messages: [
          { role: "customer", body: "Hola" },
          { role: "agent", body: "Hola, ¿en qué puedo ayudarte?" },
          {
            role: "customer",
            body: "ES LA TERCERA VEZ QUE ESCRIBO!!! Quiero hablar con un supervisor o me doy de baja, sois unos inútiles",
          },
        ],
      })
    ).id;
    calm = (
      await makeConversation(db, {
        teamId,
        agentId,
        language: "en",
        channel: "chat",
        messages: [
          { role: "customer", body: "Hola" },
          { role: "agent", body: "Hi! How can I help?" },
          { role: "customer", body: "Thank you so much, that solved it, you were great" },
        ],
      })
    ).id;
    await refreshFacts(db, [angry, calm]);
  }, 60_000);
  afterAll(async () => handle?.close());

  it("scores every customer and agent message once per distinct text and flags the frustrated conversation", async () => {
    const { db } = handle;
    const model = currentModel();
    expect(await countMessagesToScore(db, model)).toBe(6);
    const seen: number[] = [];
    const result = await runScoring(db, { batchSize: 4, onProgress: (progress) => seen.push(progress.done) });
    expect(result.done).toBe(6);
    // "Hola" is written twice and read by the model once.
    expect(result.classified).toBe(5);
    expect(seen).toEqual([0, 4, 6]);
    expect(await countMessagesToScore(db, model)).toBe(0);

    const ids = (await db.select({ id: messages.id }).from(messages)).map((row) => row.id);
    const predictions = await messageSentimentsFor(db, ids);
    expect(predictions).toHaveLength(6);
    expect(predictions.every((p) => p.modelId === model.modelId && p.modelVersion === model.version)).toBe(true);

    const frustrated = await getConversationFrustration(db, angry);
    expect(frustrated?.flagged).toBe(true);
    expect(((frustrated?.reasons ?? []) as { kind: string }[]).map((r) => r.kind)).toContain("supervisor_request");
    expect((await getConversationFrustration(db, calm))?.flagged).toBe(false);
    expect((await listFrustratedConversations(db, { scope: { kind: "all" }, filters: {} })).map((c) => c.id)).toEqual([angry]);
  }, 60_000);

  it("copies the predictions and the frustration flag into the conversations' facts and daily rollups", async () => {
    const { db } = handle;
    const factsOf = async (id: number) => (await db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, id)))[0];
    expect(await factsOf(angry)).toMatchObject({
      customerMessagesScored: 2,
      agentMessagesScored: 1,
      frustrationScored: true,
      frustrated: true,
    });
    expect((await factsOf(angry)).customerNegative).toBeGreaterThanOrEqual(1);
    expect(await factsOf(calm)).toMatchObject({
      customerMessagesScored: 2,
      customerNegative: 0,
      frustrationScored: true,
      frustrated: false,
    });
    const [totals] = await db
      .select({
        scored: sql<number>`sum(${dailyRollups.customerMessagesScored})::int`,
        negative: sql<number>`sum(${dailyRollups.customerNegative})::int`,
        frustrated: sql<number>`sum(${dailyRollups.frustratedConversations})::int`,
        withScore: sql<number>`sum(${dailyRollups.frustrationScored})::int`,
      })
      .from(dailyRollups);
    expect(totals).toEqual({ scored: 4, negative: (await factsOf(angry)).customerNegative, frustrated: 1, withScore: 2 });
  });

  it("finds nothing left to do on a second run, and runs in the background through the job registry", async () => {
    const { db } = handle;
    expect((await runScoring(db)).done).toBe(0);
    await makeConversation(db, { messages: [{ role: "customer", body: "Still waiting for my refund, again" }] });
    expect(startScoring(db)).toBe(true);
    expect(startScoring(db)).toBe(false);
    await settleJobs();
    expect(await countMessagesToScore(db, currentModel())).toBe(0);
    expect(await getSetting(db, SCORING_JOB_KEY)).toBe("done");
  }, 60_000);

  it("carries a new frustration threshold over to the facts and the daily rollups the dashboards read", async () => {
    const { db } = handle;
    const frustratedInRollups = async () =>
      (await db.select({ n: sql<number>`coalesce(sum(${dailyRollups.frustratedConversations}), 0)::int` }).from(dailyRollups))[0].n;
    expect(await frustratedInRollups()).toBe(1);
    // Above any score: nothing is flagged any more.
    await setFrustrationThreshold(db, 1.5);
    expect((await db.select().from(conversationFacts).where(eq(conversationFacts.conversationId, angry)))[0].frustrated).toBe(false);
    expect(await frustratedInRollups()).toBe(0);
    await setFrustrationThreshold(db, 0.5);
    expect(await frustratedInRollups()).toBe(1);
  });
});
