/**
 * The reproducible draw. Every conversation stores a random `sample_key` in
 * [0, 1). A seed turns into an offset per stratum, and the draw takes the n
 * conversations that follow the offset on the circle of keys:
 *
 *   SELECT id FROM conversations WHERE <stratum> AND sample_key >= :offset
 *     ORDER BY sample_key, id LIMIT :n
 *   -- then, if fewer than n came back, wrap around:
 *   SELECT id FROM conversations WHERE <stratum> AND sample_key < :offset
 *     ORDER BY sample_key, id LIMIT :rest
 *
 * This module is the in-memory reference the database version is tested
 * against: the plan (sizes, offsets, weights) is shared, only the row fetching
 * differs. Ids compare by UTF-16 code unit, like PostgreSQL's uuid ordering or
 * `COLLATE "C"` on text ids.
 */
import { type AllocationOptions, allocateSample, type StratumAllocation, type StratumForAllocation } from "./allocation";
import { type OversamplingPolicy, sampledPart, splitForOversampling } from "./oversampling";
import { type Seed, seedOffset } from "./random";
import { allocateOverBuckets, type BucketAllocation, type SpreadMode } from "./spread";

export interface SampleCandidate {
  id: string;
  sampleKey: number;
}

/** The default strata: one per agent and channel. */
export const DEFAULT_STRATUM_DIMENSIONS = ["agent", "channel"] as const;

/**
 * A stable stratum key such as `agent=42|channel=email`: dimensions sorted by
 * name, values URI-encoded, so the same stratum always hashes to the same offset.
 */
export function stratumKeyOf(dimensions: Readonly<Record<string, string>>): string {
  return Object.keys(dimensions)
    .sort(compareIds)
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(dimensions[name])}`)
    .join("|");
}

/** The key a part of a stratum is drawn under; its offset is seedOffset(seed, drawKey). */
export function drawKeyFor(stratumKey: string, flagged: boolean | null): string {
  if (flagged === null) return stratumKey;
  return `${stratumKey}#${flagged ? "flagged" : "unflagged"}`;
}

