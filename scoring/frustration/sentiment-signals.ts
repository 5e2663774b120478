import type { FrustrationMessage, MessageSentiment, SentimentEvidence, TrajectoryEvidence } from "./types";

/** P(positive) − P(negative), −1…1; from the label alone when the model gave no per-label scores. */
export function valence(sentiment: MessageSentiment): number {
  const { positive, negative } = sentiment.scores;
  if (positive !== undefined && negative !== undefined) return positive - negative;
  if (sentiment.label === "positive") return sentiment.score;
  if (sentiment.label === "negative") return -sentiment.score;
  return 0;
}

export interface IndexedCustomerMessage {
  messageIndex: number;
  message: FrustrationMessage;
}

/** Customer messages whose prediction is negative, most confident first, at most `limit`. */
export function negativeCustomerMessages(customerMessages: readonly IndexedCustomerMessage[], limit: number): SentimentEvidence[] {
  const negatives: SentimentEvidence[] = [];
  for (const { messageIndex, message } of customerMessages) {
    const sentiment = message.sentiment;
    if (sentiment?.label === "negative") negatives.push({ messageIndex, label: "negative", score: sentiment.score });
  }
  return negatives.sort((a, b) => b.score - a.score || a.messageIndex - b.messageIndex).slice(0, limit);
}

/**
 * Worsening: over the customer's messages with a prediction (time order, at least two), the mean valence
 * of the later half is `minimumDrop` or more below the earlier half's, and the last one is negative. A
 * customer who starts angry and stays angry is not "worsening"; the other reasons already count that.
 */
export function worseningTrajectory(customerMessages: readonly IndexedCustomerMessage[], minimumDrop: number): TrajectoryEvidence | null {
  const scored = customerMessages.filter(({ message }) => message.sentiment != null);
  if (scored.length < 2) return null;
  const last = scored[scored.length - 1].message.sentiment;
  if (last?.label !== "negative") return null;
  const points = scored.map(({ messageIndex, message }) => ({
    messageIndex,
    valence: message.sentiment == null ? 0 : valence(message.sentiment),
  }));
  const half = Math.floor(points.length / 2);
  const mean = (values: readonly { valence: number }[]) => values.reduce((sum, point) => sum + point.valence, 0) / values.length;
  const earlierMean = mean(points.slice(0, half));
  const laterMean = mean(points.slice(half));
  const drop = earlierMean - laterMean;
  return drop >= minimumDrop ? { points, earlierMean, laterMean, drop } : null;
}
