import { describe, expect, it } from "vitest";
import { formatScore, scoreTone } from "./score";

describe("review score display", () => {
  it("bands scores into colours and keeps 'no score' apart from 0", () => {
    expect([100, 85, 84.9, 70, 69.9, 0].map(scoreTone)).toEqual(["good", "good", "fair", "fair", "poor", "poor"]);
    expect(scoreTone(null)).toBe("none");
  });

  it("rounds to one decimal for display only, with the reader's decimal separator", () => {
    expect(formatScore(97.22222, "en")).toBe("97.2");
    expect(formatScore(97.22222, "es")).toBe("97,2");
    expect(formatScore(80, "es")).toBe("80");
  });
});
