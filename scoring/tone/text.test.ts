import { describe, expect, it } from "vitest";
import { findEmoji, foldText, originalSpan, sentences, words } from "./text";

describe("foldText", () => {
  it("folds case, accents and apostrophes and collapses whitespace, keeping offsets into the original", () => {
    const original = "¡Cálmese,\n\n  SEÑORA! That’s it";
    const folded = foldText(original);
    expect(folded.folded).toBe("¡calmese, senora! that's it");
    const start = folded.folded.indexOf("senora");
    expect(originalSpan(folded, start, start + "senora".length).text).toBe("SEÑORA");
    const apostrophe = folded.folded.indexOf("that's");
    expect(originalSpan(folded, apostrophe, apostrophe + 6).text).toBe("That’s");
  });

  it("keeps a separately typed accent with its letter", () => {
    const decomposed = "cálmese".normalize("NFD");
    const folded = foldText(decomposed);
    expect(folded.folded).toBe("calmese");
    expect(originalSpan(folded, 0, folded.folded.length).text).toBe(decomposed);
  });
});

describe("words", () => {
  it("counts words with inner apostrophes and hyphens once", () => {
    expect(words("Don't worry, the e-mail is on its way! 😊").map((word) => word.text)).toEqual([
      "Don't",
      "worry",
      "the",
      "e-mail",
      "is",
      "on",
      "its",
      "way",
    ]);
  });
});

describe("sentences", () => {
  it("splits on terminal punctuation and line breaks, not on abbreviations, decimals or domains", () => {
    const text = "Hola Sr. García. Le reembolsamos 3.5 € en www.tienda.es!! ¿Le llegó?\nGracias";
    expect(sentences(text).map((sentence) => [sentence.text, sentence.kind])).toEqual([
      ["Hola Sr. García.", "."],
      ["Le reembolsamos 3.5 € en www.tienda.es!!", "!"],
      ["¿Le llegó?", "?"],
      ["Gracias", "."],
    ]);
  });

  it("ignores pieces without words", () => {
    expect(sentences("👍\n\n...")).toEqual([]);
  });
});

describe("findEmoji", () => {
  it("counts skin tones, ZWJ families, flags and keycaps once, and text emoticons", () => {
    const text = "Listo 👍🏽 👨‍👩‍👧 🇪🇸 1️⃣ :) ❤️";
    expect(findEmoji(text).map((emoji) => emoji.text)).toEqual(["👍🏽", "👨‍👩‍👧", "🇪🇸", "1️⃣", ":)", "❤️"]);
  });

  it("does not count text-style symbols", () => {
    expect(findEmoji("Marca® y Producto™ © 2025")).toEqual([]);
  });
});
