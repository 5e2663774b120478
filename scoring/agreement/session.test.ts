import { describe, expect, it } from "vitest";
import { parseScorecardDefinition } from "../rubric/scorecard";
import { krippendorffAlpha } from "./krippendorff";
import { type CalibrationReview, calibrationResults } from "./session";

const parsed = parseScorecardDefinition({
  categories: [
    {
      id: "service",
      title: "Service",
      criteria: [
        { id: "greeting", title: "Greeting", scale: { kind: "three-point", labels: ["None", "Generic", "Personal"] } },
        { id: "resolved", title: "Resolved", critical: true, scale: { kind: "binary", failLabel: "No", passLabel: "Yes" } },
        { id: "timely", title: "On time", naAllowed: true, scale: { kind: "binary", failLabel: "Late", passLabel: "On time" } },
      ],
    },
  ],
});
if (!parsed.success) throw new Error("test scorecard is invalid");
const definition = parsed.data;

const review = (
  conversationId: number,
  reviewerId: string,
  [greeting, resolved, timely]: [number, number, number | "na"],
  score: number,
  autoFailed = false,
): CalibrationReview => ({ conversationId, reviewerId, ratings: { greeting, resolved, timely }, score, autoFailed });

// Four conversations, reviewers a, b and the reference; b has not rated conversation 4; z is not a participant.
const reviews = [
  review(1, "a", [3, 1, 1], 100),
  review(1, "b", [3, 1, 1], 100),
  review(1, "ref", [3, 1, 1], 100),
  review(2, "a", [2, 1, "na"], 75),
  review(2, "b", [1, 1, 1], 60),
  review(2, "ref", [2, 1, "na"], 75),
  review(3, "a", [3, 0, 0], 0, true),
  review(3, "b", [3, 1, 0], 80),
  review(3, "ref", [3, 0, 0], 0, true),
  review(4, "a", [1, 1, 1], 50),
  review(4, "ref", [1, 1, 1], 50),
  review(1, "z", [1, 0, 0], 0, true),
];

const input = {
  definition,
  conversationIds: [1, 2, 3, 4],
  reviewerIds: ["a", "b", "ref"],
  referenceReviewerId: "ref",
  reviews,
  seed: "session-test",
  replicates: 200,
};

