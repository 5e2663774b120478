import { describe, expect, it } from "vitest";
import { classifyWithFrustration, DEFAULT_SENTIMENT_MODEL } from "../sentiment/classifier";
import { flagQuality, readGoldenConversations } from "./golden-set";
import { scoreFrustration } from "./score";
import type { FrustrationConversation, MessageSentiment } from "./types";

// The real scoring path: the shipped sentiment model's predictions on every customer message (as
// db/scoring/run-scoring.ts stores them), then scoreFrustration with the default weights. The held-out set
// was never used to choose anything (the sentiment weights were tuned on conversations.jsonl and checked on
// revision.jsonl, scripts/sentiment/tune-frustration.ts); these floors only catch regressions. The measured
// figures are in README.md and docs/model-card.md (`npm run -s eval:frustration`).
const holdout = readGoldenConversations(new URL("./golden/holdout.jsonl", import.meta.url));

async function withModelSentiment(conversations: FrustrationConversation[]): Promise<FrustrationConversation[]> {
  const texts = [...new Set(conversations.flatMap((c) => c.messages.filter((m) => m.authorRole === "customer").map((m) => m.body)))];
  const results = await classifyWithFrustration(texts, { settings: { model: DEFAULT_SENTIMENT_MODEL, allowRemoteModels: false } });
  const byText = new Map<string, MessageSentiment>(
    texts.map((text, i) => [text, { label: results[i].label, score: results[i].score, scores: results[i].scores }]),
  );
  return conversations.map((conversation) => ({
    ...conversation,
    messages: conversation.messages.map(({ sentiment: _ignored, ...message }) =>
      message.authorRole === "customer" ? { ...message, sentiment: byText.get(message.body) } : message,
    ),
  }));
}

describe("frustration flag with the shipped model's sentiment", () => {
  it("keeps precision and recall of at least 0.8 on the held-out conversations, in each language", async () => {
    const conversations = await withModelSentiment(holdout.map((entry) => entry.conversation));
    const outcomes = holdout.map((entry, i) => ({
      language: entry.conversation.language,
      expected: entry.frustrated,
      flagged: scoreFrustration(conversations[i], entry.options).flagged,
    }));
    for (const language of ["es", "en"]) {
      const quality = flagQuality(outcomes.filter((outcome) => outcome.language === language));
      expect(quality.precision, language).toBeGreaterThanOrEqual(0.8);
      expect(quality.recall, language).toBeGreaterThanOrEqual(0.8);
    }
  });
});
