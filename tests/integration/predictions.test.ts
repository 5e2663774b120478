import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import {
  assignMessagePredictions,
  conversationsForFrustration,
  countMessagesToScore,
  deleteUnusedPredictions,
  findPredictionsByHash,
  getFrustrationThreshold,
  listFrustratedConversations,
  listMessagesToScore,
  messageSentimentsFor,
  saveFrustration,
  savePredictions,
  setFrustrationThreshold,
  textHash,
} from "../../db/queries/predictions";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makeCustomer, makeTeam } from "../helpers/factories";

const V1 = { modelId: "test-model", version: "1.0.0" };
const V2 = { modelId: "test-model", version: "2.0.0" };
const negative = { label: "negative" as const, score: 0.9, scores: { negative: 0.9, neutral: 0.07, positive: 0.03 } };
const positive = { label: "positive" as const, score: 0.8, scores: { negative: 0.05, neutral: 0.15, positive: 0.8 } };

describe.each(testDrivers)("predictions on %s", (driver) => {
  let handle: DatabaseHandle;
  let teamA: number;
  let teamB: number;
  let first: number;
  let second: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    const { db } = handle;
    teamA = (await makeTeam(db, "A")).id;
    teamB = (await makeTeam(db, "B")).id;
    const agentA = (await makeAgent(db, { teamId: teamA })).id;
    const customerId = (await makeCustomer(db)).id;
    first = (
      await makeConversation(db, {
        teamId: teamA,
        agentId: agentA,
        customerId,
        createdAt: new Date("2026-11-01T09:00:00Z"),
        messages: [
          { role: "customer", body: "Es la tercera vez que escribo" },
          { role: "agent", body: "Lo siento mucho" },
        ],
      })
    ).id;
    second = (
      await makeConversation(db, {
        teamId: teamB,
        customerId,
        createdAt: new Date("2026-11-02T09:00:00Z"),
        messages: [{ role: "customer", body: "  Es la tercera  vez que escribo " }],
      })
    ).id;
  });
  afterAll(async () => handle?.close());

  it("finds customer and agent messages without a prediction of the model version", async () => {
    const pending = await listMessagesToScore(handle.db, { model: V1, limit: 10 });
    expect(pending.map((m) => m.conversationId)).toEqual([first, first, second]);
    expect(await countMessagesToScore(handle.db, V1)).toBe(3);
    const afterFirst = await listMessagesToScore(handle.db, { model: V1, afterId: pending[0].id, limit: 1 });
    expect(afterFirst).toEqual([pending[1]]);
  });

  it("keys predictions by normalised text and model version, so identical texts share one row", async () => {
    const { db } = handle;
    const pending = await listMessagesToScore(db, { model: V1, limit: 10 });
    expect(textHash(pending[0].body)).toBe(textHash(pending[2].body));
    const ids = await savePredictions(db, V1, [
      { textHash: textHash(pending[0].body), sentiment: negative },
      { textHash: textHash(pending[1].body), sentiment: positive },
    ]);
    // Saving the same text again keeps the first prediction.
    const again = await savePredictions(db, V1, [{ textHash: textHash(pending[0].body), sentiment: positive }]);
    expect(again.get(textHash(pending[0].body))).toBe(ids.get(textHash(pending[0].body)));
    await assignMessagePredictions(
      db,
      pending.map((m) => ({ messageId: m.id, predictionId: ids.get(textHash(m.body)) as number })),
    );
    expect(await countMessagesToScore(db, V1)).toBe(0);
    const shown = await messageSentimentsFor(db, [pending[0].id, pending[2].id]);
    expect(shown.map((s) => s.label)).toEqual(["negative", "negative"]);
    expect(shown[0].scores).toEqual(negative.scores);
  });

  it("keeps the old version's predictions until the new version replaces them", async () => {
    const { db } = handle;
    expect(await countMessagesToScore(db, V2)).toBe(3);
    const pending = await listMessagesToScore(db, { model: V2, limit: 1 });
    const ids = await savePredictions(db, V2, [{ textHash: textHash(pending[0].body), sentiment: positive }]);
    await assignMessagePredictions(db, [{ messageId: pending[0].id, predictionId: ids.get(textHash(pending[0].body)) as number }]);
    const rest = await listMessagesToScore(db, { model: V2, limit: 10 });
    expect(rest).toHaveLength(2);
    const shown = await messageSentimentsFor(db, [pending[0].id, ...rest.map((m) => m.id)]);
    expect(shown.find((s) => s.messageId === pending[0].id)?.modelVersion).toBe("2.0.0");
    expect(shown.filter((s) => s.modelVersion === "1.0.0")).toHaveLength(2);
    // Version 1's rows are still in use by the other messages: nothing to delete yet.
    expect(await deleteUnusedPredictions(db, V2)).toBe(0);
    expect((await findPredictionsByHash(db, V1, [textHash(pending[0].body)])).size).toBe(1);
  });

  it("reads conversations with their messages' sentiment and the customer's earlier contacts", async () => {
    const [later] = await conversationsForFrustration(handle.db, [second]);
    expect(later.messages).toHaveLength(1);
    expect(later.messages[0].sentiment?.label).toBe("negative");
    expect(later.previousContacts).toHaveLength(1);
  });

  it("lists flagged conversations newest first within the scope, and re-flags on a new threshold", async () => {
    const { db } = handle;
    await saveFrustration(db, V1, [
      { conversationId: first, score: 0.7, flagged: true, threshold: 0.5, reasons: [{ kind: "repeat_contact" }] },
      { conversationId: second, score: 0.6, flagged: true, threshold: 0.5, reasons: [] },
    ]);
    const all = await listFrustratedConversations(db, { scope: { kind: "all" }, filters: {} });
    expect(all.map((c) => c.id)).toEqual([second, first]);
    expect(all[1].reasons).toEqual([{ kind: "repeat_contact" }]);
    const lead = await listFrustratedConversations(db, { scope: { kind: "teams", teamIds: [teamA] }, filters: {} });
    expect(lead.map((c) => c.id)).toEqual([first]);
    expect(await listFrustratedConversations(db, { scope: { kind: "agent", agentId: null }, filters: {} })).toEqual([]);
    expect(await listFrustratedConversations(db, { scope: { kind: "all" }, filters: { teamId: teamB } })).toHaveLength(1);

    await setFrustrationThreshold(db, 0.65);
    expect(await getFrustrationThreshold(db, 0.5)).toBe(0.65);
    expect((await listFrustratedConversations(db, { scope: { kind: "all" }, filters: {} })).map((c) => c.id)).toEqual([first]);
  });
});
