import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { connectorKindEnum } from "./enums";

/** A helpdesk account to pull conversations from; its credentials are encrypted (AES-256-GCM, key from the environment). */
export const connectors = pgTable("connectors", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  kind: connectorKindEnum("kind").notNull(),
  name: text("name").notNull(),
  /** Zendesk / Freshdesk subdomain; Intercom has none. */
  subdomain: text("subdomain"),
  /** `iv.tag.ciphertext`, base64url; never sent to the browser. */
  credentials: text("credentials").notNull(),
  /** Where the next incremental sync starts (vendor cursor or timestamp), saved after each committed batch. */
  cursor: jsonb("cursor").$type<Record<string, string | number>>(),
  /** Minutes between scheduled syncs; null: only "sync now". */
  scheduleMinutes: integer("schedule_minutes"),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Connector = typeof connectors.$inferSelect;
