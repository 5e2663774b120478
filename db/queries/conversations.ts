import { type SQL, and, asc, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { Database } from "../client";
import { agents, conversationFacts, conversations, customers, messages, reviews, teams } from "../schema";
import type { Channel } from "../schema/enums";
import { type ConversationScope, agentScopeCondition, conversationScopeCondition } from "./scope";

/** What a dashboard number counts, so that its conversations can be listed (see db/facts). */
export const CONVERSATION_FLAGS = [
  "breach",
  "first_response_breach",
  "unanswered",
  "redirect",
  "forbidden",
  "csat_low",
  "not_fcr",
  "negative",
  "frustrated",
  "reviewed",
] as const;
export type ConversationFlag = (typeof CONVERSATION_FLAGS)[number];

const FLAG_CONDITIONS: Record<ConversationFlag, SQL> = {
  breach: sql`${conversationFacts.breachedStandard}`,
  first_response_breach: sql`${conversationFacts.firstResponseMetStandard} = false`,
  unanswered: sql`${conversationFacts.hasCustomerMessage} and ${conversationFacts.unanswered}`,
  redirect: sql`${conversationFacts.redirectHits} > 0`,
  forbidden: sql`${conversationFacts.forbiddenHits} > 0`,
  csat_low: sql`${conversationFacts.csat} < 4`,
  not_fcr: sql`${conversationFacts.fcrFollowedUp}`,
  negative: sql`${conversationFacts.customerNegative} > 0`,
  frustrated: sql`${conversationFacts.frustrated}`,
  // What the dashboards' quality score counts (db/queries/quality.ts): a submitted standard review, not calibration.
  reviewed: sql`exists (select 1 from ${reviews} where ${reviews.conversationId} = ${conversationFacts.conversationId}
    and ${reviews.status} = 'submitted' and ${reviews.kind} = 'standard' and ${reviews.calibrationSessionId} is null and ${reviews.score} is not null)`,
};

export interface ConversationFilters {
  channel?: Channel;
  teamId?: number;
  agentId?: number;
  language?: "es" | "en" | "other";
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  text?: string;
  flag?: ConversationFlag;
}

export interface ConversationCursor {
  createdAt: Date;
  id: number;
}

export const PAGE_SIZE = 50;

function filterConditions(filters: ConversationFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.channel) conditions.push(eq(conversations.channel, filters.channel));
  if (filters.teamId) conditions.push(eq(conversations.teamId, filters.teamId));
  if (filters.agentId) conditions.push(eq(conversations.agentId, filters.agentId));
  if (filters.language) conditions.push(eq(conversations.language, filters.language));
  if (filters.from) conditions.push(gte(conversations.createdAt, filters.from));
  if (filters.to) conditions.push(lt(conversations.createdAt, filters.to));
  const text = filters.text?.trim();
  if (text) conditions.push(sql`${conversations.searchVector} @@ plainto_tsquery('simple', ${text})`);
  if (filters.flag) {
    conditions.push(
      sql`exists (select 1 from ${conversationFacts} where ${conversationFacts.conversationId} = ${conversations.id} and ${FLAG_CONDITIONS[filters.flag]})`,
    );
  }
  return conditions;
}

/** One page, newest first, using keyset pagination so deep pages cost the same as the first. */
export async function listConversations(
  db: Database,
  { scope, filters, cursor, limit = PAGE_SIZE }: { scope: ConversationScope; filters: ConversationFilters; cursor?: ConversationCursor; limit?: number },
) {
  const conditions = [conversationScopeCondition(scope), ...filterConditions(filters)];
  if (cursor) {
    conditions.push(sql`(${conversations.createdAt}, ${conversations.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id})`);
  }
  const rows = await db
    .select({
      id: conversations.id,
      channel: conversations.channel,
      subject: conversations.subject,
      status: conversations.status,
      language: conversations.language,
      createdAt: conversations.createdAt,
      firstResponseAt: conversations.firstResponseAt,
      csat: conversations.csat,
      messageCount: conversations.messageCount,
      agentName: agents.name,
      teamName: teams.name,
      customerName: customers.name,
    })
    .from(conversations)
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(customers, eq(customers.id, conversations.customerId))
    .where(and(...conditions))
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null;
  return { conversations: page, nextCursor };
}

