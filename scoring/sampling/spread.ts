/**
 * Spreading a draw evenly over its period. Without it, a weekly sample of 10
 * per agent is a lottery over the week's conversations and can, by chance,
 * land mostly on Monday. With it, the time bucket (the local day or ISO week a
 * conversation was created in) becomes a stratification dimension and the
 * allocation is hierarchical:
 *
 *   1. the total (or each agent's total, for a per-agent size) as usual;
 *   2. that total split across the buckets in whole numbers: the same number
 *      per bucket ("equal", a bucket never gets more than it has, surplus goes
 *      to the others) or in proportion to each bucket's conversations
 *      ("proportional"), rounded by largest remainder, so each bucket's count is
 *      its exact share rounded up or down;
 *   3. each bucket's count split across its agent × channel strata with the
 *      rule's method (proportional, equal, Neyman) and minimums.
 *
 * Every cell (agent × channel × bucket) is then drawn as its own simple random
 * sample with its own offset, so inclusion probabilities and weights stay exact.
 */
import {
  type AllocationOptions,
  allocateSample,
  apportion,
  type StratumAllocation,
  type StratumForAllocation,
  sampleTotal,
} from "./allocation";
import { assertCount } from "./assertions";

export const SPREAD_BUCKETS = ["day", "week"] as const;
export type SpreadBucket = (typeof SPREAD_BUCKETS)[number];
export const SPREAD_MODES = ["equal", "proportional"] as const;
export type SpreadMode = (typeof SPREAD_MODES)[number];

export interface SpreadPolicy {
  bucket: SpreadBucket;
  mode: SpreadMode;
}

export interface BucketedStratum extends StratumForAllocation {
  /** The time bucket of the cell, e.g. `2026-11-23` or `2026-W48`; its key should include it. */
  bucket: string;
}

export interface BucketAllocation {
  /** The allocation group (agent for a per-agent size; `all` otherwise). */
  group: string;
  bucket: string;
  population: number;
  sampleSize: number;
}

export interface SpreadAllocation {
  /** Per cell, in input order. */
  cells: StratumAllocation[];
  /** Per group and bucket, groups in order of first appearance, buckets sorted. */
  buckets: BucketAllocation[];
}

const ALL = "all";

/**
 * Allocates a sample over group → bucket → stratum. `strata` are cells: one per
 * agent × channel × bucket, each with its bucket. Results keep the input order.
 */
export function allocateOverBuckets(
  strata: readonly BucketedStratum[],
  options: AllocationOptions & { spread: SpreadMode },
): SpreadAllocation {
  const seen = new Set<string>();
  for (const stratum of strata) {
    if (seen.has(stratum.key)) throw new RangeError(`duplicate stratum key ${stratum.key}`);
    seen.add(stratum.key);
    assertCount(stratum.population, `population of stratum ${stratum.key}`);
    if (typeof stratum.bucket !== "string" || stratum.bucket === "") {
      throw new RangeError(`stratum ${stratum.key} has no time bucket`);
    }
  }
  const perGroup = options.size.kind === "perGroup";
  const groups = new Map<string, number[]>();
  strata.forEach((stratum, index) => {
    const group = perGroup ? (stratum.group ?? stratum.key) : ALL;
    const indexes = groups.get(group);
    if (indexes) indexes.push(index);
    else groups.set(group, [index]);
  });

  const cells = new Array<StratumAllocation>(strata.length);
  const buckets: BucketAllocation[] = [];
  const seed = options.tieBreakSeed === undefined ? undefined : String(options.tieBreakSeed);
  for (const [group, indexes] of groups) {
    const groupPopulation = indexes.reduce((sum, index) => sum + strata[index].population, 0);
    const groupTotal =
      options.size.kind === "perGroup"
        ? Math.min(assertedCount(options.size.perGroup, "perGroup"), groupPopulation)
        : sampleTotal(options.size, groupPopulation);

    const byBucket = new Map<string, number[]>();
    for (const index of indexes) {
      const list = byBucket.get(strata[index].bucket);
      if (list) list.push(index);
      else byBucket.set(strata[index].bucket, [index]);
    }
    const bucketKeys = [...byBucket.keys()].sort(compareText);
    const bucketPopulations = bucketKeys.map((bucket) =>
      (byBucket.get(bucket) ?? []).reduce((sum, index) => sum + strata[index].population, 0),
    );
    const bucketSizes = apportion(
      groupTotal,
      bucketKeys.map((bucket, position) => ({
        key: bucket,
        weight: bucketWeight(options.spread, bucketPopulations[position]),
        minimum: 0,
        capacity: bucketPopulations[position],
      })),
      seed === undefined ? undefined : `${seed}|spread|${group}`,
    );

    bucketKeys.forEach((bucket, position) => {
      const cellIndexes = byBucket.get(bucket) ?? [];
      const allocated = allocateSample(
        cellIndexes.map((index) => strata[index]),
        { ...options, size: { kind: "total", total: bucketSizes[position] } },
      );
      cellIndexes.forEach((index, cellPosition) => {
        cells[index] = { ...allocated[cellPosition], bucket };
      });
      buckets.push({ group, bucket, population: bucketPopulations[position], sampleSize: bucketSizes[position] });
    });
  }
  return { cells, buckets };
}

/** Sizes per bucket summed over groups, in bucket order: what a page shows. */
export function totalsByBucket(buckets: readonly BucketAllocation[]): { bucket: string; population: number; sampleSize: number }[] {
  const totals = new Map<string, { bucket: string; population: number; sampleSize: number }>();
  for (const entry of buckets) {
    const total = totals.get(entry.bucket) ?? { bucket: entry.bucket, population: 0, sampleSize: 0 };
    total.population += entry.population;
    total.sampleSize += entry.sampleSize;
    totals.set(entry.bucket, total);
  }
  return [...totals.values()].sort((a, b) => compareText(a.bucket, b.bucket));
}

function bucketWeight(mode: SpreadMode, population: number): number {
  if (population === 0) return 0;
  return mode === "equal" ? 1 : population;
}

function assertedCount(value: number, name: string): number {
  assertCount(value, name);
  return value;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Buckets on the calendar

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function localDate(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: value("year"), month: value("month"), day: value("day") };
}

/**
 * The bucket an instant falls in, by the local calendar of `timeZone`: `2026-11-23` for days, the ISO week
 * `2026-W48` for weeks. The database computes the same key with
 * `to_char(created_at AT TIME ZONE tz, 'YYYY-MM-DD')` or `'IYYY-"W"IW'`.
 */
export function bucketKeyOf(instant: Date, bucket: SpreadBucket, timeZone: string): string {
  const { year, month, day } = localDate(instant, timeZone);
  if (bucket === "day") return `${year}-${pad(month)}-${pad(day)}`;
  const date = new Date(Date.UTC(year, month - 1, day));
  const dayOfWeek = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dayOfWeek);
  const isoYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${isoYear}-W${pad(week)}`;
}
