import type { CriterionStatus } from "./score";
import { studentTQuantile } from "../stats/student-t";

/** One review score in a group; weight comes from sampling (e.g. the inverse of the draw probability). */
export interface ScoreObservation {
  score: number | null;
  weight?: number;
}

export interface ConfidenceInterval {
  level: number;
  lower: number;
  upper: number;
  degreesOfFreedom: number;
  tQuantile: number;
}

export interface QualityScore {
  /** The (weighted) mean of the review scores; null when the group has no scored review. */
  mean: number | null;
  /** Reviews with a score. */
  count: number;
  /** Reviews left out because their score is null (nothing rated). */
  skippedCount: number;
  weighted: boolean;
  /** (Σw)² / Σw²; equals count when unweighted. */
  effectiveSampleSize: number | null;
  standardDeviation: number | null;
  standardError: number | null;
  /** Student's t interval around the mean; null with fewer than two scored reviews. */
  confidenceInterval: ConfidenceInterval | null;
}

export interface AggregateOptions {
  /** Defaults to 0.95. */
  confidenceLevel?: number;
}

function toObservation(item: number | null | ScoreObservation): ScoreObservation {
  return typeof item === "number" || item === null ? { score: item } : item;
}

/**
 * The quality score of a group of reviews (an agent, team or channel over a period): mean, count,
 * standard deviation and a confidence interval from Student's t with n_eff − 1 degrees of freedom.
 */
export function qualityScore(
  observations: ReadonlyArray<number | null | ScoreObservation>,
  options: AggregateOptions = {},
): QualityScore {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
    throw new RangeError(`confidenceLevel must be strictly between 0 and 1, got ${confidenceLevel}`);
  }
  const all = observations.map(toObservation);
  const weighted = all.some((observation) => observation.weight !== undefined);
  const scored: Array<{ score: number; weight: number }> = [];
  for (const observation of all) {
    const weight = observation.weight ?? 1;
    if (!(Number.isFinite(weight) && weight > 0)) {
      throw new RangeError(`weights must be finite and > 0, got ${weight}`);
    }
    if (observation.score === null) continue;
    if (!Number.isFinite(observation.score)) {
      throw new RangeError(`scores must be finite numbers or null, got ${observation.score}`);
    }
    scored.push({ score: observation.score, weight });
  }

  const count = scored.length;
  const skippedCount = all.length - count;
  if (count === 0) {
    return {
      mean: null,
      count,
      skippedCount,
      weighted,
      effectiveSampleSize: null,
      standardDeviation: null,
      standardError: null,
      confidenceInterval: null,
    };
  }

  const weightSum = scored.reduce((sum, item) => sum + item.weight, 0);
  const weightSquareSum = scored.reduce((sum, item) => sum + item.weight * item.weight, 0);
  const mean = scored.reduce((sum, item) => sum + item.weight * item.score, 0) / weightSum;
  const effectiveSampleSize = (weightSum * weightSum) / weightSquareSum;
  if (count === 1) {
    return {
      mean,
      count,
      skippedCount,
      weighted,
      effectiveSampleSize,
      standardDeviation: null,
      standardError: null,
      confidenceInterval: null,
    };
  }

  // Reliability-weights estimator: with equal weights it is the usual sample variance over n − 1.
  const squaredDeviationSum = scored.reduce((sum, item) => sum + item.weight * (item.score - mean) ** 2, 0);
  const variance = squaredDeviationSum / (weightSum - weightSquareSum / weightSum);
  const standardDeviation = Math.sqrt(variance);
  const standardError = standardDeviation / Math.sqrt(effectiveSampleSize);
  const degreesOfFreedom = effectiveSampleSize - 1;
  const tQuantile = studentTQuantile(1 - (1 - confidenceLevel) / 2, degreesOfFreedom);
  const halfWidth = tQuantile * standardError;
  return {
    mean,
    count,
    skippedCount,
    weighted,
    effectiveSampleSize,
    standardDeviation,
    standardError,
    confidenceInterval: {
      level: confidenceLevel,
      lower: mean - halfWidth,
      upper: mean + halfWidth,
      degreesOfFreedom,
      tQuantile,
    },
  };
}

