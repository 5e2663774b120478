const STRONG_VOWELS = new Set(["a", "e", "o", "á", "é", "ó"]);
const ACCENTED_WEAK_VOWELS = new Set(["í", "ú"]);
const WEAK_VOWELS = new Set(["i", "u", "ü", "í", "ú", "y"]);
const PLAIN = new Map([
  ["í", "i"],
  ["ú", "u"],
  ["ü", "u"],
]);

const isVowelLetter = (char: string | undefined) =>
  char !== undefined && (STRONG_VOWELS.has(char) || (WEAK_VOWELS.has(char) && char !== "y"));

/**
 * Two adjacent vowels are in separate syllables (hiatus) when both are strong (a, e, o: «le-er»,
 * «po-e-ta»), when a stressed í/ú meets a strong vowel («dí-a», «ba-úl», «re-ír»), or when the same weak
 * vowel repeats («chi-i-ta»). Anything else is a diphthong («ciu-dad», «cui-da-do», «hue-vo»); a weak
 * + strong + weak run is a triphthong («U-ru-guay», «a-ve-ri-guáis») since neither pair is a hiatus.
 */
function isHiatus(first: string, second: string): boolean {
  if (STRONG_VOWELS.has(first) && STRONG_VOWELS.has(second)) return true;
  if (ACCENTED_WEAK_VOWELS.has(first) && STRONG_VOWELS.has(second)) return true;
  if (STRONG_VOWELS.has(first) && ACCENTED_WEAK_VOWELS.has(second)) return true;
  const plainFirst = PLAIN.get(first) ?? first;
  const plainSecond = PLAIN.get(second) ?? second;
  return !STRONG_VOWELS.has(first) && !STRONG_VOWELS.has(second) && plainFirst === plainSecond;
}

/**
 * Syllables of one Spanish word, by counting vowel nuclei:
 * - "h" is transparent between vowels («ahu-ma-do», «bú-ho», «prohi-bir»);
 * - the "u" of "qu" and of "gue"/"gui" is silent («que-so», «gue-rra»), but "ü" is not («pin-güi-no»);
 * - "y" is a vowel at the end of a word or before a consonant («muy», «hoy», «rey»), a consonant
 *   before a vowel («re-yes»);
 * - adjacent vowels split only at a hiatus (see isHiatus), which is why the written accent matters:
 *   «con-ti-nú-a» has four syllables, «con-ti-nua» three. A text typed without accents loses that
 *   distinction and counts the diphthong.
 * A word with letters but no vowel (an acronym such as "SMS") counts one syllable; digits count one.
 */
export function countSpanishSyllables(word: string): number {
  const letters = [...word.toLowerCase()].filter((char) => /\p{L}/u.test(char) && char !== "h");
  if (letters.length === 0) return /\p{N}/u.test(word) ? 1 : 0;
  const nuclei: Array<string | null> = letters.map((char, index) => {
    const previous = letters[index - 1];
    const next = letters[index + 1];
    if (char === "u" && (previous === "q" || (previous === "g" && (next === "e" || next === "i" || next === "é" || next === "í")))) {
      return null;
    }
    if (char === "y") return letters.length === 1 || !isVowelLetter(next) ? "y" : null;
    return STRONG_VOWELS.has(char) || WEAK_VOWELS.has(char) ? char : null;
  });
  let syllables = 0;
  let previousVowel: string | null = null;
  for (const vowel of nuclei) {
    if (vowel === null) {
      previousVowel = null;
      continue;
    }
    if (previousVowel === null || isHiatus(previousVowel, vowel)) syllables += 1;
    previousVowel = vowel;
  }
  return Math.max(syllables, 1);
}

/**
 * English syllables by heuristic (no dictionary): count vowel groups, then drop a silent final "e"
 * ("make"), a silent "-es"/"-ed" ("makes", "liked", but "boxes", "wanted"), a silent "e" before a
 * suffix ("lately", "statement"), and keep "-le" after a consonant ("table"). Expect an error of about
 * one syllable on irregular words; the Flesch score averages it out over a message.
 */
export function countEnglishSyllables(word: string): number {
  const letters = word.toLowerCase().replace(/[^a-z]/g, "");
  if (letters.length === 0) return /\p{N}/u.test(word) ? 1 : 0;
  if (letters.length <= 3) return 1;
  let stem = letters;
  if (/[^aeiouy]ed$/.test(stem) && !/[td]ed$/.test(stem)) stem = stem.slice(0, -2);
  else if (/[^aeiouy]es$/.test(stem) && !/(?:[sxz]|ch|sh|[cg])es$/.test(stem)) stem = stem.slice(0, -2);
  else if (/[^aeiouy]e$/.test(stem) && !/[^aeiouy]le$/.test(stem)) stem = stem.slice(0, -1);
  const groups = stem.replace(/^y/, "").match(/[aeiouy]+/g)?.length ?? 0;
  const silentBeforeSuffix = stem.match(/[aeiouy][^aeiouy]e(?=ly|ments?|ful|ness|less)/g)?.length ?? 0;
  return Math.max(groups - silentBeforeSuffix, 1);
}
