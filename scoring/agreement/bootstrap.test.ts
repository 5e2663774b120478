import { describe, expect, it } from "vitest";
import { createRandom, standardNormal } from "../sampling/random";
import { bootstrapAlphaInterval, quantileSorted } from "./bootstrap";
import { krippendorffAlpha } from "./krippendorff";

const _ = null;

/** Reviewers who see the same true quality plus their own noise: alpha near var(truth) / (var(truth) + var(noise)). */
function simulated(units: number, reviewers: number, noiseSd: number, seed: string) {
  const random = createRandom(seed);
  return Array.from({ length: units }, () => {
    const truth = 70 + 15 * standardNormal(random);
    return Array.from({ length: reviewers }, () => truth + noiseSd * standardNormal(random));
  });
}

describe("quantileSorted", () => {
  it("interpolates linearly between order statistics", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([10], 0.3)).toBe(10);
  });
});

describe("bootstrapAlphaInterval", () => {
  const data = simulated(20, 3, 7.5, "bootstrap-data");

  it("is reproducible for a seed and changes with the seed", () => {
    const first = bootstrapAlphaInterval(data, "interval", { seed: 7, replicates: 500 });
    const again = bootstrapAlphaInterval(data, "interval", { seed: 7, replicates: 500 });
    const other = bootstrapAlphaInterval(data, "interval", { seed: 8, replicates: 500 });
    expect(again).toEqual(first);
    expect(other?.lower).not.toBe(first?.lower);
  });

  it("brackets the point estimate, within [−1, 1] for agreeing reviewers", () => {
    const alpha = krippendorffAlpha(data, "interval").alpha as number;
    const interval = bootstrapAlphaInterval(data, "interval", { seed: "s", replicates: 1000 });
    expect(interval).not.toBeNull();
    expect(interval?.lower).toBeLessThan(alpha);
    expect(interval?.upper).toBeGreaterThan(alpha);
    expect(interval?.upper).toBeLessThanOrEqual(1);
    expect(interval?.replicates).toBe(1000);
    expect(interval?.level).toBe(0.95);
  });

  it("is wider for a small session than for a large one drawn from the same reviewers", () => {
    const small = bootstrapAlphaInterval(simulated(6, 3, 7.5, "small"), "interval", { seed: 1, replicates: 1000 });
    const large = bootstrapAlphaInterval(simulated(120, 3, 7.5, "large"), "interval", { seed: 1, replicates: 1000 });
    expect(small && large).toBeTruthy();
    expect((small?.upper ?? 0) - (small?.lower ?? 0)).toBeGreaterThan(2 * ((large?.upper ?? 0) - (large?.lower ?? 0)));
  });

  it("covers the true alpha in most simulated sessions (about 95%)", () => {
    // True alpha with truth SD 15 and noise SD 7.5: 225 / (225 + 56.25) = 0.8. Percentile intervals on 15
    // units run somewhat narrow, so the bar is 85% over 60 sessions, not 95%.
    let covered = 0;
    const sessions = 60;
    for (let i = 0; i < sessions; i++) {
      const interval = bootstrapAlphaInterval(simulated(15, 3, 7.5, `coverage-${i}`), "interval", { seed: i, replicates: 400 });
      if (interval && interval.lower <= 0.8 && 0.8 <= interval.upper) covered += 1;
    }
    expect(covered / sessions).toBeGreaterThanOrEqual(0.85);
  });

  it("gives the probability that alpha falls short of the minimum", () => {
    const good = bootstrapAlphaInterval(simulated(40, 3, 2, "good"), "interval", { seed: 1, replicates: 500 });
    const poor = bootstrapAlphaInterval(simulated(40, 3, 30, "poor"), "interval", { seed: 1, replicates: 500 });
    expect(good?.probabilityBelowMinimum).toBe(0);
    expect(poor?.probabilityBelowMinimum).toBeGreaterThan(0.95);
    expect(good?.minimum).toBe(0.667);
  });

  it("gives no interval with fewer than three pairable conversations", () => {
    expect(
      bootstrapAlphaInterval(
        [
          [1, 2],
          [3, 3],
          [4, _],
        ],
        "interval",
        { seed: 1 },
      ),
    ).toBeNull();
  });

  it("leaves out resamples without variation, and gives no interval when they are more than one in ten", () => {
    const varying = [
      [1, 5],
      [2, 4],
      [5, 4],
    ];
    // 17 identical conversations and 3 that vary: a resample misses all three with probability (17/20)^20 ≈ 4%.
    const mostlyFlat = [...Array.from({ length: 17 }, () => [3, 3]), ...varying];
    const interval = bootstrapAlphaInterval(mostlyFlat, "interval", { seed: 1, replicates: 1000 });
    expect(interval?.undefinedReplicates).toBeGreaterThan(0);
    expect((interval?.replicates ?? 0) + (interval?.undefinedReplicates ?? 0)).toBe(1000);
    // 40 identical and one that varies: about 36% of resamples have no variation at all.
    const flat = [...Array.from({ length: 40 }, () => [3, 3]), [1, 5]];
    expect(bootstrapAlphaInterval(flat, "interval", { seed: 1, replicates: 200 })).toBeNull();
  });

  it("rejects a level outside (0, 1) or too few replicates", () => {
    expect(() => bootstrapAlphaInterval(data, "interval", { seed: 1, level: 1 })).toThrow(RangeError);
    expect(() => bootstrapAlphaInterval(data, "interval", { seed: 1, replicates: 10 })).toThrow(RangeError);
  });
});
