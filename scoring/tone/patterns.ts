import { escapeRegExp, type FoldedText, foldPhrase, originalSpan } from "./text";
import type { PhraseMatch } from "./types";

/**
 * A lexicon entry: a regular expression written against folded text (lower case, no accents, single
 * spaces, ASCII apostrophe), so «Cálmese» and «calmese» are one entry. `rule` names it in evidence.
 */
export interface PhrasePattern {
  rule: string;
  source: string;
}

export interface CompiledPattern {
  rule: string;
  regex: RegExp;
}

/** Whole words only: "hola" must not match inside "holanda", nor "su" inside "suscripción". */
export function compilePattern(pattern: PhrasePattern): CompiledPattern {
  return {
    rule: pattern.rule,
    regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern.source})(?![\\p{L}\\p{N}])`, "gu"),
  };
}

/** A literal phrase from a configured list (forbidden phrases), matched accent- and case-insensitively. */
export function literalPattern(phrase: string): PhrasePattern {
  return { rule: phrase, source: escapeRegExp(foldPhrase(phrase)) };
}

export interface FoldedMatch {
  rule: string;
  foldedStart: number;
  foldedEnd: number;
}

/** Every match of every pattern, positions in the folded text, sorted by position. */
export function findFoldedMatches(text: FoldedText, patterns: readonly CompiledPattern[]): FoldedMatch[] {
  const found: FoldedMatch[] = [];
  for (const { rule, regex } of patterns) {
    for (const match of text.folded.matchAll(regex)) {
      if (match[0].length === 0) continue;
      found.push({ rule, foldedStart: match.index, foldedEnd: match.index + match[0].length });
    }
  }
  return found.sort((a, b) => a.foldedStart - b.foldedStart || b.foldedEnd - a.foldedEnd);
}

/** Drops matches overlapping an earlier (or, at the same start, longer) one, so a phrase counts once. */
export function withoutOverlaps<T extends { foldedStart: number; foldedEnd: number }>(sorted: readonly T[]): T[] {
  const kept: T[] = [];
  let keptEnd = -1;
  for (const match of sorted) {
    if (match.foldedStart < keptEnd) continue;
    kept.push(match);
    keptEnd = match.foldedEnd;
  }
  return kept;
}

export function toPhraseMatch(text: FoldedText, match: FoldedMatch): PhraseMatch {
  return { ...originalSpan(text, match.foldedStart, match.foldedEnd), rule: match.rule };
}

/** Non-overlapping matches mapped back to the original text. */
export function findPhrases(text: FoldedText, patterns: readonly CompiledPattern[]): PhraseMatch[] {
  return withoutOverlaps(findFoldedMatches(text, patterns)).map((match) => toPhraseMatch(text, match));
}