/** The per-criterion part of a review that aggregation needs; a ReviewScore fits as it is. */
export interface CriterionObservation {
  criterionId: string;
  title: string;
  status: CriterionStatus;
  score: number | null;
  negative: boolean;
}

export interface ReviewCriteria {
  criteria: ReadonlyArray<CriterionObservation>;
  weight?: number;
}

export interface CriterionAggregate {
  criterionId: string;
  /** The title in the last review that has this criterion (pass reviews oldest first to get the newest wording). */
  title: string;
  ratedCount: number;
  naCount: number;
  missingCount: number;
  negativeCount: number;
  /** negativeCount / ratedCount; null when never rated. */
  negativeShare: number | null;
  /** Statistics of the normalised 0–100 criterion scores of the rated reviews. */
  quality: QualityScore;
}

/**
 * Per-criterion means of normalised (0–100) scores, keyed by the stable criterion id, so that
 * reviews made on different versions of a scorecard can be pooled. Result order: first appearance.
 */
export function criterionAggregate(
  reviews: ReadonlyArray<ReviewCriteria>,
  options: AggregateOptions = {},
): CriterionAggregate[] {
  const byCriterion = new Map<
    string,
    { title: string; naCount: number; missingCount: number; negativeCount: number; observations: ScoreObservation[] }
  >();
  for (const review of reviews) {
    for (const criterion of review.criteria) {
      const entry = byCriterion.get(criterion.criterionId) ?? {
        title: criterion.title,
        naCount: 0,
        missingCount: 0,
        negativeCount: 0,
        observations: [],
      };
      entry.title = criterion.title;
      if (criterion.status === "na") entry.naCount += 1;
      if (criterion.status === "missing") entry.missingCount += 1;
      if (criterion.status === "rated" && criterion.score !== null) {
        entry.observations.push(
          review.weight === undefined ? { score: criterion.score } : { score: criterion.score, weight: review.weight },
        );
        if (criterion.negative) entry.negativeCount += 1;
      }
      byCriterion.set(criterion.criterionId, entry);
    }
  }
  return [...byCriterion].map(([criterionId, entry]) => {
    const ratedCount = entry.observations.length;
    return {
      criterionId,
      title: entry.title,
      ratedCount,
      naCount: entry.naCount,
      missingCount: entry.missingCount,
      negativeCount: entry.negativeCount,
      negativeShare: ratedCount > 0 ? entry.negativeCount / ratedCount : null,
      quality: qualityScore(entry.observations, options),
    };
  });
}

/** Count, sum and sum of squares of review scores: what a SQL GROUP BY can return for any group. */
export interface ScoreMoments {
  count: number;
  sum: number;
  sumOfSquares: number;
}

/**
 * The unweighted quality score of a group from its moments: the same mean, standard deviation and Student's t
 * interval as `qualityScore` over the individual scores, without fetching them.
 */
export function qualityScoreFromMoments({ count, sum, sumOfSquares }: ScoreMoments, options: AggregateOptions = {}): QualityScore {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const empty = { skippedCount: 0, weighted: false, standardDeviation: null, standardError: null, confidenceInterval: null };
  if (count === 0) return { ...empty, mean: null, count, effectiveSampleSize: null };
  const mean = sum / count;
  if (count === 1) return { ...empty, mean, count, effectiveSampleSize: 1 };
  // Clamped: rounding can push the difference of two nearly equal sums slightly below zero.
  const variance = Math.max(0, (sumOfSquares - count * mean * mean) / (count - 1));
  const standardDeviation = Math.sqrt(variance);
  const standardError = standardDeviation / Math.sqrt(count);
  const degreesOfFreedom = count - 1;
  const tQuantile = studentTQuantile(1 - (1 - confidenceLevel) / 2, degreesOfFreedom);
  return {
    ...empty,
    mean,
    count,
    effectiveSampleSize: count,
    standardDeviation,
    standardError,
    confidenceInterval: { level: confidenceLevel, lower: mean - tQuantile * standardError, upper: mean + tQuantile * standardError, degreesOfFreedom, tQuantile },
  };
}
