import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom, cyrb128, hashToUnitInterval, sampleKeyFor, seedOffset, shuffle, standardNormal, uniformInt } from "./random";

fc.configureGlobal({ seed: 20240105 });

/** Pearson's chi-square statistic of values in [0, 1) against equal-width buckets. */
function chiSquareUniform(values: readonly number[], buckets: number): number {
  const counts = new Array<number>(buckets).fill(0);
  for (const value of values) counts[Math.floor(value * buckets)] += 1;
  const expected = values.length / buckets;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

// 99.9th percentile of chi-square with 19 degrees of freedom.
const CHI_SQUARE_19_DF_999 = 43.82;

describe("golden values (stored sample keys and reproduced draws depend on them)", () => {
  it("keeps cyrb128, the generator, seedOffset and sampleKeyFor unchanged", () => {
    expect(cyrb128("abc")).toEqual([1181011423, 830437656, 3964173471, 1611500297]);
    const random = createRandom("golden");
    expect([random(), random(), random()]).toEqual([0.8524980237707496, 0.9149105201940984, 0.5476866350509226]);
    expect(seedOffset("2024-W01", "agent=1|channel=chat")).toBe(0.47242091683748655);
    expect(sampleKeyFor("zendesk", "12345")).toBe(0.5047587441936635);
  });
});

describe("createRandom", () => {
  it("repeats the same sequence for the same seed", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), (seed) => {
        const first = createRandom(seed);
        const second = createRandom(seed);
        for (let i = 0; i < 20; i++) expect(first()).toBe(second());
      }),
    );
  });

  it("treats a number seed and its text as the same seed", () => {
    expect(createRandom(7)()).toBe(createRandom("7")());
  });

  it("gives different sequences for different seeds", () => {
    const first = createRandom("seed-a");
    const second = createRandom("seed-b");
    const pairs = Array.from({ length: 10 }, () => [first(), second()]);
    expect(pairs.filter(([a, b]) => a === b)).toHaveLength(0);
  });

  it("is uniform on [0, 1)", () => {
    const random = createRandom("uniformity");
    const values = Array.from({ length: 20_000 }, () => random());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(chiSquareUniform(values, 20)).toBeLessThan(CHI_SQUARE_19_DF_999);
  });
});

describe("hashToUnitInterval, seedOffset and sampleKeyFor", () => {
  it("stay within [0, 1) and are deterministic", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (seed, stratumKey) => {
        const offset = seedOffset(seed, stratumKey);
        expect(offset).toBeGreaterThanOrEqual(0);
        expect(offset).toBeLessThan(1);
        expect(seedOffset(seed, stratumKey)).toBe(offset);
        const key = sampleKeyFor(seed, stratumKey);
        expect(key).toBeGreaterThanOrEqual(0);
        expect(key).toBeLessThan(1);
      }),
    );
  });

  it("does not confuse how the parts are split", () => {
    expect(hashToUnitInterval("d", "a|b", "c")).not.toBe(hashToUnitInterval("d", "a", "b|c"));
    expect(sampleKeyFor("zendesk", "1")).not.toBe(sampleKeyFor("zendes", "k1"));
  });

  it("separates the offset of each stratum and each seed", () => {
    const offsets = new Set<number>();
    for (let seed = 0; seed < 50; seed++) {
      for (let agent = 0; agent < 20; agent++) offsets.add(seedOffset(seed, `agent=${agent}`));
    }
    expect(offsets.size).toBe(1000);
  });

  it("spreads sample keys of sequential ids uniformly", () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => sampleKeyFor("csv", String(index)));
    expect(chiSquareUniform(keys, 20)).toBeLessThan(CHI_SQUARE_19_DF_999);
  });

  it("keeps all 53 bits, so a key survives double precision storage exactly", () => {
    const keys = Array.from({ length: 1000 }, (_, index) => sampleKeyFor("api", `c-${index}`));
    const usesLowBits = keys.some((key) => !Number.isInteger(key * 2 ** 32));
    expect(usesLowBits).toBe(true);
    for (const key of keys) expect(Number.isInteger(key * 2 ** 53)).toBe(true);
  });
});

describe("uniformInt, shuffle and standardNormal", () => {
  it("draws integers in range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.string(), (max, seed) => {
        const random = createRandom(seed);
        for (let i = 0; i < 10; i++) {
          const value = uniformInt(random, max);
          expect(Number.isInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThan(max);
        }
      }),
    );
    expect(() => uniformInt(createRandom(1), 0)).toThrow(RangeError);
  });

  it("shuffles into a permutation without touching the input", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.string(), (items, seed) => {
        const before = [...items];
        const shuffled = shuffle(items, createRandom(seed));
        expect(items).toEqual(before);
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it("puts every item in every position about equally often", () => {
    const random = createRandom("shuffle-fairness");
    const positions = [0, 0, 0, 0];
    const rounds = 8000;
    for (let round = 0; round < rounds; round++) {
      positions[shuffle([0, 1, 2, 3], random).indexOf(0)] += 1;
    }
    for (const count of positions) expect(Math.abs(count - rounds / 4)).toBeLessThan(150);
  });

  it("draws standard normal deviates", () => {
    const random = createRandom("normal");
    const values = Array.from({ length: 20_000 }, () => standardNormal(random));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
  });
});
