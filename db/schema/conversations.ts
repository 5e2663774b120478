import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { customType } from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { customers } from "./customers";
import { authorRoleEnum, channelEnum, conversationStatusEnum } from "./enums";
import { teams } from "./teams";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const conversations = pgTable(
  "conversations",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    channel: channelEnum("channel").notNull(),
    subject: text("subject"),
    status: conversationStatusEnum("status").notNull().default("open"),
    language: text("language", { enum: ["es", "en", "other"] }),
    agentId: integer("agent_id").references(() => agents.id, { onDelete: "set null" }),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    customerId: integer("customer_id").references(() => customers.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    csat: smallint("csat"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    reopenCount: integer("reopen_count").notNull().default(0),
    messageCount: integer("message_count").notNull().default(0),
    /** Words of the subject and every message, written with the messages (refreshSearchVectors). */
    searchVector: tsvector("search_vector"),
    /** Uniform in [0, 1): seeded draws walk this index instead of ORDER BY random(). */
    sampleKey: doublePrecision("sample_key").notNull(),
    /** Hash of the conversation as last imported: an unchanged re-import is recognised and skipped. */
    contentHash: text("content_hash"),
  },
  (t) => [
    unique("conversations_source_external_uq").on(t.source, t.externalId),
    check("conversations_csat_range", sql`${t.csat} IS NULL OR ${t.csat} BETWEEN 1 AND 5`),
    index("conversations_created_idx").on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_channel_created_idx").on(t.channel, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_agent_created_idx").on(t.agentId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_team_created_idx").on(t.teamId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_customer_created_idx").on(t.customerId, t.createdAt.desc().nullsFirst()),
    index("conversations_sample_key_idx").on(t.sampleKey),
    /** The default stratum (agent × channel) walked in sample-key order by a draw. */
    index("conversations_agent_channel_sample_key_idx").on(t.agentId, t.channel, t.sampleKey),
    index("conversations_search_idx").using("gin", t.searchVector),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    conversationId: bigint("conversation_id", { mode: "number" })
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    externalId: text("external_id"),
    ordinal: integer("ordinal").notNull(),
    authorRole: authorRoleEnum("author_role").notNull(),
    agentId: integer("agent_id").references(() => agents.id, { onDelete: "set null" }),
    customerId: integer("customer_id").references(() => customers.id, { onDelete: "set null" }),
    authorName: text("author_name"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    body: text("body").notNull(),
  },
  (t) => [
    unique("messages_conversation_ordinal_uq").on(t.conversationId, t.ordinal),
    unique("messages_conversation_external_uq").on(t.conversationId, t.externalId),
    index("messages_agent_sent_idx").on(t.agentId, t.sentAt),
  ],
);

export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
