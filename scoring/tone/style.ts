import { findEmoji, sentences, words } from "./text";
import type { Evidence } from "./types";

export interface StyleFeatures {
  wordCount: number;
  sentenceCount: number;
  /** Sentences ending in "!" (or "?!"); «¡Hola!» is one. */
  exclamatorySentenceCount: number;
  exclamationMarkCount: number;
  /** exclamatorySentenceCount / sentenceCount, 0–1; null without sentences. */
  exclamationRate: number | null;
  emojiCount: number;
  /** Emoji per 100 words, so long emails and short chats compare; null without words. */
  emojiPer100Words: number | null;
  emoji: Evidence[];
  exclamations: Evidence[];
}

export function measureStyle(body: string): StyleFeatures {
  const wordCount = words(body).length;
  const allSentences = sentences(body);
  const exclamatory = allSentences.filter((sentence) => sentence.kind === "!");
  const emoji = findEmoji(body);
  return {
    wordCount,
    sentenceCount: allSentences.length,
    exclamatorySentenceCount: exclamatory.length,
    exclamationMarkCount: [...body].filter((char) => char === "!").length,
    exclamationRate: allSentences.length === 0 ? null : exclamatory.length / allSentences.length,
    emojiCount: emoji.length,
    emojiPer100Words: wordCount === 0 ? null : (100 * emoji.length) / wordCount,
    emoji,
    exclamations: exclamatory.map(({ start, end, text }) => ({ start, end, text })),
  };
}
