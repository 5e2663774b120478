/**
 * How many conversations to draw from each stratum (agent × channel by default):
 * a total, a size per group (e.g. per agent) or a percentage, spread
 * proportionally, equally or by Neyman, in whole numbers that add up exactly.
 */
import { assertCount } from "./assertions";
import { resolveScoreSd, type ScoreHistory, type SdOptions } from "./estimate";
import { hashToUnitInterval, type Seed } from "./random";

export type AllocationMethod = "proportional" | "equal" | "neyman";

export type SampleSize =
  | { kind: "total"; total: number }
  /** The same number for every group (e.g. every agent), spread over the group's strata. */
  | { kind: "perGroup"; perGroup: number }
  | { kind: "percentage"; percent: number };

export interface StratumForAllocation {
  key: string;
  /** Conversations eligible in this stratum (after filters and exclusions). */
  population: number;
  /** The group a per-group size applies to, e.g. the agent; defaults to the stratum itself. */
  group?: string;
  /** Past review scores of the stratum, for Neyman allocation. */
  scoreHistory?: ScoreHistory;
}

export interface AllocationOptions extends SdOptions {
  size: SampleSize;
  method: AllocationMethod;
  /**
   * Every non-empty stratum gets at least this many (default 1) when the total
   * allows it: a stratum with none drawn has inclusion probability 0, and no
   * weighting can then make estimates unbiased for it.
   */
  minimumPerStratum?: number;
  /** Breaks exact ties in the rounding fairly instead of always favouring the same keys. */
  tieBreakSeed?: Seed;
}

export interface StratumAllocation {
  key: string;
  group: string;
  population: number;
  sampleSize: number;
  /** The SD a Neyman allocation used and where it came from; null for other methods. */
  neymanSd: { sd: number; source: "history" | "assumed" } | null;
  /** The time bucket of the cell when the draw is spread over its period. */
  bucket?: string;
}

export const DEFAULT_MINIMUM_PER_STRATUM = 1;

/** Total sample size for a "total" or "percentage" size, capped by the population. */
export function sampleTotal(size: SampleSize, population: number): number {
  assertCount(population, "population");
  switch (size.kind) {
    case "total":
      assertCount(size.total, "total");
      return Math.min(size.total, population);
    case "percentage":
      if (!(size.percent >= 0 && size.percent <= 100)) {
        throw new RangeError(`percent must be in [0, 100], got ${size.percent}`);
      }
      return Math.min(Math.round((size.percent * population) / 100), population);
    case "perGroup":
      throw new RangeError("a per-group size has no single total; use allocateSample");
  }
}

/** Allocates the sample across strata; results keep the input order. */
export function allocateSample(strata: readonly StratumForAllocation[], options: AllocationOptions): StratumAllocation[] {
  const minimumPerStratum = options.minimumPerStratum ?? DEFAULT_MINIMUM_PER_STRATUM;
  assertCount(minimumPerStratum, "minimumPerStratum");
  const seen = new Set<string>();
  for (const stratum of strata) {
    if (seen.has(stratum.key)) {
      throw new RangeError(`duplicate stratum key ${stratum.key}`);
    }
    seen.add(stratum.key);
    assertCount(stratum.population, `population of stratum ${stratum.key}`);
  }

  const neymanSds = strata.map((stratum) => (options.method === "neyman" ? resolveScoreSd(stratum.scoreHistory, options) : null));
  const items = strata.map(
    (stratum, index): ApportionItem => ({
      key: stratum.key,
      weight: allocationWeight(options.method, stratum.population, neymanSds[index]?.sd),
      minimum: Math.min(minimumPerStratum, stratum.population),
      capacity: stratum.population,
    }),
  );

  const sizes = new Array<number>(strata.length).fill(0);
  const groups = groupIndexes(strata, options.size.kind === "perGroup");
  for (const indexes of groups) {
    const groupItems = indexes.map((index) => items[index]);
    const groupPopulation = groupItems.reduce((sum, item) => sum + item.capacity, 0);
    const groupTotal =
      options.size.kind === "perGroup" ? perGroupTotal(options.size.perGroup, groupPopulation) : sampleTotal(options.size, groupPopulation);
    const groupSizes = apportion(groupTotal, groupItems, options.tieBreakSeed);
    indexes.forEach((index, position) => {
      sizes[index] = groupSizes[position];
    });
  }

  return strata.map((stratum, index) => ({
    key: stratum.key,
    group: stratum.group ?? stratum.key,
    population: stratum.population,
    sampleSize: sizes[index],
    neymanSd: neymanSds[index],
  }));
}

function allocationWeight(method: AllocationMethod, population: number, sd: number | undefined): number {
  switch (method) {
    case "proportional":
      return population;
    case "equal":
      return population > 0 ? 1 : 0;
    case "neyman":
      return population * (sd ?? 0);
  }
}

function perGroupTotal(perGroup: number, groupPopulation: number): number {
  assertCount(perGroup, "perGroup");
  return Math.min(perGroup, groupPopulation);
}

/** Indexes of strata sharing a group, or one list of all strata when sizes are not per group. */
function groupIndexes(strata: readonly StratumForAllocation[], byGroup: boolean): number[][] {
  if (!byGroup) return [strata.map((_, index) => index)];
  const groups = new Map<string, number[]>();
  strata.forEach((stratum, index) => {
    const group = stratum.group ?? stratum.key;
    const indexes = groups.get(group);
    if (indexes) indexes.push(index);
    else groups.set(group, [index]);
  });
  return [...groups.values()];
}

export interface ApportionItem {
  key: string;
  /** Share of the total is proportional to this, within [minimum, capacity]. */
  weight: number;
  minimum: number;
  capacity: number;
}