/** Orders candidates as `ORDER BY sample_key, id` does. */
export function compareCandidates(a: SampleCandidate, b: SampleCandidate): number {
  return a.sampleKey - b.sampleKey || compareIds(a.id, b.id);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The ids of the n candidates that follow `offset` on the circle of sample
 * keys, in draw order: exactly what the two SQL queries above return.
 */
export function drawFromStratum(candidates: readonly SampleCandidate[], n: number, offset: number): string[] {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  assertUnitInterval(offset, "offset");
  const ids = new Set<string>();
  for (const candidate of candidates) {
    assertUnitInterval(candidate.sampleKey, `sampleKey of ${candidate.id}`);
    if (ids.has(candidate.id)) throw new RangeError(`duplicate candidate id ${candidate.id}`);
    ids.add(candidate.id);
  }

  const ordered = [...candidates].sort(compareCandidates);
  const firstAtOrAfterOffset = lowerBound(ordered, offset);
  const count = Math.min(n, ordered.length);
  const drawn: string[] = [];
  for (let step = 0; step < count; step++) {
    drawn.push(ordered[(firstAtOrAfterOffset + step) % ordered.length].id);
  }
  return drawn;
}

function lowerBound(ordered: readonly SampleCandidate[], offset: number): number {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ordered[middle].sampleKey < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface StratumPopulation extends StratumForAllocation {
  /** Flagged conversations among the population, for oversampling. */
  flaggedPopulation?: number;
  /** The time bucket (day or week) of the cell; required when the draw is spread over its period. */
  bucket?: string;
}

export interface DrawPlanOptions extends Omit<AllocationOptions, "tieBreakSeed"> {
  seed: Seed;
  oversampling?: OversamplingPolicy;
  /** Spread over time buckets (see spread.ts): every stratum is then one cell of agent × channel × bucket. */
  spread?: SpreadMode;
}

/** One simple random draw: a whole stratum, or its flagged or unflagged part. */
export interface DrawPart {
  stratumKey: string;
  drawKey: string;
  /** null: the whole stratum; true / false: only flagged / unflagged conversations. */
  flagged: boolean | null;
  population: number;
  sampleSize: number;
  offset: number;
  inclusionProbability: number;
  designWeight: number | null;
}

export interface DrawPlan {
  seed: string;
  allocation: StratumAllocation[];
  parts: DrawPart[];
  /** Sizes per group and time bucket when the draw is spread over its period. */
  buckets?: BucketAllocation[];
}

/**
 * Everything about a stratified draw except the rows: sizes per stratum and
 * part, offsets, inclusion probabilities and weights. The database draw runs
 * the two queries per part with these numbers.
 */
export function planStratifiedDraw(strata: readonly StratumPopulation[], options: DrawPlanOptions): DrawPlan {
  const seed = String(options.seed);
  let allocation: StratumAllocation[];
  let buckets: BucketAllocation[] | undefined;
  if (options.spread) {
    const spread = allocateOverBuckets(
      strata.map((stratum) => {
        if (stratum.bucket === undefined) throw new RangeError(`stratum ${stratum.key} has no time bucket`);
        return { ...stratum, bucket: stratum.bucket };
      }),
      { ...options, spread: options.spread, tieBreakSeed: seed },
    );
    allocation = spread.cells;
    buckets = spread.buckets;
  } else {
    allocation = allocateSample(strata, { ...options, tieBreakSeed: seed });
  }
  const parts = allocation.flatMap((stratum, index): DrawPart[] => {
    const sampledParts = options.oversampling
      ? splitForOversampling({
          population: stratum.population,
          flaggedPopulation: strata[index].flaggedPopulation ?? 0,
          sampleSize: stratum.sampleSize,
          factor: options.oversampling.factor,
        })
      : [sampledPart(null, stratum.population, stratum.sampleSize)];
    return sampledParts.map((part) => {
      const drawKey = drawKeyFor(stratum.key, part.flagged);
      return { stratumKey: stratum.key, drawKey, offset: seedOffset(seed, drawKey), ...part };
    });
  });
  return buckets ? { seed, allocation, parts, buckets } : { seed, allocation, parts };
}

export interface DrawCandidate extends SampleCandidate {
  flagged?: boolean;
}

export interface CandidateStratum extends Omit<StratumForAllocation, "population"> {
  candidates: readonly DrawCandidate[];
  /** The time bucket of the cell, when the draw is spread over its period. */
  bucket?: string;
}

export interface StratifiedDrawOptions extends DrawPlanOptions {
  /** Conversations already reviewed or in calibration: never drawn, not counted. */
  excludedIds?: Iterable<string>;
}

export interface DrawnConversation {
  id: string;
  stratumKey: string;
  drawKey: string;
  flagged: boolean;
  inclusionProbability: number;
  designWeight: number;
}

export interface StratifiedDraw {
  plan: DrawPlan;
  conversations: DrawnConversation[];
}

/** In-memory stratified draw: exclusions, allocation, oversampling, rotated draws. */
export function drawStratified(strata: readonly CandidateStratum[], options: StratifiedDrawOptions): StratifiedDraw {
  const excluded = new Set(options.excludedIds ?? []);
  const seenIds = new Set<string>();
  const eligibleByStratum = strata.map((stratum) => {
    for (const candidate of stratum.candidates) {
      if (seenIds.has(candidate.id)) {
        throw new RangeError(`conversation ${candidate.id} appears in more than one place`);
      }
      seenIds.add(candidate.id);
    }
    return stratum.candidates.filter((candidate) => !excluded.has(candidate.id));
  });

  const populations = strata.map(
    (stratum, index): StratumPopulation => ({
      key: stratum.key,
      group: stratum.group,
      scoreHistory: stratum.scoreHistory,
      bucket: stratum.bucket,
      population: eligibleByStratum[index].length,
      flaggedPopulation: eligibleByStratum[index].filter((candidate) => candidate.flagged).length,
    }),
  );
  const plan = planStratifiedDraw(populations, options);

  const eligibleByKey = new Map(strata.map((stratum, index) => [stratum.key, eligibleByStratum[index]]));
  const conversations = plan.parts.flatMap((part): DrawnConversation[] => {
    const { designWeight } = part;
    if (part.sampleSize === 0 || designWeight === null) return [];
    const eligible = eligibleByKey.get(part.stratumKey) ?? [];
    const partCandidates = part.flagged === null ? eligible : eligible.filter((candidate) => (candidate.flagged ?? false) === part.flagged);
    const flaggedIds = new Set(partCandidates.filter((candidate) => candidate.flagged).map((candidate) => candidate.id));
    return drawFromStratum(partCandidates, part.sampleSize, part.offset).map((id) => ({
      id,
      stratumKey: part.stratumKey,
      drawKey: part.drawKey,
      flagged: flaggedIds.has(id),
      inclusionProbability: part.inclusionProbability,
      designWeight,
    }));
  });
  return { plan, conversations };
}

function assertUnitInterval(value: number, name: string): void {
  if (!(value >= 0 && value < 1)) {
    throw new RangeError(`${name} must be in [0, 1), got ${value}`);
  }
}
