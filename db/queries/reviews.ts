import { type SQL, and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  type AutoFailReason,
  type ReviewContent,
  type SubmissionIssue,
  reviewContentOf,
  scoreReview,
  submissionIssues,
} from "../../scoring/rubric";
import type { Database } from "../client";
import {
  agents,
  calibrationSessions,
  conversations,
  highlights,
  messages,
  reviewAssignments,
  reviewAuditLog,
  reviewCriterionResults,
  reviews,
  scorecardVersions,
  scorecards,
  teams,
  users,
} from "../schema";
import type { Channel, HighlightKind, ReviewKind } from "../schema/enums";
import { recordAutoQaDecisions } from "./autoqa";
import type { ConversationScope } from "./scope";
import { getScorecardVersion } from "./scorecards";
import { getSetting, putSetting } from "./settings";

// ---------------------------------------------------------------------------------------------
// Settings

export interface ReviewSettings {
  /** Agents see "QA reviewer" instead of the reviewer's name on their reviews. */
  hideReviewerFromAgents: boolean;
  /** Agents may review their own conversations (kind "self"). */
  selfReview: boolean;
  /** Agents may review their teammates' conversations (kind "peer"). */
  peerReview: boolean;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { hideReviewerFromAgents: false, selfReview: false, peerReview: false };
const REVIEW_SETTINGS_KEY = "review_settings";

export async function getReviewSettings(db: Database): Promise<ReviewSettings> {
  const stored = await getSetting<Partial<ReviewSettings>>(db, REVIEW_SETTINGS_KEY);
  return { ...DEFAULT_REVIEW_SETTINGS, ...stored };
}

export async function putReviewSettings(db: Database, value: ReviewSettings): Promise<void> {
  await putSetting(db, REVIEW_SETTINGS_KEY, value);
}

// ---------------------------------------------------------------------------------------------
// Quality reviews and calibration reviews

/**
 * A quality review: one that scores the agent. Calibration reviews (made in a calibration session to measure
 * the reviewers) are `reviews` rows too, and every query about agents' quality — lists, scores, queues,
 * sampling histories, reports — must keep to this condition (docs/decisions/007-calibration.md).
 */
export function isQualityReview(): SQL {
  return isNull(reviews.calibrationSessionId);
}

// ---------------------------------------------------------------------------------------------
// One review

const reviewColumns = {
  id: reviews.id,
  conversationId: reviews.conversationId,
  agentId: reviews.agentId,
  reviewerId: reviews.reviewerId,
  scorecardVersionId: reviews.scorecardVersionId,
  kind: reviews.kind,
  calibrationSessionId: reviews.calibrationSessionId,
  status: reviews.status,
  ratings: reviews.ratings,
  criterionComments: reviews.criterionComments,
  rootCauses: reviews.rootCauses,
  overallComment: reviews.overallComment,
  score: reviews.score,
  baseScore: reviews.baseScore,
  autoFailed: reviews.autoFailed,
  autoFailReasons: reviews.autoFailReasons,
  createdAt: reviews.createdAt,
  updatedAt: reviews.updatedAt,
  submittedAt: reviews.submittedAt,
};

type ReviewRow = { [K in keyof typeof reviewColumns]: (typeof reviews.$inferSelect)[K] };

function withContent<T extends ReviewRow>(row: T) {
  const { ratings, criterionComments, rootCauses, overallComment, autoFailReasons, ...rest } = row;
  return {
    ...rest,
    content: reviewContentOf({ ratings, criterionComments, rootCauses, overallComment }),
    autoFailReasons: autoFailReasons as AutoFailReason[],
  };
}

export type StoredReview = ReturnType<typeof withContent<ReviewRow>>;

export async function getReviewById(db: Database, id: number): Promise<StoredReview | null> {
  const [row] = await db.select(reviewColumns).from(reviews).where(eq(reviews.id, id));
  return row ? withContent(row) : null;
}

/** The reviewer's quality review of the conversation, or with `calibrationSessionId` their review in that session. */
export async function findReviewFor(
  db: Database,
  {
    conversationId,
    reviewerId,
    calibrationSessionId = null,
  }: { conversationId: number; reviewerId: string; calibrationSessionId?: number | null },
) {
  const [row] = await db
    .select(reviewColumns)
    .from(reviews)
    .where(
      and(
        eq(reviews.conversationId, conversationId),
        eq(reviews.reviewerId, reviewerId),
        calibrationSessionId === null ? isQualityReview() : eq(reviews.calibrationSessionId, calibrationSessionId),
      ),
    );
  return row ? withContent(row) : null;
}

/**
 * The reviewer's review of this conversation, created as an empty draft on the pinned version if there is none.
 * With `calibrationSessionId` it is their review in that session, which leaves their queue alone.
 */
export async function startReview(
  db: Database,
  input: {
    conversationId: number;
    reviewerId: string;
    agentId: number | null;
    scorecardVersionId: number;
    kind: ReviewKind;
    calibrationSessionId?: number | null;
  },
): Promise<StoredReview> {
  const calibrationSessionId = input.calibrationSessionId ?? null;
  return db.transaction(async (tx) => {
    const values = { ...input, calibrationSessionId };
    if (calibrationSessionId === null) {
      await tx
        .insert(reviews)
        .values(values)
        .onConflictDoNothing({ target: [reviews.conversationId, reviews.reviewerId], where: sql`calibration_session_id is null` });
      await tx
        .update(reviewAssignments)
        .set({ status: "in_progress" })
        .where(
          and(
            eq(reviewAssignments.conversationId, input.conversationId),
            eq(reviewAssignments.reviewerId, input.reviewerId),
            eq(reviewAssignments.status, "pending"),
          ),
        );
    } else {
      await tx
        .insert(reviews)
        .values(values)
        .onConflictDoNothing({
          target: [reviews.calibrationSessionId, reviews.conversationId, reviews.reviewerId],
          where: sql`calibration_session_id is not null`,
        });
    }
    const found = await findReviewFor(tx, { ...input, calibrationSessionId });
    if (!found) throw new Error("review vanished right after it was created");
    return found;
  });
}

/** Re-pins a draft that has no ratings yet to another scorecard version (the reviewer picked another scorecard). */
export async function changeDraftScorecard(
  db: Database,
  { reviewId, scorecardVersionId }: { reviewId: number; scorecardVersionId: number },
) {
  const [row] = await db
    .update(reviews)
    .set({ scorecardVersionId, ratings: {}, criterionComments: {}, rootCauses: {}, updatedAt: new Date() })
    .where(and(eq(reviews.id, reviewId), eq(reviews.status, "draft")))
    .returning({ id: reviews.id });
  return row !== undefined;
}

/** Autosave: replaces the draft's content. Submitted reviews change only through updateSubmittedReview. */
export async function saveDraft(db: Database, { reviewId, content }: { reviewId: number; content: ReviewContent }) {
  const [row] = await db
    .update(reviews)
    .set({ ...content, updatedAt: new Date() })
    .where(and(eq(reviews.id, reviewId), eq(reviews.status, "draft")))
    .returning({ updatedAt: reviews.updatedAt });
  return row ?? null;
}

function snapshotOf(review: { content: ReviewContent; score: number | null; autoFailed: boolean }) {
  return { ...review.content, score: review.score, autoFailed: review.autoFailed };
}

export type SubmitResult =
  | { ok: true; score: number | null; autoFailed: boolean; autoFailReasons: AutoFailReason[] }
  | { ok: false; reason: "not_found" }
  /** A submitted calibration review is final, and none is taken once its session is closed. */
  | { ok: false; reason: "locked" }
  | { ok: false; reason: "incomplete"; issues: SubmissionIssue[] };

/**
 * Submits a draft, or saves an edit of a submitted review (recording before and after in the
 * audit log). The score is computed with scoreReview on the pinned version and stored unrounded,
 * with one result row per criterion for reports.
 */
export async function submitReview(
  db: Database,
  { reviewId, actorId, content }: { reviewId: number; actorId: string; content: ReviewContent },
): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select(reviewColumns).from(reviews).where(eq(reviews.id, reviewId)).for("update");
    if (!locked) return { ok: false, reason: "not_found" } as const;
    const before = withContent(locked);
    const calibration = before.calibrationSessionId !== null;
    if (calibration) {
      // Calibration measures first judgements: no edits after submitting (the reviewer may have seen the others'
      // ratings by then), and nothing after the session closed.
      const [session] = await tx
        .select({ status: calibrationSessions.status })
        .from(calibrationSessions)
        .where(eq(calibrationSessions.id, before.calibrationSessionId as number));
      if (before.status === "submitted" || session?.status !== "open") return { ok: false, reason: "locked" } as const;
    }
    const version = await getScorecardVersion(tx, before.scorecardVersionId);
    if (!version) throw new Error(`review ${reviewId} pins a missing scorecard version`);
    const issues = submissionIssues(version.definition, content);
    if (issues.length > 0) return { ok: false, reason: "incomplete", issues } as const;
    const result = scoreReview(version.definition, content.ratings);
    const now = new Date();
    await tx
      .update(reviews)
      .set({
        ...content,
        status: "submitted",
        score: result.score,
        baseScore: result.baseScore,
        autoFailed: result.autoFailed,
        autoFailReasons: result.autoFailReasons,
        updatedAt: now,
        submittedAt: before.submittedAt ?? now,
      })
      .where(eq(reviews.id, reviewId));
    await tx.delete(reviewCriterionResults).where(eq(reviewCriterionResults.reviewId, reviewId));
    // Criterion results and AutoQA decisions are the facts of quality reports: calibration reviews keep their ratings on the review only.
    if (!calibration) {
      await tx.insert(reviewCriterionResults).values(
        result.criteria.map((criterion) => ({
          reviewId,
          criterionId: criterion.criterionId,
          categoryId: criterion.categoryId,
          status: criterion.status,
          rating: criterion.rating,
          score: criterion.score,
          weight: criterion.weight,
          critical: criterion.critical,
          bonus: criterion.bonus,
          negative: criterion.negative,
          criticalFailure: criterion.criticalFailure,
        })),
      );
      await recordAutoQaDecisions(tx, {
        reviewId,
        conversationId: before.conversationId,
        scorecardVersionId: before.scorecardVersionId,
        definition: version.definition,
        ratings: content.ratings,
      });
    }
    const after = snapshotOf({ content, score: result.score, autoFailed: result.autoFailed });
    const wasSubmitted = before.status === "submitted";
    await tx.insert(reviewAuditLog).values({
      reviewId,
      actorId,
      action: wasSubmitted ? "edited" : "submitted",
      before: wasSubmitted ? snapshotOf(before) : null,
      after,
    });
    if (!calibration) {
      await tx
        .update(reviewAssignments)
        .set({ status: "completed", completedAt: now })
        .where(
          and(
            eq(reviewAssignments.conversationId, before.conversationId),
            eq(reviewAssignments.reviewerId, before.reviewerId),
            ne(reviewAssignments.status, "completed"),
          ),
        );
    }
    return { ok: true, score: result.score, autoFailed: result.autoFailed, autoFailReasons: result.autoFailReasons } as const;
  });
}

