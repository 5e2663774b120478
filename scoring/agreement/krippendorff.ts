/**
 * Krippendorff's alpha for reliability data with any number of coders and missing values.
 *
 * Follows Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
 * Communication, University of Pennsylvania, https://repository.upenn.edu/asc_papers/43 :
 *
 *   coincidences  o_ck = Σ_u (number of c–k pairs in unit u) / (m_u − 1)   over units with m_u ≥ 2 values
 *   marginals     n_c = Σ_k o_ck,  n = Σ_c n_c   (the pairable values)
 *   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * with the difference functions δ² of the paper: nominal (c ≠ k), ordinal (on the marginal frequencies of
 * the ranks between c and k), interval ((c − k)²) and ratio (((c − k) / (c + k))²).
 *
 * Missing ratings and N/A are `null`: they are left out, and units with fewer than two values are not
 * pairable and do not count. Alpha is undefined (null) when nothing is pairable or when every pairable
 * value is the same (no variation: D_e = 0), which the paper leaves undefined too.
 */

export type AlphaMetric = "nominal" | "ordinal" | "interval" | "ratio";

/** One rating: a number on the scale, or null for missing / N/A. */
export type Value = number | null;

/** Reliability data: one row per unit (conversation), one column per coder (reviewer). */
export type ReliabilityMatrix = ReadonlyArray<ReadonlyArray<Value>>;

export type AlphaUndefinedReason = "no_pairable_units" | "no_variation";

export interface AlphaResult {
  /** α, or null when undefined (see `reason`). 1 is perfect agreement, 0 agreement as by chance, below 0 systematic disagreement. */
  alpha: number | null;
  reason: AlphaUndefinedReason | null;
  metric: AlphaMetric;
  /** Observed disagreement D_o. */
  observedDisagreement: number;
  /** Expected disagreement D_e. */
  expectedDisagreement: number;
  /** n: the values in units with at least two values. */
  pairableValues: number;
  /** Units with at least two values. */
  pairableUnits: number;
  /** Every unit given. */
  units: number;
}

/**
 * A unit reduced to what alpha needs: how often each distinct value occurs in it. Prepared once so that a
 * bootstrap can recompute alpha for thousands of resamples without re-reading the matrix.
 */
export interface PreparedUnit {
  /** Index into `PreparedData.values` → how many coders gave that value. */
  counts: ReadonlyArray<readonly [number, number]>;
  /** m_u: the number of values in the unit. */
  size: number;
}

export interface PreparedData {
  /** The distinct values, ascending. */
  values: readonly number[];
  units: readonly PreparedUnit[];
}

function assertFinite(value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`ratings must be finite numbers or null, got ${value}`);
}

/** Distinct values and per-unit counts; every unit is kept (unpairable ones have size < 2). */
export function prepareReliabilityData(matrix: ReliabilityMatrix): PreparedData {
  const distinct = new Set<number>();
  for (const row of matrix) {
    for (const value of row) {
      if (value === null) continue;
      assertFinite(value);
      distinct.add(value);
    }
  }
  const values = [...distinct].sort((a, b) => a - b);
  const indexOf = new Map(values.map((value, index) => [value, index]));
  const units = matrix.map((row) => {
    const counts = new Map<number, number>();
    let size = 0;
    for (const value of row) {
      if (value === null) continue;
      const index = indexOf.get(value) as number;
      counts.set(index, (counts.get(index) ?? 0) + 1);
      size += 1;
    }
    return { counts: [...counts].sort((a, b) => a[0] - b[0]), size };
  });
  return { values, units };
}

