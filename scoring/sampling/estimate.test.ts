import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalQuantile, studentTCdf, studentTQuantile } from "../stats/student-t";
import { type CandidateStratum, drawStratified } from "./draw";
import {
  DEFAULT_ASSUMED_SD,
  estimateStratified,
  hajekMean,
  horvitzThompsonTotal,
  marginOfError,
  precisionSummary,
  requiredSampleSize,
  resolveScoreSd,
  summarizeScores,
} from "./estimate";
import { createRandom, standardNormal } from "./random";

fc.configureGlobal({ seed: 20240109 });

describe("quantiles (golden values from R's qt and qnorm)", () => {
  it("matches Student t quantiles", () => {
    const cases: [number, number, number][] = [
      [0.975, 1, 12.7062047],
      [0.975, 2, 4.3026527],
      [0.975, 5, 2.5705818],
      [0.975, 10, 2.2281389],
      [0.975, 30, 2.0422725],
      [0.975, 39, 2.0226909],
      [0.995, 5, 4.032143],
      [0.95, 20, 1.7247182],
      [0.025, 10, -2.2281389],
    ];
    for (const [p, degreesOfFreedom, expected] of cases) {
      expect(studentTQuantile(p, degreesOfFreedom)).toBeCloseTo(expected, 6);
    }
  });

  it("matches normal quantiles, and t approaches them", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815516, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263479, 6);
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959964, 6);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959964, 5);
  });

  it("inverts the t distribution function", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        (p, degreesOfFreedom) => {
          expect(studentTCdf(studentTQuantile(p, degreesOfFreedom), degreesOfFreedom)).toBeCloseTo(p, 9);
        },
      ),
    );
  });
});

describe("summarizeScores and resolveScoreSd", () => {
  it("computes the sample SD with n − 1", () => {
    expect(summarizeScores([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({
      count: 8,
      mean: 5,
      sd: Math.sqrt(32 / 7),
    });
    expect(summarizeScores([70]).sd).toBeNaN();
  });

  it("uses history only when there are enough scores", () => {
    expect(resolveScoreSd({ count: 10, sd: 12 })).toEqual({ sd: 12, source: "history" });
    expect(resolveScoreSd({ count: 9, sd: 12 })).toEqual({
      sd: DEFAULT_ASSUMED_SD,
      source: "assumed",
    });
    expect(resolveScoreSd(undefined, { assumedSd: 15 })).toEqual({ sd: 15, source: "assumed" });
    expect(resolveScoreSd({ count: 5, sd: 12 }, { minScoresForSd: 5 })).toEqual({
      sd: 12,
      source: "history",
    });
    expect(() => resolveScoreSd(undefined, { minScoresForSd: 1 })).toThrow(RangeError);
  });
});

describe("Horvitz–Thompson and Hájek", () => {
  it("weights each value by how many conversations it stands for", () => {
    const values = [
      { value: 10, weight: 2 },
      { value: 20, weight: 3 },
    ];
    expect(horvitzThompsonTotal(values)).toBe(80);
    expect(hajekMean(values)).toBe(16);
    expect(() => hajekMean([])).toThrow(RangeError);
  });
});

describe("marginOfError", () => {
  it("says 40 reviews give about ±6 points with the assumed SD of 20", () => {
    expect(marginOfError({ n: 40, N: Number.POSITIVE_INFINITY, sd: 20 })).toBeCloseTo(6.3963, 4);
    // With 200 conversations to draw from, the finite population correction helps.
    expect(marginOfError({ n: 40, N: 200, sd: 20 })).toBeCloseTo(5.721, 3);
  });

  it("is 0 for a census and infinite below two reviews", () => {
    expect(marginOfError({ n: 50, N: 50, sd: 20 })).toBe(0);
    expect(marginOfError({ n: 1, N: 1, sd: 20 })).toBe(0);
    expect(marginOfError({ n: 1, N: 10, sd: 20 })).toBe(Number.POSITIVE_INFINITY);
    expect(marginOfError({ n: 0, N: 10, sd: 20 })).toBe(Number.POSITIVE_INFINITY);
  });

  it("shrinks as n grows and scales with the SD", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5000 }),
        fc.integer({ min: 2, max: 5000 }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        (a, b, sd) => {
          const N = Math.max(a, b) + 10;
          const [small, large] = a < b ? [a, b] : [b, a];
          expect(marginOfError({ n: large, N, sd })).toBeLessThanOrEqual(marginOfError({ n: small, N, sd }));
          expect(marginOfError({ n: small, N, sd: 2 * sd })).toBeCloseTo(2 * marginOfError({ n: small, N, sd }), 9);
        },
      ),
    );
  });

  it("widens with the confidence level", () => {
    const at = (confidence: number) => marginOfError({ n: 30, N: 500, sd: 15, confidence });
    expect(at(0.8)).toBeLessThan(at(0.9));
    expect(at(0.9)).toBeLessThan(at(0.99));
  });

  it("rejects impossible input", () => {
    expect(() => marginOfError({ n: 11, N: 10, sd: 20 })).toThrow(RangeError);
    expect(() => marginOfError({ n: 5, N: 10, sd: -1 })).toThrow(RangeError);
    expect(() => marginOfError({ n: 5, N: 10, sd: 20, confidence: 1 })).toThrow(RangeError);
  });
});

