import { z } from "zod";
import {
  allCriteria,
  type Criterion,
  type NegativeRatingRule,
  type Scale,
  type ScorecardDefinition,
  scalePoints,
  scaleRange,
  type ValidationIssue,
} from "./scorecard";

/** A reviewer's answer for one criterion: a value of the criterion's scale, or "na" (not applicable). */
export type Rating = number | "na";
/** Criterion id → rating. A criterion without an entry has not been rated yet. */
export type Ratings = Readonly<Record<string, Rating | undefined>>;

export const ratingSchema = z.union([z.number(), z.literal("na")]);
export const ratingsSchema = z.record(z.string(), ratingSchema);

export type CriterionStatus = "rated" | "na" | "missing";

export interface CriterionResult {
  criterionId: string;
  categoryId: string;
  title: string;
  status: CriterionStatus;
  rating: number | null;
  ratingLabel: string | null;
  /** (rating − min) / (max − min) × 100; null when N/A or not rated. */
  score: number | null;
  weight: number;
  critical: boolean;
  bonus: boolean;
  /** Whether the rating counts as negative under the scorecard's rule (the form asks for root causes). */
  negative: boolean;
  /** A critical criterion rated at its scale minimum. */
  criticalFailure: boolean;
}

export interface CategoryResult {
  categoryId: string;
  title: string;
  /** Weighted mean of the category's rated non-bonus criteria, ignoring auto-fail and bonus; null when none rated. */
  score: number | null;
  ratedCount: number;
  naCount: number;
  missingCount: number;
}

export interface AutoFailReason {
  criterionId: string;
  categoryId: string;
  title: string;
  rating: number;
  ratingLabel: string;
}

export interface ReviewScore {
  /** The review score: 0 when auto-failed, null when no non-bonus criterion has a rating, else in [0, bonusCap]. */
  score: number | null;
  /** Weighted mean of the rated non-bonus criterion scores, before bonus and auto-fail. */
  baseScore: number | null;
  /** Points the bonus criteria add before the cap (Σ bonus weight × score / Σ rated non-bonus weight). */
  bonusPoints: number;
  /** Whether the bonus cap lowered the score. */
  cappedByBonusCap: boolean;
  autoFailed: boolean;
  autoFailReasons: AutoFailReason[];
  /** Every criterion has a rating or is marked N/A. */
  complete: boolean;
  missingCriterionIds: string[];
  criteria: CriterionResult[];
  categories: CategoryResult[];
}

export class InvalidRatingsError extends Error {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[]) {
    super(`invalid ratings: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`);
    this.name = "InvalidRatingsError";
    this.issues = issues;
  }
}

export function normalisedCriterionScore(scale: Scale, rating: number): number {
  const { min, max } = scaleRange(scale);
  return ((rating - min) / (max - min)) * 100;
}

export function isNegativeScore(rule: NegativeRatingRule, normalisedScore: number): boolean {
  switch (rule.rule) {
    case "below-midpoint":
      return normalisedScore < 50;
    case "at-minimum":
      return normalisedScore === 0;
    case "below-score":
      return normalisedScore < rule.score;
  }
}

/** Whether a rating of this criterion is negative; a bonus not earned is never negative. */
export function isNegativeRating(definition: ScorecardDefinition, criterion: Criterion, rating: Rating): boolean {
  if (rating === "na" || criterion.bonus) return false;
  return isNegativeScore(definition.negativeRating, normalisedCriterionScore(criterion.scale, rating));
}

/** Problems with a ratings map for this scorecard version; empty when scoreReview can use it. */
export function checkRatings(definition: ScorecardDefinition, ratings: Ratings): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const criteriaById = new Map(allCriteria(definition).map(({ criterion }) => [criterion.id, criterion]));
  for (const [criterionId, rating] of Object.entries(ratings)) {
    if (rating === undefined) continue;
    const path = `ratings.${criterionId}`;
    const criterion = criteriaById.get(criterionId);
    if (criterion === undefined) {
      issues.push({ path, message: "no criterion with this id in the scorecard version" });
    } else if (rating === "na") {
      if (!criterion.naAllowed) issues.push({ path, message: "N/A is not allowed for this criterion" });
    } else if (!scalePoints(criterion.scale).some((point) => point.value === rating)) {
      const allowed = scalePoints(criterion.scale)
        .map((point) => point.value)
        .join(", ");
      issues.push({ path, message: `must be one of ${allowed}${criterion.naAllowed ? " or na" : ""}` });
    }
  }
  return issues;
}