describe("calibrationResults", () => {
  const results = calibrationResults(input);

  it("counts the participants' submitted reviews only", () => {
    expect(results.reviewsSubmitted).toBe(11);
    expect(results.reviewsExpected).toBe(12);
  });

  it("gives alpha on the review scores with the interval metric", () => {
    const expected = krippendorffAlpha(
      [
        [100, 100, 100],
        [75, 60, 75],
        [0, 80, 0],
        [50, null, 50],
      ],
      "interval",
    ).alpha;
    expect(results.overall.metric).toBe("interval");
    expect(results.overall.result.alpha).toBeCloseTo(expected as number, 12);
    expect(results.overall.interval).not.toBeNull();
  });

  it("lists criteria worst first, ordinal for point scales and nominal for pass/fail, N/A as no rating", () => {
    const alphas = results.criteria.map((criterion) => criterion.result.alpha as number);
    expect([...alphas].sort((x, y) => x - y)).toEqual(alphas);
    const byId = Object.fromEntries(results.criteria.map((criterion) => [criterion.criterionId, criterion]));
    expect(byId.greeting.metric).toBe("ordinal");
    expect(byId.resolved.metric).toBe("nominal");
    expect(byId.resolved.result.alpha).toBeCloseTo(
      krippendorffAlpha(
        [
          [1, 1, 1],
          [1, 1, 1],
          [0, 1, 0],
          [1, null, 1],
        ],
        "nominal",
      ).alpha as number,
      12,
    );
    // Conversation 2: a and ref said N/A, b rated it; the pairable ratings all agree.
    expect(byId.timely.naDisagreements).toBe(1);
    expect(byId.timely.result.alpha).toBe(1);
    expect(byId.timely.percent.agreement).toBe(1);
    // Fleiss on the three conversations all three rated: 1, 2, 3 for resolved.
    expect(byId.resolved.fleiss?.units).toBe(3);
    expect(byId.greeting.fleiss).toBeNull();
  });

  it("compares each reviewer with the reference", () => {
    const [a, b, ref] = results.reviewers;
    expect(a.score).toMatchObject({ units: 4, meanDeviation: 0, meanAbsoluteDeviation: 0 });
    // b − ref: 0, −15, +80 (conversation 4 not rated by b).
    expect(b.score.units).toBe(3);
    expect(b.score.meanDeviation).toBeCloseTo(65 / 3, 10);
    expect(b.score.meanAbsoluteDeviation).toBeCloseTo(95 / 3, 10);
    expect(b.submitted).toBe(3);
    // Criterion scores 0–100: greeting 0, 50, 0; resolved 0, 0, 100; timely 0, 0 (conversation 2 N/A for ref): 150 / 8.
    expect(b.criterionComparisons).toBe(8);
    expect(b.criterionMeanAbsoluteDeviation).toBeCloseTo(18.75, 10);
    // Pass/fail pairs (b, ref): (1,1) (1,1) (1,0) for resolved; (1,1) (0,0) for timely. p_o = 0.8,
    // p_e = 0.8·0.6 + 0.2·0.4 = 0.56, κ = 0.24 / 0.44.
    expect(b.passFailKappaVsReference?.kappa).toBeCloseTo(0.24 / 0.44, 12);
    expect(a.passFailKappaVsReference?.kappa).toBe(1);
    expect(ref).toMatchObject({ isReference: true, passFailKappaVsReference: null });
    expect(ref.score.meanDeviation).toBeNull();
  });

  it("lists conversations widest spread first, with the criteria in dispute", () => {
    expect(results.conversations.map((conversation) => conversation.conversationId)).toEqual([3, 2, 1, 4]);
    const [third, second] = results.conversations;
    expect(third).toMatchObject({ range: 80, min: 0, max: 80, consensus: 0, submitted: 3, disagreeingCriterionIds: ["resolved"] });
    expect(third.scores).toEqual({ a: 0, b: 80, ref: 0 });
    expect(second.disagreeingCriterionIds).toEqual(["greeting", "timely"]);
  });

  it("measures agreement on critical fails", () => {
    expect(results.criticalFails.fleiss?.units).toBe(3);
    expect(results.criticalFails.percent.units).toBe(4);
    // Conversation 3: a and ref fail it, b does not: 1 of 3 pairs agree; the others agree fully.
    expect(results.criticalFails.percent.agreement).toBeCloseTo((1 + 1 + 1 / 3 + 1) / 4, 12);
  });

  it("compares with the leave-one-out mean when there is no reference", () => {
    const noReference = calibrationResults({ ...input, referenceReviewerId: null });
    const [, b] = noReference.reviewers;
    // b − mean(a, ref): 100 − 100, 60 − 75, 80 − 0.
    expect(b.score.meanDeviation).toBeCloseTo(65 / 3, 10);
    expect(b.passFailKappaVsReference).toBeNull();
    expect(noReference.conversations[0].consensus).toBeCloseTo(80 / 3, 10);
  });

  it("is reproducible: the same seed gives the same intervals", () => {
    expect(calibrationResults(input).overall.interval).toEqual(results.overall.interval);
  });

  it("says nothing it cannot know for a session without reviews", () => {
    const empty = calibrationResults({ ...input, reviews: [] });
    expect(empty.reviewsSubmitted).toBe(0);
    expect(empty.overall.result).toMatchObject({ alpha: null, reason: "no_pairable_units" });
    expect(empty.overall.interval).toBeNull();
    expect(empty.overall.reading.level).toBeNull();
    expect(empty.reviewers.every((reviewer) => reviewer.score.meanDeviation === null)).toBe(true);
    expect(empty.conversations.every((conversation) => conversation.range === null)).toBe(true);
  });
});
