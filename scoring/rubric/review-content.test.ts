import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EMPTY_REVIEW_CONTENT, type ReviewContent, reviewContentOf, rootCauseRequired, submissionIssues } from "./review-content";
import { parseScorecardDefinition, type ScorecardDefinition } from "./scorecard";

const golden = JSON.parse(readFileSync("scoring/rubric/golden/11-support-scorecard.json", "utf8"));
const parsed = parseScorecardDefinition(golden.scorecard);
if (!parsed.success) throw new Error("golden scorecard does not parse");
const definition: ScorecardDefinition = parsed.data;
const workedExample: Record<string, number | "na"> = golden.cases[0].ratings;

const content = (overrides: Partial<ReviewContent>): ReviewContent => ({ ...EMPTY_REVIEW_CONTENT, ...overrides });

describe("submissionIssues", () => {
  it("accepts the worked example once the negative tone rating has a root cause", () => {
    const withoutCause = submissionIssues(definition, content({ ratings: workedExample }));
    expect(withoutCause.map((issue) => [issue.code, issue.criterionId])).toEqual([["root_cause_required", "brand-tone"]]);
    const complete = content({ ratings: workedExample, rootCauses: { "brand-tone": ["Robotic or cold wording"] } });
    expect(submissionIssues(definition, complete)).toEqual([]);
  });

  it("lists every criterion not rated yet, bonus included", () => {
    const { "above-and-beyond": _bonus, greeting: _greeting, ...partial } = workedExample;
    const issues = submissionIssues(definition, content({ ratings: partial, rootCauses: { "brand-tone": ["Robotic or cold wording"] } }));
    expect(issues.filter((issue) => issue.code === "not_rated").map((issue) => issue.criterionId)).toEqual([
      "greeting",
      "above-and-beyond",
    ]);
  });

  it("rejects values outside the scale, N/A where not allowed, and root causes the criterion does not offer", () => {
    const issues = submissionIssues(
      definition,
      content({ ratings: { ...workedExample, greeting: 7, empathy: "na", "brand-tone": 4 }, rootCauses: { "brand-tone": ["Made up"] } }),
    );
    expect(issues.map((issue) => [issue.code, issue.criterionId])).toEqual([
      ["invalid_rating", "greeting"],
      ["invalid_rating", "empathy"],
      ["unknown_root_cause", "brand-tone"],
    ]);
  });

  it("asks for root causes only for negative ratings of criteria that have them", () => {
    expect(rootCauseRequired(definition, "brand-tone", content({ ratings: { "brand-tone": 2 } }))).toBe(true);
    expect(rootCauseRequired(definition, "brand-tone", content({ ratings: { "brand-tone": 3 } }))).toBe(false);
    expect(rootCauseRequired(definition, "greeting", content({ ratings: { greeting: 1 } }))).toBe(false);
    expect(rootCauseRequired(definition, "brand-tone", content({ ratings: {} }))).toBe(false);
  });
});

describe("reviewContentOf", () => {
  it("fills missing parts and drops content that does not fit the schema", () => {
    expect(reviewContentOf({ ratings: { greeting: 2 } })).toEqual({ ...EMPTY_REVIEW_CONTENT, ratings: { greeting: 2 } });
    expect(reviewContentOf({ ratings: { greeting: "two" } })).toEqual(EMPTY_REVIEW_CONTENT);
  });
});
