import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Installation-wide settings and facts, such as whether the database holds demo data. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
