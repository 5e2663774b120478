import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CandidateStratum, drawStratified } from "./draw";
import { hajekMean, horvitzThompsonTotal } from "./estimate";
import { OVERSAMPLING_FLAGS, oversamplingReasons, sampledPart, splitForOversampling, upperTukeyFence } from "./oversampling";
import { createRandom, standardNormal } from "./random";

fc.configureGlobal({ seed: 20240108 });

describe("splitForOversampling", () => {
  it("gives flagged conversations `factor` times the chance of the others", () => {
    const [flagged, unflagged] = splitForOversampling({
      population: 100,
      flaggedPopulation: 10,
      sampleSize: 20,
      factor: 3,
    });
    expect(flagged).toEqual({
      flagged: true,
      population: 10,
      sampleSize: 5,
      inclusionProbability: 0.5,
      designWeight: 2,
    });
    expect(unflagged.sampleSize).toBe(15);
    expect(unflagged.inclusionProbability).toBeCloseTo(1 / 6, 12);
    expect(unflagged.designWeight).toBe(6);
  });

  it("takes every flagged conversation when the factor asks for more than exist", () => {
    const [flagged, unflagged] = splitForOversampling({
      population: 100,
      flaggedPopulation: 4,
      sampleSize: 30,
      factor: 10,
    });
    expect(flagged.sampleSize).toBe(4);
    expect(flagged.inclusionProbability).toBe(1);
    expect(unflagged.sampleSize).toBe(26);
  });

  it("keeps the stratum whole when a part would be empty or only one is drawn", () => {
    const whole = (flaggedPopulation: number, sampleSize: number) =>
      splitForOversampling({ population: 50, flaggedPopulation, sampleSize, factor: 3 });
    expect(whole(0, 10)).toEqual([sampledPart(null, 50, 10)]);
    expect(whole(50, 10)).toEqual([sampledPart(null, 50, 10)]);
    expect(whole(5, 1)).toEqual([sampledPart(null, 50, 1)]);
  });

  it("splits the size exactly, at least one per part, near the ideal share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 20, noNaN: true }),
        (population, flaggedShare, sampledShare, factor) => {
          const flaggedPopulation = Math.min(population - 1, Math.max(1, Math.round(flaggedShare * population)));
          const sampleSize = Math.max(2, Math.round(sampledShare * population));
          const [flagged, unflagged] = splitForOversampling({
            population,
            flaggedPopulation,
            sampleSize,
            factor,
          });
          expect(flagged.sampleSize + unflagged.sampleSize).toBe(sampleSize);
          for (const part of [flagged, unflagged]) {
            expect(part.sampleSize).toBeGreaterThanOrEqual(1);
            expect(part.sampleSize).toBeLessThanOrEqual(part.population);
            expect(part.inclusionProbability * (part.designWeight ?? 0)).toBeCloseTo(1, 12);
          }
          const unflaggedPopulation = population - flaggedPopulation;
          const idealFlagged = (sampleSize * factor * flaggedPopulation) / (factor * flaggedPopulation + unflaggedPopulation);
          const boundsBind =
            idealFlagged < 1 ||
            idealFlagged > flaggedPopulation ||
            sampleSize - idealFlagged < 1 ||
            sampleSize - idealFlagged > unflaggedPopulation;
          if (!boundsBind) expect(Math.abs(flagged.sampleSize - idealFlagged)).toBeLessThan(1);
        },
      ),
    );
  });

  it("rejects a factor below 1 and inconsistent counts", () => {
    const input = { population: 10, flaggedPopulation: 2, sampleSize: 4, factor: 2 };
    expect(() => splitForOversampling({ ...input, factor: 0.5 })).toThrow(RangeError);
    expect(() => splitForOversampling({ ...input, flaggedPopulation: 11 })).toThrow(RangeError);
    expect(() => splitForOversampling({ ...input, sampleSize: 11 })).toThrow(RangeError);
  });
});

describe("upperTukeyFence", () => {
  it("is Q3 + 1.5·IQR with linearly interpolated quartiles", () => {
    // Quartiles of 1..9 are 3 and 7, so the fence is 7 + 1.5·4.
    expect(upperTukeyFence([9, 1, 8, 2, 7, 3, 6, 4, 5])).toBe(13);
    expect(upperTukeyFence([1, 2, 3, 4], 3)).toBeCloseTo(3.25 + 3 * 1.5, 12);
    expect(upperTukeyFence([5])).toBe(5);
    expect(() => upperTukeyFence([])).toThrow(RangeError);
  });
});

