import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { conversations } from "./conversations";
import { scorecardVersions } from "./scorecards";
import { teams } from "./teams";
import { users } from "./users";

export const CALIBRATION_STATUSES = ["open", "closed"] as const;
export type CalibrationStatus = (typeof CALIBRATION_STATUSES)[number];

/**
 * A calibration session: several reviewers rate the same conversations on one pinned scorecard version, so
 * that their agreement can be measured (scoring/agreement). Its reviews are `reviews` rows carrying the
 * session id, which every quality query leaves out (docs/decisions/007-calibration.md).
 */
export const calibrationSessions = pgTable(
  "calibration_sessions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    scorecardVersionId: integer("scorecard_version_id")
      .notNull()
      .references(() => scorecardVersions.id, { onDelete: "restrict" }),
    /** The team a lead runs the session for; null for sessions across teams (admins). */
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    /** The reviewer whose ratings are the standard the others are compared with; null compares with the others' mean. */
    referenceReviewerId: text("reference_reviewer_id").references(() => users.id, { onDelete: "set null" }),
    dueAt: timestamp("due_at", { withTimezone: true }),
    status: text("status", { enum: CALIBRATION_STATUSES }).notNull().default("open"),
    /** Participants see the others' ratings only once they submitted all of theirs, or the session is closed. */
    blind: boolean("blind").notNull().default(true),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: text("closed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("calibration_sessions_status_idx").on(t.status), index("calibration_sessions_team_idx").on(t.teamId)],
);

export const calibrationSessionConversations = pgTable(
  "calibration_session_conversations",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => calibrationSessions.id, { onDelete: "cascade" }),
    conversationId: bigint("conversation_id", { mode: "number" })
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** The order reviewers go through them. */
    position: integer("position").notNull(),
  },
  // The conversation index serves the sampling exclusion ("not in a calibration session").
  (t) => [
    primaryKey({ columns: [t.sessionId, t.conversationId] }),
    index("calibration_session_conversations_conversation_idx").on(t.conversationId),
  ],
);

export const calibrationSessionReviewers = pgTable(
  "calibration_session_reviewers",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => calibrationSessions.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.reviewerId] }), index("calibration_session_reviewers_reviewer_idx").on(t.reviewerId)],
);

export type CalibrationSession = typeof calibrationSessions.$inferSelect;
