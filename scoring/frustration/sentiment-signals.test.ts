import { describe, expect, it } from "vitest";
import { type IndexedCustomerMessage, negativeCustomerMessages, valence, worseningTrajectory } from "./sentiment-signals";
import type { MessageSentiment, SentimentLabel } from "./types";

const at = new Date("2025-03-01T10:00:00Z");

function prediction(label: SentimentLabel, score: number): MessageSentiment {
  const rest = 1 - score;
  const scores: Record<SentimentLabel, number> =
    label === "negative"
      ? { negative: score, neutral: rest * 0.7, positive: rest * 0.3 }
      : label === "positive"
        ? { negative: rest * 0.3, neutral: rest * 0.7, positive: score }
        : { negative: rest / 2, neutral: score, positive: rest / 2 };
  return { label, score, scores };
}

function customer(predictions: Array<MessageSentiment | null>): IndexedCustomerMessage[] {
  return predictions.map((sentiment, messageIndex) => ({
    messageIndex: messageIndex * 2,
    message: { authorRole: "customer", sentAt: at, body: "…", sentiment },
  }));
}

describe("valence", () => {
  it("is P(positive) − P(negative), or ± the label's score without per-label scores", () => {
    expect(valence(prediction("negative", 0.9))).toBeCloseTo(-0.9 + 0.03);
    expect(valence({ label: "positive", score: 0.8, scores: {} })).toBe(0.8);
    expect(valence({ label: "negative", score: 0.7, scores: { negative: 0.7 } })).toBe(-0.7);
    expect(valence({ label: "neutral", score: 0.9, scores: {} })).toBe(0);
  });
});

describe("negativeCustomerMessages", () => {
  it("keeps negative predictions, most confident first, up to the limit", () => {
    const messages = customer([
      prediction("negative", 0.6),
      prediction("neutral", 0.9),
      prediction("negative", 0.95),
      null,
      prediction("negative", 0.7),
    ]);
    expect(negativeCustomerMessages(messages, 2)).toEqual([
      { messageIndex: 4, label: "negative", score: 0.95 },
      { messageIndex: 8, label: "negative", score: 0.7 },
    ]);
    expect(negativeCustomerMessages(customer([null, null]), 3)).toEqual([]);
  });
});

describe("worseningTrajectory", () => {
  it("finds a customer who starts neutral and ends negative", () => {
    const trajectory = worseningTrajectory(
      customer([prediction("neutral", 0.85), prediction("neutral", 0.6), prediction("negative", 0.8), prediction("negative", 0.92)]),
      0.5,
    );
    expect(trajectory?.points.map((point) => point.messageIndex)).toEqual([0, 2, 4, 6]);
    expect(trajectory?.earlierMean).toBeCloseTo(0);
    expect(trajectory?.drop).toBeGreaterThan(0.5);
  });

  it("is null for a customer who starts and stays negative, ends positive, or has one prediction", () => {
    expect(worseningTrajectory(customer([prediction("negative", 0.8), prediction("negative", 0.9)]), 0.5)).toBeNull();
    expect(worseningTrajectory(customer([prediction("negative", 0.8), prediction("positive", 0.9)]), 0.5)).toBeNull();
    expect(worseningTrajectory(customer([prediction("negative", 0.8)]), 0.5)).toBeNull();
    expect(worseningTrajectory(customer([null, null, null]), 0.5)).toBeNull();
  });

  it("skips messages without a prediction", () => {
    const trajectory = worseningTrajectory(customer([prediction("positive", 0.9), null, prediction("negative", 0.9)]), 0.5);
    expect(trajectory?.points.map((point) => point.messageIndex)).toEqual([0, 4]);
  });
});
