import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkRatings,
  InvalidRatingsError,
  isNegativeRating,
  normalisedCriterionScore,
  type Rating,
  type Ratings,
  scoreReview,
} from "./score";
import {
  allCriteria,
  parseScorecardDefinition,
  type ScorecardDefinition,
  type ScorecardDefinitionInput,
  scalePoints,
  scaleRange,
} from "./scorecard";

function parsed(input: ScorecardDefinitionInput): ScorecardDefinition {
  const result = parseScorecardDefinition(input);
  if (!result.success) throw new Error(JSON.stringify(result.issues));
  return result.data;
}

const support = parsed({
  bonusCap: 110,
  categories: [
    {
      id: "resolution",
      title: "Resolution",
      criteria: [
        {
          id: "resolved",
          title: "Resolved without redirecting",
          critical: true,
          weight: 2,
          scale: { kind: "binary", failLabel: "Redirected", passLabel: "Resolved" },
        },
        {
          id: "information",
          title: "Correct information",
          scale: { kind: "five-point", labels: ["Wrong", "Poor", "Partial", "Good", "Complete"] },
          rootCauses: ["Outdated article", "Did not check the order"],
        },
      ],
    },
    {
      id: "communication",
      title: "Communication",
      criteria: [
        {
          id: "response-time",
          title: "Response time",
          naAllowed: true,
          scale: { kind: "binary", failLabel: "Late", passLabel: "On time" },
        },
        {
          id: "extra-mile",
          title: "Went the extra mile",
          bonus: true,
          scale: { kind: "binary", failLabel: "No", passLabel: "Yes" },
        },
      ],
    },
  ],
});

describe("scoreReview", () => {
  it("explains an auto-fail with the criterion and the rating label", () => {
    const result = scoreReview(support, { resolved: 0, information: 5, "response-time": 1, "extra-mile": 1 });
    expect(result.score).toBe(0);
    expect(result.autoFailed).toBe(true);
    expect(result.autoFailReasons).toEqual([
      {
        criterionId: "resolved",
        categoryId: "resolution",
        title: "Resolved without redirecting",
        rating: 0,
        ratingLabel: "Redirected",
      },
    ]);
    expect(result.criteria.find((criterion) => criterion.criterionId === "resolved")).toMatchObject({
      status: "rated",
      score: 0,
      negative: true,
      criticalFailure: true,
    });
  });

  it("reports each criterion's status, label and score, and each category's counts", () => {
    const result = scoreReview(support, { resolved: 1, information: 4, "response-time": "na" });
    expect(
      result.criteria.map(({ criterionId, status, ratingLabel, score }) => ({
        criterionId,
        status,
        ratingLabel,
        score,
      })),
    ).toEqual([
      { criterionId: "resolved", status: "rated", ratingLabel: "Resolved", score: 100 },
      { criterionId: "information", status: "rated", ratingLabel: "Good", score: 75 },
      { criterionId: "response-time", status: "na", ratingLabel: null, score: null },
      { criterionId: "extra-mile", status: "missing", ratingLabel: null, score: null },
    ]);
    expect(result.categories).toEqual([
      {
        categoryId: "resolution",
        title: "Resolution",
        score: (2 * 100 + 75) / 3,
        ratedCount: 2,
        naCount: 0,
        missingCount: 0,
      },
      { categoryId: "communication", title: "Communication", score: null, ratedCount: 0, naCount: 1, missingCount: 1 },
    ]);
    expect(result.complete).toBe(false);
    expect(result.missingCriterionIds).toEqual(["extra-mile"]);
  });

  it("treats an undefined entry as not rated", () => {
    const result = scoreReview(support, { resolved: 1, information: undefined });
    expect(result.missingCriterionIds).toEqual(["information", "response-time", "extra-mile"]);
    expect(result.score).toBe(100);
  });

  it("refuses ratings that do not fit the scorecard version", () => {
    const ratings = { resolved: 2, information: "na", ghost: 1 } as const;
    expect(checkRatings(support, ratings)).toEqual([
      { path: "ratings.resolved", message: "must be one of 0, 1" },
      { path: "ratings.information", message: "N/A is not allowed for this criterion" },
      { path: "ratings.ghost", message: "no criterion with this id in the scorecard version" },
    ]);
    expect(() => scoreReview(support, ratings)).toThrow(InvalidRatingsError);
    expect(checkRatings(support, { "response-time": 7 })).toEqual([
      { path: "ratings.response-time", message: "must be one of 0, 1 or na" },
    ]);
  });

  it("applies each negative-rating rule on the 0–100 criterion score", () => {
    const criterion = allCriteria(support)[1].criterion;
    const withRule = (negativeRating: ScorecardDefinition["negativeRating"]) => ({ ...support, negativeRating });
    const negativeValues = (definition: ScorecardDefinition) =>
      [1, 2, 3, 4, 5].filter((value) => isNegativeRating(definition, criterion, value));
    expect(negativeValues(withRule({ rule: "below-midpoint" }))).toEqual([1, 2]);
    expect(negativeValues(withRule({ rule: "at-minimum" }))).toEqual([1]);
    expect(negativeValues(withRule({ rule: "below-score", score: 80 }))).toEqual([1, 2, 3, 4]);
    expect(isNegativeRating(support, criterion, "na")).toBe(false);
  });

  it("never calls an unearned bonus negative", () => {
    const bonus = allCriteria(support)[3].criterion;
    expect(isNegativeRating(support, bonus, 0)).toBe(false);
  });

  it("normalises a rating to 0–100 over the scale range", () => {
    expect(normalisedCriterionScore({ kind: "four-point", labels: ["a", "b", "c", "d"] }, 3)).toBeCloseTo(200 / 3, 12);
    const custom = {
      kind: "custom" as const,
      points: [
        { value: -5, label: "x" },
        { value: 15, label: "y" },
        { value: 0, label: "z" },
      ],
    };
    expect(normalisedCriterionScore(custom, 0)).toBe(25);
  });
});

