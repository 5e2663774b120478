import { studentTCdf, studentTQuantile } from "./student-t";

/** A sample summarised by its size, sum and sum of squares: what a SQL GROUP BY returns cheaply. */
export interface SampleSums {
  n: number;
  sum: number;
  sumOfSquares: number;
}

export interface SampleMoments {
  n: number;
  mean: number;
  /** Sample (n − 1) variance; null below two observations. */
  variance: number | null;
}

export function momentsOf({ n, sum, sumOfSquares }: SampleSums): SampleMoments | null {
  if (n <= 0) return null;
  const mean = sum / n;
  if (n < 2) return { n, mean, variance: null };
  // Clamped: rounding can leave a tiny negative number when every value is the same.
  return { n, mean, variance: Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1)) };
}

/** The sums of everything in `total` that is not in `part` (e.g. every other reviewer). */
export function subtractSums(total: SampleSums, part: SampleSums): SampleSums {
  return { n: total.n - part.n, sum: total.sum - part.sum, sumOfSquares: total.sumOfSquares - part.sumOfSquares };
}

export interface MeanDifference {
  /** mean(a) − mean(b). */
  difference: number;
  low: number;
  high: number;
  /** Welch–Satterthwaite degrees of freedom; null when both variances are 0. */
  degreesOfFreedom: number | null;
  /** Two-sided p-value of Welch's t-test of equal means. */
  pValue: number;
}

/**
 * Welch's two-sample t-test and confidence interval for mean(a) − mean(b), with no assumption
 * of equal variances. Null when either side has fewer than two observations (no variance).
 * When both variances are 0 the interval collapses to the difference itself.
 */
export function welchMeanDifference(a: SampleMoments, b: SampleMoments, confidenceLevel = 0.95): MeanDifference | null {
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) throw new RangeError(`confidenceLevel must be in (0, 1), got ${confidenceLevel}`);
  if (a.variance === null || b.variance === null) return null;
  const difference = a.mean - b.mean;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const standardError = Math.sqrt(va + vb);
  if (standardError === 0) {
    return { difference, low: difference, high: difference, degreesOfFreedom: null, pValue: difference === 0 ? 1 : 0 };
  }
  const degreesOfFreedom = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const critical = studentTQuantile(1 - (1 - confidenceLevel) / 2, degreesOfFreedom);
  const t = difference / standardError;
  const pValue = 2 * (1 - studentTCdf(Math.abs(t), degreesOfFreedom));
  return {
    difference,
    low: difference - critical * standardError,
    high: difference + critical * standardError,
    degreesOfFreedom,
    pValue,
  };
}
