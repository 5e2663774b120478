import { escapeRegExp, type FoldedText, foldPhrase, foldText, originalSpan } from "./text";
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
  if (tokens.length === 0) return { present: false, matches: [] };
  const alternation = tokens
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");
  const regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, "gu");
  const writtenInLowerCase = body === body.toLowerCase();
  const matches: PhraseMatch[] = [];
  for (const match of folded.folded.matchAll(regex)) {
    const span = originalSpan(folded, match.index, match.index + match[0].length);
    const capitalised = span.text[0] !== span.text[0].toLowerCase();
    if (capitalised || writtenInLowerCase) matches.push({ ...span, rule: `customer_name.${match[0]}` });
  }
  return { present: matches.length > 0, matches };
}
