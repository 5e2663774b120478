import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import {
  type CalibrationViewer,
  calibrationItem,
  calibrationSessionReviews,
  closeCalibrationSession,
  createCalibrationSession,
  getCalibrationSession,
  listCalibrationSessions,
  myOpenCalibrations,
  nextCalibrationItem,
  pickCalibrationConversations,
} from "../../db/queries/calibration";
import { qualityOverview } from "../../db/queries/quality";
import { reviewerDashboard } from "../../db/queries/reviewer-dashboard";
import {
  assignConversation,
  findReviewFor,
  getReviewDetail,
  listQueue,
  listReviews,
  reviewScores,
  reviewsOfConversation,
  saveDraft,
  startReview,
  submitReview,
} from "../../db/queries/reviews";
import { calibrationSessionConversations, reviewAssignments, reviewCriterionResults } from "../../db/schema";
import { createTestDatabase, testDrivers } from "../helpers/db";
import { WORKED_EXAMPLE_CONTENT, makeAgent, makeConversation, makePublishedScorecard, makeTeam, makeUser } from "../helpers/factories";

const viewerOf = (user: { id: string }, role: "admin" | "lead" | "reviewer", teamIds: number[] = []): CalibrationViewer => ({
  userId: user.id,
  manageAll: role === "admin",
  teamIds: role === "lead" ? teamIds : [],
});

