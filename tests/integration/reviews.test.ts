import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import {
  addHighlight,
  assignConversation,
  deleteDraft,
  deleteHighlight,
  getReviewDetail,
  getReviewSettings,
  listHighlights,
  listQueue,
  listReviews,
  nextAssignment,
  putReviewSettings,
  reviewAuditTrail,
  saveDraft,
  skipAssignment,
  startReview,
  submitReview,
} from "../../db/queries/reviews";
import {
  applicableScorecardVersion,
  createScorecard,
  getScorecard,
  listPublishedScorecards,
  listScorecards,
  publishScorecard,
  saveScorecardDraft,
  updateScorecardSettings,
} from "../../db/queries/scorecards";
import { messages, reviewAssignments, reviewCriterionResults, scorecardVersions } from "../../db/schema";
import { EMPTY_REVIEW_CONTENT, type ReviewContent } from "../../scoring/rubric";
import { createTestDatabase, testDrivers } from "../helpers/db";
import {
  WORKED_EXAMPLE_RATINGS,
  makeAgent,
  makeConversation,
  makeCustomer,
  makePublishedScorecard,
  makeTeam,
  makeUser,
  supportScorecardDefinition,
} from "../helpers/factories";

const complete: ReviewContent = {
  ...EMPTY_REVIEW_CONTENT,
  ratings: { ...WORKED_EXAMPLE_RATINGS },
  rootCauses: { "brand-tone": ["Robotic or cold wording"] },
  criterionComments: { "brand-tone": "Sounded like a template" },
  overallComment: "Solid resolution, warm it up.",
};

describe.each(testDrivers)("scorecard queries on %s", (driver) => {
  let handle: DatabaseHandle;
  let teamId: number;
  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    teamId = (await makeTeam(handle.db, "Scorecards team")).id;
  });
  afterAll(async () => {
    await handle.close();
  });

  it("publishes a valid draft as version 1, refuses an invalid one with its issues, and versions every later edit", async () => {
    const { db } = handle;
    const scorecard = await createScorecard(db, { name: "Soporte", draft: { categories: [] }, createdBy: null });
    const invalid = await publishScorecard(db, { id: scorecard.id, publishedBy: null });
    expect(invalid).toMatchObject({ ok: false, reason: "invalid" });
    expect(invalid.ok === false && invalid.reason === "invalid" && invalid.issues[0].path).toBe("categories");

    await saveScorecardDraft(db, { id: scorecard.id, draft: supportScorecardDefinition() });
    const first = await publishScorecard(db, { id: scorecard.id, publishedBy: null });
    expect(first).toMatchObject({ ok: true, version: 1 });
    const afterPublish = await getScorecard(db, scorecard.id);
    expect(afterPublish?.scorecard.draft).toBeNull();
    expect(afterPublish?.latestDefinition?.bonusCap).toBe(110);
    expect(await publishScorecard(db, { id: scorecard.id, publishedBy: null })).toEqual({ ok: false, reason: "no_draft" });

    const edited = supportScorecardDefinition() as { bonusCap: number };
    edited.bonusCap = 100;
    await saveScorecardDraft(db, { id: scorecard.id, draft: edited });
    const listed = (await listScorecards(db)).find((row) => row.id === scorecard.id);
    expect(listed).toMatchObject({ hasDraft: true, latestVersion: 1 });
    const second = await publishScorecard(db, { id: scorecard.id, publishedBy: null });
    expect(second).toMatchObject({ ok: true, version: 2 });
    const versions = (await getScorecard(db, scorecard.id))?.versions.map((version) => version.version);
    expect(versions).toEqual([2, 1]);
  });

  it("never changes a published version", async () => {
    const { versionId } = await makePublishedScorecard(handle.db);
    await expect(
      handle.db
        .update(scorecardVersions)
        .set({ definition: { categories: [] } })
        .where(eq(scorecardVersions.id, versionId)),
    ).rejects.toThrow();
    const [row] = await handle.db.select().from(scorecardVersions).where(eq(scorecardVersions.id, versionId));
    expect((row.definition as { bonusCap: number }).bonusCap).toBe(110);
  });

  it("applies the most specific matching scorecard to a conversation and skips archived ones", async () => {
    const { db } = handle;
    const general = await makePublishedScorecard(db, { name: "General" });
    const spanish = await makePublishedScorecard(db, { name: "Español", languages: ["es"] });
    const spanishChatForTeam = await makePublishedScorecard(db, {
      name: "Chat del equipo",
      languages: ["es"],
      channels: ["chat"],
      teamIds: [teamId],
    });
    const pick = async (conversation: { channel: "chat" | "email"; teamId: number | null; language: string | null }) =>
      (await applicableScorecardVersion(db, conversation))?.id;
    // Earlier tests made unrestricted scorecards too; the oldest unrestricted one wins among equals.
    const unrestrictedWinner = await pick({ channel: "email", teamId: null, language: "en" });
    expect([general.versionId, spanish.versionId]).not.toContain(undefined);
    expect(unrestrictedWinner).not.toBe(spanish.versionId);
    expect(await pick({ channel: "email", teamId, language: "es" })).toBe(spanish.versionId);
    expect(await pick({ channel: "chat", teamId, language: "es" })).toBe(spanishChatForTeam.versionId);
    expect(await pick({ channel: "chat", teamId: null, language: "es" })).toBe(spanish.versionId);
    await updateScorecardSettings(db, spanishChatForTeam.scorecardId, { active: false });
    expect(await pick({ channel: "chat", teamId, language: "es" })).toBe(spanish.versionId);
    const offered = (await listPublishedScorecards(db)).map((row) => row.versionId);
    expect(offered).toContain(spanish.versionId);
    expect(offered).not.toContain(spanishChatForTeam.versionId);
  });
});

