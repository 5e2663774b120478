import { describe, expect, it } from "vitest";
import { quotedRanges } from "./matchable-text";
import { findPunctuationRuns, measureShouting } from "./shouting";

describe("measureShouting", () => {
  it("flags a message written mostly in capitals and measures the share", () => {
    const shout = measureShouting("ESO MISMO ME DIJERON LA SEMANA PASADA Y SIGO IGUAL", 4);
    expect(shout?.messageIndex).toBe(4);
    expect(shout?.uppercaseShare).toBe(1);
    expect(shout?.countedWords).toBe(7);
    expect(shout?.spans[0].text).toBe("ESO MISMO ME DIJERON LA SEMANA PASADA Y SIGO IGUAL");
  });

  it("flags a run of three all-caps words inside an otherwise normal message", () => {
    const body = "I have been charged again for a service I CANCELLED IN MARCH. FIX THIS NOW.";
    const shout = measureShouting(body, 0);
    expect(shout?.longestCapsRun).toBe(5);
    expect(shout?.spans.map((span) => span.text)).toEqual(["CANCELLED IN MARCH. FIX THIS NOW"]);
    expect(shout?.uppercaseShare).toBeLessThan(0.6);
  });

  it("ignores acronyms, ids and short words", () => {
    expect(measureShouting("Mi DNI es 12345678Z y el IBAN ES7620770024003102575766, lo mando por SMS", 0)).toBeNull();
    expect(measureShouting("Please check order AB-99812 and the PDF I sent via the URL", 0)).toBeNull();
    expect(measureShouting("SI, GRACIAS", 0)).toBeNull();
    expect(measureShouting("OK", 0)).toBeNull();
    expect(measureShouting("STILL no engineer. Was told 8-12.", 0)).toBeNull();
  });

  it("does not count quoted text", () => {
    const body = 'The sign said "NO ENTRY AFTER SIX PM" so I came back the next day, all fine';
    expect(measureShouting(body, 0)).not.toBeNull();
    expect(measureShouting(body, 0, quotedRanges(body))).toBeNull();
  });

  it("counts accented capitals in Spanish", () => {
    expect(measureShouting("QUÉ VERGÜENZA DE ATENCIÓN AL CLIENTE", 0)?.uppercaseShare).toBe(1);
  });
});

describe("findPunctuationRuns", () => {
  it("finds runs of three or more ! or ?, in either language", () => {
    expect(findPunctuationRuns("10 días hábiles??? nadie me dijo eso", 2)).toEqual([{ messageIndex: 2, start: 15, end: 18, text: "???" }]);
    expect(findPunctuationRuns("¡¡¡Me encantó!!! y ?!?!", 0).map((run) => run.text)).toEqual(["¡¡¡", "!!!", "?!?!"]);
  });

  it("ignores one or two marks and quoted text", () => {
    expect(findPunctuationRuns("Hola!! ¿hacéis envíos a Canarias??", 0)).toEqual([]);
    const body = 'El cartel decía "¡¡¡OFERTA!!!" y la aplicaron bien';
    expect(findPunctuationRuns(body, 0, quotedRanges(body))).toEqual([]);
  });
});
