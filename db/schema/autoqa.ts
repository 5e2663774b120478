import { bigint, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import type { AutoQaEvidence } from "../../scoring/autoqa";
import { conversations } from "./conversations";
import { reviews } from "./reviews";
import { scorecardVersions } from "./scorecards";

/** A rating as the rubric stores it: a scale value or "na". */
type StoredRating = number | "na";

/**
 * AutoQA suggestions: model output (the rules in scoring/autoqa, identified by model id and version),
 * never mixed into a reviewer's ratings. One row per conversation × pinned scorecard version × linked
 * criterion × model version, computed when a review page is opened and refreshed in place when the
 * conversation (or the response-time targets) change what would be suggested.
 */
export const autoQaSuggestions = pgTable(
  "autoqa_suggestions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    conversationId: bigint("conversation_id", { mode: "number" })
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    scorecardVersionId: integer("scorecard_version_id")
      .notNull()
      .references(() => scorecardVersions.id, { onDelete: "cascade" }),
    criterionId: text("criterion_id").notNull(),
    /** The feature id (scoring/autoqa AUTOQA_FEATURES) the criterion was linked to. */
    feature: text("feature").notNull(),
    modelId: text("model_id").notNull(),
    modelVersion: text("model_version").notNull(),
    /** The suggested rating on the criterion's scale, or "na". */
    rating: jsonb("rating").$type<StoredRating>().notNull(),
    /** The feature's reading before the scale: pass, partial, fail, not_applicable, nothing_found. */
    level: text("level").notNull(),
    /** scoring/autoqa AutoQaReason: why, in one word, shown to the reviewer. */
    reason: text("reason").notNull(),
    evidence: jsonb("evidence").$type<AutoQaEvidence[]>().notNull(),
    /** A hash of rating, reason and evidence: a reload that would store the same thing writes nothing. */
    fingerprint: text("fingerprint").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("autoqa_suggestions_target_uq").on(t.conversationId, t.scorecardVersionId, t.criterionId, t.modelId, t.modelVersion),
    index("autoqa_suggestions_feature_idx").on(t.feature, t.modelVersion),
  ],
);

/**
 * What the reviewer did with each linked criterion of a submitted review: the suggestion they were shown
 * (copied, so recomputing a suggestion later does not rewrite history), their rating, and whether they
 * accepted or overrode it. Rewritten with the review's per-criterion results when a review is edited;
 * acceptance reports are a GROUP BY over these rows.
 */
export const autoQaDecisions = pgTable(
  "autoqa_decisions",
  {
    reviewId: bigint("review_id", { mode: "number" })
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    criterionId: text("criterion_id").notNull(),
    feature: text("feature").notNull(),
    /** Null when the linked criterion had no suggestion (outcome "no_suggestion"). */
    suggestionId: bigint("suggestion_id", { mode: "number" }).references(() => autoQaSuggestions.id, { onDelete: "set null" }),
    modelId: text("model_id"),
    modelVersion: text("model_version"),
    suggestedRating: jsonb("suggested_rating").$type<StoredRating>(),
    rating: jsonb("rating").$type<StoredRating>(),
    /** 0–100 on the criterion's scale; null for N/A or nothing. */
    suggestedScore: doublePrecision("suggested_score"),
    ratingScore: doublePrecision("rating_score"),
    outcome: text("outcome", { enum: ["accepted", "overridden", "no_suggestion"] }).notNull(),
    /** For an override: higher, lower, to_na, from_na (scoring/autoqa OverrideDirection). */
    direction: text("direction", { enum: ["higher", "lower", "to_na", "from_na"] }),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.criterionId] }), index("autoqa_decisions_feature_idx").on(t.feature, t.criterionId)],
);

export type AutoQaSuggestionRow = typeof autoQaSuggestions.$inferSelect;
export type AutoQaDecisionRow = typeof autoQaDecisions.$inferSelect;
