import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { channelEnum } from "./enums";

/**
 * What scoring/sla and scoring/tone say about one conversation, written in the same transaction as its
 * messages (refreshFacts), so that reports group facts instead of re-reading transcripts. Keyed by the
 * conversation id: review scores and sentiment predictions join on it later without a new shape.
 * Derived data, so no foreign keys: a writer that deletes conversations calls refreshFacts with their ids,
 * which drops the facts and rebuilds the rollups of the days they were counted in.
 */
export const conversationFacts = pgTable(
  "conversation_facts",
  {
    conversationId: bigint("conversation_id", { mode: "number" }).primaryKey(),
    channel: channelEnum("channel").notNull(),
    teamId: integer("team_id"),
    agentId: integer("agent_id"),
    customerId: integer("customer_id"),
    language: text("language", { enum: ["es", "en", "other"] }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** UTC calendar day of createdAt: the grain of the daily rollups. */
    createdDay: date("created_day", { mode: "string" }).notNull(),
    hasCustomerMessage: boolean("has_customer_message").notNull(),
    firstResponseMs: bigint("first_response_ms", { mode: "number" }),
    /** Standard / world-class verdict of the first response; null: no such target or not decided yet. */
    firstResponseMetStandard: boolean("first_response_met_standard"),
    firstResponseMetWorldClass: boolean("first_response_met_world_class"),
    /** Every reply, the first included, plus a wait already past its target (as scoring/sla counts them). */
    repliesMeasured: integer("replies_measured").notNull(),
    repliesWithinStandard: integer("replies_within_standard").notNull(),
    repliesWorldClassMeasured: integer("replies_world_class_measured").notNull(),
    repliesWithinWorldClass: integer("replies_within_world_class").notNull(),
    /** Elapsed time of every completed reply in order (business time when the channel counts business hours). */
    replyElapsedMs: bigint("reply_elapsed_ms", { mode: "number" }).array().notNull(),
    /** Some reply (or a running wait) broke the standard target. */
    breachedStandard: boolean("breached_standard").notNull(),
    unanswered: boolean("unanswered").notNull(),
    unansweredReason: text("unanswered_reason", { enum: ["no_agent_reply", "customer_wrote_last"] }),
    resolutionMs: bigint("resolution_ms", { mode: "number" }),
    csat: smallint("csat"),
    reopenCount: integer("reopen_count").notNull(),
    /** The same customer's next conversation on any channel, whenever it came (FCR windows are applied on read). */
    nextContactAt: timestamp("next_contact_at", { withTimezone: true }),
    nextConversationId: bigint("next_conversation_id", { mode: "number" }),
    /** A new conversation from the customer within the FCR window (DEFAULT_FCR_WINDOW_DAYS): not resolved on first contact. */
    fcrFollowedUp: boolean("fcr_followed_up").notNull(),
    agentMessageCount: integer("agent_message_count").notNull(),
    greeting: boolean("greeting").notNull(),
    closing: boolean("closing").notNull(),
    usesName: boolean("uses_name").notNull(),
    empathy: boolean("empathy").notNull(),
    apology: boolean("apology").notNull(),
    register: text("register", { enum: ["formal", "informal"] }),
    registerConsistent: boolean("register_consistent").notNull(),
    exclamationRate: real("exclamation_rate"),
    emojiPer100Words: real("emoji_per_100_words"),
    wordCount: integer("word_count").notNull(),
    meanWordsPerMessage: real("mean_words_per_message"),
    /** Szigriszt-Pazos (es) or Flesch reading ease (en), over all the agent's words. */
    readability: real("readability"),
    forbiddenHits: integer("forbidden_hits").notNull(),
    redirectHits: integer("redirect_hits").notNull(),
    /** Scored customer / agent messages and how many the sentiment model called negative (db/facts/sentiment.ts). */
    customerMessagesScored: integer("customer_messages_scored").notNull().default(0),
    customerNegative: integer("customer_negative").notNull().default(0),
    agentMessagesScored: integer("agent_messages_scored").notNull().default(0),
    agentNegative: integer("agent_negative").notNull().default(0),
    /** The conversation has a frustration score; `frustrated`: it is over the threshold. */
    frustrationScored: boolean("frustration_scored").notNull().default(false),
    frustrated: boolean("frustrated").notNull().default(false),
    /** The response-time settings version these facts were computed with (see db/facts/sla-config.ts). */
    slaConfigVersion: integer("sla_config_version").notNull(),
    /** The tone settings version (forbidden phrases) these facts were computed with (see db/facts/tone-config.ts). */
    toneConfigVersion: integer("tone_config_version").notNull().default(1),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("conversation_facts_day_idx").on(t.createdDay),
    index("conversation_facts_customer_created_idx").on(t.customerId, t.createdAt),
    index("conversation_facts_sla_version_idx").on(t.slaConfigVersion),
    index("conversation_facts_agent_channel_created_idx").on(t.agentId, t.channel, t.createdAt),
  ],
);

/** Tone features of one agent message, with the evidence for forbidden phrases and redirects. */
export const agentMessageFacts = pgTable(
  "agent_message_facts",
  {
    messageId: bigint("message_id", { mode: "number" }).primaryKey(),
    conversationId: bigint("conversation_id", { mode: "number" }).notNull(),
    channel: channelEnum("channel").notNull(),
    teamId: integer("team_id"),
    agentId: integer("agent_id"),
    createdDay: date("created_day", { mode: "string" }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    greeting: boolean("greeting").notNull(),
    closing: boolean("closing").notNull(),
    usesName: boolean("uses_name").notNull(),
    empathy: boolean("empathy").notNull(),
    apology: boolean("apology").notNull(),
    register: text("register", { enum: ["formal", "informal", "mixed", "undetermined"] }).notNull(),
    exclamationRate: real("exclamation_rate"),
    emojiPer100Words: real("emoji_per_100_words"),
    wordCount: integer("word_count").notNull(),
    readability: real("readability"),
    forbiddenHits: smallint("forbidden_hits").notNull(),
    redirectHits: smallint("redirect_hits").notNull(),
    /** Forbidden-phrase and redirect matches (rule, span, text, targets); null when there are none. */
    evidence: jsonb("evidence"),
  },
  (t) => [index("agent_message_facts_conversation_idx").on(t.conversationId)],
);

/**
 * Sums over conversation_facts by UTC day × channel × team × agent, rebuilt for the days a write touches.
 * Dashboards read these (a few thousand rows per quarter) instead of a million facts. Tone features are
 * kept as n / sum / sum of squares so that means, variances and confidence intervals come out of any
 * GROUP BY. `tone_n` counts conversations with at least one agent message.
 */
export const dailyRollups = pgTable(
  "daily_rollups",
  {
    day: date("day", { mode: "string" }).notNull(),
    channel: channelEnum("channel").notNull(),
    teamId: integer("team_id"),
    agentId: integer("agent_id"),
    conversations: integer("conversations").notNull(),
    withCustomerMessage: integer("with_customer_message").notNull(),
    unanswered: integer("unanswered").notNull(),
    firstResponseMeasured: integer("first_response_measured").notNull(),
    firstResponseWithinStandard: integer("first_response_within_standard").notNull(),
    firstResponseWorldClassMeasured: integer("first_response_world_class_measured").notNull(),
    firstResponseWithinWorldClass: integer("first_response_within_world_class").notNull(),
    firstResponseCount: integer("first_response_count").notNull(),
    firstResponseMsSum: doublePrecision("first_response_ms_sum").notNull(),
    repliesMeasured: integer("replies_measured").notNull(),
    repliesWithinStandard: integer("replies_within_standard").notNull(),
    repliesWorldClassMeasured: integer("replies_world_class_measured").notNull(),
    repliesWithinWorldClass: integer("replies_within_world_class").notNull(),
    breachedConversations: integer("breached_conversations").notNull(),
    resolutionCount: integer("resolution_count").notNull(),
    resolutionMsSum: doublePrecision("resolution_ms_sum").notNull(),
    csatResponses: integer("csat_responses").notNull(),
    csatSatisfied: integer("csat_satisfied").notNull(),
    csatSum: integer("csat_sum").notNull(),
    reopened: integer("reopened").notNull(),
    fcrCandidates: integer("fcr_candidates").notNull(),
    fcrFollowedUp: integer("fcr_followed_up").notNull(),
    agentMessages: integer("agent_messages").notNull(),
    redirectConversations: integer("redirect_conversations").notNull(),
    redirectHits: integer("redirect_hits").notNull(),
    forbiddenConversations: integer("forbidden_conversations").notNull(),
    forbiddenHits: integer("forbidden_hits").notNull(),
    toneN: integer("tone_n").notNull(),
    greetingSum: integer("greeting_sum").notNull(),
    closingSum: integer("closing_sum").notNull(),
    usesNameSum: integer("uses_name_sum").notNull(),
    empathySum: integer("empathy_sum").notNull(),
    apologySum: integer("apology_sum").notNull(),
    formalSum: integer("formal_sum").notNull(),
    informalSum: integer("informal_sum").notNull(),
    exclamationSum: doublePrecision("exclamation_sum").notNull(),
    exclamationSq: doublePrecision("exclamation_sq").notNull(),
    emojiSum: doublePrecision("emoji_sum").notNull(),
    emojiSq: doublePrecision("emoji_sq").notNull(),
    logWordsSum: doublePrecision("log_words_sum").notNull(),
    logWordsSq: doublePrecision("log_words_sq").notNull(),
    readabilityN: integer("readability_n").notNull(),
    readabilitySum: doublePrecision("readability_sum").notNull(),
    readabilitySq: doublePrecision("readability_sq").notNull(),
    customerMessagesScored: integer("customer_messages_scored").notNull().default(0),
    customerNegative: integer("customer_negative").notNull().default(0),
    agentMessagesScored: integer("agent_messages_scored").notNull().default(0),
    agentNegative: integer("agent_negative").notNull().default(0),
    frustrationScored: integer("frustration_scored").notNull().default(0),
    frustratedConversations: integer("frustrated_conversations").notNull().default(0),
  },
  (t) => [
    unique("daily_rollups_key_uq").on(t.day, t.channel, t.teamId, t.agentId).nullsNotDistinct(),
    index("daily_rollups_team_day_idx").on(t.teamId, t.day),
  ],
);

export type ConversationFact = typeof conversationFacts.$inferSelect;
export type DailyRollup = typeof dailyRollups.$inferSelect;
