import { type CompiledPattern, compilePattern, findPhrases, literalPattern } from "./patterns";
import { type FoldedText, foldText } from "./text";
import type { Language, PhraseFeature } from "./types";

/**
 * Phrases an agent must never write (seed 002: «una lista de frases que nunca se deben usar», e.g.
 * «eso no nos compete»). Admins replace these per language.
 */
export const DEFAULT_FORBIDDEN_PHRASES: Readonly<Record<Language, readonly string[]>> = {
  es: ["eso no nos compete", "no es mi problema", "ya se lo he dicho", "cálmese"],
  en: ["calm down", "that's not our department", "not my problem", "as I already said"],
};

/** Compiled once per list: the same (default or saved) list is checked against every agent message. */
const compiledLists = new WeakMap<readonly string[], CompiledPattern[]>();

function compiledList(phrases: readonly string[]): CompiledPattern[] {
  let compiled = compiledLists.get(phrases);
  if (compiled === undefined) {
    compiled = phrases.filter((phrase) => phrase.trim().length > 0).map((phrase) => compilePattern(literalPattern(phrase)));
    compiledLists.set(phrases, compiled);
  }
  return compiled;
}

/**
 * Occurrences of the forbidden phrases, whole words only, ignoring case, accents, apostrophe style and
 * spacing («YA SE LO HE DICHO», «Cálmese» or «calmese», "That’s not our department"). Each match names the
 * configured phrase in `rule` and its span in the message.
 */
export function detectForbiddenPhrases(
  body: string,
  lang: Language,
  phrases: readonly string[] = DEFAULT_FORBIDDEN_PHRASES[lang],
  folded: FoldedText = foldText(body),
): PhraseFeature {
  const matches = findPhrases(folded, compiledList(phrases));
  return { present: matches.length > 0, matches };
}
