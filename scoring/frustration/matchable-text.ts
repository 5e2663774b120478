import { type Evidence, type FoldedText, foldText, type Language } from "../tone";

/**
 * A message body prepared for lexicon matching, on top of tone's folding (lower case, no accents, single
 * spaces): letters typed three or more times in a row count once ("sigooo" → "sigo", "pleeease" →
 * "please"), and a few long cue words are corrected when one typo away ("superbisor", "manger"). Every
 * character still maps back to the original, so evidence offsets point into the body a reviewer reads.
 */
export type MatchableText = FoldedText;

interface Piece {
  text: string;
  originalStart: number;
  originalEnd: number;
}

function rebuild(original: string, pieces: readonly Piece[]): MatchableText {
  let folded = "";
  const originalStart: number[] = [];
  const originalEnd: number[] = [];
  for (const piece of pieces) {
    folded += piece.text;
    for (let index = 0; index < piece.text.length; index += 1) {
      originalStart.push(piece.originalStart);
      originalEnd.push(piece.originalEnd);
    }
  }
  return { original, folded, originalStart, originalEnd };
}

const LETTER = /\p{L}/u;

function collapseLetterRuns(text: FoldedText): FoldedText {
  const pieces: Piece[] = [];
  let index = 0;
  while (index < text.folded.length) {
    const char = text.folded[index];
    let runEnd = index + 1;
    while (runEnd < text.folded.length && text.folded[runEnd] === char) runEnd += 1;
    if (runEnd - index >= 3 && LETTER.test(char)) {
      pieces.push({ text: char, originalStart: text.originalStart[index], originalEnd: text.originalEnd[runEnd - 1] });
    } else {
      for (let position = index; position < runEnd; position += 1) {
        pieces.push({ text: char, originalStart: text.originalStart[position], originalEnd: text.originalEnd[position] });
      }
    }
    index = runEnd;
  }
  return rebuild(text.original, pieces);
}

/**
 * Cue words worth correcting: long enough that one typo away is almost surely a typo. `b`/`v` confusion
 * («superbisor», «bergüenza») and dropped or swapped letters are the usual ones.
 */
const TYPO_TOLERANT_WORDS: Record<Language, readonly string[]> = {
  es: [
    "supervisor",
    "supervisora",
    "responsable",
    "encargado",
    "reclamaciones",
    "reclamacion",
    "competencia",
    "inaceptable",
    "incompetentes",
    "verguenza",
    "vergonzoso",
    "indignante",
    "consumidor",
    "denunciar",
    "abogado",
    "esperando",
  ],
  en: [
    "supervisor",
    "manager",
    "unacceptable",
    "ridiculous",
    "incompetent",
    "ombudsman",
    "waiting",
    "cancelling",
    "disappointed",
    "frustrated",
    "disgraceful",
    "complaint",
  ],
};

/** Real words one edit away from a cue word, which must stay what they are. */
const REAL_NEIGHBOURS = new Set(["esperado", "esperanda", "managed", "manages", "managers", "complaints", "supervisors", "superviso"]);

/** Optimal string alignment distance, capped: returns `limit + 1` as soon as it cannot be within `limit`. */
function editDistanceWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, row) => [row]);
  for (let column = 1; column <= b.length; column += 1) rows[0][column] = column;
  for (let row = 1; row <= a.length; row += 1) {
    let rowMinimum = Number.POSITIVE_INFINITY;
    for (let column = 1; column <= b.length; column += 1) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let value = Math.min(rows[row - 1][column] + 1, rows[row][column - 1] + 1, rows[row - 1][column - 1] + cost);
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
        value = Math.min(value, rows[row - 2][column - 2] + 1);
      }
      rows[row][column] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
  }
  return rows[a.length][b.length];
}

const WORD_IN_FOLDED = /\p{L}+/gu;
const MIN_CORRECTED_LENGTH = 6;

function correctTypos(text: FoldedText, language: Language): FoldedText {
  const vocabulary = TYPO_TOLERANT_WORDS[language];
  const pieces: Piece[] = [];
  let cursor = 0;
  let changed = false;
  const copyUpTo = (end: number) => {
    for (; cursor < end; cursor += 1) {
      pieces.push({ text: text.folded[cursor], originalStart: text.originalStart[cursor], originalEnd: text.originalEnd[cursor] });
    }
  };
  for (const match of text.folded.matchAll(WORD_IN_FOLDED)) {
    const word = match[0];
    if (word.length < MIN_CORRECTED_LENGTH || REAL_NEIGHBOURS.has(word) || vocabulary.includes(word)) continue;
    // Same first letter: typos rarely hit it, and it keeps unrelated words apart.
    const correction = vocabulary.find((candidate) => candidate[0] === word[0] && editDistanceWithin(word, candidate, 1) === 1);
    if (correction === undefined) continue;
    copyUpTo(match.index);
    const end = match.index + word.length;
    pieces.push({ text: correction, originalStart: text.originalStart[match.index], originalEnd: text.originalEnd[end - 1] });
    cursor = end;
    changed = true;
  }
  if (!changed) return text;
  copyUpTo(text.folded.length);
  return rebuild(text.original, pieces);
}

export function prepareForMatching(body: string, language: Language): MatchableText {
  return correctTypos(collapseLetterRuns(foldText(body)), language);
}

