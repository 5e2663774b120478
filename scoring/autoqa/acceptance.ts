import type { OverrideDirection } from "./decisions";

/** Counts for one linked criterion (or one feature), as the acceptance report groups them. */
export interface AcceptanceCounts {
  /** Suggestions shown on review pages (prediction rows), decided or not. */
  suggested: number;
  /** Submitted ratings of linked criteria that had a suggestion. */
  decided: number;
  accepted: number;
  overridden: number;
  /** Submitted ratings of linked criteria that had none (the feature could not judge). */
  noSuggestion: number;
  directions: Record<OverrideDirection, number>;
  /** Sum of (reviewer's score − suggested score) over overrides where both are numbers, 0–100 points. */
  shiftSum: number;
  shiftCount: number;
}

export interface AcceptanceSummary extends AcceptanceCounts {
  /** Shares of `decided`, 0–1; null when nothing was decided. */
  acceptedShare: number | null;
  overriddenShare: number | null;
  /** The most frequent override direction, with its share of the overrides. */
  typicalDirection: { direction: OverrideDirection; share: number } | null;
  /** Mean (reviewer − suggestion) on the 0–100 criterion score, over numeric overrides. */
  meanShift: number | null;
  /** Enough decisions and too few accepted: a feature (or a link) worth fixing. */
  weak: boolean;
}

/** Fewer decisions than this say nothing about a feature. */
export const MIN_DECISIONS_TO_JUDGE = 5;
/** Accepted less often than this, a suggestion costs reviewers more than it saves. */
export const WEAK_ACCEPTANCE = 0.6;

export const emptyCounts = (): AcceptanceCounts => ({
  suggested: 0,
  decided: 0,
  accepted: 0,
  overridden: 0,
  noSuggestion: 0,
  directions: { higher: 0, lower: 0, to_na: 0, from_na: 0 },
  shiftSum: 0,
  shiftCount: 0,
});

export function addCounts(into: AcceptanceCounts, from: AcceptanceCounts): AcceptanceCounts {
  into.suggested += from.suggested;
  into.decided += from.decided;
  into.accepted += from.accepted;
  into.overridden += from.overridden;
  into.noSuggestion += from.noSuggestion;
  for (const key of Object.keys(into.directions) as OverrideDirection[]) into.directions[key] += from.directions[key];
  into.shiftSum += from.shiftSum;
  into.shiftCount += from.shiftCount;
  return into;
}

export function summariseAcceptance(counts: AcceptanceCounts): AcceptanceSummary {
  const { decided, overridden } = counts;
  let typicalDirection: AcceptanceSummary["typicalDirection"] = null;
  if (overridden > 0) {
    const [direction, count] = (Object.entries(counts.directions) as [OverrideDirection, number][]).reduce((best, entry) =>
      entry[1] > best[1] ? entry : best,
    );
    if (count > 0) typicalDirection = { direction, share: count / overridden };
  }
  const acceptedShare = decided === 0 ? null : counts.accepted / decided;
  return {
    ...counts,
    acceptedShare,
    overriddenShare: decided === 0 ? null : overridden / decided,
    typicalDirection,
    meanShift: counts.shiftCount === 0 ? null : counts.shiftSum / counts.shiftCount,
    weak: acceptedShare !== null && decided >= MIN_DECISIONS_TO_JUDGE && acceptedShare < WEAK_ACCEPTANCE,
  };
}
