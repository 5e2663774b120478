import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reviewPage from "../../app/routes/conversations.$id_.review";
import * as acceptancePage from "../../app/routes/scorecards.autoqa";
import * as scorecardPage from "../../app/routes/scorecards.$id";
import { type DatabaseHandle, setDatabaseHandle } from "../../db/client";
import { saveSlaConfig } from "../../db/facts";
import { acceptanceReport, decisionsForReview } from "../../db/queries/autoqa";
import { findReviewFor } from "../../db/queries/reviews";
import { createScorecard, publishScorecard } from "../../db/queries/scorecards";
import { autoQaSuggestions, conversations, messages } from "../../db/schema";
import type { Role } from "../../db/schema/enums";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { makeAgent, makeConversation, makeCustomer, makePublishedScorecard, makeTeam, makeUser } from "../helpers/factories";
import { type RouteModule, buildRequest, runRoute, sessionCookie } from "../helpers/routes";

function payload<T = Record<string, unknown>>(result: { data: unknown }): T {
  const value = result.data as { type?: string; data?: unknown };
  return (value?.type === "DataWithResponseInit" ? value.data : value) as T;
}

/** A small scorecard with five criteria linked to features and one left to the reviewer. */
const definition = {
  language: "es",
  categories: [
    {
      id: "opening",
      title: "Apertura",
      criteria: [
        {
          id: "greeting",
          title: "Saludo",
          scale: { kind: "three-point", labels: ["Sin saludo", "Genérico", "Personalizado"] },
          autoQaFeature: "greeting",
        },
      ],
    },
    {
      id: "resolution",
      title: "Resolución",
      criteria: [
        {
          id: "no-redirect",
          title: "Resolvió sin derivar",
          scale: { kind: "binary", failLabel: "Derivó", passLabel: "Resolvió" },
          critical: true,
          weight: 3,
          autoQaFeature: "channel-redirect",
          rootCauses: ["Derivó al teléfono"],
        },
        { id: "need", title: "Entendió la necesidad", scale: { kind: "four-point", labels: ["No", "En parte", "Casi", "Sí"] } },
        {
          id: "speed",
          title: "A tiempo",
          scale: { kind: "binary", failLabel: "Tarde", passLabel: "A tiempo" },
          naAllowed: true,
          autoQaFeature: "response-time",
        },
        {
          id: "closing",
          title: "Cierre",
          scale: { kind: "three-point", labels: ["Sin cierre", "Genérico", "Personalizado"] },
          naAllowed: true,
          autoQaFeature: "closing",
        },
        {
          id: "tone",
          title: "Tono",
          scale: { kind: "five-point", labels: ["1", "2", "3", "4", "5"] },
          autoQaFeature: "forbidden-phrases",
        },
      ],
    },
  ],
};

interface Suggestion {
  status: string;
  suggestionId: number | null;
  rating: number | "na" | null;
  reason: string;
  evidence: {
    kind: string;
    messageId: number | null;
    text?: string;
    start?: number;
    end?: number;
    elapsedMs?: number;
    targetMs?: number;
  }[];
}

