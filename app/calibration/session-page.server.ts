import type { Database } from "../../db/client";
import { type CalibrationSessionDetail, calibrationSessionReviews } from "../../db/queries/calibration";
import { getScorecardVersion } from "../../db/queries/scorecards";
import { calibrationResults } from "../../scoring/agreement";
import { allCriteria } from "../../scoring/rubric";
import { mayViewResults } from "./visibility";

export type ItemState = "not_started" | "draft" | "submitted";

/**
 * What the session page shows a viewer: progress (who has submitted what, never what they rated), their own
 * items if they take part, and the agreement results when `mayViewResults` allows.
 */
export async function sessionPage(db: Database, session: CalibrationSessionDetail, viewerId: string) {
  const [reviews, version] = await Promise.all([
    calibrationSessionReviews(db, session.id),
    getScorecardVersion(db, session.scorecardVersionId),
  ]);
  if (!version) throw new Error(`calibration session ${session.id} pins a missing scorecard version`);
  const stateOf = new Map<string, ItemState>();
  for (const review of reviews)
    stateOf.set(`${review.conversationId}:${review.reviewerId}`, review.status === "submitted" ? "submitted" : "draft");
  const state = (conversationId: number, reviewerId: string): ItemState => stateOf.get(`${conversationId}:${reviewerId}`) ?? "not_started";
  const submitted = reviews.filter((review) => review.status === "submitted");
  const mySubmitted = submitted.filter((review) => review.reviewerId === viewerId).length;
  const resultsVisible = mayViewResults({
    canManage: session.canManage,
    isParticipant: session.isParticipant,
    blind: session.blind,
    status: session.status,
    mySubmitted,
    conversationCount: session.conversations.length,
  });
  const results = resultsVisible
    ? calibrationResults({
        definition: version.definition,
        conversationIds: session.conversations.map((conversation) => conversation.id),
        reviewerIds: session.reviewers.map((reviewer) => reviewer.id),
        referenceReviewerId: session.referenceReviewerId,
        reviews: submitted.map((review) => ({
          conversationId: review.conversationId,
          reviewerId: review.reviewerId,
          ratings: review.ratings,
          score: review.score,
          autoFailed: review.autoFailed,
        })),
        // The same session always shows the same interval.
        seed: `calibration-session-${session.id}`,
      })
    : null;
  return {
    progress: session.conversations.map((conversation) => ({
      conversationId: conversation.id,
      states: Object.fromEntries(session.reviewers.map((reviewer) => [reviewer.id, state(conversation.id, reviewer.id)])),
    })),
    submittedTotal: submitted.length,
    mySubmitted,
    myItems: session.isParticipant
      ? session.conversations.map((conversation) => ({ conversationId: conversation.id, state: state(conversation.id, viewerId) }))
      : [],
    resultsVisible,
    results,
    criterionTitles: Object.fromEntries(allCriteria(version.definition).map(({ criterion }) => [criterion.id, criterion.title])),
  };
}
