import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { criterionAggregate, qualityScore, qualityScoreFromMoments } from "./aggregate";
import { scoreReview } from "./score";
import { parseScorecardDefinition, type ScorecardDefinition, type ScorecardDefinitionInput } from "./scorecard";
import { studentTQuantile } from "../stats/student-t";

function parsed(input: ScorecardDefinitionInput): ScorecardDefinition {
  const result = parseScorecardDefinition(input);
  if (!result.success) throw new Error(JSON.stringify(result.issues));
  return result.data;
}

describe("qualityScore", () => {
  it("computes mean, standard deviation and a t interval for a small group", () => {
    // mean 90; deviations −10, 0, 10: s² = 200 / 2 = 100, s = 10; SE = 10 / √3 = 5.7735;
    // t(0.975, 2) = 4.3027; half width 24.8414.
    const result = qualityScore([80, 90, 100]);
    expect(result.mean).toBe(90);
    expect(result.count).toBe(3);
    expect(result.effectiveSampleSize).toBe(3);
    expect(result.standardDeviation).toBeCloseTo(10, 12);
    expect(result.standardError).toBeCloseTo(5.773503, 6);
    expect(result.confidenceInterval).toMatchObject({ level: 0.95, degreesOfFreedom: 2 });
    expect(result.confidenceInterval?.tQuantile).toBeCloseTo(4.302653, 6);
    expect(result.confidenceInterval?.lower).toBeCloseTo(65.158623, 6);
    expect(result.confidenceInterval?.upper).toBeCloseTo(114.841377, 6);
  });

  it("uses the effective sample size for weighted groups", () => {
    // weights 1, 1, 2: mean (60 + 80 + 2 × 100) / 4 = 85; n_eff = 4² / (1 + 1 + 4) = 2.6667;
    // s² = (625 + 25 + 2 × 225) / (4 − 6 / 4) = 1100 / 2.5 = 440; SE = √440 / √2.6667 = 12.8452;
    // t(0.975, 1.6667) = 5.2423; interval 85 ± 67.3381.
    const result = qualityScore([
      { score: 60, weight: 1 },
      { score: 80, weight: 1 },
      { score: 100, weight: 2 },
    ]);
    expect(result.weighted).toBe(true);
    expect(result.mean).toBeCloseTo(85, 12);
    expect(result.effectiveSampleSize).toBeCloseTo(8 / 3, 12);
    expect(result.standardDeviation).toBeCloseTo(Math.sqrt(440), 10);
    expect(result.standardError).toBeCloseTo(12.845233, 6);
    expect(result.confidenceInterval?.degreesOfFreedom).toBeCloseTo(5 / 3, 12);
    expect(result.confidenceInterval?.tQuantile).toBeCloseTo(5.242265, 6);
    expect(result.confidenceInterval?.lower).toBeCloseTo(17.661885, 5);
    expect(result.confidenceInterval?.upper).toBeCloseTo(152.338115, 5);
  });

  it("has no interval for a single review and nothing at all for an empty group", () => {
    expect(qualityScore([72])).toEqual({
      mean: 72,
      count: 1,
      skippedCount: 0,
      weighted: false,
      effectiveSampleSize: 1,
      standardDeviation: null,
      standardError: null,
      confidenceInterval: null,
    });
    expect(qualityScore([])).toMatchObject({ mean: null, count: 0, confidenceInterval: null });
  });

  it("leaves reviews without a score out and counts them", () => {
    const result = qualityScore([null, 50, { score: null, weight: 3 }, 100]);
    expect(result.mean).toBe(75);
    expect(result.count).toBe(2);
    expect(result.skippedCount).toBe(2);
    expect(result.confidenceInterval?.degreesOfFreedom).toBe(1);
    expect(result.confidenceInterval?.tQuantile).toBeCloseTo(12.706205, 6);
  });

  it("gives a zero-width interval when every score is the same", () => {
    const result = qualityScore([0, 0, 0, 0]);
    expect(result.standardDeviation).toBe(0);
    expect(result.confidenceInterval).toMatchObject({ lower: 0, upper: 0 });
  });

  it("supports other confidence levels", () => {
    const result = qualityScore([70, 80, 90, 100], { confidenceLevel: 0.9 });
    expect(result.confidenceInterval?.tQuantile).toBeCloseTo(studentTQuantile(0.95, 3), 12);
    expect(() => qualityScore([1, 2], { confidenceLevel: 1 })).toThrow(RangeError);
  });

  it("refuses invalid weights and scores", () => {
    expect(() => qualityScore([{ score: 80, weight: 0 }])).toThrow(RangeError);
    expect(() => qualityScore([{ score: 80, weight: -1 }])).toThrow(RangeError);
    expect(() => qualityScore([Number.NaN])).toThrow(RangeError);
  });

  it("gives the unweighted result when every weight is equal", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 110, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (scores, weight) => {
          const plain = qualityScore(scores);
          const weighted = qualityScore(scores.map((score) => ({ score, weight })));
          expect(weighted.mean ?? Number.NaN).toBeCloseTo(plain.mean ?? Number.NaN, 8);
          expect(weighted.effectiveSampleSize ?? Number.NaN).toBeCloseTo(scores.length, 8);
          expect(weighted.confidenceInterval?.lower ?? Number.NaN).toBeCloseTo(
            plain.confidenceInterval?.lower ?? Number.NaN,
            6,
          );
          expect(weighted.confidenceInterval?.upper ?? Number.NaN).toBeCloseTo(
            plain.confidenceInterval?.upper ?? Number.NaN,
            6,
          );
        },
      ),
    );
  });

  it("keeps the mean between the lowest and highest score, inside its interval", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            score: fc.double({ min: 0, max: 110, noNaN: true }),
            weight: fc.double({ min: 0.1, max: 20, noNaN: true }),
          }),
          { minLength: 2, maxLength: 40 },
        ),
        (observations) => {
          const result = qualityScore(observations);
          const scores = observations.map((observation) => observation.score);
          const mean = result.mean ?? Number.NaN;
          expect(mean).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-9);
          expect(mean).toBeLessThanOrEqual(Math.max(...scores) + 1e-9);
          expect(result.effectiveSampleSize ?? 0).toBeLessThanOrEqual(observations.length + 1e-9);
          const interval = result.confidenceInterval;
          expect(interval).not.toBeNull();
          if (interval) {
            expect(interval.lower).toBeLessThanOrEqual(mean + 1e-9);
            expect(interval.upper).toBeGreaterThanOrEqual(mean - 1e-9);
          }
        },
      ),
    );
  });
});