describe("weighted estimates stay unbiased under oversampling", () => {
  interface Conversation {
    id: string;
    stratum: string;
    flagged: boolean;
    score: number;
  }

  // Flagged conversations (frustrated customers) score much lower: exactly the
  // situation in which an unweighted average of an oversample misleads.
  const random = createRandom("population");
  const conversations: Conversation[] = [];
  ["agent=1", "agent=2", "agent=3"].forEach((stratum, stratumIndex) => {
    for (let index = 0; index < 200; index++) {
      const flagged = random() < 0.15;
      const mean = (flagged ? 55 : 82) - 4 * stratumIndex;
      conversations.push({
        id: `${stratum}/${index}`,
        stratum,
        flagged,
        score: mean + 8 * standardNormal(random),
      });
    }
  });
  const scoreOf = new Map(conversations.map((c) => [c.id, c.score]));
  const trueTotal = conversations.reduce((sum, c) => sum + c.score, 0);
  const trueMean = trueTotal / conversations.length;

  it("averages to the true total and mean over many seeded draws", () => {
    const simulations = 400;
    let totalSum = 0;
    let hajekSum = 0;
    let unweightedSum = 0;
    for (let simulation = 0; simulation < simulations; simulation++) {
      // Each simulation stands for a fresh database: new random sample keys, new seed.
      const keys = createRandom(`keys-${simulation}`);
      const strata: CandidateStratum[] = ["agent=1", "agent=2", "agent=3"].map((key) => ({
        key,
        candidates: conversations.filter((c) => c.stratum === key).map((c) => ({ id: c.id, sampleKey: keys(), flagged: c.flagged })),
      }));
      const { conversations: drawn } = drawStratified(strata, {
        seed: `draw-${simulation}`,
        method: "proportional",
        size: { kind: "total", total: 60 },
        oversampling: { factor: 4 },
      });
      const weighted = drawn.map((d) => ({
        value: scoreOf.get(d.id) ?? Number.NaN,
        weight: d.designWeight,
      }));
      totalSum += horvitzThompsonTotal(weighted);
      hajekSum += hajekMean(weighted);
      unweightedSum += weighted.reduce((sum, w) => sum + w.value, 0) / weighted.length;
    }
    // Each draw's mean has a standard error near 1.2 points, so the average of
    // 400 is within about 0.06 of its expectation; 0.3 leaves room without hiding bias.
    expect(Math.abs(totalSum / simulations - trueTotal) / conversations.length).toBeLessThan(0.3);
    expect(Math.abs(hajekSum / simulations - trueMean)).toBeLessThan(0.3);
    expect(trueMean - unweightedSum / simulations).toBeGreaterThan(5);
  });
});

describe("oversamplingReasons", () => {
  const all = { flags: OVERSAMPLING_FLAGS, messageFence: 12 };

  it("flags low CSAT, unusually many messages and frustrated customers, each only when the rule uses it", () => {
    expect(oversamplingReasons({ csat: 2, messageCount: 4, frustrated: false }, all)).toEqual(["lowCsat"]);
    expect(oversamplingReasons({ csat: 3, messageCount: 13, frustrated: false }, all)).toEqual(["outlier"]);
    expect(oversamplingReasons({ csat: null, messageCount: 4, frustrated: true }, all)).toEqual(["frustrated"]);
    expect(oversamplingReasons({ csat: 1, messageCount: 40, frustrated: true }, all)).toEqual(["lowCsat", "outlier", "frustrated"]);
    expect(oversamplingReasons({ csat: 1, messageCount: 40, frustrated: true }, { flags: ["frustrated"], messageFence: 12 })).toEqual([
      "frustrated",
    ]);
    expect(oversamplingReasons({ csat: 5, messageCount: 12, frustrated: false }, all)).toEqual([]);
    // No CSAT is not a low CSAT; no fence (no eligible conversations) flags nobody as long.
    expect(
      oversamplingReasons({ csat: null, messageCount: 400, frustrated: false }, { flags: OVERSAMPLING_FLAGS, messageFence: null }),
    ).toEqual([]);
  });

  it("keeps estimates unbiased when frustrated customers are oversampled and score lower", () => {
    const random = createRandom("frustrated-oversampling");
    const strata = Array.from({ length: 3 }, (_, stratum) =>
      Array.from({ length: 300 }, (_, index) => {
        const frustrated = random() < 0.12;
        return { id: `s${stratum}/${index}`, frustrated, score: (frustrated ? 58 : 84) + 6 * standardNormal(random) };
      }),
    );
    const all = strata.flat();
    const trueMean = all.reduce((sum, conversation) => sum + conversation.score, 0) / all.length;
    const scoreOf = new Map(all.map((conversation) => [conversation.id, conversation.score]));
    let weighted = 0;
    let plain = 0;
    let flaggedShare = 0;
    const runs = 200;
    for (let run = 0; run < runs; run++) {
      const keys = createRandom(`frustrated-keys-${run}`);
      const candidates: CandidateStratum[] = strata.map((conversations, stratum) => ({
        key: `s${stratum}`,
        candidates: conversations.map((conversation) => ({
          id: conversation.id,
          sampleKey: keys(),
          flagged:
            oversamplingReasons(
              { csat: null, messageCount: 0, frustrated: conversation.frustrated },
              { flags: ["frustrated"], messageFence: null },
            ).length > 0,
        })),
      }));
      const { conversations } = drawStratified(candidates, {
        seed: `frustrated-${run}`,
        size: { kind: "total", total: 60 },
        method: "proportional",
        oversampling: { factor: 4 },
      });
      const values = conversations.map((conversation) => ({
        value: scoreOf.get(conversation.id) ?? Number.NaN,
        weight: conversation.designWeight,
      }));
      weighted += hajekMean(values);
      plain += values.reduce((sum, value) => sum + value.value, 0) / values.length;
      flaggedShare += conversations.filter((conversation) => conversation.flagged).length / conversations.length;
    }
    expect(flaggedShare / runs).toBeGreaterThan(0.3);
    expect(Math.abs(weighted / runs - trueMean)).toBeLessThan(0.4);
    expect(trueMean - plain / runs).toBeGreaterThan(3);
  });
});