export async function deleteDraft(db: Database, reviewId: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(reviews)
      .where(and(eq(reviews.id, reviewId), eq(reviews.status, "draft")))
      .returning({
        conversationId: reviews.conversationId,
        reviewerId: reviews.reviewerId,
        calibrationSessionId: reviews.calibrationSessionId,
      });
    if (!row) return false;
    if (row.calibrationSessionId !== null) return true;
    await tx
      .update(reviewAssignments)
      .set({ status: "pending" })
      .where(
        and(
          eq(reviewAssignments.conversationId, row.conversationId),
          eq(reviewAssignments.reviewerId, row.reviewerId),
          eq(reviewAssignments.status, "in_progress"),
        ),
      );
    return true;
  });
}

export async function reviewAuditTrail(db: Database, reviewId: number) {
  return db
    .select({
      id: reviewAuditLog.id,
      action: reviewAuditLog.action,
      before: reviewAuditLog.before,
      after: reviewAuditLog.after,
      at: reviewAuditLog.at,
      actorName: users.name,
    })
    .from(reviewAuditLog)
    .leftJoin(users, eq(users.id, reviewAuditLog.actorId))
    .where(eq(reviewAuditLog.reviewId, reviewId))
    .orderBy(asc(reviewAuditLog.at), asc(reviewAuditLog.id));
}