// Shares closer than this are treated as equal, so float noise cannot decide a tie.
const SHARE_RESOLUTION = 1e9;

/**
 * Splits `total` into whole numbers proportional to the weights, each within
 * [minimum, capacity], summing exactly to min(total, Σ capacity).
 *
 * The real-valued shares are clamp(λ·weightₕ, minimumₕ, capacityₕ) with λ chosen
 * so they add up to the total: a capped stratum's surplus flows to the others in
 * proportion to their weights. Whole numbers then come from the largest
 * remainder method. Minimums that the total cannot all meet are dropped; strata
 * with zero weight only receive units when every weighted stratum is full, and
 * then in proportion to their capacity.
 */
export function apportion(total: number, items: readonly ApportionItem[], tieBreakSeed?: Seed): number[] {
  assertCount(total, "total");
  for (const item of items) {
    if (!(item.weight >= 0 && Number.isFinite(item.weight))) {
      throw new RangeError(`weight of ${item.key} must be finite and non-negative`);
    }
    assertCount(item.capacity, `capacity of ${item.key}`);
    assertCount(item.minimum, `minimum of ${item.key}`);
    if (item.minimum > item.capacity) {
      throw new RangeError(`minimum of ${item.key} exceeds its capacity`);
    }
  }
  const capacity = items.reduce((sum, item) => sum + item.capacity, 0);
  const target = Math.min(total, capacity);
  const minimumSum = items.reduce((sum, item) => sum + item.minimum, 0);
  const largestWeight = Math.max(0, ...items.map((item) => item.weight));
  const bounded = items.map((item) => ({
    ...item,
    minimum: minimumSum > target ? 0 : item.minimum,
    weight: relativeWeight(item.weight, largestWeight),
  }));
  const shares = realShares(target, bounded);
  return roundByLargestRemainder(target, shares, bounded, tieBreakSeed);
}

// Relative weights below this would put λ beyond the range of doubles; they count as zero.
const NEGLIGIBLE_RELATIVE_WEIGHT = 1e-12;

function relativeWeight(weight: number, largestWeight: number): number {
  if (largestWeight === 0) return 0;
  const relative = weight / largestWeight;
  return relative < NEGLIGIBLE_RELATIVE_WEIGHT ? 0 : relative;
}

function realShares(target: number, items: readonly ApportionItem[]): number[] {
  const weighted = items.filter((item) => item.weight > 0);
  const weightedCapacity = weighted.reduce((sum, item) => sum + item.capacity, 0);
  const unweightedMinimum = items.filter((item) => item.weight === 0).reduce((sum, item) => sum + item.minimum, 0);

  if (weightedCapacity + unweightedMinimum < target) {
    // Every weighted stratum is full; the rest goes to the zero-weight strata.
    const unweighted = items.filter((item) => item.weight === 0);
    const rest = realShares(
      target - weightedCapacity,
      unweighted.map((item) => ({ ...item, weight: item.capacity })),
    );
    let restIndex = 0;
    return items.map((item) => (item.weight > 0 ? item.capacity : rest[restIndex++]));
  }

  const shareAt = (lambda: number) => items.map((item) => Math.min(item.capacity, Math.max(item.minimum, lambda * item.weight)));
  const sumAt = (lambda: number) => shareAt(lambda).reduce((sum, share) => sum + share, 0);

  // The sum is piecewise linear in λ, bending where a share meets a bound.
  const breakpoints = [0, ...new Set(weighted.flatMap((item) => [item.minimum / item.weight, item.capacity / item.weight]))].sort(
    (a, b) => a - b,
  );
  let low = 0;
  let high = breakpoints.length - 1;
  if (sumAt(breakpoints[high]) <= target) return shareAt(breakpoints[high]);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (sumAt(breakpoints[middle]) <= target) low = middle;
    else high = middle;
  }
  const lambdaLow = breakpoints[low];
  const lambdaHigh = breakpoints[high];
  const sumLow = sumAt(lambdaLow);
  const sumHigh = sumAt(lambdaHigh);
  const lambda = lambdaLow + ((target - sumLow) * (lambdaHigh - lambdaLow)) / (sumHigh - sumLow);
  return shareAt(lambda);
}

function roundByLargestRemainder(
  target: number,
  shares: readonly number[],
  items: readonly ApportionItem[],
  tieBreakSeed: Seed | undefined,
): number[] {
  const sizes = shares.map((share, index) =>
    Math.min(items[index].capacity, Math.max(items[index].minimum, Math.floor(share + 1 / SHARE_RESOLUTION))),
  );
  const remainder = (index: number) => Math.round((shares[index] - sizes[index]) * SHARE_RESOLUTION);
  const tieBreak = (index: number) =>
    tieBreakSeed === undefined ? 0 : hashToUnitInterval("allocation-tie-break", String(tieBreakSeed), items[index].key);
  const byRemainderDescending = (a: number, b: number) =>
    remainder(b) - remainder(a) || tieBreak(a) - tieBreak(b) || compareText(items[a].key, items[b].key);

  let missing = target - sizes.reduce((sum, size) => sum + size, 0);
  if (missing > 0) {
    const growable = items
      .map((_, index) => index)
      .filter((index) => sizes[index] < items[index].capacity)
      .sort(byRemainderDescending);
    for (const index of growable.slice(0, missing)) sizes[index] += 1;
  } else if (missing < 0) {
    const shrinkable = items
      .map((_, index) => index)
      .filter((index) => sizes[index] > items[index].minimum)
      .sort(byRemainderDescending)
      .reverse();
    for (const index of shrinkable) {
      if (missing === 0) break;
      sizes[index] -= 1;
      missing += 1;
    }
  }
  return sizes;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
