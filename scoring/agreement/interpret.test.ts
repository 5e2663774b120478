import { describe, expect, it } from "vitest";
import type { AlphaInterval } from "./bootstrap";
import { alphaLevel, readAlpha } from "./interpret";

const interval = (lower: number, upper: number): AlphaInterval => ({
  level: 0.95,
  lower,
  upper,
  replicates: 1000,
  undefinedReplicates: 0,
  probabilityBelowMinimum: 0,
  minimum: 0.667,
});

describe("alphaLevel (Krippendorff 2004, p. 241)", () => {
  it.each([
    [0.95, "good"],
    [0.8, "good"],
    [0.7999, "tentative"],
    [0.667, "tentative"],
    [0.6669, "poor"],
    [-0.2, "poor"],
  ] as const)("%s is %s", (alpha, level) => {
    expect(alphaLevel(alpha)).toBe(level);
  });
});

describe("readAlpha", () => {
  it("is clear when the whole interval stays in one band", () => {
    expect(readAlpha(0.9, interval(0.84, 0.95))).toEqual({ level: "good", certainty: "clear", plausibleLevels: ["good"] });
  });

  it("is uncertain when a small session's interval reaches other bands", () => {
    expect(readAlpha(0.82, interval(0.41, 0.97))).toEqual({
      level: "good",
      certainty: "uncertain",
      plausibleLevels: ["poor", "tentative", "good"],
    });
  });

  it("says nothing about certainty without an interval, and nothing at all without alpha", () => {
    expect(readAlpha(0.5, null)).toEqual({ level: "poor", certainty: "unknown", plausibleLevels: ["poor"] });
    expect(readAlpha(null, null)).toEqual({ level: null, certainty: "unknown", plausibleLevels: [] });
  });
});
