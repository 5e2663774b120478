import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customerNameTokens, detectCustomerName } from "./customer-name";
import { foldText, originalSpan } from "./text";

describe("customerNameTokens", () => {
  it("keeps given names and surnames, folded, without particles", () => {
    expect(customerNameTokens("María José de la Fuente Núñez")).toEqual(["maria", "jose", "fuente", "nunez"]);
  });
});

describe("detectCustomerName", () => {
  it.each([
    ["Hola, María, ya está solucionado.", "María José Fernández", ["María"]],
    ["Hola Maria, ya esta solucionado.", "María José Fernández", ["Maria"]],
    ["Buenos días, Sra. Fernández.", "María José Fernández", ["Fernández"]],
    ["Thanks, Bill! Your bill is attached.", "Bill Evans", ["Bill"]],
    ["hola maria, ya lo tienes", "María Pérez", ["maria"]],
  ])("%s (%s)", (body, name, expected) => {
    const result = detectCustomerName(body, name);
    expect(result.matches.map((match) => match.text)).toEqual(expected);
    for (const match of result.matches) expect(body.slice(match.start, match.end)).toBe(match.text);
  });

  it.each([
    ["Your bill is attached.", "Bill Evans"],
    ["La camiseta rosa está agotada.", "Rosa Martín"],
    ["Hola, ya está solucionado.", "María Pérez"],
    ["Hola Marta", null],
  ])("does not trigger: %s (%s)", (body, name) => {
    expect(detectCustomerName(body, name).present).toBe(false);
  });
});

describe("detectCustomerName against a regex alternation of the name's tokens", () => {
  /** The definition the implementation must keep: leftmost-longest whole-word matches in the folded text. */
  function reference(body: string, name: string): string[] {
    const tokens = customerNameTokens(name).sort((a, b) => b.length - a.length);
    if (tokens.length === 0) return [];
    const alternation = tokens.map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
    const regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, "gu");
    const folded = foldText(body);
    const lowerCase = body === body.toLowerCase();
    return [...folded.folded.matchAll(regex)]
      .map((match) => originalSpan(folded, match.index, match.index + match[0].length).text)
      .filter((text) => text[0] !== text[0].toLowerCase() || lowerCase);
  }

  it("finds the same mentions on random text made of name parts, other words and punctuation", () => {
    const piece = fc.constantFrom("Ana", "ana", "Anabel", "María", "maria", "José", "de", "la", "Ñúñez", "nunez", "Sr.", "x", "1", "😀", " ", ", ", "¡", "!", "-", "'");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.constantFrom("Ana María Núñez", "José de la Ana", "Anabel Ana", "María-José Ana"), (parts, name) => {
        const body = parts.join("");
        expect(detectCustomerName(body, name).matches.map((match) => match.text)).toEqual(reference(body, name));
      }),
      { numRuns: 500 },
    );
  });
});
