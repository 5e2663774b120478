import { describe, expect, it } from "vitest";
import { isInQuestion, isNegated, prepareForMatching, quotedRanges, sentenceAround, toOriginal } from "./matchable-text";

describe("prepareForMatching", () => {
  it("folds accents and case and collapses letters typed three or more times, keeping offsets into the body", () => {
    const body = "Sigooo ESPERANDOOO la devolución";
    const text = prepareForMatching(body, "es");
    expect(text.folded).toBe("sigo esperando la devolucion");
    const start = text.folded.indexOf("esperando");
    expect(toOriginal(text, start, start + "esperando".length).text).toBe("ESPERANDOOO");
  });

  it("keeps double letters, which are spelling", () => {
    expect(prepareForMatching("llevo horrible", "es").folded).toBe("llevo horrible");
    expect(prepareForMatching("I've been waiting", "en").folded).toBe("i've been waiting");
  });

  it("corrects a long cue word one typo away and points the evidence at what was typed", () => {
    const spanish = prepareForMatching("quiero hablar con tu superbisor", "es");
    expect(spanish.folded).toBe("quiero hablar con tu supervisor");
    const start = spanish.folded.indexOf("supervisor");
    expect(toOriginal(spanish, start, start + "supervisor".length).text).toBe("superbisor");
    expect(prepareForMatching("let me speak to your manger", "en").folded).toBe("let me speak to your manager");
    expect(prepareForMatching("totally unaceptable", "en").folded).toBe("totally unacceptable");
  });

  it("leaves real words near a cue word alone", () => {
    expect(prepareForMatching("lo esperado", "es").folded).toBe("lo esperado");
    expect(prepareForMatching("I managed to log in", "en").folded).toBe("i managed to log in");
    expect(prepareForMatching("the manger scene", "es").folded).toBe("the manger scene");
  });
});

describe("quotedRanges", () => {
  it("covers an email's quoted reply from its header to the end", () => {
    const body =
      "Gracias, ya está.\n\nEl lun, 19 may 2025 a las 17:02, Soporte <ayuda@tienda.es> escribió:\n> Sentimos que sea la tercera vez.";
    const [range] = quotedRanges(body);
    expect(body.slice(range.start)).toMatch(/^El lun/);
    expect(range.end).toBe(body.length);
    const english = "Thanks!\n\nOn Wed, 7 May 2025 at 16:40, Support <help@shop.co.uk> wrote:\n> third time";
    expect(english.slice(quotedRanges(english)[0].start)).toMatch(/^On Wed/);
  });

  it("covers '>' lines and words in quotation marks, not the customer's own text", () => {
    const body = 'Mi hijo dice que "sois unos ladrones" pero yo no.\n> línea citada\nFin';
    const texts = quotedRanges(body).map((range) => body.slice(range.start, range.end));
    expect(texts).toEqual(['"sois unos ladrones"', "> línea citada"]);
    const typographic = "«servicios premium» y “otra cosa”";
    expect(quotedRanges(typographic).map((range) => typographic.slice(range.start, range.end))).toEqual([
      "«servicios premium»",
      "“otra cosa”",
    ]);
  });
});

describe("isNegated", () => {
  const negatedAt = (body: string, cue: string, language: "es" | "en") => {
    const text = prepareForMatching(body, language);
    return isNegated(text, text.folded.indexOf(cue), language);
  };

  it("sees a negator among the three words before the cue", () => {
    expect(negatedAt("No me voy a dar de baja, tranquila", "me voy a dar de baja", "es")).toBe(true);
    expect(negatedAt("I don't need to speak to a manager", "speak to a manager", "en")).toBe(true);
    expect(negatedAt("I do not want to speak to a manager", "speak to a manager", "en")).toBe(true);
  });

  it("does not reach past the clause or further than three words", () => {
    expect(negatedAt("No, me doy de baja", "me doy de baja", "es")).toBe(false);
    expect(negatedAt("It's not the price but I'm cancelling", "i'm cancelling", "en")).toBe(false);
    expect(negatedAt("I never thought I would say it but speak to a manager", "speak to a manager", "en")).toBe(false);
  });

  it("treats a negator inside a condition as part of the threat", () => {
    expect(negatedAt("si no me lo arregláis me doy de baja", "me doy de baja", "es")).toBe(false);
    expect(negatedAt("como no me lo solucionéis hoy me doy de baja", "me doy de baja", "es")).toBe(false);
    expect(negatedAt("if it's not fixed I'm cancelling", "i'm cancelling", "en")).toBe(false);
  });
});

describe("sentences and questions", () => {
  it("finds the sentence around a span and whether it asks", () => {
    const text = prepareForMatching("Hola. ¿Es una estafa este SMS? Esto es una estafa.", "es");
    const asked = text.folded.indexOf("es una estafa");
    const accused = text.folded.lastIndexOf("esto es una estafa");
    expect(sentenceAround(text, asked, asked + 13)).toBe(" ¿es una estafa este sms");
    expect(isInQuestion(text, asked, asked + 13)).toBe(true);
    expect(isInQuestion(text, accused, accused + 18)).toBe(false);
    const english = prepareForMatching("Is this a scam? I think so", "en");
    expect(isInQuestion(english, 8, 14)).toBe(true);
  });
});
