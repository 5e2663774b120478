import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logGamma, normalQuantile, regularizedIncompleteBeta, studentTCdf, studentTQuantile } from "./student-t";

// Two-sided 95% critical values t(0.975, df) from the standard printed t table.
const tableAt975: Array<[number, number]> = [
  [1, 12.706],
  [2, 4.303],
  [3, 3.182],
  [4, 2.776],
  [5, 2.571],
  [6, 2.447],
  [7, 2.365],
  [8, 2.306],
  [9, 2.262],
  [10, 2.228],
  [15, 2.131],
  [20, 2.086],
  [25, 2.06],
  [30, 2.042],
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
  [1_000_000, 1.96],
  [Number.POSITIVE_INFINITY, 1.96],
];

describe("studentTQuantile", () => {
  it.each(tableAt975)("matches the table at df = %d to 3 decimals", (degreesOfFreedom, tableValue) => {
    expect(studentTQuantile(0.975, degreesOfFreedom)).toBeCloseTo(tableValue, 3);
  });

  it("matches the table at other confidence levels", () => {
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.812, 3);
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032, 3);
    expect(studentTQuantile(0.99, 20)).toBeCloseTo(2.528, 3);
    expect(studentTQuantile(0.9, 15)).toBeCloseTo(1.341, 3);
    expect(studentTQuantile(0.9995, 1)).toBeCloseTo(636.619, 3);
  });

  it("agrees with the closed forms for 1 and 2 degrees of freedom", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), (probability) => {
        const cauchy = Math.tan(Math.PI * (probability - 0.5));
        const twoDegrees = (2 * probability - 1) / Math.sqrt(2 * probability * (1 - probability));
        expect(studentTQuantile(probability, 1)).toBeCloseTo(cauchy, 8);
        expect(studentTQuantile(probability, 2)).toBeCloseTo(twoDegrees, 8);
      }),
    );
  });

  it("inverts the cumulative distribution, fractional degrees of freedom included", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 1, max: 900, noNaN: true }),
        (probability, degreesOfFreedom) => {
          expect(studentTCdf(studentTQuantile(probability, degreesOfFreedom), degreesOfFreedom)).toBeCloseTo(
            probability,
            10,
          );
        },
      ),
    );
  });

  it("is antisymmetric around one half", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-studentTQuantile(0.975, 4), 12);
  });

  it("shrinks smoothly towards the normal quantile as degrees of freedom grow, across the series switch-over", () => {
    const degrees = [1, 1.5, 2, 2.5, 3, 10, 100, 999, 1000, 1000.5, 1001, 5000, 1e9];
    const quantiles = degrees.map((degreesOfFreedom) => studentTQuantile(0.975, degreesOfFreedom));
    for (let index = 1; index < quantiles.length; index++) {
      expect(quantiles[index]).toBeLessThan(quantiles[index - 1]);
    }
    expect(quantiles[quantiles.length - 1]).toBeGreaterThan(normalQuantile(0.975));
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.962339, 6);
    expect(studentTQuantile(0.975, 1001)).toBeCloseTo(1.962337, 6);
  });

  it("refuses probabilities outside (0, 1) and non-positive degrees of freedom", () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(Number.NaN, 5)).toThrow(RangeError);
  });
});

describe("normalQuantile", () => {
  it("matches reference values", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.999999)).toBeCloseTo(4.753424308817087, 9);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
  });
});

describe("special functions", () => {
  it("computes log-gamma at known points", () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 11);
    expect(logGamma(1)).toBeCloseTo(0, 12);
  });

  it("computes the regularised incomplete beta at known points", () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(regularizedIncompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(regularizedIncompleteBeta(0.2, 2, 3)).toBeCloseTo(0.1808, 12);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});