describe.each(testDrivers)("AutoQA suggestions and acceptance on %s", (driver) => {
  let handle: DatabaseHandle;
  const users = {} as Record<"admin" | "reviewer" | "lead" | "otherLead", { id: string; role: Role }>;
  let conversationId: number;
  let agentReplyId: number;
  let scorecardVersionId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    setDatabaseHandle(handle);
    const { db } = handle;
    const team = await makeTeam(db, "Soporte");
    const otherTeam = await makeTeam(db, "Otro");
    users.admin = await makeUser(db, "admin");
    users.reviewer = await makeUser(db, "reviewer");
    users.lead = await makeUser(db, "lead", { teamIds: [team.id] });
    users.otherLead = await makeUser(db, "lead", { teamIds: [otherTeam.id] });
    const agent = await makeAgent(db, { teamId: team.id, name: "Javier Ortega" });
    const customer = await makeCustomer(db, "Marta Gil");
    const conversation = await makeConversation(db, {
      agentId: agent.id,
      teamId: team.id,
      customerId: customer.id,
      channel: "whatsapp",
      language: "es",
      messages: [
        { role: "customer", body: "Quiero cambiar la tarifa.", minutesAfter: 0 },
        // Two minutes on WhatsApp: late against the 30 s target.
        { role: "agent", body: "Hola Marta. Para eso tiene que llamar al 600 123 456.", minutesAfter: 2 },
      ],
    });
    conversationId = conversation.id;
    const [reply] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.conversationId, conversationId))
      .orderBy(messages.ordinal)
      .offset(1);
    agentReplyId = reply.id;
    scorecardVersionId = (await makePublishedScorecard(db, { name: "Calidad", definition })).versionId;
  });

  afterAll(async () => {
    setDatabaseHandle(undefined);
    await handle.close();
  });

  async function call(
    module: RouteModule,
    who: keyof typeof users,
    path: string,
    options: { params?: Record<string, string>; form?: Record<string, string> } = {},
  ) {
    const request = buildRequest(path, {
      method: options.form ? "POST" : "GET",
      cookie: await sessionCookie(handle.db, users[who].id),
      form: options.form,
    });
    return runRoute(module, request, options.params ?? {});
  }
  const openReview = async (who: keyof typeof users = "reviewer") =>
    payload<{ autoQa: Record<string, Suggestion> }>(
      await call(reviewPage, who, `/conversations/${conversationId}/review`, { params: { id: String(conversationId) } }),
    ).autoQa;
  const submit = (ratings: Record<string, number | "na">, rootCauses: Record<string, string[]> = {}) =>
    call(reviewPage, "reviewer", `/conversations/${conversationId}/review`, {
      params: { id: String(conversationId) },
      form: { intent: "submit", content: JSON.stringify({ ratings, criterionComments: {}, rootCauses, overallComment: "" }) },
    });

  it("shows a suggestion with evidence for each linked criterion and stores them as prediction rows, not ratings", async () => {
    const autoQa = await openReview();
    expect(Object.keys(autoQa).sort()).toEqual(["closing", "greeting", "no-redirect", "speed", "tone"]);
    expect(autoQa.greeting).toMatchObject({ status: "suggested", rating: 3, reason: "greeting_with_name" });
    expect(autoQa.greeting.evidence[0]).toMatchObject({ kind: "phrase", messageId: agentReplyId, text: "Hola", start: 0, end: 4 });
    expect(autoQa["no-redirect"]).toMatchObject({ status: "suggested", rating: 0, reason: "redirected" });
    expect(autoQa["no-redirect"].evidence[0]).toMatchObject({ messageId: agentReplyId, text: "tiene que llamar al 600 123 456" });
    expect(autoQa.speed).toMatchObject({ status: "suggested", rating: 0, reason: "all_late" });
    expect(autoQa.speed.evidence[0]).toMatchObject({
      kind: "response_time",
      messageId: agentReplyId,
      elapsedMs: 120_000,
      targetMs: 30_000,
    });
    // The conversation is still open: no closing expected, and the criterion allows N/A.
    expect(autoQa.closing).toMatchObject({ status: "suggested", rating: "na", reason: "conversation_open" });
    // A five-point tone criterion gets nothing from a fault-only feature that found no fault.
    expect(autoQa.tone).toMatchObject({ status: "none", suggestionId: null, reason: "no_forbidden_phrase" });

    const stored = await handle.db.select().from(autoQaSuggestions).where(eq(autoQaSuggestions.conversationId, conversationId));
    expect(stored).toHaveLength(4);
    expect(new Set(stored.map((row) => `${row.modelId}@${row.modelVersion}`))).toEqual(new Set(["autoqa-rules@1"]));
    expect(stored.every((row) => row.scorecardVersionId === scorecardVersionId)).toBe(true);
    // Nothing was written into a review: opening the page starts none.
    expect(await findReviewFor(handle.db, { conversationId, reviewerId: users.reviewer.id })).toBeNull();

    // Reopening keeps the same prediction rows.
    const again = await openReview();
    expect(again.greeting.suggestionId).toBe(autoQa.greeting.suggestionId);
    expect(await handle.db.select().from(autoQaSuggestions).where(eq(autoQaSuggestions.conversationId, conversationId))).toHaveLength(4);
  });

  it("follows the conversation and the admin's targets: a closed conversation expects a closing", async () => {
    await handle.db.update(conversations).set({ status: "solved" }).where(eq(conversations.id, conversationId));
    await saveSlaConfig(handle.db, {
      overrides: {
        whatsapp: {
          everyReply: { standardMs: 300_000, worldClassMs: 60_000 },
          firstResponse: { standardMs: 300_000, worldClassMs: 60_000 },
        },
      },
      schedule: null,
      businessHoursChannels: [],
    });
    const before = await openReview();
    expect(before.closing).toMatchObject({ status: "suggested", rating: 1, reason: "no_closing" });
    expect(before.speed).toMatchObject({ status: "suggested", rating: 1, reason: "all_within_target" });
    expect(before.speed.evidence[0]).toMatchObject({ targetMs: 300_000 });
  });

  it("records per rating whether a suggestion was accepted or overridden, and never changes the ratings", async () => {
    const autoQa = await openReview();
    const submitted = payload<{ ok: boolean }>(await submit({ greeting: 3, "no-redirect": 1, need: 4, speed: 1, closing: 3, tone: 4 }));
    expect(submitted.ok).toBe(true);
    const review = await findReviewFor(handle.db, { conversationId, reviewerId: users.reviewer.id });
    expect(review?.content.ratings).toEqual({ greeting: 3, "no-redirect": 1, need: 4, speed: 1, closing: 3, tone: 4 });
    const decisions = await decisionsForReview(handle.db, review?.id ?? 0);
    expect(decisions.map((d) => [d.criterionId, d.outcome, d.suggestedRating, d.rating, d.direction])).toEqual([
      ["closing", "overridden", 1, 3, "higher"],
      ["greeting", "accepted", 3, 3, null],
      ["no-redirect", "overridden", 0, 1, "higher"],
      ["speed", "accepted", 1, 1, null],
      ["tone", "no_suggestion", null, 4, null],
    ]);
    expect(decisions.find((d) => d.criterionId === "greeting")?.suggestionId).toBe(autoQa.greeting.suggestionId);
    expect(decisions.find((d) => d.criterionId === "no-redirect")).toMatchObject({ suggestedScore: 0, ratingScore: 100 });
  });

  it("rewrites the decisions when a submitted review is edited", async () => {
    const edited = payload<{ ok: boolean }>(
      await submit({ greeting: 3, "no-redirect": 0, need: 4, speed: 1, closing: "na", tone: 4 }, { "no-redirect": ["Derivó al teléfono"] }),
    );
    expect(edited.ok).toBe(true);
    const review = await findReviewFor(handle.db, { conversationId, reviewerId: users.reviewer.id });
    const decisions = await decisionsForReview(handle.db, review?.id ?? 0);
    expect(decisions.map((d) => [d.criterionId, d.outcome, d.direction])).toEqual([
      ["closing", "overridden", "to_na"],
      ["greeting", "accepted", null],
      ["no-redirect", "accepted", null],
      ["speed", "accepted", null],
      ["tone", "no_suggestion", null],
    ]);
  });

  it("reports acceptance per criterion and feature, within the lead's teams", async () => {
    const report = await acceptanceReport(handle.db, { scope: { kind: "all" }, modelVersion: "1" });
    expect(report.linkedCount).toBe(5);
    const byCriterion = Object.fromEntries(report.criteria.map((row) => [row.criterionId, row]));
    expect(byCriterion.greeting).toMatchObject({
      suggested: 1,
      decided: 1,
      accepted: 1,
      acceptedShare: 1,
      feature: "greeting",
      criterionTitle: "Saludo",
    });
    expect(byCriterion.closing).toMatchObject({
      suggested: 1,
      decided: 1,
      overridden: 1,
      overriddenShare: 1,
      typicalDirection: { direction: "to_na", share: 1 },
    });
    expect(byCriterion.tone).toMatchObject({ suggested: 0, decided: 0, noSuggestion: 1, acceptedShare: null });
    expect(report.features.map((row) => row.feature)).toEqual([
      "closing",
      "channel-redirect",
      "greeting",
      "response-time",
      "forbidden-phrases",
    ]);

    const page = payload<{ criteria: { criterionId: string; decided: number }[] }>(
      await call(acceptancePage, "lead", "/scorecards/autoqa"),
    );
    expect(page.criteria.find((row) => row.criterionId === "greeting")?.decided).toBe(1);
    const otherTeam = payload<{ criteria: { criterionId: string; suggested: number; decided: number }[] }>(
      await call(acceptancePage, "otherLead", "/scorecards/autoqa"),
    );
    expect(otherTeam.criteria.every((row) => row.suggested === 0 && row.decided === 0)).toBe(true);
    const older = await acceptanceReport(handle.db, { scope: { kind: "all" }, modelVersion: "0" });
    expect(older.criteria.every((row) => row.suggested === 0 && row.decided === 0)).toBe(true);
  });

  it("refreshes suggestions in place when the conversation changes, keeping the decisions made with them", async () => {
    const before = await openReview();
    await handle.db
      .update(messages)
      .set({ body: "Hola Marta, ya está cambiada. ¿Algo más en lo que pueda ayudarle?" })
      .where(eq(messages.id, agentReplyId));
    const autoQa = await openReview();
    expect(autoQa["no-redirect"]).toMatchObject({ status: "suggested", rating: 1, reason: "no_redirect" });
    expect(autoQa["no-redirect"].suggestionId).toBe(before["no-redirect"].suggestionId);
    expect(autoQa.closing).toMatchObject({ status: "suggested", rating: 3, reason: "closing_with_name" });
    const review = await findReviewFor(handle.db, { conversationId, reviewerId: users.reviewer.id });
    const decisions = await decisionsForReview(handle.db, review?.id ?? 0);
    expect(decisions.find((d) => d.criterionId === "no-redirect")).toMatchObject({ suggestedRating: 0, outcome: "accepted" });

    // The reply turns out to be an internal note: phrase features have no agent message to read, and the
    // customer is still waiting (far past the target by now).
    await handle.db.update(messages).set({ authorRole: "note" }).where(eq(messages.id, agentReplyId));
    const unreadable = await openReview();
    expect(unreadable.greeting).toMatchObject({ status: "none", reason: "no_agent_messages" });
    expect(unreadable.speed).toMatchObject({
      status: "suggested",
      rating: 0,
      evidence: [{ kind: "response_time", messageId: null, pending: true }],
    });
    const stored = await handle.db.select().from(autoQaSuggestions).where(eq(autoQaSuggestions.conversationId, conversationId));
    expect(stored.map((row) => row.criterionId)).toEqual(["speed"]);
    // The decisions keep what the reviewer was shown.
    expect((await decisionsForReview(handle.db, review?.id ?? 0)).find((d) => d.criterionId === "greeting")).toMatchObject({
      suggestionId: null,
      suggestedRating: 3,
      outcome: "accepted",
    });
  });

  it("refuses to publish a link to a feature that does not exist, and lets a draft link a criterion", async () => {
    const scorecard = await createScorecard(handle.db, {
      name: "Borrador",
      draft: {
        ...definition,
        categories: [{ ...definition.categories[0], criteria: [{ ...definition.categories[0].criteria[0], autoQaFeature: "sarcasm" }] }],
      },
      createdBy: users.admin.id,
    });
    const published = await publishScorecard(handle.db, { id: scorecard.id, publishedBy: users.admin.id });
    expect(published).toMatchObject({ ok: false, reason: "invalid", issues: [{ path: "categories[0].criteria[0].autoQaFeature" }] });
    const saved = payload<{ ok: boolean; issues: { path: string }[] }>(
      await call(scorecardPage, "admin", `/scorecards/${scorecard.id}`, {
        params: { id: String(scorecard.id) },
        form: { intent: "save", name: "Borrador", description: "", definition: JSON.stringify({ ...definition, language: "es" }) },
      }),
    );
    expect(saved).toMatchObject({ ok: true, issues: [] });
  });

  it("explains how to link criteria when none is linked", async () => {
    const fresh = await createTestDatabase(driver);
    try {
      const report = await acceptanceReport(fresh.db, { scope: { kind: "all" } });
      expect(report).toEqual({ features: [], criteria: [], linkedCount: 0, linkedInDrafts: 0 });
    } finally {
      await fresh.close();
    }
  });
});
