import { describe, expect, it } from "vitest";
import { mapLabel, toSentimentResult } from "./label-mapping";

describe("mapLabel", () => {
  it.each([
    ["negative", "negative"],
    ["NEGATIVE", "negative"],
    ["Neutral", "neutral"],
    ["positive", "positive"],
    ["NEG", "negative"],
    ["neu", "neutral"],
    ["POS", "positive"],
  ] as const)("reads the named label %s as %s", (raw, expected) => {
    expect(mapLabel(raw, 3)).toBe(expected);
  });

  it.each([
    ["1 star", "negative"],
    ["2 stars", "negative"],
    ["3 stars", "neutral"],
    ["4 stars", "positive"],
    ["5 stars", "positive"],
  ] as const)("reads the star rating %s as %s", (raw, expected) => {
    expect(mapLabel(raw, 5)).toBe(expected);
  });

  it("reads LABEL_0/1/2 in the negative, neutral, positive order", () => {
    expect(["LABEL_0", "LABEL_1", "LABEL_2"].map((l) => mapLabel(l, 3))).toEqual(["negative", "neutral", "positive"]);
  });

  it("reads two generic labels as negative and positive", () => {
    expect(mapLabel("LABEL_0", 2)).toBe("negative");
    expect(mapLabel("LABEL_1", 2)).toBe("positive");
  });

  it("reads five generic labels as a star scale", () => {
    expect(["LABEL_0", "LABEL_1", "LABEL_2", "LABEL_3", "LABEL_4"].map((l) => mapLabel(l, 5))).toEqual([
      "negative",
      "negative",
      "neutral",
      "positive",
      "positive",
    ]);
  });

  it("knows nothing of unrelated labels", () => {
    expect(mapLabel("toxic", 6)).toBeNull();
    expect(mapLabel("LABEL_3", 3)).toBeNull();
    expect(mapLabel("6 stars", 6)).toBeNull();
  });
});

describe("toSentimentResult", () => {
  it("keeps a 3-class distribution and picks the most probable label", () => {
    const result = toSentimentResult([
      { label: "positive", score: 0.1 },
      { label: "negative", score: 0.7 },
      { label: "neutral", score: 0.2 },
    ]);
    expect(result).toEqual({
      label: "negative",
      score: 0.7,
      scores: { negative: 0.7, neutral: 0.2, positive: 0.1 },
    });
  });

  it("adds the star probabilities that fall into the same class", () => {
    const result = toSentimentResult([
      { label: "1 star", score: 0.3 },
      { label: "2 stars", score: 0.25 },
      { label: "3 stars", score: 0.05 },
      { label: "4 stars", score: 0.1 },
      { label: "5 stars", score: 0.3 },
    ]);
    expect(result.label).toBe("negative");
    expect(result.score).toBeCloseTo(0.55);
    expect(result.scores.positive).toBeCloseTo(0.4);
    expect(result.scores.neutral).toBeCloseTo(0.05);
  });

  it("leaves neutral at zero for a binary model", () => {
    const result = toSentimentResult([
      { label: "POSITIVE", score: 0.9 },
      { label: "NEGATIVE", score: 0.1 },
    ]);
    expect(result).toEqual({ label: "positive", score: 0.9, scores: { negative: 0.1, neutral: 0, positive: 0.9 } });
  });

  it("names the label it cannot map", () => {
    expect(() => toSentimentResult([{ label: "toxic", score: 1 }])).toThrow(/"toxic"/);
  });
});
