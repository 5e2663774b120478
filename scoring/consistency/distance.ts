import { type Moments, mean, type Profile, variance } from "./moments";

/** Cells with fewer conversations than this on either side are not compared at all. */
export const MIN_CONVERSATIONS = 10;
/** Two-sided 95 % normal quantile. */
export const Z_95 = 1.959963984540054;

export interface Gap<F extends string> {
  /** Bias-corrected root-mean-square standardized difference; 0 = same profile, 1 = one pooled SD per feature. */
  distance: number;
  low: number;
  high: number;
  /** The unbiased estimate of the squared distance (may be negative when the profiles are alike) and its standard error. */
  squared: number;
  squaredSe: number;
  /** Standardized difference per feature (a − b − shift) / scale, signed: which features make the gap. */
  differences: Record<F, number>;
  nA: number;
  nB: number;
}

/**
 * Pooled within-group standard deviation of each feature across `groups` (Σ (n−1)s² / Σ (n−1)): the unit
 * every difference is measured in, so that a greeting rate and a word count weigh alike. A feature with no
 * spread gets scale 1 so that it contributes its raw difference instead of dividing by zero.
 */
export function pooledScales<F extends string>(features: readonly F[], groups: readonly Profile<F>[]): Record<F, number> {
  const scales = {} as Record<F, number>;
  for (const feature of features) {
    let weighted = 0;
    let degrees = 0;
    for (const group of groups) {
      const moments = group[feature];
      if (moments.n < 2) continue;
      weighted += (moments.n - 1) * variance(moments);
      degrees += moments.n - 1;
    }
    const scale = degrees > 0 ? Math.sqrt(weighted / degrees) : 0;
    scales[feature] = scale > 1e-9 ? scale : 1;
  }
  return scales;
}

function samplingVariance(moments: Moments): number {
  return moments.n === 0 ? 0 : variance(moments) / moments.n;
}

/**
 * How far profile `a` is from profile `b`. Per feature j: δ_j = (mean_a − mean_b − shift_j) / scale_j with
 * sampling variance v_j = (s²_a/n_a + s²_b/n_b) / scale_j². Then
 *   D² = (1/k) Σ (δ_j² − v_j)                      unbiased for the true mean squared difference,
 *   SE(D²) = (1/k) √Σ (4 δ_j² v_j + 2 v_j²)        its normal-theory standard error,
 * distance = √max(0, D²) and the interval √max(0, D² ∓ z·SE). `shift` removes an expected difference
 * (the brand's channel norms, when an agent's channels are compared with each other).
 * Returns null when either side has fewer than `minConversations`.
 */
export function profileGap<F extends string>(
  features: readonly F[],
  a: Profile<F>,
  b: Profile<F>,
  scales: Record<F, number>,
  {
    shift,
    minConversations = MIN_CONVERSATIONS,
    z = Z_95,
  }: { shift?: Partial<Record<F, number>>; minConversations?: number; z?: number } = {},
): Gap<F> | null {
  const differences = {} as Record<F, number>;
  let sumSquares = 0;
  let sumVariance = 0;
  let sumSeTerms = 0;
  let used = 0;
  let nA = 0;
  let nB = 0;
  for (const feature of features) {
    const ma = a[feature];
    const mb = b[feature];
    nA = Math.max(nA, ma.n);
    nB = Math.max(nB, mb.n);
    const meanA = mean(ma);
    const meanB = mean(mb);
    if (meanA === null || meanB === null) {
      differences[feature] = 0;
      continue;
    }
    const scale = scales[feature];
    const delta = (meanA - meanB - (shift?.[feature] ?? 0)) / scale;
    const v = (samplingVariance(ma) + samplingVariance(mb)) / (scale * scale);
    differences[feature] = delta;
    sumSquares += delta * delta;
    sumVariance += v;
    sumSeTerms += 4 * delta * delta * v + 2 * v * v;
    used += 1;
  }
  if (used === 0 || nA < minConversations || nB < minConversations) return null;
  const squared = (sumSquares - sumVariance) / used;
  const squaredSe = Math.sqrt(sumSeTerms) / used;
  const root = (value: number) => Math.sqrt(Math.max(0, value));
  return {
    distance: root(squared),
    low: root(squared - z * squaredSe),
    high: root(squared + z * squaredSe),
    squared,
    squaredSe,
    differences,
    nA,
    nB,
  };
}
