import { type FoldedText, foldPhrase, foldText, originalSpan } from "./text";
import type { PhraseFeature, PhraseMatch } from "./types";

/** Particles of compound surnames, not names on their own ("María de la Fuente"). */
const NAME_PARTICLES = new Set(["de", "del", "la", "las", "los", "y", "e", "i", "da", "do", "dos", "van", "von", "der", "di", "le", "mc"]);

/** The name's parts worth looking for: given names and surnames, folded, two letters or more. */
export function customerNameTokens(customerName: string): string[] {
  const tokens = foldPhrase(customerName)
    .split(/[^\p{L}'-]+/u)
    .filter((token) => token.length >= 2 && !NAME_PARTICLES.has(token));
  return [...new Set(tokens)];
}

/**
 * Mentions of the customer's given name or surname («Hola, Maria», «Sra. López», "Thanks, Tom").
 * Accent- and case-insensitive, but a lower-case mention only counts when the whole message is written
 * in lower case (casual chat): otherwise "your bill" would be a mention of a customer called Bill and
 * «rosa» one of Rosa.
 */
export function detectCustomerName(
  body: string,
  customerName: string | null | undefined,
  folded: FoldedText = foldText(body),
): PhraseFeature {
  if (customerName === null || customerName === undefined) return { present: false, matches: [] };
  const tokens = customerNameTokens(customerName);
  const writtenInLowerCase = body === body.toLowerCase();
  const matches: PhraseMatch[] = [];
  for (const { start, end } of wholeWordOccurrences(folded.folded, tokens)) {
    const span = originalSpan(folded, start, end);
    const capitalised = span.text[0] !== span.text[0].toLowerCase();
    if (capitalised || writtenInLowerCase) matches.push({ ...span, rule: `customer_name.${folded.folded.slice(start, end)}` });
  }
  return { present: matches.length > 0, matches };
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function isWordCharacterAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  let start = index;
  // Step back onto the high surrogate so that astral letters are read whole.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start]) && /[\uD800-\uDBFF]/.test(text[start - 1])) start -= 1;
  return WORD_CHARACTER.test(String.fromCodePoint(text.codePointAt(start) ?? 0));
}

/**
 * Leftmost, longest, non-overlapping whole-word occurrences of any token: what a regex alternation of
 * the tokens between letter/digit boundaries finds, without compiling a Unicode regex per customer name
 * (that compile was most of the facts computation's time).
 */
function wholeWordOccurrences(text: string, tokens: readonly string[]): Array<{ start: number; end: number }> {
  const candidates: Array<{ start: number; end: number }> = [];
  for (const token of tokens) {
    for (let at = text.indexOf(token); at !== -1; at = text.indexOf(token, at + 1)) {
      const end = at + token.length;
      if (!isWordCharacterAt(text, at - 1) && !isWordCharacterAt(text, end)) candidates.push({ start: at, end });
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: Array<{ start: number; end: number }> = [];
  for (const candidate of candidates) {
    if (chosen.length === 0 || candidate.start >= chosen[chosen.length - 1].end) chosen.push(candidate);
  }
  return chosen;
}