function weightedMean(items: ReadonlyArray<{ weight: number; score: number }>): number | null {
  let weightSum = 0;
  let weightedSum = 0;
  for (const item of items) {
    weightSum += item.weight;
    weightedSum += item.weight * item.score;
  }
  return weightSum > 0 ? weightedSum / weightSum : null;
}

function rateCriterion(
  definition: ScorecardDefinition,
  categoryId: string,
  criterion: Criterion,
  rating: Rating | undefined,
): CriterionResult {
  const common = {
    criterionId: criterion.id,
    categoryId,
    title: criterion.title,
    weight: criterion.weight,
    critical: criterion.critical,
    bonus: criterion.bonus,
  };
  if (rating === undefined || rating === "na") {
    return {
      ...common,
      status: rating === "na" ? "na" : "missing",
      rating: null,
      ratingLabel: null,
      score: null,
      negative: false,
      criticalFailure: false,
    };
  }
  const score = normalisedCriterionScore(criterion.scale, rating);
  const point = scalePoints(criterion.scale).find((candidate) => candidate.value === rating);
  return {
    ...common,
    status: "rated",
    rating,
    ratingLabel: point?.label ?? String(rating),
    score,
    negative: isNegativeRating(definition, criterion, rating),
    criticalFailure: criterion.critical && score === 0,
  };
}

type RatedCriterion = CriterionResult & { rating: number; ratingLabel: string; score: number };

function isRated(result: CriterionResult): result is RatedCriterion {
  return result.status === "rated" && result.rating !== null && result.ratingLabel !== null && result.score !== null;
}

/**
 * Scores one review exactly as docs/scoring.md describes. The definition must come from
 * parseScorecardDefinition; ratings that do not fit it throw InvalidRatingsError.
 */
export function scoreReview(definition: ScorecardDefinition, ratings: Ratings): ReviewScore {
  const issues = checkRatings(definition, ratings);
  if (issues.length > 0) throw new InvalidRatingsError(issues);

  const criteria = allCriteria(definition).map(({ category, criterion }) =>
    rateCriterion(definition, category.id, criterion, ratings[criterion.id]),
  );

  const categories: CategoryResult[] = definition.categories.map((category) => {
    const inCategory = criteria.filter((result) => result.categoryId === category.id);
    return {
      categoryId: category.id,
      title: category.title,
      score: weightedMean(inCategory.filter(isRated).filter((result) => !result.bonus)),
      ratedCount: inCategory.filter((result) => result.status === "rated").length,
      naCount: inCategory.filter((result) => result.status === "na").length,
      missingCount: inCategory.filter((result) => result.status === "missing").length,
    };
  });

  const rated = criteria.filter(isRated);
  const regular = rated.filter((result) => !result.bonus);
  const regularWeight = regular.reduce((sum, result) => sum + result.weight, 0);
  const baseScore = weightedMean(regular);
  const bonusPoints =
    regularWeight > 0
      ? rated.filter((result) => result.bonus).reduce((sum, result) => sum + result.weight * result.score, 0) /
        regularWeight
      : 0;

  const autoFailReasons: AutoFailReason[] = rated
    .filter((result) => result.criticalFailure)
    .map((result) => ({
      criterionId: result.criterionId,
      categoryId: result.categoryId,
      title: result.title,
      rating: result.rating,
      ratingLabel: result.ratingLabel,
    }));
  const autoFailed = autoFailReasons.length > 0;

  let score: number | null = null;
  let cappedByBonusCap = false;
  if (autoFailed) {
    score = 0;
  } else if (baseScore !== null) {
    const uncapped = baseScore + bonusPoints;
    cappedByBonusCap = uncapped > definition.bonusCap;
    score = Math.min(uncapped, definition.bonusCap);
  }

  const missingCriterionIds = criteria
    .filter((result) => result.status === "missing")
    .map((result) => result.criterionId);

  return {
    score,
    baseScore,
    bonusPoints,
    cappedByBonusCap,
    autoFailed,
    autoFailReasons,
    complete: missingCriterionIds.length === 0,
    missingCriterionIds,
    criteria,
    categories,
  };
}
