import { type RandomGenerator, type Seed, createRandom, uniformInt } from "../sampling/random";
import { type AlphaMetric, type ReliabilityMatrix, alphaResampler, prepareReliabilityData } from "./krippendorff";

/**
 * A confidence interval for Krippendorff's alpha by the percentile bootstrap over units: the conversations
 * of a session are resampled with replacement and alpha is recomputed on each resample. Resampling whole
 * units keeps each conversation's ratings together, which is what makes the interval honest about how few
 * conversations a session has (Zapf, Castell, Morawietz & Karch 2016, "Measuring inter-rater reliability for
 * nominal data – which coefficients and confidence intervals are appropriate?", BMC Medical Research
 * Methodology 16:93, recommend alpha with exactly this bootstrap interval). It is seeded, so a page shows
 * the same interval on every visit.
 *
 * With very few units no interval is honest: below `MIN_UNITS_FOR_INTERVAL` pairable units none is given.
 */

export const MIN_UNITS_FOR_INTERVAL = 3;
export const DEFAULT_REPLICATES = 2000;
const MAX_UNDEFINED_SHARE = 0.1;

export interface AlphaInterval {
  level: number;
  lower: number;
  upper: number;
  /** Resamples in which alpha was defined (a resample with no variation has no alpha). */
  replicates: number;
  /** Resamples left out because alpha was undefined in them. */
  undefinedReplicates: number;
  /** Share of resamples with alpha below `minimum`: how likely the true alpha falls short of it. */
  probabilityBelowMinimum: number;
  minimum: number;
}

export interface BootstrapOptions {
  seed: Seed;
  replicates?: number;
  /** Defaults to 0.95. */
  level?: number;
  /** The smallest acceptable alpha; defaults to 0.667 (Krippendorff's lowest threshold, see interpret.ts). */
  minimum?: number;
}

/** The q-quantile of sorted values, linear between order statistics (type 7, as R and NumPy default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("no values");
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

function resample(count: number, random: RandomGenerator): number[] {
  return Array.from({ length: count }, () => uniformInt(random, count));
}

/** Null when there are too few pairable units or more than one resample in ten has no alpha. */
export function bootstrapAlphaInterval(matrix: ReliabilityMatrix, metric: AlphaMetric, options: BootstrapOptions): AlphaInterval | null {
  const level = options.level ?? 0.95;
  const minimum = options.minimum ?? 0.667;
  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1, got ${level}`);
  if (!Number.isInteger(replicates) || replicates < 100) throw new RangeError(`replicates must be an integer ≥ 100, got ${replicates}`);
  const prepared = prepareReliabilityData(matrix);
  // Unpairable units contribute nothing to alpha; resampling only pairable ones keeps n comparable.
  const pairable = prepared.units.filter((unit) => unit.size >= 2);
  if (pairable.length < MIN_UNITS_FOR_INTERVAL) return null;
  const alphaOf = alphaResampler({ values: prepared.values, units: pairable }, metric);
  const random = createRandom(`alpha-bootstrap:${String(options.seed)}:${metric}`);
  const alphas: number[] = [];
  let undefinedReplicates = 0;
  for (let i = 0; i < replicates; i++) {
    const alpha = alphaOf(resample(pairable.length, random));
    if (alpha === null) undefinedReplicates += 1;
    else alphas.push(alpha);
  }
  // Resamples with no variation have no alpha; leaving many out would bias the interval, so past one in
  // ten the data are too uniform for an interval at all.
  if (undefinedReplicates > replicates * MAX_UNDEFINED_SHARE) return null;
  alphas.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return {
    level,
    lower: quantileSorted(alphas, tail),
    upper: quantileSorted(alphas, 1 - tail),
    replicates: alphas.length,
    undefinedReplicates,
    probabilityBelowMinimum: alphas.filter((alpha) => alpha < minimum).length / alphas.length,
    minimum,
  };
}
