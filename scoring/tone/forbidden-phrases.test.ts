import { describe, expect, it } from "vitest";
import { DEFAULT_FORBIDDEN_PHRASES, detectForbiddenPhrases } from "./forbidden-phrases";
import type { Language } from "./types";

describe("detectForbiddenPhrases with the default lists", () => {
  it.each<[Language, string, string, string]>([
    ["es", "Eso no nos compete, tendrá que reclamar a la tienda.", "eso no nos compete", "Eso no nos compete"],
    ["es", "Esto no es mi problema sino del transportista.", "no es mi problema", "no es mi problema"],
    ["es", "YA SE LO HE DICHO: el plazo es de 14 días.", "ya se lo he dicho", "YA SE LO HE DICHO"],
    ["es", "Cálmese, por favor, que así no avanzamos.", "cálmese", "Cálmese"],
    ["es", "calmese un poco y lo vemos", "cálmese", "calmese"],
    ["es", "Ya   se lo he\ndicho antes.", "ya se lo he dicho", "Ya   se lo he\ndicho"],
    ["en", "Please calm down so I can help.", "calm down", "calm down"],
    ["en", "That’s not our department, sorry.", "that's not our department", "That’s not our department"],
    ["en", "As I already said, the refund is processed.", "as I already said", "As I already said"],
    ["en", "Honestly, it's NOT MY PROBLEM.", "not my problem", "NOT MY PROBLEM"],
  ])("%s: %s", (lang, body, rule, text) => {
    const result = detectForbiddenPhrases(body, lang);
    expect(result.present).toBe(true);
    const [match] = result.matches;
    expect(match.rule).toBe(rule);
    expect(match.text).toBe(text);
    expect(body.slice(match.start, match.end)).toBe(text);
  });

  it.each<[Language, string]>([
    ["es", "No es problema, lo gestiono yo ahora mismo."],
    ["es", "Eso sí nos compete: lo tramitamos nosotros."],
    ["es", "Le he dicho al almacén que lo envíe hoy."],
    ["en", "The calm downstairs lobby is where lockers are."],
    ["en", "That's our department, so I'll handle it."],
    ["en", "As I said on the phone, your refund is on its way."],
  ])("does not trigger: %s: %s", (lang, body) => {
    expect(detectForbiddenPhrases(body, lang).present).toBe(false);
  });
});

describe("detectForbiddenPhrases with an admin list", () => {
  it("uses the list passed in instead of the defaults", () => {
    const phrases = ["no podemos hacer nada", "  "];
    expect(detectForbiddenPhrases("Lo siento, no podemos hacer nada más.", "es", phrases).matches[0].text).toBe("no podemos hacer nada");
    expect(detectForbiddenPhrases("Cálmese, por favor.", "es", phrases).present).toBe(false);
  });

  it("finds every occurrence", () => {
    expect(detectForbiddenPhrases("Calm down. I said calm down!", "en").matches.map((match) => match.start)).toEqual([0, 18]);
  });

  it("has defaults in both languages", () => {
    expect(DEFAULT_FORBIDDEN_PHRASES.es).toContain("eso no nos compete");
    expect(DEFAULT_FORBIDDEN_PHRASES.en).toContain("that's not our department");
  });
});