export function encodeCursor(cursor: ConversationCursor): string {
  return `${cursor.createdAt.toISOString()}_${cursor.id}`;
}

export function decodeCursor(value: string | null): ConversationCursor | undefined {
  if (!value) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_(\d+)$/.exec(value);
  if (!match) return undefined;
  const createdAt = new Date(match[1]);
  if (Number.isNaN(createdAt.getTime())) return undefined;
  return { createdAt, id: Number(match[2]) };
}

/** A conversation with its transcript, or null when it does not exist or is outside the scope. */
export async function getConversation(db: Database, { id, scope }: { id: number; scope: ConversationScope }) {
  const [conversation] = await db
    .select({
      id: conversations.id,
      source: conversations.source,
      externalId: conversations.externalId,
      channel: conversations.channel,
      subject: conversations.subject,
      status: conversations.status,
      language: conversations.language,
      createdAt: conversations.createdAt,
      firstResponseAt: conversations.firstResponseAt,
      resolvedAt: conversations.resolvedAt,
      csat: conversations.csat,
      tags: conversations.tags,
      reopenCount: conversations.reopenCount,
      customerId: conversations.customerId,
      agentId: conversations.agentId,
      teamId: conversations.teamId,
      agentName: agents.name,
      teamName: teams.name,
      customerName: customers.name,
      customerEmail: customers.email,
      customerPhone: customers.phone,
      customerHandle: customers.handle,
    })
    .from(conversations)
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(customers, eq(customers.id, conversations.customerId))
    .where(and(eq(conversations.id, id), conversationScopeCondition(scope)));
  if (!conversation) return null;
  const transcript = await db
    .select({
      id: messages.id,
      ordinal: messages.ordinal,
      authorRole: messages.authorRole,
      authorName: messages.authorName,
      agentName: agents.name,
      sentAt: messages.sentAt,
      body: messages.body,
    })
    .from(messages)
    .leftJoin(agents, eq(agents.id, messages.agentId))
    .where(eq(messages.conversationId, id))
    .orderBy(asc(messages.ordinal));
  return { conversation, messages: transcript };
}

/** The customer's other conversations on any channel, newest first, within the viewer's scope. */
export async function customerHistory(
  db: Database,
  { customerId, excludeId, scope, limit = 20 }: { customerId: number; excludeId: number; scope: ConversationScope; limit?: number },
) {
  return db
    .select({
      id: conversations.id,
      channel: conversations.channel,
      subject: conversations.subject,
      status: conversations.status,
      createdAt: conversations.createdAt,
      csat: conversations.csat,
      agentName: agents.name,
    })
    .from(conversations)
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .where(and(eq(conversations.customerId, customerId), ne(conversations.id, excludeId), conversationScopeCondition(scope)))
    .orderBy(desc(conversations.createdAt))
    .limit(limit);
}

export async function listAgentsForFilter(db: Database, scope: ConversationScope) {
  return db.select({ id: agents.id, name: agents.name }).from(agents).where(agentScopeCondition(scope)).orderBy(asc(agents.name));
}

/**
 * Recomputes the words a conversation is found by (subject + every message, accents kept, no stemming so
 * Spanish and English both work). Whoever writes messages calls it in the same transaction.
 */
export async function refreshSearchVectors(db: Database, conversationIds: number[]): Promise<void> {
  if (conversationIds.length === 0) return;
  await db.execute(sql`
    update ${conversations} c
    set search_vector = to_tsvector('simple', coalesce(c.subject, '') || ' ' || coalesce(agg.text, ''))
    from (
      select c2.id, (select string_agg(m.body, ' ' order by m.ordinal) from ${messages} m where m.conversation_id = c2.id) as text
      from ${conversations} c2 where ${inArray(sql`c2.id`, conversationIds)}
    ) agg
    where agg.id = c.id`);
}