// ---------------------------------------------------------------------------------------------
// Highlights

export interface NewHighlight {
  reviewId: number;
  messageId: number;
  kind: HighlightKind;
  spanStart?: number | null;
  spanEnd?: number | null;
  note?: string;
  actorId: string;
}

const highlightColumns = {
  id: highlights.id,
  messageId: highlights.messageId,
  kind: highlights.kind,
  spanStart: highlights.spanStart,
  spanEnd: highlights.spanEnd,
  quote: highlights.quote,
  note: highlights.note,
  createdAt: highlights.createdAt,
};

export async function listHighlights(db: Database, reviewId: number) {
  return db.select(highlightColumns).from(highlights).where(eq(highlights.reviewId, reviewId)).orderBy(asc(highlights.id));
}

/** Highlights of a submitted review are part of what the agent sees, so changing them is audited too. */
async function auditHighlightChange(db: Database, reviewId: number, actorId: string, change: () => Promise<void>) {
  const [review] = await db.select({ status: reviews.status }).from(reviews).where(eq(reviews.id, reviewId));
  if (review?.status !== "submitted") return change();
  const before = await listHighlights(db, reviewId);
  await change();
  const after = await listHighlights(db, reviewId);
  await db
    .insert(reviewAuditLog)
    .values({ reviewId, actorId, action: "edited", before: { highlights: before }, after: { highlights: after } });
}

