import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { channelEnum } from "./enums";
import { users } from "./users";

/**
 * A scorecard as admins and leads edit it: its name, which conversations it applies to, and the
 * draft being worked on. What reviewers use is a published, frozen `scorecard_versions` row.
 */
export const scorecards = pgTable(
  "scorecards",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** The language its questions are written in. */
    language: text("language", { enum: ["es", "en"] }),
    /** The next version being edited (may be incomplete or invalid); null when there are no unpublished changes. */
    draft: jsonb("draft"),
    draftUpdatedAt: timestamp("draft_updated_at", { withTimezone: true }),
    /** Applicability: an empty list matches every value; a conversation must match all three lists. */
    channels: channelEnum("channels").array().notNull().default(sql`'{}'`),
    teamIds: integer("team_ids").array().notNull().default(sql`'{}'::integer[]`),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    /** Archived scorecards keep their versions (reviews pin them) but are not offered for new reviews. */
    active: boolean("active").notNull().default(true),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("scorecards_active_idx").on(t.active)],
);

/** A published scorecard: immutable (a trigger rejects updates), pinned by every review made with it. */
export const scorecardVersions = pgTable(
  "scorecard_versions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    scorecardId: integer("scorecard_id")
      .notNull()
      .references(() => scorecards.id, { onDelete: "restrict" }),
    version: integer("version").notNull(),
    /** A definition that passed parseScorecardDefinition, stored with its defaults filled in. */
    definition: jsonb("definition").notNull(),
    publishedBy: text("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("scorecard_versions_scorecard_version_uq").on(t.scorecardId, t.version)],
);

export type Scorecard = typeof scorecards.$inferSelect;
export type ScorecardVersion = typeof scorecardVersions.$inferSelect;