/** δ²(c, k) for every pair of value indices, given the marginals (the ordinal metric needs them). */
function differenceMatrix(values: readonly number[], marginals: readonly number[], metric: AlphaMetric): number[][] {
  const v = values.length;
  const delta: number[][] = Array.from({ length: v }, () => new Array<number>(v).fill(0));
  // Cumulative marginals for the ordinal metric: sum of n_g for g in [c, k] = cumulative[k + 1] − cumulative[c].
  const cumulative = [0];
  for (const count of marginals) cumulative.push((cumulative.at(-1) as number) + count);
  for (let c = 0; c < v; c++) {
    for (let k = c + 1; k < v; k++) {
      let d: number;
      switch (metric) {
        case "nominal":
          d = 1;
          break;
        case "ordinal": {
          const between = cumulative[k + 1] - cumulative[c] - (marginals[c] + marginals[k]) / 2;
          d = between * between;
          break;
        }
        case "interval":
          d = (values[c] - values[k]) ** 2;
          break;
        case "ratio": {
          const sum = values[c] + values[k];
          d = sum === 0 ? 0 : ((values[c] - values[k]) / sum) ** 2;
          break;
        }
      }
      delta[c][k] = d;
      delta[k][c] = d;
    }
  }
  return delta;
}

/**
 * Alpha over prepared units (a unit may appear more than once: bootstrap resamples do that).
 * `totalUnits` is only reported back.
 */
export function alphaOfPrepared(
  values: readonly number[],
  units: readonly PreparedUnit[],
  metric: AlphaMetric,
  totalUnits = units.length,
): AlphaResult {
  const v = values.length;
  const coincidences: number[][] = Array.from({ length: v }, () => new Array<number>(v).fill(0));
  let pairableUnits = 0;
  for (const unit of units) {
    if (unit.size < 2) continue;
    pairableUnits += 1;
    const scale = 1 / (unit.size - 1);
    for (const [c, countC] of unit.counts) {
      for (const [k, countK] of unit.counts) {
        coincidences[c][k] += (c === k ? countC * (countC - 1) : countC * countK) * scale;
      }
    }
  }
  const marginals = coincidences.map((row) => row.reduce((sum, value) => sum + value, 0));
  const n = marginals.reduce((sum, value) => sum + value, 0);
  const base = { metric, pairableUnits, units: totalUnits };
  // Coincidences are fractions of 1/(m_u − 1); round n to undo floating-point drift (it counts values).
  const pairableValues = Math.round(n);
  if (pairableUnits === 0 || pairableValues < 2) {
    return { ...base, alpha: null, reason: "no_pairable_units", observedDisagreement: 0, expectedDisagreement: 0, pairableValues };
  }
  const delta = differenceMatrix(values, marginals, metric);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      if (c === k) continue;
      observed += coincidences[c][k] * delta[c][k];
      expected += marginals[c] * marginals[k] * delta[c][k];
    }
  }
  const observedDisagreement = observed / n;
  const expectedDisagreement = expected / (n * (n - 1));
  if (expectedDisagreement <= 0) {
    return { ...base, alpha: null, reason: "no_variation", observedDisagreement, expectedDisagreement, pairableValues };
  }
  return {
    ...base,
    alpha: 1 - observedDisagreement / expectedDisagreement,
    reason: null,
    observedDisagreement,
    expectedDisagreement,
    pairableValues,
  };
}

/**
 * A fast alpha for many resamples of the same prepared units (the bootstrap): per-unit sums are computed
 * once, so a resample costs O(units) for the interval metric and O(units + values²) for the others, instead
 * of rebuilding the coincidence matrix. Gives exactly what `alphaOfPrepared` gives on the same units.
 */
