import { describe, expect, it } from "vitest";
import { addCounts, emptyCounts, summariseAcceptance } from "./acceptance";

describe("summariseAcceptance", () => {
  it("gives shares of the decided suggestions, the typical override direction and the mean shift", () => {
    const counts = {
      ...emptyCounts(),
      suggested: 14,
      decided: 10,
      accepted: 4,
      overridden: 6,
      noSuggestion: 2,
      directions: { higher: 4, lower: 1, to_na: 1, from_na: 0 },
      shiftSum: 250,
      shiftCount: 5,
    };
    const summary = summariseAcceptance(counts);
    expect(summary.acceptedShare).toBe(0.4);
    expect(summary.overriddenShare).toBe(0.6);
    expect(summary.typicalDirection).toEqual({ direction: "higher", share: 4 / 6 });
    expect(summary.meanShift).toBe(50);
    expect(summary.weak).toBe(true);
  });

  it("does not call a feature weak on too few decisions, nor judge one with none", () => {
    const few = summariseAcceptance({
      ...emptyCounts(),
      decided: 3,
      overridden: 3,
      directions: { higher: 0, lower: 3, to_na: 0, from_na: 0 },
    });
    expect(few.weak).toBe(false);
    expect(few.typicalDirection).toEqual({ direction: "lower", share: 1 });
    const none = summariseAcceptance({ ...emptyCounts(), suggested: 2 });
    expect([none.acceptedShare, none.overriddenShare, none.typicalDirection, none.meanShift, none.weak]).toEqual([
      null,
      null,
      null,
      null,
      false,
    ]);
  });

  it("adds counts per feature", () => {
    const a = { ...emptyCounts(), decided: 2, accepted: 2 };
    const b = {
      ...emptyCounts(),
      decided: 1,
      overridden: 1,
      directions: { higher: 0, lower: 1, to_na: 0, from_na: 0 },
      shiftSum: -50,
      shiftCount: 1,
    };
    const sum = addCounts(addCounts(emptyCounts(), a), b);
    expect(sum).toMatchObject({ decided: 3, accepted: 2, overridden: 1, shiftSum: -50, directions: { lower: 1 } });
  });
});