describe.each(testDrivers)("calibration sessions on %s", (driver) => {
  let handle: DatabaseHandle;
  let teamA: number;
  let teamB: number;
  let versionId: number;
  let agentId: number;
  let conversationIds: number[];
  let otherTeamConversation: number;
  const people = {} as Record<"admin" | "lead" | "otherLead" | "first" | "second" | "outsider", { id: string }>;

  beforeAll(async () => {
    handle = await createTestDatabase(driver);
    const { db } = handle;
    teamA = (await makeTeam(db, "Calibración A")).id;
    teamB = (await makeTeam(db, "Calibración B")).id;
    people.admin = await makeUser(db, "admin");
    people.lead = await makeUser(db, "lead", { teamIds: [teamA] });
    people.otherLead = await makeUser(db, "lead", { teamIds: [teamB] });
    people.first = await makeUser(db, "reviewer");
    people.second = await makeUser(db, "reviewer");
    people.outsider = await makeUser(db, "reviewer");
    agentId = (await makeAgent(db, { teamId: teamA })).id;
    conversationIds = [];
    for (let index = 0; index < 4; index++) {
      const conversation = await makeConversation(db, {
        agentId,
        teamId: teamA,
        messages: [
          { role: "customer", body: "Me cobraron dos veces" },
          { role: "agent", body: "Lo reviso ahora mismo" },
        ],
      });
      conversationIds.push(conversation.id);
    }
    otherTeamConversation = (await makeConversation(db, { teamId: teamB, messages: [{ role: "agent", body: "Hola" }] })).id;
    versionId = (await makePublishedScorecard(db)).versionId;
  });

  afterAll(async () => {
    await handle.close();
  });

  const newSession = (overrides: Partial<Parameters<typeof createCalibrationSession>[1]> = {}) =>
    createCalibrationSession(handle.db, {
      name: "Calibración de noviembre",
      scorecardVersionId: versionId,
      teamId: teamA,
      referenceReviewerId: null,
      dueAt: null,
      blind: true,
      conversationIds: conversationIds.slice(0, 2),
      reviewerIds: [people.first.id, people.second.id],
      createdBy: people.lead.id,
      ...overrides,
    });

  it("refuses a session without two reviewers, without conversations, or with unknown ones", async () => {
    expect(await newSession({ reviewerIds: [people.first.id] })).toEqual({ ok: false, reason: "too_few_reviewers" });
    expect(await newSession({ conversationIds: [] })).toEqual({ ok: false, reason: "no_conversations" });
    expect(await newSession({ conversationIds: [999_999_999] })).toEqual({ ok: false, reason: "unknown_conversations" });
    expect(await newSession({ reviewerIds: [people.first.id, "nobody"] })).toEqual({ ok: false, reason: "unknown_reviewers" });
    expect(await newSession({ scorecardVersionId: 999_999 })).toEqual({ ok: false, reason: "unknown_scorecard" });
  });

  it("adds the reference reviewer to the participants and keeps the conversations' order", async () => {
    const created = await newSession({ referenceReviewerId: people.lead.id, conversationIds: [conversationIds[1], conversationIds[0]] });
    if (!created.ok) throw new Error(created.reason);
    const session = await getCalibrationSession(handle.db, { id: created.id, viewer: viewerOf(people.lead, "lead", [teamA]) });
    expect(session?.reviewers.map((reviewer) => reviewer.id).sort()).toEqual([people.first.id, people.second.id, people.lead.id].sort());
    expect(session?.conversations.map((conversation) => conversation.id)).toEqual([conversationIds[1], conversationIds[0]]);
    expect(session).toMatchObject({ canManage: true, isParticipant: true, status: "open", blind: true });
  });

  it("shows a session to those who manage it or take part, and to nobody else", async () => {
    const created = await newSession();
    if (!created.ok) throw new Error(created.reason);
    const id = created.id;
    expect(await getCalibrationSession(handle.db, { id, viewer: viewerOf(people.admin, "admin") })).toMatchObject({
      canManage: true,
      isParticipant: false,
    });
    expect(await getCalibrationSession(handle.db, { id, viewer: viewerOf(people.first, "reviewer") })).toMatchObject({
      canManage: false,
      isParticipant: true,
    });
    expect(await getCalibrationSession(handle.db, { id, viewer: viewerOf(people.otherLead, "lead", [teamB]) })).toBeNull();
    expect(await getCalibrationSession(handle.db, { id, viewer: viewerOf(people.outsider, "reviewer") })).toBeNull();
    const listed = await listCalibrationSessions(handle.db, { viewer: viewerOf(people.first, "reviewer") });
    expect(listed.find((session) => session.id === id)).toMatchObject({
      conversationCount: 2,
      reviewerCount: 2,
      submitted: 0,
      isParticipant: true,
    });
    expect((await listCalibrationSessions(handle.db, { viewer: viewerOf(people.outsider, "reviewer") })).some((s) => s.id === id)).toBe(
      false,
    );
    expect(await closeCalibrationSession(handle.db, { id, viewer: viewerOf(people.otherLead, "lead", [teamB]) })).toBe(false);
    expect(await closeCalibrationSession(handle.db, { id, viewer: viewerOf(people.first, "reviewer") })).toBe(false);
  });

  it("keeps calibration reviews out of every quality list, score, queue and report fact", async () => {
    const { db } = handle;
    const created = await newSession();
    if (!created.ok) throw new Error(created.reason);
    const conversationId = conversationIds[0];
    // The same reviewer also has this conversation in their queue and reviews it for quality.
    await assignConversation(db, { conversationId, reviewerId: people.first.id });
    const calibration = await startReview(db, {
      conversationId,
      reviewerId: people.first.id,
      agentId,
      scorecardVersionId: versionId,
      kind: "standard",
      calibrationSessionId: created.id,
    });
    expect(calibration.calibrationSessionId).toBe(created.id);
    const [assignmentBefore] = await db.select().from(reviewAssignments).where(eq(reviewAssignments.conversationId, conversationId));
    expect(assignmentBefore.status).toBe("pending");
    expect(await submitReview(db, { reviewId: calibration.id, actorId: people.first.id, content: WORKED_EXAMPLE_CONTENT })).toMatchObject({
      ok: true,
    });
    const [assignmentAfter] = await db.select().from(reviewAssignments).where(eq(reviewAssignments.conversationId, conversationId));
    expect(assignmentAfter.status).toBe("pending");
    expect(await db.select().from(reviewCriterionResults).where(eq(reviewCriterionResults.reviewId, calibration.id))).toEqual([]);

    expect(await findReviewFor(db, { conversationId, reviewerId: people.first.id })).toBeNull();
    expect(await findReviewFor(db, { conversationId, reviewerId: people.first.id, calibrationSessionId: created.id })).toMatchObject({
      id: calibration.id,
      status: "submitted",
    });
    const everything = { scope: { kind: "all" } as const, viewerId: people.admin.id };
    expect((await listReviews(db, everything)).reviews.map((review) => review.id)).not.toContain(calibration.id);
    expect(await reviewScores(db, { ...everything, filters: { agentId } })).toEqual([]);
    expect(await reviewsOfConversation(db, { conversationId, ...everything })).toEqual([]);
    expect(await getReviewDetail(db, { id: calibration.id, ...everything })).toBeNull();
    // Not even its author sees it as one of their reviews.
    expect(await getReviewDetail(db, { id: calibration.id, scope: { kind: "all" }, viewerId: people.first.id })).toBeNull();
    // Dashboards: the factory's conversations are from 1 November 2026.
    const dashboard = () => qualityOverview(db, { scope: { kind: "all" }, filters: { from: "2026-10-26", to: "2026-11-08", agentId } });
    expect((await dashboard()).total.count).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const submittedBy = async (reviewerId: string) =>
      (await reviewerDashboard(db, { scope: { kind: "all" }, filters: { from: today, to: today }, asOf: new Date() })).reviewers.find(
        (row) => row.reviewerId === reviewerId,
      )?.current.submitted ?? 0;
    expect(await submittedBy(people.first.id)).toBe(0);
    const queue = await listQueue(db, { reviewerId: people.first.id });
    expect(queue.open.find((row) => row.conversationId === conversationId)).toMatchObject({ reviewId: null, status: "pending" });

    // The quality review of the same conversation by the same reviewer is a separate row, and the one that counts.
    const quality = await startReview(db, {
      conversationId,
      reviewerId: people.first.id,
      agentId,
      scorecardVersionId: versionId,
      kind: "standard",
    });
    expect(quality.id).not.toBe(calibration.id);
    expect(quality.calibrationSessionId).toBeNull();
    await submitReview(db, { reviewId: quality.id, actorId: people.first.id, content: WORKED_EXAMPLE_CONTENT });
    expect((await reviewScores(db, { ...everything, filters: { agentId } })).map((score) => score?.toFixed(4))).toEqual(["97.2222"]);
    expect((await dashboard()).total.count).toBe(1);
    expect(await submittedBy(people.first.id)).toBe(1);
    expect((await db.select().from(reviewCriterionResults).where(eq(reviewCriterionResults.reviewId, quality.id))).length).toBeGreaterThan(
      0,
    );
  });

  it("makes a submitted calibration review final, and takes none after the session closed", async () => {
    const { db } = handle;
    const created = await newSession();
    if (!created.ok) throw new Error(created.reason);
    const start = (reviewerId: string, conversationId: number) =>
      startReview(db, {
        conversationId,
        reviewerId,
        agentId,
        scorecardVersionId: versionId,
        kind: "standard",
        calibrationSessionId: created.id,
      });
    const first = await start(people.first.id, conversationIds[0]);
    await submitReview(db, { reviewId: first.id, actorId: people.first.id, content: WORKED_EXAMPLE_CONTENT });
    const edit = { ...WORKED_EXAMPLE_CONTENT, ratings: { ...WORKED_EXAMPLE_CONTENT.ratings, greeting: 3 } };
    expect(await submitReview(db, { reviewId: first.id, actorId: people.first.id, content: edit })).toEqual({
      ok: false,
      reason: "locked",
    });

    const draft = await start(people.second.id, conversationIds[0]);
    expect(await saveDraft(db, { reviewId: draft.id, content: { ...WORKED_EXAMPLE_CONTENT } })).not.toBeNull();
    expect(await closeCalibrationSession(db, { id: created.id, viewer: viewerOf(people.lead, "lead", [teamA]) })).toBe(true);
    expect(await closeCalibrationSession(db, { id: created.id, viewer: viewerOf(people.lead, "lead", [teamA]) })).toBe(false);
    expect(await submitReview(db, { reviewId: draft.id, actorId: people.second.id, content: WORKED_EXAMPLE_CONTENT })).toEqual({
      ok: false,
      reason: "locked",
    });
    const stored = await calibrationSessionReviews(db, created.id);
    expect(stored.map((review) => [review.reviewerId, review.status])).toEqual([
      [people.first.id, "submitted"],
      [people.second.id, "draft"],
    ]);
    expect(stored[0].ratings.greeting).toBe(2);
  });

  it("walks a reviewer through their items in session order, and lists their open sessions", async () => {
    const { db } = handle;
    const created = await newSession({
      conversationIds: [conversationIds[2], conversationIds[3], conversationIds[1]],
      reviewerIds: [people.outsider.id, people.second.id],
    });
    if (!created.ok) throw new Error(created.reason);
    const reviewerId = people.outsider.id;
    expect(await nextCalibrationItem(db, { sessionId: created.id, reviewerId })).toEqual({ conversationId: conversationIds[2] });
    expect(await nextCalibrationItem(db, { sessionId: created.id, reviewerId, after: conversationIds[2] })).toEqual({
      conversationId: conversationIds[3],
    });
    const review = await startReview(db, {
      conversationId: conversationIds[2],
      reviewerId,
      agentId,
      scorecardVersionId: versionId,
      kind: "standard",
      calibrationSessionId: created.id,
    });
    await submitReview(db, { reviewId: review.id, actorId: reviewerId, content: WORKED_EXAMPLE_CONTENT });
    expect(await nextCalibrationItem(db, { sessionId: created.id, reviewerId })).toEqual({ conversationId: conversationIds[3] });
    const mine = await myOpenCalibrations(db, { reviewerId });
    expect(mine.find((session) => session.id === created.id)).toMatchObject({ conversationCount: 3, mySubmitted: 1 });

    expect(await calibrationItem(db, { sessionId: created.id, conversationId: conversationIds[3], reviewerId })).toMatchObject({
      id: created.id,
      status: "open",
      scorecardVersionId: versionId,
    });
    // Not a participant, or not a conversation of the session: no item.
    expect(
      await calibrationItem(db, { sessionId: created.id, conversationId: conversationIds[3], reviewerId: people.first.id }),
    ).toBeNull();
    expect(await calibrationItem(db, { sessionId: created.id, conversationId: conversationIds[0], reviewerId })).toBeNull();
  });

  it("picks conversations at random within the scope, reproducibly, skipping those already in a session", async () => {
    const { db } = handle;
    const inSession = new Set(
      (await db.select({ id: calibrationSessionConversations.conversationId }).from(calibrationSessionConversations)).map((row) => row.id),
    );
    const free = conversationIds.filter((id) => !inSession.has(id));
    const scope = { kind: "teams" as const, teamIds: [teamA] };
    const picked = await pickCalibrationConversations(db, { scope, teamId: null, count: 10, seed: "noviembre" });
    expect(picked.sort()).toEqual([...free].sort());
    expect(picked).not.toContain(otherTeamConversation);
    const all = await pickCalibrationConversations(db, { scope: { kind: "all" }, teamId: null, count: 1, seed: "noviembre" });
    expect(await pickCalibrationConversations(db, { scope: { kind: "all" }, teamId: null, count: 1, seed: "noviembre" })).toEqual(all);
    expect(await pickCalibrationConversations(db, { scope: { kind: "all" }, teamId: teamB, count: 5, seed: "x" })).toEqual([
      otherTeamConversation,
    ]);
  });
});
