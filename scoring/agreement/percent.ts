import type { ReliabilityMatrix } from "./krippendorff";

export interface PercentAgreement {
  /**
   * The mean over units of the share of rater pairs that gave the same value (0–1); null when no unit has
   * two ratings. Not corrected for chance: on a scale where almost everything is "pass" it is high even
   * when raters agree no better than coin flips, which is why alpha is shown next to it.
   */
  agreement: number | null;
  /** Units with at least two ratings. */
  units: number;
  /** Rater pairs compared, over all units. */
  pairs: number;
  /** Rater pairs that agreed. */
  agreeingPairs: number;
}

/** Pairwise percent agreement (exact match), missing and N/A (null) left out. `tolerance` accepts near values (e.g. 1 point). */
export function percentAgreement(matrix: ReliabilityMatrix, { tolerance = 0 }: { tolerance?: number } = {}): PercentAgreement {
  let unitShareSum = 0;
  let units = 0;
  let pairs = 0;
  let agreeingPairs = 0;
  for (const row of matrix) {
    const values = row.filter((value): value is number => value !== null);
    if (values.length < 2) continue;
    let unitPairs = 0;
    let unitAgreeing = 0;
    for (let i = 0; i < values.length; i++) {
      for (let j = i + 1; j < values.length; j++) {
        unitPairs += 1;
        if (Math.abs(values[i] - values[j]) <= tolerance) unitAgreeing += 1;
      }
    }
    units += 1;
    pairs += unitPairs;
    agreeingPairs += unitAgreeing;
    unitShareSum += unitAgreeing / unitPairs;
  }
  return { agreement: units === 0 ? null : unitShareSum / units, units, pairs, agreeingPairs };
}
