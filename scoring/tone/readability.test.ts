import { describe, expect, it } from "vitest";
import { infleszBand, measureReadability } from "./readability";

describe("Spanish readability", () => {
  it("computes Fernández-Huerta and Szigriszt-Pazos from syllables, words and sentences", () => {
    // el(1) pe-di-do(3) lle-ga(2) ma-ña-na(3): 9 syllables, 4 words, 1 sentence.
    const result = measureReadability("El pedido llega mañana.", "es");
    expect(result).toMatchObject({ lang: "es", words: 4, sentences: 1, syllables: 9 });
    if (result.lang !== "es") throw new Error("expected Spanish readability");
    expect(result.fernandezHuerta).toBeCloseTo(206.84 - 60 * (9 / 4) - 1.02 * 4, 6);
    expect(result.szigrisztPazos).toBeCloseTo(206.835 - 62.3 * (9 / 4) - 4, 6);
    expect(result.inflesz).toBe("normal");
  });

  it("scores a plain chat answer easier than bureaucratic prose", () => {
    const plain = measureReadability("Ya está. Te llega mañana. ¿Algo más?", "es");
    const dense = measureReadability(
      "Le comunicamos que, de conformidad con la normativa vigente en materia de protección de datos personales, la documentación acreditativa deberá remitirse cumplimentada íntegramente.",
      "es",
    );
    if (plain.lang !== "es" || dense.lang !== "es") throw new Error("expected Spanish readability");
    expect(plain.szigrisztPazos).toBeGreaterThan(80);
    expect(dense.szigrisztPazos).toBeLessThan(40);
    expect(plain.inflesz).toBe("muy fácil");
    expect(dense.inflesz).toBe("muy difícil");
  });

  it("maps perspicuity to the INFLESZ scale", () => {
    expect([20, 40, 54.9, 55, 65, 80, 80.1].map(infleszBand)).toEqual([
      "muy difícil",
      "algo difícil",
      "algo difícil",
      "normal",
      "bastante fácil",
      "bastante fácil",
      "muy fácil",
    ]);
  });
});

describe("English readability", () => {
  it("computes Flesch reading ease", () => {
    // your(1) refund(2) has(1) been(1) processed(2): 7 syllables, 5 words.
    const result = measureReadability("Your refund has been processed.", "en");
    expect(result).toMatchObject({ lang: "en", words: 5, sentences: 1, syllables: 7 });
    if (result.lang !== "en") throw new Error("expected English readability");
    expect(result.fleschReadingEase).toBeCloseTo(206.835 - 1.015 * 5 - 84.6 * (7 / 5), 6);
  });

  it("has no score without words", () => {
    const result = measureReadability("👍", "en");
    expect(result.words).toBe(0);
    if (result.lang !== "en") throw new Error("expected English readability");
    expect(result.fleschReadingEase).toBeNull();
  });
});