describe("requiredSampleSize", () => {
  it("finds the smallest n that reaches the target", () => {
    expect(requiredSampleSize({ targetMargin: 6, sd: 20 })).toBe(46);
    expect(requiredSampleSize({ targetMargin: 5, sd: 20, N: 300 })).toBe(54);
    expect(requiredSampleSize({ targetMargin: 0, sd: 20, N: 80 })).toBe(80);
    expect(requiredSampleSize({ targetMargin: 5, sd: 0, N: 80 })).toBe(1);
  });

  it("achieves the target margin, and one review fewer would not", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.double({ min: 1, max: 40, noNaN: true }),
        fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constant(Number.POSITIVE_INFINITY)),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (targetMargin, sd, N, confidence) => {
          const n = requiredSampleSize({ targetMargin, sd, N, confidence });
          expect(n).toBeLessThanOrEqual(N);
          expect(marginOfError({ n, N, sd, confidence })).toBeLessThanOrEqual(targetMargin);
          if (n > 1) expect(marginOfError({ n: n - 1, N, sd, confidence })).toBeGreaterThan(targetMargin);
        },
      ),
    );
  });

  it("cannot promise a zero margin for an unbounded population", () => {
    expect(() => requiredSampleSize({ targetMargin: 0, sd: 20 })).toThrow(RangeError);
  });
});

describe("estimateStratified", () => {
  it("matches a hand-worked example", () => {
    // A: N = 10, values 1, 3 (mean 2, s² = 2); B: N = 20, values 4, 6, 8 (mean 6, s² = 4).
    // Var(total) = 10²·0.8·2/2 + 20²·0.85·4/3 = 80 + 453.33; df = 5 − 2 = 3.
    const estimate = estimateStratified([
      { key: "A", population: 10, values: [1, 3] },
      { key: "B", population: 20, values: [4, 6, 8] },
    ]);
    expect(estimate.total).toBeCloseTo(140, 12);
    expect(estimate.mean).toBeCloseTo(140 / 30, 12);
    expect(estimate.standardErrorOfTotal).toBeCloseTo(Math.sqrt(80 + 1360 / 3), 10);
    expect(estimate.degreesOfFreedom).toBe(3);
    expect(estimate.marginOfErrorOfMean).toBeCloseTo((3.182446305 * Math.sqrt(80 + 1360 / 3)) / 30, 6);
  });

  it("has no uncertainty for a census and reports strata without reviews", () => {
    const estimate = estimateStratified([
      { key: "A", population: 3, values: [70, 80, 90] },
      { key: "B", population: 40, values: [] },
    ]);
    expect(estimate.mean).toBe(80);
    expect(estimate.marginOfErrorOfMean).toBe(0);
    expect(estimate.uncoveredStrata).toEqual(["B"]);
    expect(estimate.uncoveredPopulation).toBe(40);
    expect(() => estimateStratified([{ key: "A", population: 3, values: [] }])).toThrow(RangeError);
  });

  it("covers the true mean about 95% of the time", () => {
    const random = createRandom("coverage-population");
    const strata = [40, 55, 70, 85].map((mean, index) => ({
      key: `agent=${index}`,
      scores: Array.from({ length: 150 }, () => mean + 12 * standardNormal(random)),
    }));
    const all = strata.flatMap((stratum) => stratum.scores);
    const trueMean = all.reduce((sum, score) => sum + score, 0) / all.length;

    const simulations = 300;
    let covered = 0;
    for (let simulation = 0; simulation < simulations; simulation++) {
      const keys = createRandom(`coverage-keys-${simulation}`);
      const candidates: CandidateStratum[] = strata.map((stratum) => ({
        key: stratum.key,
        candidates: stratum.scores.map((_, index) => ({
          id: `${stratum.key}/${index}`,
          sampleKey: keys(),
        })),
      }));
      const { conversations, plan } = drawStratified(candidates, {
        seed: `coverage-${simulation}`,
        method: "proportional",
        size: { kind: "total", total: 40 },
      });
      const estimate = estimateStratified(
        plan.allocation.map((allocated, stratumIndex) => ({
          key: allocated.key,
          population: allocated.population,
          values: conversations
            .filter((c) => c.stratumKey === allocated.key)
            .map((c) => strata[stratumIndex].scores[Number(c.id.split("/")[1])]),
        })),
      );
      if (Math.abs(estimate.mean - trueMean) <= estimate.marginOfErrorOfMean) covered += 1;
    }
    expect(covered / simulations).toBeGreaterThan(0.91);
    expect(covered / simulations).toBeLessThan(0.99);
  });
});

