import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import type { SamplingRuleDefinition } from "../../scoring/sampling/rule";
import { conversations } from "./conversations";
import { teams } from "./teams";
import { users } from "./users";

export const SCHEDULE_KINDS = ["once", "daily", "weekly", "monthly"] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** A sampling rule; what it draws is in its versions, so a sample always names the definition it used. */
export const samplingRules = pgTable(
  "sampling_rules",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    /** The team a lead owns the rule through; null for rules across teams (admin only). */
    teamId: integer("team_id").references(() => teams.id, { onDelete: "cascade" }),
    currentVersion: integer("current_version").notNull().default(1),
    schedule: text("schedule", { enum: SCHEDULE_KINDS }).notNull().default("once"),
    /** Local time of day `HH:MM` in `timezone` at which a scheduled rule draws. */
    scheduleTime: text("schedule_time").notNull().default("06:00"),
    timezone: text("timezone").notNull().default("UTC"),
    active: boolean("active").notNull().default(true),
    /** When the scheduler draws next; null for rules drawn by hand only. */
    nextRunAt: timestamp("next_run_at", { withTimezone: true }),
    lastRunAt: timestamp("last_run_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sampling_rules_team_idx").on(t.teamId), index("sampling_rules_next_run_idx").on(t.nextRunAt)],
);

/** Immutable definitions of a rule: filters, size, allocation, oversampling, seed, assignment settings. */
export const samplingRuleVersions = pgTable(
  "sampling_rule_versions",
  {
    ruleId: integer("rule_id")
      .notNull()
      .references(() => samplingRules.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<SamplingRuleDefinition>().notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.version] })],
);

/** One draw of a rule: reproducible from the stored version, filters and seed; the ids drawn are the record. */
export const samples = pgTable(
  "samples",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    ruleId: integer("rule_id")
      .notNull()
      .references(() => samplingRules.id, { onDelete: "cascade" }),
    ruleVersion: integer("rule_version").notNull(),
    /** `2026-11-22`, `2026-W47`, `2026-11`, `once` or `manual:<instant>`: one draw per period and rule. */
    periodKey: text("period_key").notNull(),
    seed: text("seed").notNull(),
    filters: jsonb("filters").notNull(),
    /** Allocation per stratum as planned (population, size, SD source), for the margins after drawing. */
    plan: jsonb("plan").notNull(),
    drawnBy: text("drawn_by").references(() => users.id, { onDelete: "set null" }),
    drawnAt: timestamp("drawn_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("samples_rule_period_uq").on(t.ruleId, t.periodKey), index("samples_rule_drawn_idx").on(t.ruleId, t.drawnAt)],
);

export const sampleConversations = pgTable(
  "sample_conversations",
  {
    sampleId: integer("sample_id")
      .notNull()
      .references(() => samples.id, { onDelete: "cascade" }),
    conversationId: bigint("conversation_id", { mode: "number" })
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** Position in the draw, so the stored order is the draw order. */
    drawOrder: integer("draw_order").notNull(),
    stratumKey: text("stratum_key").notNull(),
    flagged: boolean("flagged").notNull().default(false),
    inclusionProbability: doublePrecision("inclusion_probability").notNull(),
    designWeight: doublePrecision("design_weight").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sampleId, t.conversationId] }), index("sample_conversations_conversation_idx").on(t.conversationId)],
);

/** Every reassignment or removal of an assignment, with who did it and why. */
export const assignmentChanges = pgTable(
  "assignment_changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    sampleId: integer("sample_id").references(() => samples.id, { onDelete: "cascade" }),
    conversationId: bigint("conversation_id", { mode: "number" })
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    action: text("action", { enum: ["reassigned", "removed"] }).notNull(),
    fromReviewerId: text("from_reviewer_id").references(() => users.id, { onDelete: "set null" }),
    toReviewerId: text("to_reviewer_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assignment_changes_sample_idx").on(t.sampleId, t.at)],
);

export type SamplingRule = typeof samplingRules.$inferSelect;
export type Sample = typeof samples.$inferSelect;
