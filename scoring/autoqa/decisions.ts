import { type Criterion, normalisedCriterionScore, type Rating, type ScorecardDefinition, allCriteria } from "../rubric";
import { autoQaFeatureOf } from "./features";

/**
 * What the reviewer did with a suggestion, read from the rating they submitted: the same value is an
 * acceptance (whether by the accept key or by pressing the same point), anything else an override. For
 * judging a feature, what counts is whether a person agreed with it, not which key they pressed.
 */
export type DecisionOutcome = "accepted" | "overridden" | "no_suggestion";

/**
 * Which way an override went, on the criterion's 0–100 score: "higher" means the reviewer rated better
 * than the rules (the feature is too harsh), "lower" worse (too lenient); "to_na" / "from_na" when one of
 * the two was N/A.
 */
export type OverrideDirection = "higher" | "lower" | "to_na" | "from_na";

export interface SuggestionDecision {
  criterionId: string;
  feature: string;
  outcome: DecisionOutcome;
  suggestedRating: Rating | null;
  rating: Rating | null;
  /** 0–100 on the criterion's scale; null for N/A or nothing. */
  suggestedScore: number | null;
  ratingScore: number | null;
  direction: OverrideDirection | null;
}

const scoreOf = (criterion: Criterion, rating: Rating | null | undefined): number | null =>
  rating === null || rating === undefined || rating === "na" ? null : normalisedCriterionScore(criterion.scale, rating);

export function decideOne(criterion: Criterion, suggested: Rating | null, rating: Rating | null | undefined): SuggestionDecision {
  const feature = autoQaFeatureOf(criterion.autoQaFeature) ?? criterion.autoQaFeature ?? "";
  const suggestedScore = scoreOf(criterion, suggested);
  const ratingScore = scoreOf(criterion, rating);
  const base = { criterionId: criterion.id, feature, suggestedRating: suggested, rating: rating ?? null, suggestedScore, ratingScore };
  if (suggested === null) return { ...base, outcome: "no_suggestion", direction: null };
  if (rating === suggested) return { ...base, outcome: "accepted", direction: null };
  let direction: OverrideDirection | null = null;
  if (rating === "na") direction = "to_na";
  else if (suggested === "na") direction = rating === null || rating === undefined ? null : "from_na";
  else if (suggestedScore !== null && ratingScore !== null) direction = ratingScore > suggestedScore ? "higher" : "lower";
  return { ...base, outcome: "overridden", direction };
}

/**
 * One decision per criterion linked to a known feature, for a submitted review: `suggestions` holds what
 * the reviewer was shown (criterion id → suggested rating); a linked criterion without one is recorded
 * as "no_suggestion", so coverage can be read too. Criteria the reviewer left unrated are skipped.
 */
export function decideSuggestions(
  definition: ScorecardDefinition,
  suggestions: ReadonlyMap<string, Rating>,
  ratings: Readonly<Record<string, Rating | undefined>>,
): SuggestionDecision[] {
  const decisions: SuggestionDecision[] = [];
  for (const { criterion } of allCriteria(definition)) {
    if (autoQaFeatureOf(criterion.autoQaFeature) === null) continue;
    const rating = ratings[criterion.id];
    if (rating === undefined) continue;
    decisions.push(decideOne(criterion, suggestions.get(criterion.id) ?? null, rating));
  }
  return decisions;
}