export type HighlightResult = { ok: true; id: number } | { ok: false; reason: "message_not_in_conversation" | "span_out_of_range" };

/** Marks a whole message or the span [spanStart, spanEnd) of its body; the message must belong to the review's conversation. */
export async function addHighlight(db: Database, input: NewHighlight): Promise<HighlightResult> {
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({ body: messages.body })
      .from(messages)
      .innerJoin(reviews, eq(reviews.conversationId, messages.conversationId))
      .where(and(eq(messages.id, input.messageId), eq(reviews.id, input.reviewId)));
    if (!message) return { ok: false, reason: "message_not_in_conversation" } as const;
    const hasSpan = input.spanStart != null && input.spanEnd != null;
    if (hasSpan && !(input.spanStart! >= 0 && input.spanEnd! > input.spanStart! && input.spanEnd! <= message.body.length)) {
      return { ok: false, reason: "span_out_of_range" } as const;
    }
    let id = 0;
    await auditHighlightChange(tx, input.reviewId, input.actorId, async () => {
      const [row] = await tx
        .insert(highlights)
        .values({
          reviewId: input.reviewId,
          messageId: input.messageId,
          kind: input.kind,
          spanStart: hasSpan ? input.spanStart : null,
          spanEnd: hasSpan ? input.spanEnd : null,
          quote: hasSpan ? message.body.slice(input.spanStart!, input.spanEnd!) : null,
          note: input.note?.trim() ?? "",
        })
        .returning({ id: highlights.id });
      id = row.id;
    });
    return { ok: true, id } as const;
  });
}

export async function updateHighlightNote(
  db: Database,
  {
    reviewId,
    highlightId,
    note,
    kind,
    actorId,
  }: { reviewId: number; highlightId: number; note: string; kind?: HighlightKind; actorId: string },
) {
  return db.transaction(async (tx) => {
    let changed = false;
    await auditHighlightChange(tx, reviewId, actorId, async () => {
      const rows = await tx
        .update(highlights)
        .set({ note: note.trim(), ...(kind ? { kind } : {}) })
        .where(and(eq(highlights.id, highlightId), eq(highlights.reviewId, reviewId)))
        .returning({ id: highlights.id });
      changed = rows.length > 0;
    });
    return changed;
  });
}

export async function deleteHighlight(
  db: Database,
  { reviewId, highlightId, actorId }: { reviewId: number; highlightId: number; actorId: string },
) {
  return db.transaction(async (tx) => {
    let changed = false;
    await auditHighlightChange(tx, reviewId, actorId, async () => {
      const rows = await tx
        .delete(highlights)
        .where(and(eq(highlights.id, highlightId), eq(highlights.reviewId, reviewId)))
        .returning({ id: highlights.id });
      changed = rows.length > 0;
    });
    return changed;
  });
}

