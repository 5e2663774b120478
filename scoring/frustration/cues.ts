import { type Evidence, findEmoji, type Language } from "../tone";
import { ANY_THANKS, CUE_PATTERNS, type CuePattern, PLEASED_EMOJI, WARM_THANKS } from "./lexicon";
import {
  isInQuestion,
  isNegated,
  type MatchableText,
  overlapsAny,
  prepareForMatching,
  quotedRanges,
  sentenceAround,
  toOriginal,
} from "./matchable-text";
import type { CueMatch } from "./types";

interface CompiledCue {
  pattern: CuePattern;
  regex: RegExp;
  unlessInSentence: RegExp | null;
}

const wholeWords = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, "gu");

function compileCue(pattern: CuePattern): CompiledCue {
  return {
    pattern,
    regex: wholeWords(pattern.source),
    unlessInSentence: pattern.unlessInSentence === undefined ? null : new RegExp(pattern.unlessInSentence, "u"),
  };
}

const COMPILED_CUES: Record<Language, CompiledCue[]> = { es: CUE_PATTERNS.es.map(compileCue), en: CUE_PATTERNS.en.map(compileCue) };

const COMPILED_WARM_THANKS: Record<Language, RegExp> = { es: wholeWords(WARM_THANKS.es), en: wholeWords(WARM_THANKS.en) };
const COMPILED_ANY_THANKS: Record<Language, RegExp> = { es: wholeWords(ANY_THANKS.es), en: wholeWords(ANY_THANKS.en) };

interface FoundCue {
  pattern: CuePattern;
  start: number;
  end: number;
}

/** Earliest first, the longer of two at the same place: one phrase is one cue, even if two entries match it. */
function withoutOverlaps(found: FoundCue[]): FoundCue[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: FoundCue[] = [];
  let keptEnd = -1;
  for (const cue of sorted) {
    if (cue.start < keptEnd) continue;
    kept.push(cue);
    keptEnd = cue.end;
  }
  return kept;
}

export interface CueDetection {
  cues: CueMatch[];
  text: MatchableText;
}

/**
 * Escalation cues in one customer message, each with its span in `body`. Text the customer quotes (an
 * email's quoted reply, words in quotation marks) is skipped; negatable cues with a negator just before
 * them, and accusations inside a question, do not count.
 */
export function detectEscalationCues(body: string, language: Language): CueMatch[] {
  return detectWithText(body, language).cues;
}

export function detectWithText(body: string, language: Language): CueDetection {
  const text = prepareForMatching(body, language);
  const quoted = quotedRanges(body);
  const found: FoundCue[] = [];
  for (const { pattern, regex, unlessInSentence } of COMPILED_CUES[language]) {
    for (const match of text.folded.matchAll(regex)) {
      const start = match.index;
      const end = start + match[0].length;
      if (end === start) continue;
      const span = toOriginal(text, start, end);
      if (overlapsAny(span, quoted)) continue;
      if (pattern.negatable === true && isNegated(text, start, language)) continue;
      if (pattern.notInQuestion === true && isInQuestion(text, start, end)) continue;
      if (unlessInSentence?.test(sentenceAround(text, start, end))) continue;
      found.push({ pattern, start, end });
    }
  }
  const cues = withoutOverlaps(found).map(({ pattern, start, end }) => ({
    kind: pattern.kind,
    rule: pattern.rule,
    ...toOriginal(text, start, end),
  }));
  return { cues, text };
}

/** The first warm thanks in a message that is the customer's own (not quoted): «mil gracias», "thank you so much". */
export function findWarmThanks(body: string, language: Language): Evidence | null {
  const text = prepareForMatching(body, language);
  const quoted = quotedRanges(body);
  for (const match of text.folded.matchAll(COMPILED_WARM_THANKS[language])) {
    const span = toOriginal(text, match.index, match.index + match[0].length);
    if (!overlapsAny(span, quoted)) return span;
  }
  return null;
}

/**
 * Thanks or a pleased emoji in the customer's own words: «¡¡¡ME ENCANTA!!! 😍» and "IT ARRIVED!!! thank
 * youuu" are excitement, so capitals and "!!!" in such a message are not read as shouting.
 */
export function soundsPleased(body: string, language: Language): Evidence | null {
  const quoted = quotedRanges(body);
  const emoji = findEmoji(body).find((found) => PLEASED_EMOJI.has(found.text) && !overlapsAny(found, quoted));
  if (emoji !== undefined) return emoji;
  const text = prepareForMatching(body, language);
  for (const match of text.folded.matchAll(COMPILED_ANY_THANKS[language])) {
    const span = toOriginal(text, match.index, match.index + match[0].length);
    if (!overlapsAny(span, quoted)) return span;
  }
  return null;
}
