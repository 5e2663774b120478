/**
 * Sufficient statistics of one feature over a set of conversations: count, sum and sum of squares.
 * Rollups store them, so any GROUP BY gives means and variances and cells add and subtract exactly.
 */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

/** The conversation-level tone features a profile is made of (see docs/metrics.md for why these). */
export const TONE_FEATURES = ["greeting", "closing", "usesName", "empathy", "exclamation", "emoji", "logWords", "readability"] as const;
export type ToneFeature = (typeof TONE_FEATURES)[number];

/** A profile: the moments of each feature. Generic over the feature names so that tests can use two. */
export type Profile<F extends string = ToneFeature> = Record<F, Moments>;

export const EMPTY_MOMENTS: Moments = { n: 0, sum: 0, sumSq: 0 };

export function addMoments(a: Moments, b: Moments): Moments {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
}

/** a − b, for "the team without this agent"; rounding noise below zero is clamped. */
export function subtractMoments(a: Moments, b: Moments): Moments {
  return { n: Math.max(0, a.n - b.n), sum: a.sum - b.sum, sumSq: Math.max(0, a.sumSq - b.sumSq) };
}

export function mean(m: Moments): number | null {
  return m.n === 0 ? null : m.sum / m.n;
}

/** Sample variance (n − 1 denominator); 0 with fewer than two observations. */
export function variance(m: Moments): number {
  if (m.n < 2) return 0;
  return Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1));
}

export function emptyProfile<F extends string>(features: readonly F[]): Profile<F> {
  return Object.fromEntries(features.map((feature) => [feature, EMPTY_MOMENTS])) as Profile<F>;
}

export function addProfiles<F extends string>(features: readonly F[], profiles: readonly Profile<F>[]): Profile<F> {
  const total = emptyProfile(features);
  for (const profile of profiles) for (const feature of features) total[feature] = addMoments(total[feature], profile[feature]);
  return total;
}

export function subtractProfile<F extends string>(features: readonly F[], whole: Profile<F>, part: Profile<F>): Profile<F> {
  return Object.fromEntries(features.map((feature) => [feature, subtractMoments(whole[feature], part[feature])])) as Profile<F>;
}

/** Conversations a profile is built from: the count of its best-populated feature. */
export function profileSize<F extends string>(features: readonly F[], profile: Profile<F>): number {
  return Math.max(0, ...features.map((feature) => profile[feature].n));
}
