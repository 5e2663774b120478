import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AllocationMethod, allocateSample, apportion, type StratumForAllocation, sampleTotal } from "./allocation";

fc.configureGlobal({ seed: 20240106 });

const methodArbitrary = fc.constantFrom<AllocationMethod>("proportional", "equal", "neyman");
const strataArbitrary = fc
  .array(
    fc.record({
      population: fc.nat({ max: 200 }),
      historyCount: fc.nat({ max: 40 }),
      historySd: fc.double({ min: 0, max: 40, noNaN: true }),
    }),
    { minLength: 1, maxLength: 15 },
  )
  .map((rows) =>
    rows.map(
      (row, index): StratumForAllocation => ({
        key: `stratum-${index}`,
        group: `agent-${index % 4}`,
        population: row.population,
        scoreHistory: { count: row.historyCount, sd: row.historySd },
      }),
    ),
  );

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const sizesOf = (allocation: readonly { sampleSize: number }[]) => allocation.map((stratum) => stratum.sampleSize);

describe("apportion", () => {
  it("rounds by largest remainder (Hamilton's textbook example)", () => {
    const items = [420, 330, 250].map((population, index) => ({
      key: `s${index}`,
      weight: population,
      minimum: 0,
      capacity: population,
    }));
    // Shares 4.2, 3.3, 2.5: floors give 9, the largest remainder (0.5) gets the last unit.
    expect(apportion(10, items)).toEqual([4, 3, 3]);
  });

  it("fills capped strata and hands the surplus to the others by weight", () => {
    const items = [
      { key: "small", weight: 1, minimum: 0, capacity: 2 },
      { key: "large", weight: 1, minimum: 0, capacity: 100 },
      { key: "double", weight: 2, minimum: 0, capacity: 100 },
    ];
    // λ·(1, 1, 2) with the first capped at 2: 2 + λ + 2λ = 32 → λ = 10.
    expect(apportion(32, items)).toEqual([2, 10, 20]);
  });

  it("gives zero-weight strata units only once the weighted ones are full", () => {
    const items = [
      { key: "weighted", weight: 5, minimum: 0, capacity: 3 },
      { key: "flat-a", weight: 0, minimum: 0, capacity: 10 },
      { key: "flat-b", weight: 0, minimum: 0, capacity: 30 },
    ];
    expect(apportion(2, items)).toEqual([2, 0, 0]);
    expect(apportion(11, items)).toEqual([3, 2, 6]);
  });

  it("drops minimums that the total cannot meet", () => {
    const items = ["a", "b", "c"].map((key) => ({ key, weight: 1, minimum: 1, capacity: 5 }));
    expect(sum(apportion(2, items))).toBe(2);
  });

  it("breaks exact ties with the seed, fairly across keys", () => {
    const items = ["a", "b", "c"].map((key) => ({ key, weight: 1, minimum: 0, capacity: 10 }));
    expect(apportion(10, items)).toEqual([4, 3, 3]);
    expect(apportion(10, items, "week-1")).toEqual(apportion(10, items, "week-1"));
    const favoured = new Set<number>();
    for (let week = 0; week < 20; week++) {
      favoured.add(apportion(10, items, `week-${week}`).indexOf(4));
    }
    expect(favoured.size).toBe(3);
  });

  it("stays within bounds and sums exactly", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            weight: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e4, noNaN: true })),
            minimum: fc.nat({ max: 3 }),
            extra: fc.nat({ max: 50 }),
          }),
          { maxLength: 20 },
        ),
        fc.nat({ max: 1200 }),
        (rows, total) => {
          const items = rows.map((row, index) => ({
            key: `k${index}`,
            weight: row.weight,
            minimum: row.minimum,
            capacity: row.minimum + row.extra,
          }));
          const sizes = apportion(total, items);
          const capacity = sum(items.map((item) => item.capacity));
          expect(sum(sizes)).toBe(Math.min(total, capacity));
          const minimumsMet = sum(items.map((item) => item.minimum)) <= Math.min(total, capacity);
          sizes.forEach((size, index) => {
            expect(Number.isInteger(size)).toBe(true);
            expect(size).toBeLessThanOrEqual(items[index].capacity);
            expect(size).toBeGreaterThanOrEqual(minimumsMet ? items[index].minimum : 0);
          });
        },
      ),
    );
  });
});

