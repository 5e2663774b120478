import { describe, expect, it } from "vitest";
import { cohenKappa, fleissKappa, krippendorffAlpha, percentAgreement, reviewerDeviations } from "./index";

/**
 * Golden values from published worked examples, and a few computed by hand (the working is in the comments).
 */

const _ = null;

describe("Krippendorff (2011), 'Computing Krippendorff's Alpha-Reliability', https://repository.upenn.edu/asc_papers/43", () => {
  /**
   * Section C, "Nominal data, any number of observers, missing data": 4 observers (columns A–D) × 12 units,
   * values 1–5, "." missing. The paper computes the same data with the other metrics in sections D–F.
   * Unit 12 has one value only and is not pairable: n = 40 pairable values.
   */
  const exampleC = [
    [1, 1, _, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [_, 5, 5, 5],
    [_, _, 1, 1],
    [_, 3, _, _],
  ];

  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as const)("example C, %s metric: α = %s", (metric, expected) => {
    const result = krippendorffAlpha(exampleC, metric);
    expect(result.alpha).toBeCloseTo(expected, 3);
    expect(result.pairableValues).toBe(40);
    expect(result.pairableUnits).toBe(11);
    expect(result.units).toBe(12);
  });

  it("example C, nominal: D_o = 8/40 and D_e = 1216/1560, as the paper's coincidence matrix gives", () => {
    // Off-diagonal coincidences sum to 8 (unit 2: 2/3·3 = 2, unit 6: 4·3/3 = 4, unit 8: 2): D_o = 8 / 40.
    const result = krippendorffAlpha(exampleC, "nominal");
    expect(result.observedDisagreement).toBeCloseTo(8 / 40, 10);
    // n_c = 9, 13, 10, 5, 3 → D_e = (40² − Σn_c²) / (40 · 39) = (1600 − 384) / 1560; α = 1 − 0.2 / 0.7795 = 0.743.
    expect(result.expectedDisagreement).toBeCloseTo(1216 / 1560, 10);
  });

  /**
   * Section A, "Binary data, two observers, no missing data": 10 units.
   * Observer A: 0 1 0 0 0 0 0 0 1 0; observer B: 1 1 1 0 0 1 0 0 0 0. α = 0.095.
   * By hand: o_01 = o_10 = 4, n_0 = 14, n_1 = 6, n = 20: α = 1 − (n − 1) o_01 / (n_0 n_1) = 1 − 76/84 = 0.0952.
   */
  it("example A, binary, two observers: α = 0.095", () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const result = krippendorffAlpha(
      a.map((value, index) => [value, b[index]]),
      "nominal",
    );
    expect(result.alpha).toBeCloseTo(1 - 76 / 84, 12);
    expect(result.alpha).toBeCloseTo(0.095, 3);
  });
});

describe("Fleiss (1971), 'Measuring nominal scale agreement among many raters', as worked in Wikipedia's 'Fleiss' kappa'", () => {
  // 10 subjects, 14 raters each, 5 categories: P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
  const counts = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  it("κ = 0.210", () => {
    const result = fleissKappa(counts);
    expect(result?.observed).toBeCloseTo(0.378, 3);
    expect(result?.expected).toBeCloseTo(0.213, 3);
    expect(result?.kappa).toBeCloseTo(0.21, 3);
  });
});

describe("Cohen's kappa, the two-reader example of Wikipedia's 'Cohen's kappa'", () => {
  // 50 grant proposals: both yes 20, both no 15, A yes / B no 5, A no / B yes 10.
  // p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2 / 0.5 = 0.4.
  it("κ = 0.4", () => {
    const a = [...Array(20).fill("yes"), ...Array(15).fill("no"), ...Array(5).fill("yes"), ...Array(10).fill("no")];
    const b = [...Array(20).fill("yes"), ...Array(15).fill("no"), ...Array(5).fill("no"), ...Array(10).fill("yes")];
    const result = cohenKappa(a, b);
    expect(result?.observed).toBeCloseTo(0.7, 12);
    expect(result?.expected).toBeCloseTo(0.5, 12);
    expect(result?.kappa).toBeCloseTo(0.4, 12);
  });
});

describe("by hand", () => {
  it("percent agreement: the mean over units of the share of agreeing pairs", () => {
    // Unit 1: (4, 4, 4) → 3 of 3 pairs; unit 2: (4, 4, 2) → 1 of 3; unit 3: (3, N/A, 1) → 0 of 1; unit 4: one value, left out.
    // Mean = (1 + 1/3 + 0) / 3 = 0.4444; pooled 4 of 7 pairs.
    const result = percentAgreement([
      [4, 4, 4],
      [4, 4, 2],
      [3, _, 1],
      [_, 5, _],
    ]);
    expect(result.agreement).toBeCloseTo(4 / 9, 12);
    expect(result).toMatchObject({ units: 3, pairs: 7, agreeingPairs: 4 });
  });

  it("deviation from the consensus, leave-one-out and with a reference", () => {
    const scores = [
      [80, 70, 90],
      [60, 50, _],
      [100, 90, 95],
    ];
    // Leave-one-out, reviewer 0: 80 − 80 = 0; 60 − 50 = 10; 100 − 92.5 = 7.5 → mean 5.8333, absolute 5.8333.
    // Reviewer 1: 70 − 85 = −15; 50 − 60 = −10; 90 − 97.5 = −7.5 → mean −10.8333.
    // Reviewer 2: 90 − 75 = 15; (none); 95 − 95 = 0 → mean 7.5 over 2.
    const [r0, r1, r2] = reviewerDeviations(scores);
    expect(r0.meanDeviation).toBeCloseTo(17.5 / 3, 10);
    expect(r1.meanDeviation).toBeCloseTo(-32.5 / 3, 10);
    expect(r1.meanAbsoluteDeviation).toBeCloseTo(32.5 / 3, 10);
    expect(r2).toMatchObject({ units: 2, meanDeviation: 7.5 });
    // Reference = reviewer 2: reviewer 0 → 80 − 90 = −10, 100 − 95 = 5 → mean −2.5, absolute 7.5.
    const withReference = reviewerDeviations(scores, { reference: 2 });
    expect(withReference[0]).toMatchObject({ units: 2, meanDeviation: -2.5, meanAbsoluteDeviation: 7.5 });
    expect(withReference[2]).toMatchObject({ isReference: true, units: 0, meanDeviation: null });
  });
});
