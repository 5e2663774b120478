import { describe, expect, it } from "vitest";
import { cohenKappa, fleissKappa, fleissKappaOfRatings } from "./kappa";

describe("cohenKappa", () => {
  it("is 1 for identical ratings and leaves out incomplete pairs", () => {
    expect(cohenKappa(["pass", "fail", "pass", null], ["pass", "fail", "pass", "fail"])).toMatchObject({ kappa: 1, units: 3 });
  });

  it("is undefined when chance agreement is total, and null without a complete pair", () => {
    expect(cohenKappa(["pass", "pass"], ["pass", "pass"])?.kappa).toBeNull();
    expect(cohenKappa([null], ["pass"])).toBeNull();
  });

  it("is negative when the raters disagree systematically", () => {
    expect(cohenKappa([1, 0, 1, 0], [0, 1, 0, 1])?.kappa).toBe(-1);
  });

  it("rejects raters of different lengths", () => {
    expect(() => cohenKappa([1], [1, 0])).toThrow(RangeError);
  });
});

describe("fleissKappa", () => {
  it("needs the same number of raters on every unit", () => {
    expect(() =>
      fleissKappa([
        [2, 0],
        [1, 2],
      ]),
    ).toThrow(RangeError);
    expect(() => fleissKappa([[1, 0]])).toThrow(RangeError);
    expect(fleissKappa([])).toBeNull();
  });

  it("with two raters is Scott's pi (pooled marginals), checked by hand", () => {
    // Two raters, 4 units: (1,1) (1,0) (0,0) (0,0). P̄ = 3/4. Pooled p_1 = 3/8, p_0 = 5/8: P̄_e = 9/64 + 25/64 = 34/64.
    // κ = (0.75 − 0.53125) / (1 − 0.53125) = 0.21875 / 0.46875 = 0.46667.
    const result = fleissKappa([
      [0, 2],
      [1, 1],
      [2, 0],
      [2, 0],
    ]);
    expect(result?.kappa).toBeCloseTo(0.21875 / 0.46875, 12);
  });

  it("from ratings uses only the units every rater rated", () => {
    const result = fleissKappaOfRatings([
      [1, 1, 1],
      [0, 0, 1],
      [0, null, 0],
      [0, 0, 0],
    ]);
    expect(result?.units).toBe(3);
    expect(fleissKappaOfRatings([[1, null]])).toBeNull();
  });
});
