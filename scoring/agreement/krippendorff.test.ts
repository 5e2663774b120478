import { describe, expect, it } from "vitest";
import { createRandom, uniformInt } from "../sampling/random";
import { fleissKappaOfRatings } from "./kappa";
import { type ReliabilityMatrix, alphaOfPrepared, alphaResampler, krippendorffAlpha, prepareReliabilityData } from "./krippendorff";

const _ = null;

describe("krippendorffAlpha", () => {
  it("is 1 for perfect agreement with variation, on every metric", () => {
    const matrix = [
      [1, 1, 1],
      [2, 2, _],
      [4, 4, 4],
    ];
    for (const metric of ["nominal", "ordinal", "interval", "ratio"] as const) {
      expect(krippendorffAlpha(matrix, metric).alpha).toBeCloseTo(1, 12);
    }
  });

  it("is undefined when nothing varies or nothing is pairable", () => {
    expect(
      krippendorffAlpha(
        [
          [3, 3],
          [3, 3],
        ],
        "interval",
      ),
    ).toMatchObject({ alpha: null, reason: "no_variation" });
    expect(
      krippendorffAlpha(
        [
          [3, _],
          [_, 4],
        ],
        "interval",
      ),
    ).toMatchObject({ alpha: null, reason: "no_pairable_units", pairableUnits: 0 });
    expect(krippendorffAlpha([], "nominal")).toMatchObject({ alpha: null, reason: "no_pairable_units" });
  });

  it("treats missing values (N/A) as absent: adding an empty coder or unpairable units changes nothing", () => {
    const base = [
      [1, 2],
      [3, 3],
      [2, 1],
      [4, 4],
    ];
    const padded = [...base.map((row) => [...row, _]), [_, _, 5]];
    for (const metric of ["nominal", "ordinal", "interval"] as const) {
      expect(krippendorffAlpha(padded, metric).alpha).toBeCloseTo(krippendorffAlpha(base, metric).alpha as number, 12);
    }
  });

  it("interval alpha is invariant under a linear change of scale (points ×20 + 5)", () => {
    const matrix = [
      [1, 2, 2],
      [3, 3, 4],
      [5, 4, 5],
      [2, _, 1],
    ];
    const rescaled = matrix.map((row) => row.map((value) => (value === null ? null : value * 20 + 5)));
    expect(krippendorffAlpha(rescaled, "interval").alpha).toBeCloseTo(krippendorffAlpha(matrix, "interval").alpha as number, 12);
  });

  it("ordinal alpha depends only on the order of the values, nominal only on their identity", () => {
    const matrix = [
      [1, 2, 2],
      [3, 3, 4],
      [5, 4, 5],
      [2, _, 1],
    ];
    const monotone = matrix.map((row) => row.map((value) => (value === null ? null : value ** 3 + 100)));
    expect(krippendorffAlpha(monotone, "ordinal").alpha).toBeCloseTo(krippendorffAlpha(matrix, "ordinal").alpha as number, 12);
    const relabelled = matrix.map((row) => row.map((value) => (value === null ? null : 10 - value)));
    expect(krippendorffAlpha(relabelled, "nominal").alpha).toBeCloseTo(krippendorffAlpha(matrix, "nominal").alpha as number, 12);
  });

  it("does not depend on the order of units or of coders", () => {
    const matrix = [
      [1, 2, _],
      [3, 3, 4],
      [5, 4, 5],
      [2, _, 1],
    ];
    const shuffled = [matrix[2], matrix[0], matrix[3], matrix[1]].map((row) => [row[2], row[0], row[1]]);
    expect(krippendorffAlpha(shuffled, "ordinal").alpha).toBeCloseTo(krippendorffAlpha(matrix, "ordinal").alpha as number, 12);
  });

  it("is about 0 for coders who rate at random, and negative for systematic disagreement", () => {
    const random = createRandom("alpha-random-coders");
    const noise: ReliabilityMatrix = Array.from({ length: 4000 }, () => [1 + uniformInt(random, 5), 1 + uniformInt(random, 5)]);
    expect(Math.abs(krippendorffAlpha(noise, "interval").alpha as number)).toBeLessThan(0.05);
    const opposite = [
      [1, 5],
      [5, 1],
      [2, 4],
      [4, 2],
    ];
    expect(krippendorffAlpha(opposite, "interval").alpha as number).toBeLessThan(0);
  });

  it("nominal alpha and Fleiss' kappa differ on complete data only by the small-sample term", () => {
    // With N units × m raters and nothing missing, D_o = 1 − P̄ and D_e = (1 − P̄_e) · n/(n − 1) with n = Nm,
    // so α = 1 − (1 − κ)(n − 1)/n: alpha is kappa plus (1 − κ)/n.
    const random = createRandom("alpha-vs-fleiss");
    const matrix = Array.from({ length: 300 }, () => {
      const truth = uniformInt(random, 3);
      return Array.from({ length: 4 }, () => (random() < 0.7 ? truth : uniformInt(random, 3)));
    });
    const alpha = krippendorffAlpha(matrix, "nominal").alpha as number;
    const kappa = fleissKappaOfRatings(matrix)?.kappa as number;
    const n = 300 * 4;
    expect(alpha).toBeCloseTo(1 - ((1 - kappa) * (n - 1)) / n, 12);
  });

  it("the bootstrap's fast resampler gives exactly what the full computation gives, on every metric", () => {
    const random = createRandom("resampler");
    const matrix = Array.from({ length: 12 }, () =>
      Array.from({ length: 4 }, () => (random() < 0.15 ? null : 1 + uniformInt(random, 5) * (1 + uniformInt(random, 2)))),
    );
    const prepared = prepareReliabilityData(matrix);
    for (const metric of ["nominal", "ordinal", "interval", "ratio"] as const) {
      const fast = alphaResampler(prepared, metric);
      for (let i = 0; i < 25; i++) {
        const indices = Array.from({ length: matrix.length }, () => uniformInt(random, matrix.length));
        const full = alphaOfPrepared(
          prepared.values,
          indices.map((index) => prepared.units[index]),
          metric,
        ).alpha;
        const quick = fast(indices);
        if (full === null) expect(quick).toBeNull();
        else expect(quick).toBeCloseTo(full, 9);
      }
    }
  });

  it("rejects values that are not finite numbers", () => {
    expect(() => krippendorffAlpha([[1, Number.NaN]], "nominal")).toThrow(RangeError);
  });
});
