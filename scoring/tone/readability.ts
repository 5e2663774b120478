import { countEnglishSyllables, countSpanishSyllables } from "./syllables";
import { sentences, words } from "./text";
import type { Language } from "./types";

/** INFLESZ scale (Barrio-Cantalejo et al., 2008) for the Szigriszt-Pazos perspicuity index. */
export type InfleszBand = "muy difícil" | "algo difícil" | "normal" | "bastante fácil" | "muy fácil";

export interface TextCounts {
  words: number;
  sentences: number;
  syllables: number;
}

export interface SpanishReadability extends TextCounts {
  lang: "es";
  /** Fernández-Huerta (1959) with Law's (2011) correction; higher is easier, ~0–100. */
  fernandezHuerta: number | null;
  /** Szigriszt-Pazos perspicuity (1993); higher is easier, ~0–100. */
  szigrisztPazos: number | null;
  inflesz: InfleszBand | null;
}

export interface EnglishReadability extends TextCounts {
  lang: "en";
  /** Flesch reading ease (1948); higher is easier, ~0–100. */
  fleschReadingEase: number | null;
}

export type Readability = SpanishReadability | EnglishReadability;

export function countText(text: string, lang: Language): TextCounts {
  const tokens = words(text);
  const count = lang === "es" ? countSpanishSyllables : countEnglishSyllables;
  return {
    words: tokens.length,
    // A message with words but no sentence break is still one sentence.
    sentences: Math.max(sentences(text).length, tokens.length > 0 ? 1 : 0),
    syllables: tokens.reduce((sum, token) => sum + count(token.text), 0),
  };
}

export function infleszBand(perspicuity: number): InfleszBand {
  if (perspicuity < 40) return "muy difícil";
  if (perspicuity < 55) return "algo difícil";
  if (perspicuity < 65) return "normal";
  if (perspicuity <= 80) return "bastante fácil";
  return "muy fácil";
}

/**
 * L = 206.84 − 0.60·P − 1.02·F with P = syllables per 100 words and F = words per sentence. The formula
 * is often printed with F = sentences per 100 words, which makes shorter sentences score as harder;
 * Gwillim Law (2011) showed the original intent, which is also what the Flesch formula it adapts does.
 */
export function fernandezHuerta(counts: TextCounts): number | null {
  if (counts.words === 0 || counts.sentences === 0) return null;
  return 206.84 - 60 * (counts.syllables / counts.words) - 1.02 * (counts.words / counts.sentences);
}

/** P = 206.835 − 62.3·(syllables / words) − (words / sentences). */
export function szigrisztPazos(counts: TextCounts): number | null {
  if (counts.words === 0 || counts.sentences === 0) return null;
  return 206.835 - 62.3 * (counts.syllables / counts.words) - counts.words / counts.sentences;
}

/** 206.835 − 1.015·(words / sentences) − 84.6·(syllables / words). */
export function fleschReadingEase(counts: TextCounts): number | null {
  if (counts.words === 0 || counts.sentences === 0) return null;
  return 206.835 - 1.015 * (counts.words / counts.sentences) - 84.6 * (counts.syllables / counts.words);
}

/** Scores from counts, so a conversation can be scored over all its agent text at once. */
export function readabilityFromCounts(counts: TextCounts, lang: Language): Readability {
  if (lang === "es") {
    const perspicuity = szigrisztPazos(counts);
    return {
      lang,
      ...counts,
      fernandezHuerta: fernandezHuerta(counts),
      szigrisztPazos: perspicuity,
      inflesz: perspicuity === null ? null : infleszBand(perspicuity),
    };
  }
  return { lang, ...counts, fleschReadingEase: fleschReadingEase(counts) };
}

export function measureReadability(text: string, lang: Language): Readability {
  return readabilityFromCounts(countText(text, lang), lang);
}