// ---------------------------------------------------------------------------------------------
// Lists and scope

/**
 * Which reviews a viewer may see: the conversation scope (leads their teams, agents the reviews
 * about them), and drafts only by their author.
 */
export function reviewVisibilityCondition(scope: ConversationScope, viewerId: string): SQL {
  const scopeCondition =
    scope.kind === "all"
      ? undefined
      : scope.kind === "teams"
        ? scope.teamIds.length
          ? inArray(conversations.teamId, scope.teamIds)
          : sql`false`
        : scope.agentId === null
          ? sql`false`
          : eq(reviews.agentId, scope.agentId);
  // Calibration reviews are never shown as reviews of the agent: the calibration pages show them.
  const visible = and(isQualityReview(), or(eq(reviews.status, "submitted"), eq(reviews.reviewerId, viewerId))) as SQL;
  // An agent also sees the self and peer reviews they wrote.
  const own = eq(reviews.reviewerId, viewerId);
  return (scopeCondition ? and(visible, or(scopeCondition, own)) : visible) as SQL;
}

export interface ReviewFilters {
  reviewerId?: string;
  agentId?: number;
  teamId?: number;
  channel?: Channel;
  scorecardId?: number;
  kind?: ReviewKind;
  minScore?: number;
  maxScore?: number;
  /** Submitted on or after. */
  from?: Date;
  /** Submitted before (exclusive). */
  to?: Date;
}

function reviewFilterConditions(filters: ReviewFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.reviewerId) conditions.push(eq(reviews.reviewerId, filters.reviewerId));
  if (filters.agentId) conditions.push(eq(reviews.agentId, filters.agentId));
  if (filters.teamId) conditions.push(eq(conversations.teamId, filters.teamId));
  if (filters.channel) conditions.push(eq(conversations.channel, filters.channel));
  if (filters.scorecardId) conditions.push(eq(scorecardVersions.scorecardId, filters.scorecardId));
  if (filters.kind) conditions.push(eq(reviews.kind, filters.kind));
  if (filters.minScore !== undefined) conditions.push(gte(reviews.score, filters.minScore));
  if (filters.maxScore !== undefined) conditions.push(lte(reviews.score, filters.maxScore));
  if (filters.from) conditions.push(gte(reviews.submittedAt, filters.from));
  if (filters.to) conditions.push(lt(reviews.submittedAt, filters.to));
  return conditions;
}

export interface ReviewCursor {
  submittedAt: Date;
  id: number;
}

const reviewer = alias(users, "reviewer");

