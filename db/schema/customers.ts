import { index, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";

/** Customers with their contact points, so their history can be shown across channels. */
export const customers = pgTable(
  "customers",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    handle: text("handle"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("customers_source_external_uq").on(t.source, t.externalId),
    index("customers_email_idx").on(t.email),
    index("customers_phone_idx").on(t.phone),
  ],
);

export type Customer = typeof customers.$inferSelect;
