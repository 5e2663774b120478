import { describe, expect, it } from "vitest";
import { momentsOf, subtractSums, welchMeanDifference } from "./welch";

const sumsOf = (values: number[]) => ({
  n: values.length,
  sum: values.reduce((s, v) => s + v, 0),
  sumOfSquares: values.reduce((s, v) => s + v * v, 0),
});

describe("momentsOf", () => {
  it("gives the mean and the n − 1 variance from sums", () => {
    const moments = momentsOf(sumsOf([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(moments?.mean).toBe(5);
    expect(moments?.variance).toBeCloseTo(32 / 7, 12);
  });

  it("has no variance below two observations and nothing for none", () => {
    expect(momentsOf(sumsOf([80]))).toEqual({ n: 1, mean: 80, variance: null });
    expect(momentsOf(sumsOf([]))).toBeNull();
  });

  it("never returns a negative variance for identical values", () => {
    expect(momentsOf(sumsOf([0.1, 0.1, 0.1]))?.variance).toBeGreaterThanOrEqual(0);
  });

  it("subtracts one group from a total", () => {
    expect(subtractSums(sumsOf([1, 2, 3, 10]), sumsOf([10]))).toEqual(sumsOf([1, 2, 3]));
  });
});

describe("welchMeanDifference", () => {
  it("matches Welch's t-test as scipy computes it", () => {
    // scipy.stats.ttest_ind(a, b, equal_var=False): t = 4.4374, p = 0.0022689; Welch–Satterthwaite
    // df = 7.86394; 95% interval with scipy.stats.t.ppf(0.975, df): 1.953328 to 6.206672.
    const a = momentsOf(sumsOf([19.1, 21.4, 20.2, 22.8, 18.9]));
    const b = momentsOf(sumsOf([15.2, 17.9, 16.4, 14.8, 18.1, 16.0]));
    if (!a || !b) throw new Error("no moments");
    const result = welchMeanDifference(a, b);
    expect(result?.difference).toBeCloseTo(20.48 - 16.4, 10);
    expect(result?.degreesOfFreedom).toBeCloseTo(7.863945, 5);
    expect(result?.low).toBeCloseTo(1.953328, 5);
    expect(result?.high).toBeCloseTo(6.206672, 5);
    expect(result?.pValue).toBeCloseTo(0.0022689, 6);
  });

  it("is symmetric: swapping the groups flips the interval", () => {
    const a = { n: 12, mean: 81, variance: 90 };
    const b = { n: 40, mean: 75, variance: 140 };
    const ab = welchMeanDifference(a, b);
    const ba = welchMeanDifference(b, a);
    expect(ab?.low).toBeCloseTo(-(ba?.high ?? 0), 10);
    expect(ab?.pValue).toBeCloseTo(ba?.pValue ?? 0, 10);
  });

  it("needs two observations on each side", () => {
    expect(welchMeanDifference({ n: 1, mean: 90, variance: null }, { n: 30, mean: 70, variance: 100 })).toBeNull();
  });

  it("collapses to the difference when neither side varies", () => {
    expect(welchMeanDifference({ n: 3, mean: 90, variance: 0 }, { n: 3, mean: 90, variance: 0 })).toEqual({
      difference: 0,
      low: 0,
      high: 0,
      degreesOfFreedom: null,
      pValue: 1,
    });
  });
});
