import { allCriteria, type Rating, type ScorecardDefinition, scalePoints } from "../rubric";
import { autoQaFeatureOf, FAULT_ONLY_FEATURES } from "./features";
import type { AutoQaConversation, AutoQaCriterion, AutoQaOptions, AutoQaResult, FeatureVerdict, NoSuggestionWhy } from "./types";
import { featureVerdict, PreparedConversation } from "./verdicts";

/**
 * A feature's reading on the criterion's own scale:
 * - pass → the top point, fail → the bottom point;
 * - partial → the middle point (the lower of the two middles on an even scale); on a two-point scale the
 *   feature says which way a partial result goes (a generic greeting still greets; a late reply is late);
 * - not applicable → N/A when the criterion allows it, otherwise no suggestion;
 * - nothing found by a fault-only detector (no forbidden phrase, no redirect) → the pass point of a
 *   two-point scale, and no suggestion on a longer one: the absence of one fault does not make a
 *   conversation "on-brand", and suggesting the top would teach reviewers to click through;
 * - unavailable → no suggestion.
 */
export function ratingOnScale(
  verdict: FeatureVerdict,
  criterion: Pick<AutoQaCriterion, "scale" | "naAllowed">,
): { rating: Rating } | { why: NoSuggestionWhy } {
  const points = scalePoints(criterion.scale);
  const twoPoints = points.length === 2;
  let level = verdict.level;
  if (twoPoints && level === "partial") level = verdict.partialOnTwoPoints ?? "fail";
  if (level === "nothing_found") {
    if (!twoPoints) return { why: "nothing_found" };
    level = "pass";
  }
  switch (level) {
    case "pass":
      return { rating: points[points.length - 1].value };
    case "fail":
      return { rating: points[0].value };
    case "partial":
      return { rating: points[Math.floor((points.length - 1) / 2)].value };
    case "not_applicable":
      return criterion.naAllowed ? { rating: "na" } : { why: "na_not_allowed" };
    default:
      return { why: "cannot_judge" };
  }
}

function resultFor(criterion: AutoQaCriterion, prepared: PreparedConversation): AutoQaResult | null {
  const feature = autoQaFeatureOf(criterion.autoQaFeature);
  if (feature === null) return null;
  const verdict = featureVerdict(feature, prepared);
  const mapped = ratingOnScale(verdict, criterion);
  return "rating" in mapped ? { ...verdict, status: "suggested", rating: mapped.rating } : { ...verdict, status: "none", why: mapped.why };
}

/** The suggestion for one linked criterion; null when the criterion is not linked to a known feature. */
export function suggestForCriterion(
  criterion: AutoQaCriterion,
  conversation: AutoQaConversation,
  options: AutoQaOptions = {},
): AutoQaResult | null {
  return resultFor(criterion, new PreparedConversation(conversation, options));
}

/** Every linked criterion of a scorecard version, keyed by criterion id; the conversation is analysed once. */
export function suggestForScorecard(
  definition: ScorecardDefinition,
  conversation: AutoQaConversation,
  options: AutoQaOptions = {},
): Map<string, AutoQaResult> {
  const fallbackLanguage =
    options.fallbackLanguage ?? (definition.language === "es" || definition.language === "en" ? definition.language : null);
  const prepared = new PreparedConversation(conversation, { ...options, fallbackLanguage });
  const results = new Map<string, AutoQaResult>();
  for (const { criterion } of allCriteria(definition)) {
    const result = resultFor(criterion, prepared);
    if (result !== null) results.set(criterion.id, result);
  }
  return results;
}

export function isFaultOnly(link: string | undefined): boolean {
  const feature = autoQaFeatureOf(link);
  return feature !== null && FAULT_ONLY_FEATURES.has(feature);
}
