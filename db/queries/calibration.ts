import { type SQL, and, asc, desc, eq, exists, inArray, ne, notExists, or, sql } from "drizzle-orm";
import { hashToUnitInterval } from "../../scoring/sampling/random";
import type { Database } from "../client";
import {
  agents,
  calibrationSessionConversations,
  calibrationSessionReviewers,
  calibrationSessions,
  conversations,
  messages,
  reviews,
  scorecardVersions,
  scorecards,
  teams,
  users,
} from "../schema";
import { drawPart } from "./sampling";
import { type ConversationScope, conversationScopeCondition } from "./scope";

/**
 * Calibration sessions: several reviewers rate the same conversations blind on one scorecard version, and the
 * session's page measures how well they agree (scoring/agreement). Their reviews are `reviews` rows with the
 * session id set; quality queries leave them out (isQualityReview in ./reviews).
 */

/**
 * Who is asking, passed explicitly: admins manage every session; leads manage the sessions of their teams and
 * those they created; anyone sees the sessions they take part in.
 */
export interface CalibrationViewer {
  userId: string;
  manageAll: boolean;
  teamIds: number[];
}

function manageCondition(viewer: CalibrationViewer): SQL {
  if (viewer.manageAll) return sql`true`;
  const conditions = [eq(calibrationSessions.createdBy, viewer.userId)];
  if (viewer.teamIds.length) conditions.push(inArray(calibrationSessions.teamId, viewer.teamIds));
  return or(...conditions) as SQL;
}

function participantCondition(userId: string): SQL {
  return exists(
    sql`(select 1 from ${calibrationSessionReviewers} where ${calibrationSessionReviewers.sessionId} = ${calibrationSessions.id} and ${calibrationSessionReviewers.reviewerId} = ${userId})`,
  );
}

function visibleCondition(viewer: CalibrationViewer): SQL {
  return or(manageCondition(viewer), participantCondition(viewer.userId)) as SQL;
}

// ---------------------------------------------------------------------------------------------
// Creating and closing

export interface NewCalibrationSession {
  name: string;
  scorecardVersionId: number;
  teamId: number | null;
  referenceReviewerId: string | null;
  dueAt: Date | null;
  blind: boolean;
  conversationIds: number[];
  reviewerIds: string[];
  createdBy: string;
}

export type CreateSessionResult =
  | { ok: true; id: number }
  | { ok: false; reason: "too_few_reviewers" | "no_conversations" | "unknown_conversations" | "unknown_reviewers" | "unknown_scorecard" };

/** Active users who may rate in a session: the reviewing roles. */
export async function listCalibrationReviewers(db: Database) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["admin", "reviewer", "lead"])))
    .orderBy(asc(users.name));
}

/** The given conversation ids that exist within the scope, in the order given, without duplicates. */
export async function conversationsWithinScope(db: Database, { ids, scope }: { ids: number[]; scope: ConversationScope }) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(inArray(conversations.id, unique), conversationScopeCondition(scope)));
  const found = new Set(rows.map((row) => row.id));
  return unique.filter((id) => found.has(id));
}

/**
 * `count` conversations picked at random (seeded, reproducible) within the scope and team, among those with an
 * agent reply and in no calibration session yet: the keyset draw of sampling on the stored sample keys.
 */
export async function pickCalibrationConversations(
  db: Database,
  { scope, teamId, count, seed }: { scope: ConversationScope; teamId: number | null; count: number; seed: string },
) {
  const condition = and(
    conversationScopeCondition(scope),
    teamId === null ? undefined : eq(conversations.teamId, teamId),
    sql`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversations.id} and ${messages.authorRole} = 'agent')`,
    notExists(
      sql`(select 1 from ${calibrationSessionConversations} where ${calibrationSessionConversations.conversationId} = ${conversations.id})`,
    ),
  );
  return drawPart(db, condition ?? sql`true`, hashToUnitInterval("calibration-pick", seed), count);
}

export async function createCalibrationSession(db: Database, input: NewCalibrationSession): Promise<CreateSessionResult> {
  const reviewerIds = [...new Set([...input.reviewerIds, ...(input.referenceReviewerId ? [input.referenceReviewerId] : [])])];
  const conversationIds = [...new Set(input.conversationIds)];
  if (reviewerIds.length < 2) return { ok: false, reason: "too_few_reviewers" };
  if (conversationIds.length === 0) return { ok: false, reason: "no_conversations" };
  return db.transaction(async (tx) => {
    const [version] = await tx
      .select({ id: scorecardVersions.id })
      .from(scorecardVersions)
      .where(eq(scorecardVersions.id, input.scorecardVersionId));
    if (!version) return { ok: false, reason: "unknown_scorecard" } as const;
    const knownReviewers = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, reviewerIds), eq(users.active, true), inArray(users.role, ["admin", "reviewer", "lead"])));
    if (knownReviewers.length !== reviewerIds.length) return { ok: false, reason: "unknown_reviewers" } as const;
    const knownConversations = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(inArray(conversations.id, conversationIds));
    if (knownConversations.length !== conversationIds.length) return { ok: false, reason: "unknown_conversations" } as const;
    const [session] = await tx
      .insert(calibrationSessions)
      .values({
        name: input.name,
        scorecardVersionId: input.scorecardVersionId,
        teamId: input.teamId,
        referenceReviewerId: input.referenceReviewerId,
        dueAt: input.dueAt,
        blind: input.blind,
        createdBy: input.createdBy,
      })
      .returning({ id: calibrationSessions.id });
    await tx
      .insert(calibrationSessionConversations)
      .values(conversationIds.map((conversationId, position) => ({ sessionId: session.id, conversationId, position })));
    await tx.insert(calibrationSessionReviewers).values(reviewerIds.map((reviewerId) => ({ sessionId: session.id, reviewerId })));
    return { ok: true, id: session.id } as const;
  });
}

