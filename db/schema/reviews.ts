import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { calibrationSessions } from "./calibration";
import { conversations, messages } from "./conversations";
import { assignmentStatusEnum, highlightKindEnum, reviewKindEnum, reviewStatusEnum } from "./enums";
import { samples } from "./sampling";
import { scorecardVersions } from "./scorecards";
import { users } from "./users";

/** One reviewer's judgement of one conversation on one pinned scorecard version. */
export const reviews = pgTable(
  "reviews",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    conversationId: bigint("conversation_id", { mode: "number" })
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** The agent reviewed, as the conversation named them when the review was started. */
    agentId: integer("agent_id").references(() => agents.id, { onDelete: "set null" }),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    scorecardVersionId: integer("scorecard_version_id")
      .notNull()
      .references(() => scorecardVersions.id, { onDelete: "restrict" }),
    kind: reviewKindEnum("kind").notNull().default("standard"),
    /**
     * Set for a review made in a calibration session: it measures the reviewers, not the agent, so it never
     * counts as a quality review (lists, scores, queues, sampling histories, reports). Quality queries keep
     * only rows where this is null: use `isQualityReview` from db/queries/reviews.ts.
     */
    calibrationSessionId: integer("calibration_session_id").references(() => calibrationSessions.id, { onDelete: "cascade" }),
    status: reviewStatusEnum("status").notNull().default("draft"),
    /** Criterion id → scale value or "na" (scoring/rubric `Ratings`). */
    ratings: jsonb("ratings").notNull().default(sql`'{}'::jsonb`),
    /** Criterion id → the reviewer's comment. */
    criterionComments: jsonb("criterion_comments").notNull().default(sql`'{}'::jsonb`),
    /** Criterion id → root causes picked for a negative rating. */
    rootCauses: jsonb("root_causes").notNull().default(sql`'{}'::jsonb`),
    overallComment: text("overall_comment").notNull().default(""),
    /** Stored when submitted, unrounded (docs/scoring.md); null while a draft or when nothing scoreable was rated. */
    score: doublePrecision("score"),
    baseScore: doublePrecision("base_score"),
    autoFailed: boolean("auto_failed").notNull().default(false),
    /** scoring/rubric `AutoFailReason[]`, so the agent sees why without recomputing. */
    autoFailReasons: jsonb("auto_fail_reasons").notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [
    // One quality review per reviewer and conversation, and one per calibration session besides.
    uniqueIndex("reviews_conversation_reviewer_uq").on(t.conversationId, t.reviewerId).where(sql`calibration_session_id is null`),
    uniqueIndex("reviews_calibration_conversation_reviewer_uq")
      .on(t.calibrationSessionId, t.conversationId, t.reviewerId)
      .where(sql`calibration_session_id is not null`),
    index("reviews_reviewer_updated_idx").on(t.reviewerId, t.updatedAt.desc()),
    index("reviews_agent_submitted_idx").on(t.agentId, t.submittedAt.desc()),
    index("reviews_status_submitted_idx").on(t.status, t.submittedAt.desc()),
    index("reviews_version_idx").on(t.scorecardVersionId),
  ],
);

/**
 * Each criterion's result in a submitted review, one row per criterion: the facts per-criterion
 * reports group by (matched across versions by criterion id), rewritten when the review is edited.
 */
export const reviewCriterionResults = pgTable(
  "review_criterion_results",
  {
    reviewId: bigint("review_id", { mode: "number" })
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    criterionId: text("criterion_id").notNull(),
    categoryId: text("category_id").notNull(),
    status: text("status", { enum: ["rated", "na", "missing"] }).notNull(),
    rating: doublePrecision("rating"),
    /** 0–100, null when N/A or missing. */
    score: doublePrecision("score"),
    weight: doublePrecision("weight").notNull(),
    critical: boolean("critical").notNull(),
    bonus: boolean("bonus").notNull(),
    negative: boolean("negative").notNull(),
    criticalFailure: boolean("critical_failure").notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.criterionId] }), index("review_criterion_results_criterion_idx").on(t.criterionId)],
);

/** A message (or a span of it) marked as exemplary or needing work: the raw material of coaching. */
export const highlights = pgTable(
  "highlights",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    reviewId: bigint("review_id", { mode: "number" })
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    messageId: bigint("message_id", { mode: "number" })
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    kind: highlightKindEnum("kind").notNull(),
    /** Character offsets into the message body, end exclusive; both null for the whole message. */
    spanStart: integer("span_start"),
    spanEnd: integer("span_end"),
    /** The highlighted text as it read when marked. */
    quote: text("quote"),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "highlights_span_valid",
      sql`(${t.spanStart} IS NULL AND ${t.spanEnd} IS NULL) OR (${t.spanStart} >= 0 AND ${t.spanEnd} > ${t.spanStart})`,
    ),
    index("highlights_review_idx").on(t.reviewId),
    index("highlights_message_idx").on(t.messageId),
  ],
);

/** Before and after of every change to a submitted review, and who made it. */
export const reviewAuditLog = pgTable(
  "review_audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    reviewId: bigint("review_id", { mode: "number" })
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action", { enum: ["submitted", "edited"] }).notNull(),
    before: jsonb("before"),
    after: jsonb("after").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("review_audit_log_review_idx").on(t.reviewId, t.at)],
);

/** A conversation put in a reviewer's queue (by hand now, by sampling rules later). */
export const reviewAssignments = pgTable(
  "review_assignments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    conversationId: bigint("conversation_id", { mode: "number" })
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    status: assignmentStatusEnum("status").notNull().default("pending"),
    assignedBy: text("assigned_by").references(() => users.id, { onDelete: "set null" }),
    /** The sample the assignment came from; null for one made by hand. */
    sampleId: integer("sample_id").references(() => samples.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    unique("review_assignments_conversation_reviewer_uq").on(t.conversationId, t.reviewerId),
    index("review_assignments_reviewer_status_due_idx").on(t.reviewerId, t.status, t.dueAt),
    index("review_assignments_sample_idx").on(t.sampleId),
  ],
);

export type Review = typeof reviews.$inferSelect;
export type Highlight = typeof highlights.$inferSelect;
export type ReviewAssignment = typeof reviewAssignments.$inferSelect;