/** Maps a [start, end) span of the matchable text back to the original body. */
export function toOriginal(text: MatchableText, start: number, end: number): Evidence {
  const originalStart = text.originalStart[start] ?? text.original.length;
  const originalEnd = end > start ? text.originalEnd[end - 1] : originalStart;
  return { start: originalStart, end: originalEnd, text: text.original.slice(originalStart, originalEnd) };
}

export interface TextRange {
  start: number;
  end: number;
}

/** "On Mon, 7 May 2025 at 16:40, Support <…> wrote:", «El lun, 19 may 2025 a las 17:02, … escribió:», forwarded headers. */
const REPLY_HEADER =
  /^[ \t]*(?:On\b.{3,200}\bwrote:|El\b.{3,200}\bescribi[oó]:|-{2,}\s*(?:Original Message|Forwarded message|Mensaje original|Mensaje reenviado)\s*-{2,}|_{8,}|(?:From|De):\s.+)[ \t]*$/imu;
const QUOTED_LINE = /^[ \t]*>.*$/gmu;
const INLINE_QUOTE = /"[^"\n]{1,200}"|“[^”\n]{1,200}”|«[^»\n]{1,200}»|„[^“\n]{1,200}“/gu;

/**
 * Parts of a body the customer did not write now, in original offsets: an email's quoted reply (the reply
 * header and everything after it, and "> " lines) and words inside quotation marks (reported speech:
 * «mi hijo dice que "sois unos ladrones"», an agent's promise quoted back). Cues found there are not the
 * customer's; the cost is missing a customer who quotes their own threat.
 */
export function quotedRanges(body: string): TextRange[] {
  const ranges: TextRange[] = [];
  const header = REPLY_HEADER.exec(body);
  if (header !== null) ranges.push({ start: header.index, end: body.length });
  for (const match of body.matchAll(QUOTED_LINE)) ranges.push({ start: match.index, end: match.index + match[0].length });
  for (const match of body.matchAll(INLINE_QUOTE)) ranges.push({ start: match.index, end: match.index + match[0].length });
  return ranges.sort((a, b) => a.start - b.start);
}

export function overlapsAny(span: TextRange, ranges: readonly TextRange[]): boolean {
  return ranges.some((range) => span.start < range.end && range.start < span.end);
}

const NEGATORS: Record<Language, ReadonlySet<string>> = {
  es: new Set(["no", "nunca", "jamas", "tampoco", "ni", "sin"]),
  en: new Set([
    "not",
    "never",
    "no",
    "don't",
    "dont",
    "won't",
    "wont",
    "isn't",
    "aren't",
    "wasn't",
    "didn't",
    "doesn't",
    "can't",
    "cannot",
    "shouldn't",
    "wouldn't",
    "haven't",
    "hasn't",
    "without",
    "nor",
  ]),
};

/** A negator after one of these belongs to a condition («si no me lo arregláis, me doy de baja»). */
const CONDITIONALS: Record<Language, ReadonlySet<string>> = {
  es: new Set(["si", "como", "salvo", "menos", "mientras"]),
  en: new Set(["if", "unless", "otherwise", "until"]),
};

const CLAUSE_BREAK: Record<Language, RegExp> = {
  es: /[.,;:!?¡¿()"«»]|\b(?:pero|aunque|sino)\b/gu,
  en: /[.,;:!?()"“”]|\b(?:but|although|though)\b/gu,
};

/** How many words before a cue a negator may stand: «no me voy a dar de baja», "I do not want to cancel". */
const NEGATION_WINDOW_WORDS = 3;

/**
 * Whether a cue starting at `start` is negated within its clause: a negator among the few words before it
 * («no quiero hablar con un supervisor», "I'm not angry"), unless that negator is part of a condition.
 */
export function isNegated(text: MatchableText, start: number, language: Language): boolean {
  const before = text.folded.slice(Math.max(0, start - 120), start);
  let clauseStart = 0;
  for (const match of before.matchAll(CLAUSE_BREAK[language])) clauseStart = match.index + match[0].length;
  const clauseWords = before
    .slice(clauseStart)
    .split(" ")
    .filter((word) => word.length > 0);
  const windowStart = Math.max(0, clauseWords.length - NEGATION_WINDOW_WORDS);
  for (let index = clauseWords.length - 1; index >= windowStart; index -= 1) {
    if (!NEGATORS[language].has(clauseWords[index])) continue;
    const conditional = clauseWords.slice(0, index).some((word) => CONDITIONALS[language].has(word));
    return !conditional;
  }
  return false;
}

const SENTENCE_END = /[.!?]/u;

/** The matchable text of the sentence holding a span (from the previous ".", "!" or "?" to the next). */
export function sentenceAround(text: MatchableText, start: number, end: number): string {
  const before = text.folded.slice(0, start);
  const sentenceStart = Math.max(before.lastIndexOf("."), before.lastIndexOf("!"), before.lastIndexOf("?")) + 1;
  const after = SENTENCE_END.exec(text.folded.slice(end));
  const sentenceEnd = after === null ? text.folded.length : end + after.index;
  return text.folded.slice(sentenceStart, sentenceEnd);
}

/** Whether the sentence around a span ends in "?" or opens with "¿": «¿es una estafa este SMS?». */
export function isInQuestion(text: MatchableText, start: number, end: number): boolean {
  const terminator = SENTENCE_END.exec(text.folded.slice(end));
  if (terminator !== null && terminator[0] === "?") return true;
  return sentenceAround(text, start, end).includes("¿");
}