describe("qualityScoreFromMoments", () => {
  it("gives the same mean, SD and interval as qualityScore over the individual scores", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 0, maxLength: 60 }), (scores) => {
        const fromScores = qualityScore(scores);
        const fromMoments = qualityScoreFromMoments({
          count: scores.length,
          sum: scores.reduce((a, b) => a + b, 0),
          sumOfSquares: scores.reduce((a, b) => a + b * b, 0),
        });
        expect(fromMoments.count).toBe(fromScores.count);
        if (fromScores.mean === null) {
          expect(fromMoments.mean).toBeNull();
        } else if (fromScores.standardDeviation === null) {
          expect(fromMoments.mean).toBeCloseTo(fromScores.mean, 9);
          expect(fromMoments.standardDeviation).toBeNull();
        } else {
          expect(fromMoments.mean).toBeCloseTo(fromScores.mean, 9);
          expect(fromMoments.standardDeviation).toBeCloseTo(fromScores.standardDeviation, 6);
          expect(fromMoments.confidenceInterval?.lower).toBeCloseTo(fromScores.confidenceInterval?.lower ?? Number.NaN, 6);
          expect(fromMoments.confidenceInterval?.upper).toBeCloseTo(fromScores.confidenceInterval?.upper ?? Number.NaN, 6);
        }
      }),
    );
  });

  it("matches a hand computation: 70, 80, 90 → mean 80, SD 10, 95 % interval 80 ± 4.303 × 10/√3", () => {
    const result = qualityScoreFromMoments({ count: 3, sum: 240, sumOfSquares: 70 * 70 + 80 * 80 + 90 * 90 });
    expect(result.mean).toBe(80);
    expect(result.standardDeviation).toBeCloseTo(10, 9);
    expect(result.confidenceInterval?.upper).toBeCloseTo(80 + (4.302652729911275 * 10) / Math.sqrt(3), 6);
  });
});

