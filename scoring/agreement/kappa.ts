/**
 * Chance-corrected agreement on categories (pass/fail and the like).
 *
 * - Cohen's kappa (Cohen 1960, "A coefficient of agreement for nominal scales", Educational and Psychological
 *   Measurement 20:37–46): two raters, κ = (p_o − p_e) / (1 − p_e) with p_e from each rater's own marginals.
 * - Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters", Psychological Bulletin
 *   76:378–382): the same number of raters on every unit, κ = (P̄ − P̄_e) / (1 − P̄_e).
 *
 * Both need complete pairs / units; with missing ratings use Krippendorff's nominal alpha instead.
 */

export type Category = string | number | boolean;

export interface KappaResult {
  /** κ, or null when chance agreement is already total (every rating in one category). */
  kappa: number | null;
  /** Observed agreement (p_o or P̄). */
  observed: number;
  /** Agreement expected by chance (p_e or P̄_e). */
  expected: number;
  /** Units (pairs for Cohen) used. */
  units: number;
}

/** Cohen's kappa for two raters; pairs where either rating is null are left out. Null with no complete pair. */
export function cohenKappa(first: ReadonlyArray<Category | null>, second: ReadonlyArray<Category | null>): KappaResult | null {
  if (first.length !== second.length) throw new RangeError("both raters must rate the same units");
  const pairs: Array<[Category, Category]> = [];
  first.forEach((a, index) => {
    const b = second[index];
    if (a !== null && b !== null) pairs.push([a, b]);
  });
  if (pairs.length === 0) return null;
  const n = pairs.length;
  const firstCounts = new Map<Category, number>();
  const secondCounts = new Map<Category, number>();
  let agreeing = 0;
  for (const [a, b] of pairs) {
    if (a === b) agreeing += 1;
    firstCounts.set(a, (firstCounts.get(a) ?? 0) + 1);
    secondCounts.set(b, (secondCounts.get(b) ?? 0) + 1);
  }
  const observed = agreeing / n;
  let expected = 0;
  for (const [category, count] of firstCounts) expected += (count / n) * ((secondCounts.get(category) ?? 0) / n);
  return { kappa: expected >= 1 ? null : (observed - expected) / (1 - expected), observed, expected, units: n };
}

/**
 * Fleiss' kappa from a units × categories table of counts (how many raters put unit i in category j).
 * Every unit must have the same number of raters, at least two.
 */
export function fleissKappa(counts: ReadonlyArray<ReadonlyArray<number>>): KappaResult | null {
  if (counts.length === 0) return null;
  const raters = counts[0].reduce((sum, count) => sum + count, 0);
  if (raters < 2) throw new RangeError("Fleiss' kappa needs at least two raters per unit");
  const categories = counts[0].length;
  const totals = new Array<number>(categories).fill(0);
  let agreementSum = 0;
  for (const row of counts) {
    if (row.length !== categories) throw new RangeError("every unit must have the same categories");
    const rowTotal = row.reduce((sum, count) => sum + count, 0);
    if (rowTotal !== raters) throw new RangeError(`every unit must have ${raters} raters; one has ${rowTotal}`);
    let squares = 0;
    row.forEach((count, j) => {
      if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`counts must be non-negative integers, got ${count}`);
      squares += count * count;
      totals[j] += count;
    });
    agreementSum += (squares - raters) / (raters * (raters - 1));
  }
  const units = counts.length;
  const observed = agreementSum / units;
  const expected = totals.reduce((sum, total) => sum + (total / (units * raters)) ** 2, 0);
  return { kappa: expected >= 1 ? null : (observed - expected) / (1 - expected), observed, expected, units };
}

/**
 * Fleiss' kappa from a units × raters matrix of categories (null = missing). Only units rated by every
 * rater are used, because Fleiss' kappa needs the same number of raters per unit. Null when none is complete.
 */
export function fleissKappaOfRatings(matrix: ReadonlyArray<ReadonlyArray<Category | null>>): KappaResult | null {
  const complete = matrix.filter((row) => row.length >= 2 && row.every((value) => value !== null)) as Category[][];
  if (complete.length === 0) return null;
  const categories = [...new Set(complete.flat())];
  const index = new Map(categories.map((category, i) => [category, i]));
  const counts = complete.map((row) => {
    const tally = new Array<number>(categories.length).fill(0);
    for (const value of row) tally[index.get(value) as number] += 1;
    return tally;
  });
  const raters = complete[0].length;
  if (complete.some((row) => row.length !== raters)) throw new RangeError("every row must have the same raters");
  return fleissKappa(counts);
}
