import { describe, expect, it } from "vitest";
import { parseScorecardDefinition } from "../rubric";
import { decideSuggestions } from "./decisions";
import { autoQaLinkIssues, linkedCriteria } from "./links";

const parsed = parseScorecardDefinition({
  categories: [
    {
      id: "c",
      title: "C",
      criteria: [
        {
          id: "greeting",
          title: "Greeting",
          scale: { kind: "three-point", labels: ["No", "Generic", "Personal"] },
          autoQaFeature: "greeting",
        },
        {
          id: "speed",
          title: "Speed",
          scale: { kind: "binary", failLabel: "Late", passLabel: "On time" },
          naAllowed: true,
          autoQaFeature: "response-time",
        },
        {
          id: "closing",
          title: "Closing",
          scale: { kind: "five-point", labels: ["1", "2", "3", "4", "5"] },
          naAllowed: true,
          autoQaFeature: "closing",
        },
        { id: "tone", title: "Tone", scale: { kind: "four-point", labels: ["1", "2", "3", "4"] }, autoQaFeature: "forbidden-phrases" },
        { id: "need", title: "Need", scale: { kind: "four-point", labels: ["1", "2", "3", "4"] } },
      ],
    },
  ],
});
if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
const definition = parsed.data;

describe("decideSuggestions", () => {
  it("records accepted, overridden (with its direction) and no suggestion for linked criteria only", () => {
    const suggestions = new Map<string, number | "na">([
      ["greeting", 2],
      ["speed", 0],
      ["closing", "na"],
    ]);
    const decisions = decideSuggestions(definition, suggestions, { greeting: 2, speed: 1, closing: 4, tone: 1, need: 3 });
    expect(decisions).toEqual([
      {
        criterionId: "greeting",
        feature: "greeting",
        outcome: "accepted",
        suggestedRating: 2,
        rating: 2,
        suggestedScore: 50,
        ratingScore: 50,
        direction: null,
      },
      {
        criterionId: "speed",
        feature: "response-time",
        outcome: "overridden",
        suggestedRating: 0,
        rating: 1,
        suggestedScore: 0,
        ratingScore: 100,
        direction: "higher",
      },
      {
        criterionId: "closing",
        feature: "closing",
        outcome: "overridden",
        suggestedRating: "na",
        rating: 4,
        suggestedScore: null,
        ratingScore: 75,
        direction: "from_na",
      },
      {
        criterionId: "tone",
        feature: "forbidden-phrases",
        outcome: "no_suggestion",
        suggestedRating: null,
        rating: 1,
        suggestedScore: null,
        ratingScore: 0,
        direction: null,
      },
    ]);
  });

  it("reads a lower rating and an N/A as overrides in their direction, and skips unrated criteria", () => {
    const suggestions = new Map<string, number | "na">([
      ["greeting", 3],
      ["speed", 1],
    ]);
    const decisions = decideSuggestions(definition, suggestions, { greeting: 1, speed: "na" });
    expect(decisions.map((d) => [d.criterionId, d.outcome, d.direction])).toEqual([
      ["greeting", "overridden", "lower"],
      ["speed", "overridden", "to_na"],
    ]);
  });
});

describe("links", () => {
  it("lists the linked criteria and flags unknown features for publishing", () => {
    expect(linkedCriteria(definition).map((c) => [c.criterionId, c.feature])).toEqual([
      ["greeting", "greeting"],
      ["speed", "response-time"],
      ["closing", "closing"],
      ["tone", "forbidden-phrases"],
    ]);
    expect(autoQaLinkIssues(definition)).toEqual([]);
    const withUnknown = structuredClone(definition);
    withUnknown.categories[0].criteria[4].autoQaFeature = "sarcasm";
    expect(autoQaLinkIssues(withUnknown)).toEqual([
      { path: "categories[0].criteria[4].autoQaFeature", message: expect.stringContaining('unknown AutoQA feature "sarcasm"') },
    ]);
  });
});