describe("criterionAggregate", () => {
  // Version 2 changed "empathy" from pass/fail to a five-point scale and added "follow-up"; the id stayed.
  const version1 = parsed({
    categories: [
      {
        id: "service",
        title: "Service",
        criteria: [
          { id: "empathy", title: "Empathy", scale: { kind: "binary", failLabel: "No", passLabel: "Yes" } },
          {
            id: "greeting",
            title: "Greeting",
            naAllowed: true,
            scale: { kind: "binary", failLabel: "No", passLabel: "Yes" },
          },
        ],
      },
    ],
  });
  const version2 = parsed({
    categories: [
      {
        id: "service",
        title: "Service",
        criteria: [
          { id: "empathy", title: "Empathy shown", scale: { kind: "five-point", labels: ["1", "2", "3", "4", "5"] } },
          {
            id: "greeting",
            title: "Greeting",
            naAllowed: true,
            scale: { kind: "binary", failLabel: "No", passLabel: "Yes" },
          },
          { id: "follow-up", title: "Follow-up", scale: { kind: "three-point", labels: ["None", "Some", "Full"] } },
        ],
      },
    ],
  });

  it("pools normalised criterion scores across scorecard versions by criterion id", () => {
    const reviews = [
      scoreReview(version1, { empathy: 1, greeting: 0 }),
      scoreReview(version1, { empathy: 0, greeting: "na" }),
      scoreReview(version2, { empathy: 4, greeting: 1, "follow-up": 2 }),
      scoreReview(version2, { empathy: 2, greeting: 1 }),
    ];
    const aggregates = criterionAggregate(reviews);
    expect(aggregates.map((aggregate) => aggregate.criterionId)).toEqual(["empathy", "greeting", "follow-up"]);

    const [empathy, greeting, followUp] = aggregates;
    // empathy: 100, 0, 75, 25 → mean 50; negative below 50: 0 and 25.
    expect(empathy).toMatchObject({
      title: "Empathy shown",
      ratedCount: 4,
      naCount: 0,
      missingCount: 0,
      negativeCount: 2,
      negativeShare: 0.5,
    });
    expect(empathy.quality.mean).toBe(50);
    // greeting: 0, N/A, 100, 100 → mean 66.6667 over 3.
    expect(greeting).toMatchObject({ ratedCount: 3, naCount: 1, negativeCount: 1 });
    expect(greeting.quality.mean).toBeCloseTo(200 / 3, 12);
    // follow-up: only in version 2; rated once, missing once.
    expect(followUp).toMatchObject({ ratedCount: 1, missingCount: 1, negativeCount: 0 });
    expect(followUp.quality).toMatchObject({ mean: 50, count: 1, confidenceInterval: null });
  });

  it("weights each review's criteria by the review's weight", () => {
    const low = scoreReview(version1, { empathy: 0, greeting: 1 });
    const high = scoreReview(version1, { empathy: 1, greeting: 1 });
    const [empathy] = criterionAggregate([
      { ...low, weight: 3 },
      { ...high, weight: 1 },
    ]);
    expect(empathy.quality.weighted).toBe(true);
    expect(empathy.quality.mean).toBe(25);
  });

  it("returns nothing for no reviews", () => {
    expect(criterionAggregate([])).toEqual([]);
  });
});
