import type { Evidence } from "./types";

/**
 * Text prepared for accent- and case-insensitive matching: lower case, diacritics removed ("Cálmese" →
 * "calmese", "ñ" → "n"), typographic apostrophes made ASCII, every run of whitespace one space. Each
 * folded character remembers the span of the original it came from, so matches map back to offsets
 * a reviewer can highlight.
 */
export interface FoldedText {
  original: string;
  folded: string;
  /** originalStart[i], originalEnd[i]: the original code units behind folded character i. */
  originalStart: number[];
  originalEnd: number[];
}

const COMBINING_MARK = /\p{M}/u;
const COMBINING_MARKS = /\p{M}/gu;
const APOSTROPHES = /[’‘`´]/g;

export function foldText(original: string): FoldedText {
  let folded = "";
  const originalStart: number[] = [];
  const originalEnd: number[] = [];
  let offset = 0;
  for (const codePoint of original) {
    const start = offset;
    offset += codePoint.length;
    if (/\s/u.test(codePoint)) {
      if (folded.endsWith(" ")) {
        originalEnd[originalEnd.length - 1] = offset;
      } else {
        folded += " ";
        originalStart.push(start);
        originalEnd.push(offset);
      }
      continue;
    }
    if (COMBINING_MARK.test(codePoint)) {
      // A mark typed separately ("a" + U+0301) belongs to the character before it.
      if (originalEnd.length > 0) originalEnd[originalEnd.length - 1] = offset;
      continue;
    }
    const simplified = codePoint.normalize("NFD").replace(COMBINING_MARKS, "").toLowerCase().replace(APOSTROPHES, "'");
    for (const unit of simplified) {
      folded += unit;
      for (let index = 0; index < unit.length; index += 1) {
        originalStart.push(start);
        originalEnd.push(offset);
      }
    }
  }
  return { original, folded, originalStart, originalEnd };
}

/** Maps a [start, end) span of the folded text back to the original text. */
export function originalSpan(text: FoldedText, foldedStart: number, foldedEnd: number): Evidence {
  const start = text.originalStart[foldedStart] ?? text.original.length;
  const end = foldedEnd > foldedStart ? text.originalEnd[foldedEnd - 1] : start;
  return { start, end, text: text.original.slice(start, end) };
}

/** Folds a phrase the same way, for building patterns from configured lists. */
export function foldPhrase(phrase: string): string {
  return foldText(phrase.trim()).folded;
}

export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;

export interface Word {
  text: string;
  start: number;
  end: number;
}

/** Words: runs of letters and digits, with inner apostrophes and hyphens ("don't", "e-mail"). */
export function words(text: string): Word[] {
  return Array.from(text.matchAll(WORD), (match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** "!" when it ends in an exclamation mark (alone or with "?"), "?" for a question, "." otherwise. */
  kind: "!" | "?" | ".";
}

const ABBREVIATIONS = new Set([
  "sr",
  "sra",
  "srta",
  "sres",
  "dr",
  "dra",
  "ud",
  "uds",
  "vd",
  "vds",
  "etc",
  "ej",
  "pág",
  "pag",
  "núm",
  "num",
  "tel",
  "telf",
  "aprox",
  "avda",
  "mr",
  "mrs",
  "ms",
  "st",
  "nº",
  "vs",
  "approx",
  "e.g",
  "i.e",
  "p.ej",
]);

const TERMINATORS = new Set([".", "!", "?", "…"]);
const CLOSERS = new Set(['"', "'", "”", "’", ")", "»"]);

/**
 * Sentences end at ".", "!", "?", "…" (runs like "?!" or "..." end one sentence) followed by space or the
 * end, and at line breaks: chat messages often have no final punctuation. Common abbreviations ("Sr.",
 * "Ud.", "Mr.") and dots inside tokens ("3.5", "www.tienda.es") do not end a sentence. Pieces without
 * a letter or digit (an emoji alone) are not sentences.
 */
export function sentences(text: string): Sentence[] {
  const result: Sentence[] = [];
  let sentenceStart = 0;
  const push = (end: number, kind: Sentence["kind"]) => {
    const raw = text.slice(sentenceStart, end);
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (/[\p{L}\p{N}]/u.test(trimmed)) {
      result.push({ start: sentenceStart + leading, end: sentenceStart + leading + trimmed.length, text: trimmed, kind });
    }
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === "\n") {
      push(index, ".");
      sentenceStart = index + 1;
      index += 1;
      continue;
    }
    if (!TERMINATORS.has(char)) {
      index += 1;
      continue;
    }
    let runEnd = index;
    while (runEnd < text.length && (TERMINATORS.has(text[runEnd]) || CLOSERS.has(text[runEnd]))) runEnd += 1;
    const run = text.slice(index, runEnd);
    const atBoundary = runEnd >= text.length || /\s/u.test(text[runEnd]);
    const wordBefore = /([\p{L}.]+)$/u.exec(text.slice(sentenceStart, index))?.[1]?.toLowerCase() ?? "";
    const isAbbreviation = run === "." && ABBREVIATIONS.has(wordBefore);
    if (atBoundary && !isAbbreviation) {
      push(runEnd, run.includes("!") ? "!" : run.includes("?") ? "?" : ".");
      sentenceStart = runEnd;
    }
    index = runEnd;
  }
  push(text.length, ".");
  return result;
}

/**
 * Emoji as people see them: a flag (two regional indicators), a keycap, or a pictograph with its skin
 * tone and zero-width-joiner sequence counted once. Pictographs that default to text presentation
 * ("©", "™", "↔") count only with the emoji variation selector.
 */
const EMOJI =
  /\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F)\p{Emoji_Modifier}?(?:\u200D(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F?)\p{Emoji_Modifier}?)*\uFE0F?/gu;

/** Text emoticons customers and casual agents type: ":)", ";-)", ":D", "xD", "<3". */
const EMOTICON = /(?<![\p{L}\p{N}])(?:[:;=]-?[)(DPp]|xD|XD|<3)(?![\p{L}\p{N}])/gu;

export function findEmoji(text: string): Evidence[] {
  const found = [...text.matchAll(EMOJI), ...text.matchAll(EMOTICON)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
  }));
  return found.sort((a, b) => a.start - b.start);
}