export function alphaResampler(prepared: PreparedData, metric: AlphaMetric): (unitIndices: readonly number[]) => number | null {
  const { values, units } = prepared;
  const v = values.length;
  if (metric === "ordinal") return ordinalResampler(prepared);
  const delta = differenceMatrix(values, new Array<number>(v).fill(0), metric);
  const observedOf = units.map((unit) => {
    if (unit.size < 2) return 0;
    let sum = 0;
    for (const [c, countC] of unit.counts) for (const [k, countK] of unit.counts) if (c !== k) sum += countC * countK * delta[c][k];
    return sum / (unit.size - 1);
  });
  const firstMoment = units.map((unit) => unit.counts.reduce((sum, [c, count]) => sum + count * values[c], 0));
  const secondMoment = units.map((unit) => unit.counts.reduce((sum, [c, count]) => sum + count * values[c] * values[c], 0));
  const marginals = new Array<number>(v);
  return (indices) => {
    let n = 0;
    let observed = 0;
    let s1 = 0;
    let s2 = 0;
    marginals.fill(0);
    for (const index of indices) {
      const unit = units[index];
      if (unit.size < 2) continue;
      n += unit.size;
      observed += observedOf[index];
      if (metric === "interval") {
        s1 += firstMoment[index];
        s2 += secondMoment[index];
      } else {
        for (const [c, count] of unit.counts) marginals[c] += count;
      }
    }
    if (n < 2) return null;
    let expected: number;
    if (metric === "interval") {
      // Σ_c Σ_k n_c n_k (c − k)² = 2 (n Σ n_c c² − (Σ n_c c)²)
      expected = 2 * (n * s2 - s1 * s1);
    } else if (metric === "nominal") {
      expected = n * n - marginals.reduce((sum, count) => sum + count * count, 0);
    } else {
      expected = 0;
      for (let c = 0; c < v; c++) {
        if (marginals[c] === 0) continue;
        for (let k = 0; k < v; k++) expected += marginals[c] * marginals[k] * delta[c][k];
      }
    }
    // Relative tolerance: the interval shortcut subtracts two large numbers.
    if (expected <= 1e-12 * Math.max(1, n * s2)) return null;
    return 1 - ((n - 1) * observed) / expected;
  };
}

/** The ordinal metric depends on each resample's marginals, so coincidences are summed per resample (flat arrays). */
function ordinalResampler({ values, units }: PreparedData): (unitIndices: readonly number[]) => number | null {
  const v = values.length;
  // Off-diagonal coincidence contributions of each unit: [c · v + k, weight] for c < k (the matrix is symmetric).
  const pairsOf = units.map((unit) => {
    const pairs: Array<readonly [number, number]> = [];
    if (unit.size < 2) return pairs;
    for (const [c, countC] of unit.counts) {
      for (const [k, countK] of unit.counts) if (c < k) pairs.push([c * v + k, (countC * countK) / (unit.size - 1)]);
    }
    return pairs;
  });
  const coincidences = new Float64Array(v * v);
  const marginals = new Float64Array(v);
  const cumulative = new Float64Array(v + 1);
  return (indices) => {
    coincidences.fill(0);
    marginals.fill(0);
    let n = 0;
    for (const index of indices) {
      const unit = units[index];
      if (unit.size < 2) continue;
      n += unit.size;
      for (const [c, count] of unit.counts) marginals[c] += count;
      for (const [cell, weight] of pairsOf[index]) coincidences[cell] += weight;
    }
    if (n < 2) return null;
    for (let c = 0; c < v; c++) cumulative[c + 1] = cumulative[c] + marginals[c];
    let observed = 0;
    let expected = 0;
    for (let c = 0; c < v; c++) {
      for (let k = c + 1; k < v; k++) {
        const between = cumulative[k + 1] - cumulative[c] - (marginals[c] + marginals[k]) / 2;
        const d = between * between;
        observed += coincidences[c * v + k] * d;
        expected += marginals[c] * marginals[k] * d;
      }
    }
    // Both sums ran over c < k only: the factor 2 cancels in the ratio.
    if (expected <= 0) return null;
    return 1 - ((n - 1) * observed) / expected;
  };
}

/** Krippendorff's alpha of a units × coders matrix (null = missing or N/A). */
export function krippendorffAlpha(matrix: ReliabilityMatrix, metric: AlphaMetric): AlphaResult {
  const prepared = prepareReliabilityData(matrix);
  return alphaOfPrepared(prepared.values, prepared.units, metric);
}
