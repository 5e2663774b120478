import { describe, expect, it } from "vitest";
import { countEnglishSyllables, countSpanishSyllables } from "./syllables";

describe("countSpanishSyllables", () => {
  it.each([
    // diphthongs, including weak + weak
    ["ciudad", 2],
    ["cuidado", 3],
    ["huevo", 2],
    ["agua", 2],
    ["atención", 3],
    ["construcción", 3],
    // hiatus: two strong vowels
    ["poeta", 3],
    ["aéreo", 4],
    // hiatus: stressed í / ú next to a strong vowel
    ["día", 2],
    ["país", 2],
    ["baúl", 2],
    ["reír", 2],
    ["oído", 3],
    ["leíais", 3],
    ["continúa", 4],
    ["continua", 3],
    ["actuó", 2],
    ["murciélago", 4],
    // "h" between vowels
    ["ahumado", 3],
    ["búho", 2],
    ["rehúso", 3],
    ["prohíbe", 3],
    ["ahí", 2],
    // silent u in qu / gue / gui, pronounced ü
    ["queso", 2],
    ["quiero", 2],
    ["guerra", 2],
    ["guitarra", 3],
    ["pingüino", 3],
    ["vergüenza", 3],
    // triphthongs and y
    ["Uruguay", 3],
    ["Paraguay", 3],
    ["averiguáis", 4],
    ["buey", 1],
    ["hoy", 1],
    ["muy", 1],
    ["y", 1],
    ["ya", 1],
    ["reyes", 2],
    ["electrónico", 5],
    ["SMS", 1],
    ["600", 1],
  ])("%s has %i syllables", (word, expected) => {
    expect(countSpanishSyllables(word)).toBe(expected);
  });
});

describe("countEnglishSyllables", () => {
  it.each([
    ["the", 1],
    ["make", 1],
    ["makes", 1],
    ["liked", 1],
    ["please", 1],
    ["table", 2],
    ["people", 2],
    ["wanted", 2],
    ["boxes", 2],
    ["changes", 2],
    ["refund", 2],
    ["received", 2],
    ["lately", 2],
    ["statement", 2],
    ["hopefully", 3],
    ["apologize", 4],
    ["readability", 5],
  ])("%s has %i syllables", (word, expected) => {
    expect(countEnglishSyllables(word)).toBe(expected);
  });
});
