import type { ReliabilityMatrix } from "./krippendorff";

/**
 * Each reviewer's distance from the consensus: the "calibration score" of a reviewer.
 *
 * The consensus of a unit is the reference reviewer's value when the session names one (a lead whose
 * judgement is the standard), and otherwise the mean of the *other* reviewers' values (leave-one-out), so a
 * reviewer is never compared with an average that contains their own rating: with two reviewers each is
 * compared with the other. Units where the reviewer, or the consensus, has no value are left out.
 */

export interface ReviewerDeviation {
  /** Column of the reviewer in the matrix. */
  reviewer: number;
  /** Units compared. */
  units: number;
  /** Mean of (reviewer − consensus): negative = harsher than the consensus, positive = more lenient. Null when no unit compared. */
  meanDeviation: number | null;
  /** Mean of |reviewer − consensus|: how far off, whichever direction. */
  meanAbsoluteDeviation: number | null;
  /** True for the reference reviewer, who is the consensus and so has no deviation. */
  isReference: boolean;
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The consensus a reviewer is compared with on one unit, or null when there is none. */
export function consensusFor(row: ReadonlyArray<number | null>, reviewer: number, reference: number | null): number | null {
  if (reference !== null) return reviewer === reference ? null : (row[reference] ?? null);
  const others = row.filter((value, index): value is number => index !== reviewer && value !== null);
  return others.length === 0 ? null : mean(others);
}

/** The consensus of a unit as a whole: the reference's value, else the mean of every value. */
export function unitConsensus(row: ReadonlyArray<number | null>, reference: number | null): number | null {
  if (reference !== null) return row[reference] ?? null;
  const values = row.filter((value): value is number => value !== null);
  return values.length === 0 ? null : mean(values);
}

export function reviewerDeviations(
  matrix: ReliabilityMatrix,
  options: { reference?: number | null /** Columns; defaults to the longest row. */; reviewers?: number } = {},
): ReviewerDeviation[] {
  const reference = options.reference ?? null;
  const reviewers = options.reviewers ?? matrix.reduce((max, row) => Math.max(max, row.length), 0);
  if (reference !== null && !(Number.isInteger(reference) && reference >= 0 && reference < reviewers)) {
    throw new RangeError(`reference must be a reviewer column, got ${reference}`);
  }
  return Array.from({ length: reviewers }, (_, reviewer) => {
    const differences: number[] = [];
    for (const row of matrix) {
      const own = row[reviewer] ?? null;
      if (own === null) continue;
      const consensus = consensusFor(row, reviewer, reference);
      if (consensus !== null) differences.push(own - consensus);
    }
    return {
      reviewer,
      units: differences.length,
      meanDeviation: differences.length ? mean(differences) : null,
      meanAbsoluteDeviation: differences.length ? mean(differences.map(Math.abs)) : null,
      isReference: reviewer === reference,
    };
  });
}

export interface UnitSpread {
  /** Values given (missing and N/A left out). */
  count: number;
  min: number | null;
  max: number | null;
  /** max − min: 0 when everyone agreed. */
  range: number | null;
  /** Sample standard deviation; null with fewer than two values. */
  standardDeviation: number | null;
}

export function unitSpread(row: ReadonlyArray<number | null>): UnitSpread {
  const values = row.filter((value): value is number => value !== null);
  if (values.length === 0) return { count: 0, min: null, max: null, range: null, standardDeviation: null };
  const min = Math.min(...values);
  const max = Math.max(...values);
  const m = mean(values);
  const standardDeviation =
    values.length < 2 ? null : Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1));
  return { count: values.length, min, max, range: max - min, standardDeviation };
}