// Property tests over random scorecards and ratings.

const scaleArbitrary = fc.oneof(
  fc.constant({ kind: "binary" as const, failLabel: "No", passLabel: "Yes" }),
  fc.constant({ kind: "three-point" as const, labels: ["1", "2", "3"] }),
  fc.constant({ kind: "four-point" as const, labels: ["1", "2", "3", "4"] }),
  fc.constant({ kind: "five-point" as const, labels: ["1", "2", "3", "4", "5"] }),
  fc
    .uniqueArray(fc.integer({ min: -20, max: 20 }), { minLength: 2, maxLength: 6 })
    .map((values) => ({
      kind: "custom" as const,
      points: values.map((value) => ({ value, label: `point ${value}` })),
    })),
);

const criterionShapeArbitrary = fc.record({
  scale: scaleArbitrary,
  weight: fc.integer({ min: 1, max: 40 }).map((quarter) => quarter / 4),
  critical: fc.boolean(),
  naAllowed: fc.boolean(),
  bonus: fc.boolean(),
});

const definitionArbitrary: fc.Arbitrary<ScorecardDefinition> = fc
  .record({
    bonusCap: fc.integer({ min: 100, max: 150 }),
    categories: fc.array(fc.array(criterionShapeArbitrary, { minLength: 1, maxLength: 4 }), {
      minLength: 1,
      maxLength: 3,
    }),
  })
  .map(({ bonusCap, categories }) =>
    parsed({
      bonusCap,
      categories: categories.map((criteria, categoryIndex) => ({
        id: `category-${categoryIndex}`,
        title: `Category ${categoryIndex}`,
        criteria: criteria.map((shape, criterionIndex) => {
          const isFirst = categoryIndex === 0 && criterionIndex === 0;
          // The first criterion stays a regular one: a scorecard needs at least one.
          const bonus = shape.bonus && !shape.critical && !isFirst;
          return { ...shape, bonus, id: `c${categoryIndex}-${criterionIndex}`, title: `Criterion ${criterionIndex}` };
        }),
      })),
    }),
  );

function ratingsArbitrary(definition: ScorecardDefinition): fc.Arbitrary<Record<string, Rating>> {
  const perCriterion = allCriteria(definition).map(({ criterion }) => {
    const values: Array<Rating | undefined> = [undefined, ...scalePoints(criterion.scale).map((point) => point.value)];
    if (criterion.naAllowed) values.push("na");
    return fc.constantFrom(...values).map((rating) => [criterion.id, rating] as const);
  });
  return fc.tuple(...perCriterion).map((entries) => {
    const ratings: Record<string, Rating> = {};
    for (const [criterionId, rating] of entries) {
      if (rating !== undefined) ratings[criterionId] = rating;
    }
    return ratings;
  });
}

const scoredReviewArbitrary = definitionArbitrary.chain((definition) =>
  ratingsArbitrary(definition).map((ratings) => ({ definition, ratings })),
);

const tolerance = 1e-9;

function withoutCriterion(definition: ScorecardDefinition, criterionId: string): ScorecardDefinition {
  return {
    ...definition,
    categories: definition.categories
      .map((category) => ({
        ...category,
        criteria: category.criteria.filter((criterion) => criterion.id !== criterionId),
      }))
      .filter((category) => category.criteria.length > 0),
  };
}

