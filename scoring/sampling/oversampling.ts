/**
 * Oversampling flagged conversations (frustrated customers, low CSAT, outliers)
 * inside a stratum. The stratum is split into a flagged and an unflagged part,
 * each drawn as a simple random sample; flagged conversations get about
 * `factor` times the chance of the others. Each unit's inclusion probability
 * π = n_part / N_part is known exactly, so weighting by 1/π keeps estimates
 * unbiased while reviewers see more of the conversations that matter.
 */
import { apportion } from "./allocation";
import { assertCount } from "./assertions";

/** What can flag a conversation for oversampling. */
export const OVERSAMPLING_FLAGS = ["lowCsat", "outlier", "frustrated"] as const;
export type OversamplingFlag = (typeof OVERSAMPLING_FLAGS)[number];
/** CSAT at or below this is low (on 1–5). */
export const LOW_CSAT = 2;

export interface FlagFacts {
  csat: number | null;
  messageCount: number;
  /** Flagged by the frustration score (conversation_frustration.flagged); false when not scored. */
  frustrated: boolean;
}

/**
 * Why a conversation is flagged, among the flags a rule uses: CSAT ≤ 2, more messages than `messageFence`
 * (Tukey's upper fence of the eligible conversations), or a frustrated customer. Empty: not flagged.
 * The database states the same condition in SQL (db/queries/sampling.ts) and is tested against this.
 */
export function oversamplingReasons(
  facts: FlagFacts,
  { flags, messageFence }: { flags: readonly OversamplingFlag[]; messageFence: number | null },
): OversamplingFlag[] {
  const holds: Record<OversamplingFlag, boolean> = {
    lowCsat: facts.csat !== null && facts.csat <= LOW_CSAT,
    outlier: messageFence !== null && facts.messageCount > messageFence,
    frustrated: facts.frustrated,
  };
  return flags.filter((flag) => holds[flag]);
}

export interface OversamplingPolicy {
  /** How many times the chance of an unflagged conversation a flagged one gets (≥ 1). */
  factor: number;
}

export interface OversamplingInput {
  population: number;
  flaggedPopulation: number;
  sampleSize: number;
  factor: number;
}

export interface SampledPart {
  /** true / false for the flagged / unflagged part; null when the stratum is not split. */
  flagged: boolean | null;
  population: number;
  sampleSize: number;
  /** π: the chance each conversation of the part has to be drawn. */
  inclusionProbability: number;
  /** 1/π: how many conversations each drawn one stands for; null when none is drawn. */
  designWeight: number | null;
}

/**
 * The parts a stratum is drawn in. It is split only when both parts have
 * conversations and at least two are drawn, so that each part gets one or
 * more: a part with none drawn would have π = 0 and bias every estimate.
 */
export function splitForOversampling({ population, flaggedPopulation, sampleSize, factor }: OversamplingInput): SampledPart[] {
  assertCount(population, "population");
  assertCount(flaggedPopulation, "flaggedPopulation");
  assertCount(sampleSize, "sampleSize");
  if (flaggedPopulation > population) {
    throw new RangeError("flaggedPopulation cannot exceed population");
  }
  if (sampleSize > population) {
    throw new RangeError("sampleSize cannot exceed population");
  }
  if (!(factor >= 1 && Number.isFinite(factor))) {
    throw new RangeError(`factor must be a finite number of at least 1, got ${factor}`);
  }

  const unflaggedPopulation = population - flaggedPopulation;
  if (sampleSize < 2 || flaggedPopulation === 0 || unflaggedPopulation === 0) {
    return [sampledPart(null, population, sampleSize)];
  }
  const [flaggedSize, unflaggedSize] = apportion(sampleSize, [
    {
      key: "flagged",
      weight: factor * flaggedPopulation,
      minimum: 1,
      capacity: flaggedPopulation,
    },
    {
      key: "unflagged",
      weight: unflaggedPopulation,
      minimum: 1,
      capacity: unflaggedPopulation,
    },
  ]);
  return [sampledPart(true, flaggedPopulation, flaggedSize), sampledPart(false, unflaggedPopulation, unflaggedSize)];
}

/** π and 1/π of a part drawn as a simple random sample. */
export function sampledPart(flagged: boolean | null, population: number, sampleSize: number): SampledPart {
  return {
    flagged,
    population,
    sampleSize,
    inclusionProbability: population === 0 ? 0 : sampleSize / population,
    designWeight: sampleSize === 0 ? null : population / sampleSize,
  };
}

/**
 * Tukey's upper fence, Q3 + fence·(Q3 − Q1), for flagging outliers such as
 * unusually long conversations or many replies. Quartiles interpolate linearly
 * (the default of R and of PostgreSQL's percentile_cont).
 */
export function upperTukeyFence(values: readonly number[], fence = 1.5): number {
  if (values.length === 0) {
    throw new RangeError("upperTukeyFence needs at least one value");
  }
  const sorted = [...values].sort((a, b) => a - b);
  const firstQuartile = interpolatedQuantile(sorted, 0.25);
  const thirdQuartile = interpolatedQuantile(sorted, 0.75);
  return thirdQuartile + fence * (thirdQuartile - firstQuartile);
}

function interpolatedQuantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}
