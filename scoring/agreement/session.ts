import type { Seed } from "../sampling/random";
import { type Ratings, normalisedCriterionScore } from "../rubric/score";
import { type Criterion, type ScorecardDefinition, allCriteria } from "../rubric/scorecard";
import { type AlphaInterval, DEFAULT_REPLICATES, bootstrapAlphaInterval } from "./bootstrap";
import { type ReviewerDeviation, reviewerDeviations, unitConsensus, unitSpread } from "./consensus";
import { type AlphaReading, readAlpha } from "./interpret";
import { type KappaResult, cohenKappa, fleissKappaOfRatings } from "./kappa";
import { type AlphaMetric, type AlphaResult, type ReliabilityMatrix, type Value, krippendorffAlpha } from "./krippendorff";
import { type PercentAgreement, percentAgreement } from "./percent";

/**
 * Everything a calibration session's results page shows, from the submitted calibration reviews of its
 * conversations (units) by its reviewers (coders). Pure: the caller loads the reviews.
 *
 * - Overall: alpha on the review score (0–100, bonus included), interval metric, with a bootstrap interval.
 * - Per criterion: alpha on the raw ratings, nominal for binary (pass/fail) scales and ordinal for every other
 *   scale (the points are ordered but not evenly spaced in meaning); N/A counts as no rating, and the
 *   conversations where some said N/A and others rated are counted apart, since that is a disagreement too.
 *   Binary criteria also get Fleiss' kappa over the conversations every reviewer rated.
 * - Critical fails: did reviewers agree on which conversations fail automatically (Fleiss' kappa).
 * - Per reviewer: mean deviation of their review score from the consensus (signed: harsh or lenient, and
 *   absolute), the mean absolute deviation of their criterion scores (0–100), and with a reference reviewer
 *   Cohen's kappa against the reference on every pass/fail rating.
 * - Per conversation: the scores given, their spread, and the criteria on which not everyone agreed.
 */

export interface CalibrationReview {
  conversationId: number;
  reviewerId: string;
  ratings: Ratings;
  /** Review score; null when nothing scoreable was rated. */
  score: number | null;
  autoFailed: boolean;
}

export interface CalibrationInput {
  definition: ScorecardDefinition;
  conversationIds: readonly number[];
  reviewerIds: readonly string[];
  referenceReviewerId?: string | null;
  /** Submitted calibration reviews only. */
  reviews: readonly CalibrationReview[];
  seed: Seed;
  /** Bootstrap resamples; defaults to 2000 for the overall alpha and half that per criterion. */
  replicates?: number;
}

export interface AlphaSummary {
  metric: AlphaMetric;
  result: AlphaResult;
  interval: AlphaInterval | null;
  reading: AlphaReading;
}

export interface CriterionAgreement extends AlphaSummary {
  criterionId: string;
  categoryId: string;
  title: string;
  binary: boolean;
  percent: PercentAgreement;
  /** Conversations where at least one reviewer said N/A and at least one other gave a rating. */
  naDisagreements: number;
  /** Binary criteria only, over the conversations every reviewer rated (not N/A). */
  fleiss: KappaResult | null;
}

export interface ReviewerCalibration {
  reviewerId: string;
  isReference: boolean;
  submitted: number;
  score: ReviewerDeviation;
  /** Mean absolute deviation of criterion scores (0–100) from the consensus, over every criterion rated by both. */
  criterionMeanAbsoluteDeviation: number | null;
  criterionComparisons: number;
  /** Cohen's kappa against the reference on every pass/fail rating; null without a reference or common ratings. */
  passFailKappaVsReference: KappaResult | null;
}

export interface ConversationSpread {
  conversationId: number;
  /** Reviewer id → score, for the reviewers who submitted. */
  scores: Record<string, number | null>;
  consensus: number | null;
  min: number | null;
  max: number | null;
  range: number | null;
  standardDeviation: number | null;
  submitted: number;
  /** Criteria on which the reviewers who rated did not all give the same rating (N/A included as a value). */
  disagreeingCriterionIds: string[];
}

export interface CalibrationResults {
  reviewsSubmitted: number;
  reviewsExpected: number;
  overall: AlphaSummary;
  /** Worst agreement first; criteria whose alpha is undefined last. */
  criteria: CriterionAgreement[];
  criticalFails: { fleiss: KappaResult | null; percent: PercentAgreement };
  reviewers: ReviewerCalibration[];
  /** Widest spread first. */
  conversations: ConversationSpread[];
}

function summarise(matrix: ReliabilityMatrix, metric: AlphaMetric, seed: string, replicates: number): AlphaSummary {
  const result = krippendorffAlpha(matrix, metric);
  const interval = result.alpha === null ? null : bootstrapAlphaInterval(matrix, metric, { seed, replicates });
  return { metric, result, interval, reading: readAlpha(result.alpha, interval) };
}