describe.each(testDrivers)("review queries on %s", (driver) => {
  let handle: DatabaseHandle;
  const people = {} as Record<"reviewer" | "otherReviewer" | "lead" | "agentUser", string>;
  let teamA: number;
  let teamB: number;
  let agentA: number;
  let agentB: number;
  let conversationA: number;
  let conversationB: number;
  let otherConversation: number;
  let versionId: number;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    const { db } = handle;
    teamA = (await makeTeam(db, "A")).id;
    teamB = (await makeTeam(db, "B")).id;
    people.reviewer = (await makeUser(db, "reviewer")).id;
    people.otherReviewer = (await makeUser(db, "reviewer")).id;
    people.lead = (await makeUser(db, "lead", { teamIds: [teamA] })).id;
    people.agentUser = (await makeUser(db, "agent", { teamIds: [teamA] })).id;
    agentA = (await makeAgent(db, { teamId: teamA, userId: people.agentUser })).id;
    agentB = (await makeAgent(db, { teamId: teamB })).id;
    const customerId = (await makeCustomer(db)).id;
    const transcript = [
      { role: "customer" as const, body: "Me cobraron dos veces" },
      { role: "agent" as const, body: "Hola Marta, lo siento mucho. Ya he pedido el reembolso." },
    ];
    conversationA = (await makeConversation(db, { agentId: agentA, teamId: teamA, customerId, channel: "chat", messages: transcript })).id;
    conversationB = (await makeConversation(db, { agentId: agentB, teamId: teamB, customerId, channel: "email", messages: transcript })).id;
    otherConversation = (await makeConversation(db, { agentId: agentB, teamId: teamB, customerId, messages: transcript })).id;
    versionId = (await makePublishedScorecard(db)).versionId;
  });
  afterAll(async () => {
    await handle.close();
  });

  const messagesOf = async (conversationId: number) =>
    handle.db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(messages.ordinal);

  it("starts a draft once, autosaves it, and moves the assignment to in progress", async () => {
    const { db } = handle;
    await assignConversation(db, { conversationId: conversationA, reviewerId: people.reviewer, dueAt: new Date("2026-11-30T00:00:00Z") });
    const input = {
      conversationId: conversationA,
      reviewerId: people.reviewer,
      agentId: agentA,
      scorecardVersionId: versionId,
      kind: "standard" as const,
    };
    const first = await startReview(db, input);
    const again = await startReview(db, input);
    expect(again.id).toBe(first.id);
    expect(first.status).toBe("draft");
    await saveDraft(db, { reviewId: first.id, content: { ...EMPTY_REVIEW_CONTENT, ratings: { greeting: 2 }, overallComment: "en curso" } });
    const detail = await getReviewDetail(db, { id: first.id, scope: { kind: "all" }, viewerId: people.reviewer });
    expect(detail?.review.content).toMatchObject({ ratings: { greeting: 2 }, overallComment: "en curso" });
    const [assignment] = await db.select().from(reviewAssignments).where(eq(reviewAssignments.conversationId, conversationA));
    expect(assignment.status).toBe("in_progress");
  });

  it("refuses an incomplete submission and explains what is missing", async () => {
    const { db } = handle;
    const review = await startReview(db, {
      conversationId: conversationA,
      reviewerId: people.reviewer,
      agentId: agentA,
      scorecardVersionId: versionId,
      kind: "standard",
    });
    const result = await submitReview(db, { reviewId: review.id, actorId: people.reviewer, content: { ...complete, rootCauses: {} } });
    expect(result).toMatchObject({ ok: false, reason: "incomplete" });
    expect(result.ok === false && result.reason === "incomplete" && result.issues.map((issue) => issue.code)).toEqual([
      "root_cause_required",
    ]);
  });

  it("submits with the score docs/scoring.md gives, stores per-criterion results, audits and completes the assignment", async () => {
    const { db } = handle;
    const review = await startReview(db, {
      conversationId: conversationA,
      reviewerId: people.reviewer,
      agentId: agentA,
      scorecardVersionId: versionId,
      kind: "standard",
    });
    const result = await submitReview(db, { reviewId: review.id, actorId: people.reviewer, content: complete });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Worked example: base 80.5556 + bonus 16.6667 = 97.2222 (golden file 11).
    expect(result.score).toBeCloseTo(97.2222, 4);
    const detail = await getReviewDetail(db, { id: review.id, scope: { kind: "all" }, viewerId: people.reviewer });
    expect(detail?.review).toMatchObject({ status: "submitted", autoFailed: false });
    expect(detail?.review.score).toBeCloseTo(97.2222, 4);
    const results = await db.select().from(reviewCriterionResults).where(eq(reviewCriterionResults.reviewId, review.id));
    expect(results).toHaveLength(9);
    expect(results.find((row) => row.criterionId === "response-time")).toMatchObject({ status: "na", score: null });
    expect(results.find((row) => row.criterionId === "brand-tone")).toMatchObject({ score: 25, negative: true });
    expect((await reviewAuditTrail(db, review.id)).map((entry) => entry.action)).toEqual(["submitted"]);
    const [assignment] = await db.select().from(reviewAssignments).where(eq(reviewAssignments.conversationId, conversationA));
    expect(assignment.status).toBe("completed");
    // A submitted review is not overwritten by a stale autosave.
    expect(await saveDraft(db, { reviewId: review.id, content: EMPTY_REVIEW_CONTENT })).toBeNull();
  });

  it("records the before and after of an edit to a submitted review, with the auto-fail reason", async () => {
    const { db } = handle;
    const review = await startReview(db, {
      conversationId: conversationA,
      reviewerId: people.reviewer,
      agentId: agentA,
      scorecardVersionId: versionId,
      kind: "standard",
    });
    const wrongInformation = { ...complete, ratings: { ...complete.ratings, "correct-information": 1 } };
    const result = await submitReview(db, { reviewId: review.id, actorId: people.reviewer, content: wrongInformation });
    expect(result).toMatchObject({ ok: true, score: 0, autoFailed: true });
    expect(result.ok && result.autoFailReasons.map((reason) => [reason.criterionId, reason.ratingLabel])).toEqual([
      ["correct-information", "Wrong"],
    ]);
    const trail = await reviewAuditTrail(db, review.id);
    expect(trail.map((entry) => entry.action)).toEqual(["submitted", "edited"]);
    expect(trail[1].before).toMatchObject({ score: expect.closeTo(97.2222, 4), ratings: { "correct-information": 4 } });
    expect(trail[1].after).toMatchObject({ score: 0, autoFailed: true, ratings: { "correct-information": 1 } });
    const results = await db.select().from(reviewCriterionResults).where(eq(reviewCriterionResults.reviewId, review.id));
    expect(results.find((row) => row.criterionId === "correct-information")).toMatchObject({ criticalFailure: true });
    // Put it back for the tests below.
    await submitReview(db, { reviewId: review.id, actorId: people.reviewer, content: complete });
  });

  it("highlights whole messages and spans of this conversation only, auditing changes once submitted", async () => {
    const { db } = handle;
    const review = await startReview(db, {
      conversationId: conversationA,
      reviewerId: people.reviewer,
      agentId: agentA,
      scorecardVersionId: versionId,
      kind: "standard",
    });
    const [, agentMessage] = await messagesOf(conversationA);
    const [foreign] = await messagesOf(otherConversation);
    expect(await addHighlight(db, { reviewId: review.id, messageId: foreign.id, kind: "exemplary", actorId: people.reviewer })).toEqual({
      ok: false,
      reason: "message_not_in_conversation",
    });
    expect(
      await addHighlight(db, {
        reviewId: review.id,
        messageId: agentMessage.id,
        kind: "exemplary",
        spanStart: 3,
        spanEnd: 999,
        actorId: people.reviewer,
      }),
    ).toEqual({ ok: false, reason: "span_out_of_range" });
    const span = await addHighlight(db, {
      reviewId: review.id,
      messageId: agentMessage.id,
      kind: "exemplary",
      spanStart: 0,
      spanEnd: 10,
      note: "  Saluda por el nombre ",
      actorId: people.reviewer,
    });
    const whole = await addHighlight(db, { reviewId: review.id, messageId: agentMessage.id, kind: "needs_work", actorId: people.reviewer });
    expect(span.ok && whole.ok).toBe(true);
    const listed = await listHighlights(db, review.id);
    expect(listed.map((h) => [h.kind, h.quote, h.note])).toEqual([
      ["exemplary", "Hola Marta", "Saluda por el nombre"],
      ["needs_work", null, ""],
    ]);
    if (whole.ok) await deleteHighlight(db, { reviewId: review.id, highlightId: whole.id, actorId: people.reviewer });
    expect(await listHighlights(db, review.id)).toHaveLength(1);
    const highlightEdits = (await reviewAuditTrail(db, review.id)).filter((entry) => JSON.stringify(entry.after).includes("highlights"));
    expect(highlightEdits).toHaveLength(3);
  });

  it("shows reviews to leads of the team and to the reviewed agent, and drafts only to their author", async () => {
    const { db } = handle;
    const draft = await startReview(db, {
      conversationId: conversationB,
      reviewerId: people.otherReviewer,
      agentId: agentB,
      scorecardVersionId: versionId,
      kind: "standard",
    });
    const submittedA = (
      await startReview(db, {
        conversationId: conversationA,
        reviewerId: people.reviewer,
        agentId: agentA,
        scorecardVersionId: versionId,
        kind: "standard",
      })
    ).id;
    const see = async (scope: Parameters<typeof getReviewDetail>[1]["scope"], viewerId: string, id: number) =>
      (await getReviewDetail(db, { id, scope, viewerId })) !== null;
    expect(await see({ kind: "all" }, people.otherReviewer, draft.id)).toBe(true);
    expect(await see({ kind: "all" }, people.reviewer, draft.id)).toBe(false);
    expect(await see({ kind: "teams", teamIds: [teamA] }, people.lead, submittedA)).toBe(true);
    expect(await see({ kind: "agent", agentId: agentA }, people.agentUser, submittedA)).toBe(true);
    expect(await see({ kind: "agent", agentId: agentB }, people.agentUser, submittedA)).toBe(false);
    const agentList = await listReviews(db, { scope: { kind: "agent", agentId: agentA }, viewerId: people.agentUser });
    expect(agentList.reviews.map((row) => row.id)).toEqual([submittedA]);
    expect(await deleteDraft(db, draft.id)).toBe(true);
    expect(await deleteDraft(db, submittedA)).toBe(false);
  });

  it("filters the review list by score range, channel, reviewer and date, and pages through it", async () => {
    const { db } = handle;
    const reviewB = await startReview(db, {
      conversationId: conversationB,
      reviewerId: people.otherReviewer,
      agentId: agentB,
      scorecardVersionId: versionId,
      kind: "standard",
    });
    const failing = { ...complete, ratings: { ...complete.ratings, "resolved-without-redirect": 0 } };
    expect(await submitReview(db, { reviewId: reviewB.id, actorId: people.otherReviewer, content: failing })).toMatchObject({
      ok: true,
      score: 0,
    });
    const list = (filters: Parameters<typeof listReviews>[1]["filters"]) =>
      listReviews(db, { scope: { kind: "all" }, viewerId: people.reviewer, filters }).then((result) =>
        result.reviews.map((row) => row.conversationId),
      );
    expect((await list({})).sort()).toEqual([conversationA, conversationB].sort());
    expect(await list({ maxScore: 10 })).toEqual([conversationB]);
    expect(await list({ minScore: 90, maxScore: 100 })).toEqual([conversationA]);
    expect(await list({ channel: "chat" })).toEqual([conversationA]);
    expect(await list({ reviewerId: people.otherReviewer })).toEqual([conversationB]);
    expect(await list({ teamId: teamB })).toEqual([conversationB]);
    expect(await list({ to: new Date("2000-01-01T00:00:00Z") })).toEqual([]);
    const firstPage = await listReviews(db, { scope: { kind: "all" }, viewerId: people.reviewer, limit: 1 });
    expect(firstPage.nextCursor).not.toBeNull();
    const secondPage = await listReviews(db, {
      scope: { kind: "all" },
      viewerId: people.reviewer,
      limit: 1,
      cursor: firstPage.nextCursor ?? undefined,
    });
    expect(secondPage.reviews.map((row) => row.id)).not.toEqual(firstPage.reviews.map((row) => row.id));
    expect(secondPage.nextCursor).toBeNull();
  });

  it("builds the queue with progress and picks the next assignment by due date", async () => {
    const { db } = handle;
    const late = await makeConversation(db, { agentId: agentB, teamId: teamB });
    const soon = await makeConversation(db, { agentId: agentB, teamId: teamB });
    const undated = await makeConversation(db, { agentId: agentB, teamId: teamB });
    await assignConversation(db, { conversationId: late.id, reviewerId: people.reviewer, dueAt: new Date("2026-12-20T00:00:00Z") });
    await assignConversation(db, { conversationId: soon.id, reviewerId: people.reviewer, dueAt: new Date("2026-12-01T00:00:00Z") });
    const skipped = await assignConversation(db, { conversationId: undated.id, reviewerId: people.reviewer });
    expect(await assignConversation(db, { conversationId: soon.id, reviewerId: people.reviewer })).toBeNull();
    const queue = await listQueue(db, { reviewerId: people.reviewer });
    expect(queue.open.map((row) => row.conversationId)).toEqual([soon.id, late.id, undated.id]);
    expect(queue.done.map((row) => row.conversationId)).toEqual([conversationA]);
    expect(queue.progress).toEqual({ completed: 1, total: 4, skipped: 0 });
    expect(await nextAssignment(db, { reviewerId: people.reviewer })).toMatchObject({ conversationId: soon.id });
    expect(await nextAssignment(db, { reviewerId: people.reviewer, after: soon.id })).toMatchObject({ conversationId: late.id });
    expect(skipped && (await skipAssignment(db, { id: skipped.id, reviewerId: people.otherReviewer }))).toBe(false);
    expect(skipped && (await skipAssignment(db, { id: skipped.id, reviewerId: people.reviewer }))).toBe(true);
    expect((await listQueue(db, { reviewerId: people.reviewer })).progress).toEqual({ completed: 1, total: 3, skipped: 1 });
  });

  it("keeps review settings with defaults", async () => {
    const { db } = handle;
    expect(await getReviewSettings(db)).toEqual({ hideReviewerFromAgents: false, selfReview: false, peerReview: false });
    await putReviewSettings(db, { hideReviewerFromAgents: true, selfReview: true, peerReview: false });
    expect(await getReviewSettings(db)).toEqual({ hideReviewerFromAgents: true, selfReview: true, peerReview: false });
  });
});