/** Closes an open session the viewer manages; its calibration reviews become final and everyone sees the results. */
export async function closeCalibrationSession(
  db: Database,
  { id, viewer, now = new Date() }: { id: number; viewer: CalibrationViewer; now?: Date },
) {
  const rows = await db
    .update(calibrationSessions)
    .set({ status: "closed", closedAt: now, closedBy: viewer.userId })
    .where(and(eq(calibrationSessions.id, id), eq(calibrationSessions.status, "open"), manageCondition(viewer)))
    .returning({ id: calibrationSessions.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Reading

const submittedCount = (reviewerId?: string) =>
  sql<number>`(select count(*) from ${reviews} where ${reviews.calibrationSessionId} = ${calibrationSessions.id} and ${reviews.status} = 'submitted'${
    reviewerId ? sql` and ${reviews.reviewerId} = ${reviewerId}` : sql``
  })`;

/** Sessions the viewer manages or takes part in, open first, newest first. */
export async function listCalibrationSessions(db: Database, { viewer }: { viewer: CalibrationViewer }) {
  const rows = await db
    .select({
      id: calibrationSessions.id,
      name: calibrationSessions.name,
      status: calibrationSessions.status,
      blind: calibrationSessions.blind,
      dueAt: calibrationSessions.dueAt,
      createdAt: calibrationSessions.createdAt,
      closedAt: calibrationSessions.closedAt,
      teamName: teams.name,
      scorecardName: scorecards.name,
      scorecardVersion: scorecardVersions.version,
      conversationCount: sql<number>`(select count(*) from ${calibrationSessionConversations} where ${calibrationSessionConversations.sessionId} = ${calibrationSessions.id})`,
      reviewerCount: sql<number>`(select count(*) from ${calibrationSessionReviewers} where ${calibrationSessionReviewers.sessionId} = ${calibrationSessions.id})`,
      submitted: submittedCount(),
      mySubmitted: submittedCount(viewer.userId),
      isParticipant: sql<boolean>`${participantCondition(viewer.userId)}`,
      canManage: sql<boolean>`${manageCondition(viewer)}`,
    })
    .from(calibrationSessions)
    .innerJoin(scorecardVersions, eq(scorecardVersions.id, calibrationSessions.scorecardVersionId))
    .innerJoin(scorecards, eq(scorecards.id, scorecardVersions.scorecardId))
    .leftJoin(teams, eq(teams.id, calibrationSessions.teamId))
    .where(visibleCondition(viewer))
    .orderBy(
      sql`case when ${calibrationSessions.status} = 'open' then 0 else 1 end`,
      desc(calibrationSessions.createdAt),
      desc(calibrationSessions.id),
    );
  return rows.map((row) => ({
    ...row,
    conversationCount: Number(row.conversationCount),
    reviewerCount: Number(row.reviewerCount),
    submitted: Number(row.submitted),
    mySubmitted: Number(row.mySubmitted),
    isParticipant: Boolean(row.isParticipant),
    canManage: Boolean(row.canManage),
  }));
}

/** A session with its conversations and reviewers, or null when it does not exist or the viewer may not see it. */
export async function getCalibrationSession(db: Database, { id, viewer }: { id: number; viewer: CalibrationViewer }) {
  const [row] = await db
    .select({
      session: calibrationSessions,
      scorecardName: scorecards.name,
      scorecardVersion: scorecardVersions.version,
      teamName: teams.name,
      canManage: sql<boolean>`${manageCondition(viewer)}`,
    })
    .from(calibrationSessions)
    .innerJoin(scorecardVersions, eq(scorecardVersions.id, calibrationSessions.scorecardVersionId))
    .innerJoin(scorecards, eq(scorecards.id, scorecardVersions.scorecardId))
    .leftJoin(teams, eq(teams.id, calibrationSessions.teamId))
    .where(and(eq(calibrationSessions.id, id), visibleCondition(viewer)));
  if (!row) return null;
  const [sessionConversations, reviewers] = await Promise.all([
    db
      .select({
        id: conversations.id,
        position: calibrationSessionConversations.position,
        subject: conversations.subject,
        channel: conversations.channel,
        language: conversations.language,
        createdAt: conversations.createdAt,
        agentId: conversations.agentId,
        agentName: agents.name,
      })
      .from(calibrationSessionConversations)
      .innerJoin(conversations, eq(conversations.id, calibrationSessionConversations.conversationId))
      .leftJoin(agents, eq(agents.id, conversations.agentId))
      .where(eq(calibrationSessionConversations.sessionId, id))
      .orderBy(asc(calibrationSessionConversations.position)),
    db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(calibrationSessionReviewers)
      .innerJoin(users, eq(users.id, calibrationSessionReviewers.reviewerId))
      .where(eq(calibrationSessionReviewers.sessionId, id))
      .orderBy(asc(users.name)),
  ]);
  return {
    ...row.session,
    scorecardName: row.scorecardName,
    scorecardVersion: row.scorecardVersion,
    teamName: row.teamName,
    canManage: Boolean(row.canManage),
    isParticipant: reviewers.some((reviewer) => reviewer.id === viewer.userId),
    conversations: sessionConversations,
    reviewers,
  };
}

export type CalibrationSessionDetail = NonNullable<Awaited<ReturnType<typeof getCalibrationSession>>>;

/** Every review in the session, drafts included (the caller decides what may be shown). */
export async function calibrationSessionReviews(db: Database, sessionId: number) {
  const rows = await db
    .select({
      id: reviews.id,
      conversationId: reviews.conversationId,
      reviewerId: reviews.reviewerId,
      status: reviews.status,
      ratings: reviews.ratings,
      score: reviews.score,
      autoFailed: reviews.autoFailed,
      submittedAt: reviews.submittedAt,
    })
    .from(reviews)
    .where(eq(reviews.calibrationSessionId, sessionId))
    .orderBy(asc(reviews.id));
  return rows.map((row) => ({ ...row, ratings: (row.ratings ?? {}) as Record<string, number | "na"> }));
}

/**
 * What the review page needs to know about a calibration item: the session (if the user takes part in it and
 * the conversation belongs to it), else null.
 */
export async function calibrationItem(
  db: Database,
  { sessionId, conversationId, reviewerId }: { sessionId: number; conversationId: number; reviewerId: string },
) {
  const [row] = await db
    .select({
      id: calibrationSessions.id,
      name: calibrationSessions.name,
      status: calibrationSessions.status,
      blind: calibrationSessions.blind,
      scorecardVersionId: calibrationSessions.scorecardVersionId,
    })
    .from(calibrationSessions)
    .innerJoin(
      calibrationSessionConversations,
      and(
        eq(calibrationSessionConversations.sessionId, calibrationSessions.id),
        eq(calibrationSessionConversations.conversationId, conversationId),
      ),
    )
    .innerJoin(
      calibrationSessionReviewers,
      and(eq(calibrationSessionReviewers.sessionId, calibrationSessions.id), eq(calibrationSessionReviewers.reviewerId, reviewerId)),
    )
    .where(eq(calibrationSessions.id, sessionId));
  return row ?? null;
}

/** The reviewer's next conversation in the session (session order) that they have not submitted yet. */
export async function nextCalibrationItem(
  db: Database,
  { sessionId, reviewerId, after }: { sessionId: number; reviewerId: string; after?: number },
) {
  const [row] = await db
    .select({ conversationId: calibrationSessionConversations.conversationId })
    .from(calibrationSessionConversations)
    .where(
      and(
        eq(calibrationSessionConversations.sessionId, sessionId),
        after === undefined ? undefined : ne(calibrationSessionConversations.conversationId, after),
        notExists(
          sql`(select 1 from ${reviews} where ${reviews.calibrationSessionId} = ${sessionId} and ${reviews.conversationId} = ${calibrationSessionConversations.conversationId} and ${reviews.reviewerId} = ${reviewerId} and ${reviews.status} = 'submitted')`,
        ),
      ),
    )
    .orderBy(asc(calibrationSessionConversations.position))
    .limit(1);
  return row ?? null;
}

/** The open sessions a reviewer takes part in, with how far they got: for the queue. */
export async function myOpenCalibrations(db: Database, { reviewerId }: { reviewerId: string }) {
  const rows = await db
    .select({
      id: calibrationSessions.id,
      name: calibrationSessions.name,
      dueAt: calibrationSessions.dueAt,
      conversationCount: sql<number>`(select count(*) from ${calibrationSessionConversations} where ${calibrationSessionConversations.sessionId} = ${calibrationSessions.id})`,
      mySubmitted: submittedCount(reviewerId),
    })
    .from(calibrationSessions)
    .innerJoin(
      calibrationSessionReviewers,
      and(eq(calibrationSessionReviewers.sessionId, calibrationSessions.id), eq(calibrationSessionReviewers.reviewerId, reviewerId)),
    )
    .where(eq(calibrationSessions.status, "open"))
    .orderBy(sql`${calibrationSessions.dueAt} asc nulls last`, asc(calibrationSessions.id));
  return rows.map((row) => ({ ...row, conversationCount: Number(row.conversationCount), mySubmitted: Number(row.mySubmitted) }));
}
