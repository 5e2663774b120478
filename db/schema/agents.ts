import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { teams } from "./teams";
import { users } from "./users";

/** The people whose conversations are reviewed; they may or may not have a login. */
export const agents = pgTable(
  "agents",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    email: text("email"),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("agents_email_lower_idx").on(sql`lower(${t.email})`),
    uniqueIndex("agents_user_idx").on(t.userId),
    index("agents_team_idx").on(t.teamId),
  ],
);

/** An agent's ids in helpdesks, so one person referenced by email and by id stays one agent. */
export const agentIdentities = pgTable(
  "agent_identities",
  {
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
  },
  (t) => [unique("agent_identities_source_external_uq").on(t.source, t.externalId), index("agent_identities_agent_idx").on(t.agentId)],
);

export type Agent = typeof agents.$inferSelect;
