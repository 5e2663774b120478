import { eld } from "eld/medium";

export type ConversationLanguage = "es" | "en" | "other";

/** Enough text to decide; more only costs time on long email threads. */
const SAMPLE_CHARS = 2000;

/**
 * The language of a conversation from its text: "es" or "en" when the detector says so, "other" only
 * when it is confident about another language, and null when there is too little text to tell
 * (a lone "ok" must not mark a conversation as Polish).
 */
export function detectLanguage(texts: readonly (string | null | undefined)[]): ConversationLanguage | null {
  let sample = "";
  for (const text of texts) {
    if (!text) continue;
    sample += `${text}\n`;
    if (sample.length >= SAMPLE_CHARS) break;
  }
  sample = sample.slice(0, SAMPLE_CHARS).replace(/https?:\/\/\S+|\S+@\S+/g, " ");
  if (!sample.trim()) return null;
  const result = eld.detect(sample);
  if (result.language === "es" || result.language === "en") return result.language;
  if (result.language && result.isReliable()) return "other";
  return null;
}
