import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ratingsSchema, scoreReview } from "./score";
import { allCriteria, parseScorecardDefinition, type ScorecardDefinition } from "./scorecard";

// Expected numbers are worked out by hand and written to 4 decimals, so they are compared to 4 decimals.
const handPrecisionDigits = 4;

const nullableScores = z.record(z.string(), z.number().nullable());

const goldenCaseSchema = z.strictObject({
  name: z.string().min(1),
  ratings: ratingsSchema,
  why: z.string().min(10),
  expected: z.strictObject({
    score: z.number().nullable(),
    baseScore: z.number().nullable().optional(),
    bonusPoints: z.number().optional(),
    cappedByBonusCap: z.boolean().optional(),
    autoFailed: z.boolean(),
    autoFailReasons: z.array(z.string()),
    complete: z.boolean(),
    missingCriterionIds: z.array(z.string()),
    criterionScores: nullableScores.optional(),
    categoryScores: nullableScores.optional(),
    negativeCriterionIds: z.array(z.string()).optional(),
  }),
});

const goldenFileSchema = z.strictObject({
  description: z.string().min(1),
  scorecard: z.unknown(),
  cases: z.array(goldenCaseSchema).min(1),
});

type GoldenFile = z.infer<typeof goldenFileSchema>;

const goldenDirectory = new URL("./golden/", import.meta.url);

const goldenFiles: Array<{ fileName: string; golden: GoldenFile; definition: ScorecardDefinition }> = readdirSync(
  goldenDirectory,
)
  .filter((fileName) => fileName.endsWith(".json"))
  .sort()
  .map((fileName) => {
    const golden = goldenFileSchema.parse(JSON.parse(readFileSync(new URL(fileName, goldenDirectory), "utf8")));
    const parsed = parseScorecardDefinition(golden.scorecard);
    if (!parsed.success) {
      throw new Error(`${fileName}: invalid scorecard ${JSON.stringify(parsed.issues)}`);
    }
    return { fileName, golden, definition: parsed.data };
  });

function expectCloseOrNull(actual: number | null, expected: number | null, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
  } else {
    expect(actual, label).not.toBeNull();
    expect(actual ?? Number.NaN, label).toBeCloseTo(expected, handPrecisionDigits);
  }
}

describe("golden score cases", () => {
  it("finds the golden files", () => {
    expect(goldenFiles.length).toBeGreaterThanOrEqual(10);
  });

  it("cover every scale kind, weights, N/A, auto-fail, the bonus cap, all-N/A and incomplete reviews", () => {
    const definitions = goldenFiles.map((file) => file.definition);
    const criteria = definitions.flatMap((definition) => allCriteria(definition).map((entry) => entry.criterion));
    const kinds = new Set(criteria.map((criterion) => criterion.scale.kind));
    expect([...kinds].sort()).toEqual(["binary", "custom", "five-point", "four-point", "three-point"]);
    expect(criteria.some((criterion) => criterion.weight !== 1)).toBe(true);
    const expectations = goldenFiles.flatMap((file) => file.golden.cases.map((goldenCase) => goldenCase.expected));
    const ratings = goldenFiles.flatMap((file) => file.golden.cases.map((goldenCase) => goldenCase.ratings));
    expect(ratings.some((rating) => Object.values(rating).includes("na"))).toBe(true);
    expect(expectations.some((expected) => expected.autoFailed)).toBe(true);
    expect(expectations.some((expected) => expected.cappedByBonusCap === true)).toBe(true);
    expect(expectations.some((expected) => expected.score === null && expected.complete)).toBe(true);
    expect(expectations.some((expected) => !expected.complete && expected.score !== null)).toBe(true);
  });

  for (const { fileName, golden, definition } of goldenFiles) {
    describe(fileName, () => {
      for (const goldenCase of golden.cases) {
        it(goldenCase.name, () => {
          const { expected } = goldenCase;
          const result = scoreReview(definition, goldenCase.ratings);

          expectCloseOrNull(result.score, expected.score, "score");
          expect(result.autoFailed, "autoFailed").toBe(expected.autoFailed);
          expect(
            result.autoFailReasons.map((reason) => reason.criterionId),
            "autoFailReasons",
          ).toEqual(expected.autoFailReasons);
          expect(result.complete, "complete").toBe(expected.complete);
          expect(result.missingCriterionIds, "missingCriterionIds").toEqual(expected.missingCriterionIds);

          if (expected.baseScore !== undefined) expectCloseOrNull(result.baseScore, expected.baseScore, "baseScore");
          if (expected.bonusPoints !== undefined) {
            expect(result.bonusPoints, "bonusPoints").toBeCloseTo(expected.bonusPoints, handPrecisionDigits);
          }
          if (expected.cappedByBonusCap !== undefined) {
            expect(result.cappedByBonusCap, "cappedByBonusCap").toBe(expected.cappedByBonusCap);
          }
          for (const [criterionId, expectedScore] of Object.entries(expected.criterionScores ?? {})) {
            const criterion = result.criteria.find((candidate) => candidate.criterionId === criterionId);
            expect(criterion, `criterion ${criterionId}`).toBeDefined();
            expectCloseOrNull(criterion?.score ?? null, expectedScore, `criterion ${criterionId}`);
          }
          for (const [categoryId, expectedScore] of Object.entries(expected.categoryScores ?? {})) {
            const category = result.categories.find((candidate) => candidate.categoryId === categoryId);
            expect(category, `category ${categoryId}`).toBeDefined();
            expectCloseOrNull(category?.score ?? null, expectedScore, `category ${categoryId}`);
          }
          if (expected.negativeCriterionIds !== undefined) {
            expect(
              result.criteria.filter((criterion) => criterion.negative).map((criterion) => criterion.criterionId),
              "negative criteria",
            ).toEqual(expected.negativeCriterionIds);
          }
        });
      }
    });
  }
});