describe("sampleTotal", () => {
  it("caps a total by the population and rounds a percentage", () => {
    expect(sampleTotal({ kind: "total", total: 50 }, 30)).toBe(30);
    expect(sampleTotal({ kind: "percentage", percent: 10 }, 1235)).toBe(124);
    expect(sampleTotal({ kind: "percentage", percent: 2.5 }, 1000)).toBe(25);
    expect(() => sampleTotal({ kind: "percentage", percent: 120 }, 10)).toThrow(RangeError);
    expect(() => sampleTotal({ kind: "total", total: 1.5 }, 10)).toThrow(RangeError);
  });
});

describe("allocateSample", () => {
  it("sums exactly to the requested total, capped by the population, within each stratum's size", () => {
    fc.assert(
      fc.property(strataArbitrary, methodArbitrary, fc.nat({ max: 3000 }), (strata, method, total) => {
        const allocation = allocateSample(strata, { method, size: { kind: "total", total } });
        const population = sum(strata.map((stratum) => stratum.population));
        expect(sum(sizesOf(allocation))).toBe(Math.min(total, population));
        allocation.forEach((stratum, index) => {
          expect(Number.isInteger(stratum.sampleSize)).toBe(true);
          expect(stratum.sampleSize).toBeGreaterThanOrEqual(0);
          expect(stratum.sampleSize).toBeLessThanOrEqual(strata[index].population);
        });
      }),
    );
  });

  it("proportional: each stratum's share matches its population within rounding", () => {
    fc.assert(
      fc.property(strataArbitrary, fc.nat({ max: 3000 }), (strata, requested) => {
        const population = sum(strata.map((stratum) => stratum.population));
        const total = Math.min(requested, population);
        const allocation = allocateSample(strata, {
          method: "proportional",
          size: { kind: "total", total },
          minimumPerStratum: 0,
        });
        allocation.forEach((stratum) => {
          const exactShare = (total * stratum.population) / population;
          expect(Math.abs(stratum.sampleSize - exactShare)).toBeLessThan(1);
        });
      }),
    );
  });

  it("equal: strata that are not full differ by at most one, full ones hold no more", () => {
    fc.assert(
      fc.property(strataArbitrary, fc.nat({ max: 3000 }), (strata, total) => {
        const allocation = allocateSample(strata, {
          method: "equal",
          size: { kind: "total", total },
          minimumPerStratum: 0,
        });
        const open = allocation.filter((stratum) => stratum.sampleSize < stratum.population);
        const full = allocation.filter((stratum) => stratum.population > 0 && stratum.sampleSize === stratum.population);
        const openSizes = sizesOf(open);
        if (openSizes.length === 0) return;
        const lowest = Math.min(...openSizes);
        expect(Math.max(...openSizes) - lowest).toBeLessThanOrEqual(1);
        for (const stratum of full) expect(stratum.sampleSize).toBeLessThanOrEqual(lowest + 1);
      }),
    );
  });

  it("equal: redistributes a small stratum's surplus", () => {
    const allocation = allocateSample(
      [
        { key: "a", population: 5 },
        { key: "b", population: 100 },
        { key: "c", population: 100 },
      ],
      { method: "equal", size: { kind: "total", total: 60 } },
    );
    expect(sizesOf(allocation)).toEqual([5, 28, 27]);
  });

  it("neyman: allocates in proportion to population × SD, assuming an SD without enough history", () => {
    const allocation = allocateSample(
      [
        { key: "varied", population: 100, scoreHistory: { count: 50, sd: 30 } },
        { key: "steady", population: 100, scoreHistory: { count: 50, sd: 10 } },
        { key: "new", population: 100, scoreHistory: { count: 3, sd: 2 } },
      ],
      { method: "neyman", size: { kind: "total", total: 60 }, assumedSd: 20 },
    );
    expect(sizesOf(allocation)).toEqual([30, 10, 20]);
    expect(allocation.map((stratum) => stratum.neymanSd?.source)).toEqual(["history", "history", "assumed"]);
  });

  it("neyman: gives at least as much to the stratum whose scores vary more", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.nat({ max: 600 }),
        (population, sdA, sdB, total) => {
          const [a, b] = allocateSample(
            [
              { key: "a", population, scoreHistory: { count: 30, sd: sdA } },
              { key: "b", population, scoreHistory: { count: 30, sd: sdB } },
            ],
            { method: "neyman", size: { kind: "total", total }, minimumPerStratum: 0 },
          );
          // SDs within rounding resolution of each other count as a tie.
          if (sdA > sdB + 1e-6) expect(a.sampleSize).toBeGreaterThanOrEqual(b.sampleSize);
          if (sdA < sdB - 1e-6) expect(a.sampleSize).toBeLessThanOrEqual(b.sampleSize);
        },
      ),
    );
  });

  it("neyman: still fills the total when every SD is zero", () => {
    const allocation = allocateSample(
      [
        { key: "a", population: 10, scoreHistory: { count: 20, sd: 0 } },
        { key: "b", population: 30, scoreHistory: { count: 20, sd: 0 } },
      ],
      { method: "neyman", size: { kind: "total", total: 8 }, minimumPerStratum: 0 },
    );
    expect(sizesOf(allocation)).toEqual([2, 6]);
  });

  it("gives every non-empty stratum at least one when the total allows", () => {
    fc.assert(
      fc.property(strataArbitrary, methodArbitrary, fc.nat({ max: 3000 }), (strata, method, total) => {
        const nonEmpty = strata.filter((stratum) => stratum.population > 0).length;
        fc.pre(total >= nonEmpty);
        const allocation = allocateSample(strata, { method, size: { kind: "total", total } });
        for (const stratum of allocation) {
          if (stratum.population > 0) expect(stratum.sampleSize).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });

  it("per group: each agent gets the requested number, or all their conversations", () => {
    fc.assert(
      fc.property(strataArbitrary, methodArbitrary, fc.nat({ max: 120 }), (strata, method, perGroup) => {
        const allocation = allocateSample(strata, {
          method,
          size: { kind: "perGroup", perGroup },
        });
        const groups = new Set(strata.map((stratum) => stratum.group));
        for (const group of groups) {
          const members = allocation.filter((stratum) => stratum.group === group);
          const groupPopulation = sum(members.map((stratum) => stratum.population));
          expect(sum(sizesOf(members))).toBe(Math.min(perGroup, groupPopulation));
        }
      }),
    );
  });

  it("percentage: draws the rounded share of the whole population", () => {
    const strata = [
      { key: "a", population: 333 },
      { key: "b", population: 667 },
    ];
    const allocation = allocateSample(strata, {
      method: "proportional",
      size: { kind: "percentage", percent: 5 },
    });
    expect(sizesOf(allocation)).toEqual([17, 33]);
  });

  it("rejects duplicate stratum keys and impossible sizes", () => {
    const options = { method: "equal" as const, size: { kind: "total" as const, total: 1 } };
    expect(() =>
      allocateSample(
        [
          { key: "a", population: 1 },
          { key: "a", population: 2 },
        ],
        options,
      ),
    ).toThrow(RangeError);
    expect(() => allocateSample([{ key: "a", population: -1 }], options)).toThrow(RangeError);
    expect(() =>
      allocateSample([{ key: "a", population: 3 }], {
        ...options,
        size: { kind: "total", total: -2 },
      }),
    ).toThrow(RangeError);
  });
});