/** Submitted reviews, newest first, keyset-paginated; `limit` null returns every match (CSV export). */
export async function listReviews(
  db: Database,
  {
    scope,
    viewerId,
    filters = {},
    cursor,
    limit = 50,
  }: { scope: ConversationScope; viewerId: string; filters?: ReviewFilters; cursor?: ReviewCursor; limit?: number | null },
) {
  const conditions = [eq(reviews.status, "submitted"), reviewVisibilityCondition(scope, viewerId), ...reviewFilterConditions(filters)];
  if (cursor) {
    conditions.push(sql`(${reviews.submittedAt}, ${reviews.id}) < (${cursor.submittedAt.toISOString()}::timestamptz, ${cursor.id})`);
  }
  const query = db
    .select({
      id: reviews.id,
      conversationId: reviews.conversationId,
      kind: reviews.kind,
      score: reviews.score,
      autoFailed: reviews.autoFailed,
      submittedAt: reviews.submittedAt,
      updatedAt: reviews.updatedAt,
      reviewerId: reviews.reviewerId,
      reviewerName: reviewer.name,
      agentId: reviews.agentId,
      agentName: agents.name,
      teamName: teams.name,
      channel: conversations.channel,
      subject: conversations.subject,
      scorecardId: scorecardVersions.scorecardId,
      scorecardName: scorecards.name,
      scorecardVersion: scorecardVersions.version,
      highlightCount: sql<number>`(select count(*) from ${highlights} where ${highlights.reviewId} = ${reviews.id})`,
    })
    .from(reviews)
    .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
    .innerJoin(reviewer, eq(reviewer.id, reviews.reviewerId))
    .innerJoin(scorecardVersions, eq(scorecardVersions.id, reviews.scorecardVersionId))
    .innerJoin(scorecards, eq(scorecards.id, scorecardVersions.scorecardId))
    .leftJoin(agents, eq(agents.id, reviews.agentId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .where(and(...conditions))
    .orderBy(desc(reviews.submittedAt), desc(reviews.id));
  const rows = (limit === null ? await query : await query.limit(limit + 1)).map((row) => ({
    ...row,
    highlightCount: Number(row.highlightCount),
  }));
  if (limit === null) return { reviews: rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last?.submittedAt ? { submittedAt: last.submittedAt, id: last.id } : null;
  return { reviews: page, nextCursor };
}

/** Every matching submitted review's score (null when nothing scoreable was rated), for the quality score of a list. */
export async function reviewScores(db: Database, { scope, viewerId, filters = {} }: { scope: ConversationScope; viewerId: string; filters?: ReviewFilters }) {
  const rows = await db
    .select({ score: reviews.score })
    .from(reviews)
    .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
    .innerJoin(scorecardVersions, eq(scorecardVersions.id, reviews.scorecardVersionId))
    .where(and(eq(reviews.status, "submitted"), reviewVisibilityCondition(scope, viewerId), ...reviewFilterConditions(filters)));
  return rows.map((row) => row.score);
}

/** A review with everything its page shows, or null when it does not exist or the viewer may not see it. */
export async function getReviewDetail(db: Database, { id, scope, viewerId }: { id: number; scope: ConversationScope; viewerId: string }) {
  const [row] = await db
    .select({ ...reviewColumns, reviewerName: reviewer.name, agentName: agents.name })
    .from(reviews)
    .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
    .innerJoin(reviewer, eq(reviewer.id, reviews.reviewerId))
    .leftJoin(agents, eq(agents.id, reviews.agentId))
    .where(and(eq(reviews.id, id), reviewVisibilityCondition(scope, viewerId)));
  if (!row) return null;
  const { reviewerName, agentName, ...review } = row;
  const [version, highlightRows, audit] = await Promise.all([
    getScorecardVersion(db, review.scorecardVersionId),
    listHighlights(db, id),
    reviewAuditTrail(db, id),
  ]);
  if (!version) throw new Error(`review ${id} pins a missing scorecard version`);
  return { review: { ...withContent(review), reviewerName, agentName }, version, highlights: highlightRows, audit };
}

/** Submitted reviews of one conversation the viewer may see, for the conversation page. */
export async function reviewsOfConversation(
  db: Database,
  { conversationId, scope, viewerId }: { conversationId: number; scope: ConversationScope; viewerId: string },
) {
  return db
    .select({
      id: reviews.id,
      kind: reviews.kind,
      status: reviews.status,
      score: reviews.score,
      autoFailed: reviews.autoFailed,
      submittedAt: reviews.submittedAt,
      reviewerId: reviews.reviewerId,
      reviewerName: reviewer.name,
      scorecardName: scorecards.name,
      scorecardVersion: scorecardVersions.version,
    })
    .from(reviews)
    .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
    .innerJoin(reviewer, eq(reviewer.id, reviews.reviewerId))
    .innerJoin(scorecardVersions, eq(scorecardVersions.id, reviews.scorecardVersionId))
    .innerJoin(scorecards, eq(scorecards.id, scorecardVersions.scorecardId))
    .where(and(eq(reviews.conversationId, conversationId), reviewVisibilityCondition(scope, viewerId)))
    .orderBy(desc(reviews.updatedAt));
}

/** Reviewers (users who wrote a submitted review the viewer can see), for the list filter. */
export async function listReviewersForFilter(db: Database, { scope, viewerId }: { scope: ConversationScope; viewerId: string }) {
  return db
    .selectDistinct({ id: reviewer.id, name: reviewer.name })
    .from(reviews)
    .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
    .innerJoin(reviewer, eq(reviewer.id, reviews.reviewerId))
    .where(and(eq(reviews.status, "submitted"), reviewVisibilityCondition(scope, viewerId)))
    .orderBy(asc(reviewer.name));
}

// ---------------------------------------------------------------------------------------------
// Assignments and the queue

export async function assignConversation(
  db: Database,
  input: { conversationId: number; reviewerId: string; dueAt?: Date | null; assignedBy?: string | null },
) {
  const [row] = await db
    .insert(reviewAssignments)
    .values({
      conversationId: input.conversationId,
      reviewerId: input.reviewerId,
      dueAt: input.dueAt ?? null,
      assignedBy: input.assignedBy ?? null,
    })
    .onConflictDoNothing({ target: [reviewAssignments.conversationId, reviewAssignments.reviewerId] })
    .returning({ id: reviewAssignments.id });
  return row ?? null;
}

export async function skipAssignment(db: Database, { id, reviewerId }: { id: number; reviewerId: string }) {
  const rows = await db
    .update(reviewAssignments)
    .set({ status: "skipped" })
    .where(
      and(
        eq(reviewAssignments.id, id),
        eq(reviewAssignments.reviewerId, reviewerId),
        inArray(reviewAssignments.status, ["pending", "in_progress"]),
      ),
    )
    .returning({ id: reviewAssignments.id });
  return rows.length > 0;
}

const openFirst = sql`case when ${reviewAssignments.status} in ('pending', 'in_progress') then 0 else 1 end`;

/** The reviewer's queue: open assignments by due date first, then the ones done, newest first. */
export async function listQueue(db: Database, { reviewerId, doneLimit = 20 }: { reviewerId: string; doneLimit?: number }) {
  const rows = await db
    .select({
      id: reviewAssignments.id,
      conversationId: reviewAssignments.conversationId,
      status: reviewAssignments.status,
      dueAt: reviewAssignments.dueAt,
      createdAt: reviewAssignments.createdAt,
      completedAt: reviewAssignments.completedAt,
      channel: conversations.channel,
      subject: conversations.subject,
      language: conversations.language,
      messageCount: conversations.messageCount,
      conversationCreatedAt: conversations.createdAt,
      agentName: agents.name,
      teamName: teams.name,
      reviewId: reviews.id,
      reviewStatus: reviews.status,
      score: reviews.score,
      autoFailed: reviews.autoFailed,
      ratedCount: sql<number>`coalesce((select count(*) from jsonb_object_keys(${reviews.ratings})), 0)`,
    })
    .from(reviewAssignments)
    .innerJoin(conversations, eq(conversations.id, reviewAssignments.conversationId))
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(
      reviews,
      and(
        eq(reviews.conversationId, reviewAssignments.conversationId),
        eq(reviews.reviewerId, reviewAssignments.reviewerId),
        isQualityReview(),
      ),
    )
    .where(eq(reviewAssignments.reviewerId, reviewerId))
    .orderBy(openFirst, sql`${reviewAssignments.dueAt} asc nulls last`, asc(reviewAssignments.id));
  const normalised = rows.map((row) => ({ ...row, ratedCount: Number(row.ratedCount) }));
  const open = normalised.filter((row) => row.status === "pending" || row.status === "in_progress");
  const done = normalised
    .filter((row) => row.status === "completed")
    .sort((a, b) => (b.completedAt?.getTime() ?? 0) - (a.completedAt?.getTime() ?? 0));
  const skipped = normalised.filter((row) => row.status === "skipped").length;
  return {
    open,
    done: done.slice(0, doneLimit),
    progress: { completed: done.length, total: open.length + done.length, skipped },
  };
}

/** The open assignment to do next: earliest due first, undated last. */
export async function nextAssignment(db: Database, { reviewerId, after }: { reviewerId: string; after?: number }) {
  const [row] = await db
    .select({ id: reviewAssignments.id, conversationId: reviewAssignments.conversationId })
    .from(reviewAssignments)
    .where(
      and(
        eq(reviewAssignments.reviewerId, reviewerId),
        inArray(reviewAssignments.status, ["pending", "in_progress"]),
        after === undefined ? undefined : ne(reviewAssignments.conversationId, after),
      ),
    )
    .orderBy(sql`${reviewAssignments.dueAt} asc nulls last`, asc(reviewAssignments.id))
    .limit(1);
  return row ?? null;
}
