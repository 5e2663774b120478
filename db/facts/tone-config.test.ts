import { describe, expect, it } from "vitest";
import {
  DEFAULT_TONE_CONFIG,
  dedupePhrases,
  forbiddenPhraseListSchema,
  forbiddenPhrasesSchema,
  MAX_FORBIDDEN_PHRASE_LENGTH,
  MAX_FORBIDDEN_PHRASES,
  parsePhraseLines,
} from "./tone-config";

describe("forbidden-phrase lists", () => {
  it("default to the built-in lists per language", () => {
    expect(DEFAULT_TONE_CONFIG.version).toBe(1);
    expect(DEFAULT_TONE_CONFIG.forbiddenPhrases.es).toContain("eso no nos compete");
    expect(DEFAULT_TONE_CONFIG.forbiddenPhrases.en).toContain("that's not our department");
  });

  it("trims phrases and drops duplicates that differ only in case, accents, apostrophes or spacing", () => {
    expect(forbiddenPhraseListSchema.parse(["  Cálmese ", "calmese", "CÁLMESE", "no es mi  problema", "No es mi problema"])).toEqual([
      "Cálmese",
      "no es mi  problema",
    ]);
    expect(dedupePhrases(["that's not our department", "That’s not our department"])).toEqual(["that's not our department"]);
  });

  it("refuses empty, punctuation-only and over-long phrases, and too many phrases", () => {
    expect(forbiddenPhraseListSchema.safeParse(["   "]).success).toBe(false);
    expect(forbiddenPhraseListSchema.safeParse(["!!!"]).success).toBe(false);
    expect(forbiddenPhraseListSchema.safeParse(["a".repeat(MAX_FORBIDDEN_PHRASE_LENGTH + 1)]).success).toBe(false);
    expect(forbiddenPhraseListSchema.safeParse(["a".repeat(MAX_FORBIDDEN_PHRASE_LENGTH)]).success).toBe(true);
    const many = Array.from({ length: MAX_FORBIDDEN_PHRASES + 1 }, (_, index) => `frase ${index}`);
    expect(forbiddenPhraseListSchema.safeParse(many).success).toBe(false);
    // Duplicates do not count towards the limit.
    expect(forbiddenPhraseListSchema.safeParse([...many.slice(0, MAX_FORBIDDEN_PHRASES), "FRASE 0"]).success).toBe(true);
  });

  it("accepts an empty list for a language, but both languages are required", () => {
    expect(forbiddenPhrasesSchema.parse({ es: [], en: ["calm down"] })).toEqual({ es: [], en: ["calm down"] });
    expect(forbiddenPhrasesSchema.safeParse({ es: [] }).success).toBe(false);
  });
});

describe("parsePhraseLines", () => {
  it("reads one phrase per line, skipping blank lines and duplicates", () => {
    expect(parsePhraseLines("eso no nos compete\r\n\n  no es mi problema  \nESO NO NOS COMPETE\n")).toEqual({
      ok: true,
      phrases: ["eso no nos compete", "no es mi problema"],
    });
    expect(parsePhraseLines("")).toEqual({ ok: true, phrases: [] });
  });

  it("names every invalid line", () => {
    const result = parsePhraseLines(`calm down\n...\n\n${"x".repeat(MAX_FORBIDDEN_PHRASE_LENGTH + 5)}\nnot my problem`);
    expect(result).toEqual({
      ok: false,
      tooMany: false,
      errors: [
        { line: 2, issue: "no_words" },
        { line: 4, issue: "too_long" },
      ],
    });
  });

  it("refuses more phrases than the limit", () => {
    const text = Array.from({ length: MAX_FORBIDDEN_PHRASES + 1 }, (_, index) => `phrase ${index}`).join("\n");
    expect(parsePhraseLines(text)).toMatchObject({ ok: false, tooMany: true, errors: [] });
  });
});