describe("precisionSummary", () => {
  const agents = [
    { agentKey: "ana", population: 200, sampleSize: 40 },
    { agentKey: "ben", population: 150, sampleSize: 40, scoreHistory: { count: 30, sd: 12 } },
    { agentKey: "cy", population: 60, sampleSize: 0 },
    { agentKey: "dee", population: 0, sampleSize: 0 },
  ];
  const summary = precisionSummary(agents, { targetMargin: 5 });

  it("gives each agent a margin from their history or from the assumption", () => {
    const [ana, ben, cy, dee] = summary.agents;
    expect(ana).toMatchObject({ sd: 20, sdSource: "assumed", scoreCount: 0, requiredSampleSize: 49 });
    expect(ana.marginOfError).toBeCloseTo(5.721, 3);
    expect(ben).toMatchObject({ sd: 12, sdSource: "history", scoreCount: 30 });
    expect(ben.marginOfError).toBeCloseTo(marginOfError({ n: 40, N: 150, sd: 12 }), 12);
    expect(cy.marginOfError).toBe(Number.POSITIVE_INFINITY);
    expect(dee.marginOfError).toBeNull();
    expect(dee.requiredSampleSize).toBeNull();
  });

  it("says how many past scores are behind each SD, also when too few to use", () => {
    const few = precisionSummary([{ agentKey: "eve", population: 100, sampleSize: 10, scoreHistory: { count: 4, sd: 3 } }]);
    expect(few.minScoresForSd).toBe(10);
    expect(few.agents[0]).toMatchObject({ sd: 20, sdSource: "assumed", scoreCount: 4 });
    const stricter = precisionSummary(agents, { minScoresForSd: 31 });
    expect(stricter.minScoresForSd).toBe(31);
    expect(stricter.agents[1]).toMatchObject({ sd: 20, sdSource: "assumed", scoreCount: 30 });
  });

  it("treats agents as strata for the team margin, naming agents it does not cover", () => {
    const { team } = summary;
    expect(team.population).toBe(410);
    expect(team.sampleSize).toBe(80);
    expect(team.uncoveredAgents).toEqual(["cy"]);
    // Agents as strata: Var(total) = 200²·0.8·20²/40 + 150²·(110/150)·12²/40, df = 80 − 2.
    const standardError = Math.sqrt(320_000 + 59_400) / 350;
    expect(team.marginOfError).toBeCloseTo(studentTQuantile(0.975, 78) * standardError, 9);
    expect(team.marginOfError ?? Number.POSITIVE_INFINITY).toBeLessThan(summary.agents[0].marginOfError ?? 0);
  });

  it("sizes the team sample for the target under proportional allocation", () => {
    const required = summary.team.requiredSampleSize ?? 0;
    const population = 410;
    const proportional = agents.map((agent) => ({
      ...agent,
      sampleSize: Math.round((required * agent.population) / population),
    }));
    const achieved = precisionSummary(proportional).team.marginOfError ?? Number.POSITIVE_INFINITY;
    // Rounding per agent and n − H degrees of freedom move it only slightly.
    expect(achieved).toBeLessThan(5 * 1.03);
    expect(achieved).toBeGreaterThan(5 * 0.9);
  });
});