export function calibrationResults(input: CalibrationInput): CalibrationResults {
  const { definition, conversationIds, reviewerIds } = input;
  const replicates = input.replicates ?? DEFAULT_REPLICATES;
  const criterionReplicates = Math.max(100, Math.round(replicates / 2));
  const unitIndex = new Map(conversationIds.map((id, index) => [id, index]));
  const reviewerIndex = new Map(reviewerIds.map((id, index) => [id, index]));
  const reference = input.referenceReviewerId ? (reviewerIndex.get(input.referenceReviewerId) ?? null) : null;
  const grid: (CalibrationReview | null)[][] = conversationIds.map(() => reviewerIds.map(() => null));
  let reviewsSubmitted = 0;
  for (const review of input.reviews) {
    const u = unitIndex.get(review.conversationId);
    const r = reviewerIndex.get(review.reviewerId);
    if (u === undefined || r === undefined) continue;
    grid[u][r] = review;
    reviewsSubmitted += 1;
  }
  const matrixOf = (pick: (review: CalibrationReview) => Value): Value[][] =>
    grid.map((row) => row.map((review) => (review ? pick(review) : null)));

  // Overall: the review score.
  const scoreMatrix = matrixOf((review) => review.score);
  const overall = summarise(scoreMatrix, "interval", `${String(input.seed)}:score`, replicates);

  // Per criterion.
  const ratingOf = (criterion: Criterion) => (review: CalibrationReview) => {
    const rating = review.ratings[criterion.id];
    return typeof rating === "number" ? rating : null;
  };
  const criteria: CriterionAgreement[] = allCriteria(definition).map(({ category, criterion }) => {
    const binary = criterion.scale.kind === "binary";
    const matrix = matrixOf(ratingOf(criterion));
    const summary = summarise(
      matrix,
      binary ? "nominal" : "ordinal",
      `${String(input.seed)}:criterion:${criterion.id}`,
      criterionReplicates,
    );
    const naDisagreements = grid.filter((row) => {
      const given = row.filter((review): review is CalibrationReview => review !== null).map((review) => review.ratings[criterion.id]);
      return given.some((rating) => rating === "na") && given.some((rating) => typeof rating === "number");
    }).length;
    return {
      ...summary,
      criterionId: criterion.id,
      categoryId: category.id,
      title: criterion.title,
      binary,
      percent: percentAgreement(matrix),
      naDisagreements,
      fleiss: binary && reviewerIds.length >= 2 ? fleissKappaOfRatings(matrix) : null,
    };
  });
  criteria.sort((a, b) => {
    const alphaA = a.result.alpha;
    const alphaB = b.result.alpha;
    if (alphaA === null || alphaB === null) return alphaA === alphaB ? 0 : alphaA === null ? 1 : -1;
    return alphaA - alphaB;
  });

  // Critical fails: agreement on which conversations fail automatically.
  const autoFailMatrix = matrixOf((review) => (review.autoFailed ? 1 : 0));
  const criticalFails = {
    fleiss: reviewerIds.length >= 2 ? fleissKappaOfRatings(autoFailMatrix) : null,
    percent: percentAgreement(autoFailMatrix),
  };

  // Per reviewer.
  const scoreDeviations = reviewerDeviations(scoreMatrix, { reference, reviewers: reviewerIds.length });
  const scorable = allCriteria(definition).map(({ criterion }) => criterion);
  const criterionScoreMatrices = scorable.map((criterion) =>
    matrixOf((review) => {
      const rating = ratingOf(criterion)(review);
      return rating === null ? null : normalisedCriterionScore(criterion.scale, rating);
    }),
  );
  const criterionDeviations = criterionScoreMatrices.map((matrix) =>
    reviewerDeviations(matrix, { reference, reviewers: reviewerIds.length }),
  );
  const binaryCriteria = scorable.filter((criterion) => criterion.scale.kind === "binary");
  const reviewers: ReviewerCalibration[] = reviewerIds.map((reviewerId, r) => {
    const ownDeviations = criterionDeviations.map((deviations) => deviations[r]).filter((item) => item !== undefined && item.units > 0);
    const absoluteSum = ownDeviations.reduce((sum, item) => sum + (item.meanAbsoluteDeviation ?? 0) * item.units, 0);
    const comparisons = ownDeviations.reduce((sum, item) => sum + item.units, 0);
    let passFailKappaVsReference: KappaResult | null = null;
    if (reference !== null && r !== reference) {
      const own: (number | null)[] = [];
      const theirs: (number | null)[] = [];
      for (const criterion of binaryCriteria) {
        for (const row of grid) {
          own.push(row[r] ? ratingOf(criterion)(row[r] as CalibrationReview) : null);
          theirs.push(row[reference] ? ratingOf(criterion)(row[reference] as CalibrationReview) : null);
        }
      }
      passFailKappaVsReference = cohenKappa(own, theirs);
    }
    return {
      reviewerId,
      isReference: r === reference,
      submitted: grid.filter((row) => row[r] !== null).length,
      score: scoreDeviations[r],
      criterionMeanAbsoluteDeviation: comparisons === 0 ? null : absoluteSum / comparisons,
      criterionComparisons: comparisons,
      passFailKappaVsReference,
    };
  });

  // Per conversation.
  const conversations: ConversationSpread[] = conversationIds.map((conversationId, u) => {
    const row = grid[u];
    const scores: Record<string, number | null> = {};
    row.forEach((review, r) => {
      if (review) scores[reviewerIds[r]] = review.score;
    });
    const spread = unitSpread(scoreMatrix[u]);
    const submittedReviews = row.filter((review): review is CalibrationReview => review !== null);
    const disagreeingCriterionIds =
      submittedReviews.length < 2
        ? []
        : scorable
            .filter((criterion) => {
              const given = submittedReviews.map((review) => review.ratings[criterion.id]).filter((rating) => rating !== undefined);
              return new Set(given).size > 1;
            })
            .map((criterion) => criterion.id);
    return {
      conversationId,
      scores,
      consensus: unitConsensus(scoreMatrix[u], reference),
      min: spread.min,
      max: spread.max,
      range: spread.range,
      standardDeviation: spread.standardDeviation,
      submitted: submittedReviews.length,
      disagreeingCriterionIds,
    };
  });
  conversations.sort((a, b) => (b.range ?? -1) - (a.range ?? -1) || a.conversationId - b.conversationId);

  return {
    reviewsSubmitted,
    reviewsExpected: conversationIds.length * reviewerIds.length,
    overall,
    criteria,
    criticalFails,
    reviewers,
    conversations,
  };
}
