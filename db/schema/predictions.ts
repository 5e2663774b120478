import { bigint, boolean, doublePrecision, index, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { conversations, messages } from "./conversations";

export type SentimentLabelValue = "negative" | "neutral" | "positive";

/**
 * Model output, never mixed with human work. One row per distinct text per model version: the key is a hash of
 * the normalised text, so identical texts (greetings, templates) are scored once and shared.
 */
export const sentimentPredictions = pgTable(
  "sentiment_predictions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    textHash: text("text_hash").notNull(),
    modelId: text("model_id").notNull(),
    modelVersion: text("model_version").notNull(),
    label: text("label", { enum: ["negative", "neutral", "positive"] }).notNull(),
    score: doublePrecision("score").notNull(),
    scores: jsonb("scores").$type<Partial<Record<SentimentLabelValue, number>>>().notNull(),
    /** P(frustrated) from models with a frustration head; null otherwise. */
    frustrated: doublePrecision("frustrated"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("sentiment_predictions_text_model_uq").on(t.textHash, t.modelId, t.modelVersion)],
);

/**
 * Which prediction a message shows. One row per message: re-scoring with a new model version replaces the row,
 * so until then the old prediction stays visible.
 */
export const messageSentiments = pgTable(
  "message_sentiments",
  {
    messageId: bigint("message_id", { mode: "number" })
      .primaryKey()
      .references(() => messages.id, { onDelete: "cascade" }),
    predictionId: bigint("prediction_id", { mode: "number" })
      .notNull()
      .references(() => sentimentPredictions.id, { onDelete: "cascade" }),
    scoredAt: timestamp("scored_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("message_sentiments_prediction_idx").on(t.predictionId)],
);

/** The frustration score of one conversation, computed from its messages and their sentiment predictions. */
export const conversationFrustration = pgTable(
  "conversation_frustration",
  {
    conversationId: bigint("conversation_id", { mode: "number" })
      .primaryKey()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** The sentiment model whose predictions went in. */
    modelId: text("model_id").notNull(),
    modelVersion: text("model_version").notNull(),
    score: doublePrecision("score").notNull(),
    flagged: boolean("flagged").notNull(),
    threshold: doublePrecision("threshold").notNull(),
    /** `FrustrationReason[]` from scoring/frustration, as JSON. */
    reasons: jsonb("reasons").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversation_frustration_flagged_idx").on(t.flagged, t.score)],
);

export type SentimentPrediction = typeof sentimentPredictions.$inferSelect;
export type ConversationFrustration = typeof conversationFrustration.$inferSelect;