function withoutRating(ratings: Ratings, criterionId: string): Ratings {
  return Object.fromEntries(Object.entries(ratings).filter(([id]) => id !== criterionId));
}

describe("scoreReview properties", () => {
  it("gives a score in [0, bonusCap], or null only when no non-bonus criterion is rated", () => {
    fc.assert(
      fc.property(scoredReviewArbitrary, ({ definition, ratings }) => {
        const result = scoreReview(definition, ratings);
        const anyRegularRated = result.criteria.some((criterion) => criterion.status === "rated" && !criterion.bonus);
        if (result.score === null) {
          expect(anyRegularRated || result.autoFailed).toBe(false);
        } else {
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(definition.bonusCap + tolerance);
        }
      }),
    );
  });

  it("never lowers the score when one rating is raised", () => {
    fc.assert(
      fc.property(scoredReviewArbitrary, ({ definition, ratings }) => {
        const before = scoreReview(definition, ratings).score;
        for (const { criterion } of allCriteria(definition)) {
          const current = ratings[criterion.id];
          if (typeof current !== "number") continue;
          for (const point of scalePoints(criterion.scale).filter((candidate) => candidate.value > current)) {
            const after = scoreReview(definition, { ...ratings, [criterion.id]: point.value }).score;
            expect(after === null).toBe(before === null);
            if (before !== null && after !== null) expect(after).toBeGreaterThanOrEqual(before - tolerance);
          }
        }
      }),
    );
  });

  it("scores N/A on a criterion exactly as if the criterion were not on the scorecard", () => {
    fc.assert(
      fc.property(scoredReviewArbitrary, fc.nat(), ({ definition, ratings }, pick) => {
        const criteria = allCriteria(definition);
        const chosen = criteria[pick % criteria.length].criterion;
        const naAllowedDefinition: ScorecardDefinition = {
          ...definition,
          categories: definition.categories.map((category) => ({
            ...category,
            criteria: category.criteria.map((criterion) =>
              criterion.id === chosen.id ? { ...criterion, naAllowed: true } : criterion,
            ),
          })),
        };
        const withNa = scoreReview(naAllowedDefinition, { ...ratings, [chosen.id]: "na" });
        const removed = scoreReview(withoutCriterion(definition, chosen.id), withoutRating(ratings, chosen.id));
        expect(withNa.autoFailed).toBe(removed.autoFailed);
        expect(withNa.score === null).toBe(removed.score === null);
        if (withNa.score !== null && removed.score !== null) expect(withNa.score).toBeCloseTo(removed.score, 9);
      }),
    );
  });

  it("does not change when every weight is multiplied by the same factor", () => {
    fc.assert(
      fc.property(scoredReviewArbitrary, fc.integer({ min: 2, max: 9 }), ({ definition, ratings }, factor) => {
        const scaled: ScorecardDefinition = {
          ...definition,
          categories: definition.categories.map((category) => ({
            ...category,
            criteria: category.criteria.map((criterion) => ({ ...criterion, weight: criterion.weight * factor })),
          })),
        };
        const original = scoreReview(definition, ratings).score;
        const rescaled = scoreReview(scaled, ratings).score;
        expect(rescaled === null).toBe(original === null);
        if (original !== null && rescaled !== null) expect(rescaled).toBeCloseTo(original, 9);
      }),
    );
  });

  it("auto-fails exactly when a critical criterion is rated at its scale minimum", () => {
    fc.assert(
      fc.property(scoredReviewArbitrary, ({ definition, ratings }) => {
        const result = scoreReview(definition, ratings);
        const failedCritical = allCriteria(definition)
          .filter(({ criterion }) => criterion.critical && ratings[criterion.id] === scaleRange(criterion.scale).min)
          .map(({ criterion }) => criterion.id);
        expect(result.autoFailReasons.map((reason) => reason.criterionId)).toEqual(failedCritical);
        expect(result.autoFailed).toBe(failedCritical.length > 0);
        if (result.autoFailed) expect(result.score).toBe(0);
      }),
    );
  });

  it("is complete exactly when every criterion is rated or N/A", () => {
    fc.assert(
      fc.property(scoredReviewArbitrary, ({ definition, ratings }) => {
        const result = scoreReview(definition, ratings);
        const unanswered = allCriteria(definition)
          .map(({ criterion }) => criterion.id)
          .filter((id) => ratings[id] === undefined);
        expect(result.missingCriterionIds).toEqual(unanswered);
        expect(result.complete).toBe(unanswered.length === 0);
      }),
    );
  });
});
