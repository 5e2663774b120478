import { and, asc, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { DEFAULT_FCR_WINDOW_DAYS, firstContactResolution } from "../../scoring/sla";
import type { Database } from "../client";
import { selectRows } from "../queries/rows";
import { agentMessageFacts, conversationFacts, conversations, customers, messages } from "../schema";
import { type AgentMessageFactRow, type ConversationFactRow, computeFacts, type FactConversation } from "./compute";
import { loadSlaConfig, resolveSlaConfig } from "./sla-config";
import { refreshDailyRollups } from "./rollups";
import { applySentimentFacts } from "./sentiment";
import { loadToneConfig } from "./tone-config";

const DAY_MS = 86_400_000;
export const FCR_WINDOW_DAYS = DEFAULT_FCR_WINDOW_DAYS;

export interface RefreshFactsOptions {
  /** "Now" for waits still running; the current time unless a test pins it. */
  asOf?: Date;
}

export interface RefreshFactsResult {
  conversations: number;
  agentMessages: number;
  /** UTC days whose rollups were rebuilt. */
  days: string[];
}

interface Contact {
  conversationId: number;
  customerId: number;
  createdAt: Date;
  createdDay: string;
  nextConversationId: number | null;
}

/**
 * Recomputes the facts of these conversations from their stored messages (response times with
 * scoring/sla against the saved targets, tone with scoring/tone), the first-contact-resolution links of
 * the same customers' neighbouring conversations, and the daily rollups of every day touched: all in one
 * transaction. Whoever writes conversations or messages calls it with the ids they wrote (the demo loader
 * per COPY batch; the ingest upsert per batch). Ids that no longer exist just lose their facts.
 */
export async function refreshFacts(
  db: Database,
  conversationIds: readonly number[],
  options: RefreshFactsOptions = {},
): Promise<RefreshFactsResult> {
  const ids = [...new Set(conversationIds)];
  if (ids.length === 0) return { conversations: 0, agentMessages: 0, days: [] };
  return db.transaction(async (tx) => {
    const settings = resolveSlaConfig(await loadSlaConfig(tx));
    const tone = await loadToneConfig(tx);
    const asOf = options.asOf ?? new Date();

    const [rows, messageRows, previous] = await Promise.all([
      tx
        .select({
          id: conversations.id,
          channel: conversations.channel,
          teamId: conversations.teamId,
          agentId: conversations.agentId,
          customerId: conversations.customerId,
          customerName: customers.name,
          language: conversations.language,
          createdAt: conversations.createdAt,
          resolvedAt: conversations.resolvedAt,
          csat: conversations.csat,
          reopenCount: conversations.reopenCount,
        })
        .from(conversations)
        .leftJoin(customers, eq(customers.id, conversations.customerId))
        .where(inArray(conversations.id, ids)),
      tx
        .select({
          id: messages.id,
          conversationId: messages.conversationId,
          authorRole: messages.authorRole,
          sentAt: messages.sentAt,
          body: messages.body,
        })
        .from(messages)
        .where(inArray(messages.conversationId, ids))
        .orderBy(asc(messages.conversationId), asc(messages.ordinal)),
      tx.select({ day: conversationFacts.createdDay }).from(conversationFacts).where(inArray(conversationFacts.conversationId, ids)),
    ]);

    const byConversation = new Map<number, FactConversation>();
    for (const row of rows) byConversation.set(row.id, { ...row, messages: [] });
    for (const message of messageRows) byConversation.get(message.conversationId)?.messages.push(message);

    const conversationFactRows: ConversationFactRow[] = [];
    const messageFactRows: AgentMessageFactRow[] = [];
    for (const conversation of byConversation.values()) {
      const facts = computeFacts(conversation, {
        version: settings.version,
        targets: settings.targets,
        schedule: settings.scheduleFor(conversation.channel),
        tone,
        asOf,
      });
      conversationFactRows.push(facts.conversation);
      for (const row of facts.messages) messageFactRows.push(row);
    }

    const touchedDays = new Set<string>(previous.map((row) => row.day));
    for (const row of conversationFactRows) touchedDays.add(row.createdDay);

    const neighbours = await linkFollowUps(tx, conversationFactRows);
    for (const day of neighbours.touchedDays) touchedDays.add(day);

    await tx.delete(agentMessageFacts).where(inArray(agentMessageFacts.conversationId, ids));
    await tx.delete(conversationFacts).where(inArray(conversationFacts.conversationId, ids));
    await insertConversationFacts(tx, conversationFactRows, neighbours.links);
    await insertAgentMessageFacts(tx, messageFactRows);
    for (const update of neighbours.updates) {
      await tx
        .update(conversationFacts)
        .set({
          nextConversationId: update.nextConversationId,
          nextContactAt: update.nextContactAt,
          fcrFollowedUp: update.nextConversationId !== null,
        })
        .where(eq(conversationFacts.conversationId, update.conversationId));
    }
    for (const day of await applySentimentFacts(tx, ids)) touchedDays.add(day);
    const days = [...touchedDays].sort();
    await refreshDailyRollups(tx, days);
    return { conversations: conversationFactRows.length, agentMessages: messageFactRows.length, days };
  });
}

interface FollowUpLink {
  nextConversationId: number | null;
  nextContactAt: Date | null;
}

/**
 * First-contact resolution across the batch and the customers' stored conversations around it: a
 * conversation followed by another from the same customer within FCR_WINDOW_DAYS was not resolved on
 * first contact. Earlier stored conversations whose follow-up changed are returned as updates.
 */
async function linkFollowUps(db: Database, batch: readonly ConversationFactRow[]) {
  const links = new Map<number, FollowUpLink>();
  const updates: Array<{ conversationId: number } & FollowUpLink> = [];
  const touchedDays = new Set<string>();
  const withCustomer = batch.filter((row) => row.customerId !== null);
  if (withCustomer.length === 0) return { links, updates, touchedDays };

  const windowMs = FCR_WINDOW_DAYS * DAY_MS;
  const times = withCustomer.map((row) => Date.parse(row.createdAt));
  const earliest = new Date(Math.min(...times) - windowMs);
  const latest = new Date(Math.max(...times) + windowMs);
  const latestInBatch = Math.max(...times);
  const batchIds = new Set(batch.map((row) => row.conversationId));
  const customerIds = [...new Set(withCustomer.map((row) => row.customerId as number))];

  const stored = await db
    .select({
      conversationId: conversationFacts.conversationId,
      customerId: conversationFacts.customerId,
      createdAt: conversationFacts.createdAt,
      createdDay: conversationFacts.createdDay,
      nextConversationId: conversationFacts.nextConversationId,
    })
    .from(conversationFacts)
    .where(
      and(
        inArray(conversationFacts.customerId, customerIds),
        gte(conversationFacts.createdAt, earliest),
        lte(conversationFacts.createdAt, latest),
      ),
    );

  const contacts: Contact[] = [
    ...stored.filter((row) => !batchIds.has(row.conversationId)).map((row) => ({ ...row, customerId: row.customerId as number })),
    ...withCustomer.map((row) => ({
      conversationId: row.conversationId,
      customerId: row.customerId as number,
      createdAt: new Date(row.createdAt),
      createdDay: row.createdDay,
      nextConversationId: null,
    })),
  ];
  const byId = new Map(contacts.map((contact) => [contact.conversationId, contact]));
  const { verdicts } = firstContactResolution(
    contacts.map((contact) => ({
      id: String(contact.conversationId),
      customerId: String(contact.customerId),
      createdAt: contact.createdAt,
    })),
    { windowDays: FCR_WINDOW_DAYS },
  );
  verdicts.forEach((verdict, index) => {
    const contact = contacts[index];
    const nextConversationId = verdict.followUpConversationId === null ? null : Number(verdict.followUpConversationId);
    const next = nextConversationId === null ? null : byId.get(nextConversationId);
    const link = { nextConversationId, nextContactAt: next?.createdAt ?? null };
    if (batchIds.has(contact.conversationId)) {
      links.set(contact.conversationId, link);
      // A stored conversation's window reaches past the loaded range only if it starts after the whole batch.
    } else if (contact.createdAt.getTime() < latestInBatch && contact.nextConversationId !== nextConversationId) {
      updates.push({ conversationId: contact.conversationId, ...link });
      touchedDays.add(contact.createdDay);
    }
  });
  return { links, updates, touchedDays };
}

type ColumnList = ReadonlyArray<readonly [name: string, type: string]>;

const CONVERSATION_FACT_COLUMNS: ColumnList = [
  ["conversation_id", "bigint"],
  ["channel", "channel"],
  ["team_id", "integer"],
  ["agent_id", "integer"],
  ["customer_id", "integer"],
  ["language", "text"],
  ["created_at", "timestamptz"],
  ["created_day", "date"],
  ["has_customer_message", "boolean"],
  ["first_response_ms", "bigint"],
  ["first_response_met_standard", "boolean"],
  ["first_response_met_world_class", "boolean"],
  ["replies_measured", "integer"],
  ["replies_within_standard", "integer"],
  ["replies_world_class_measured", "integer"],
  ["replies_within_world_class", "integer"],
  ["reply_elapsed_ms", "bigint[]"],
  ["breached_standard", "boolean"],
  ["unanswered", "boolean"],
  ["unanswered_reason", "text"],
  ["resolution_ms", "bigint"],
  ["csat", "smallint"],
  ["reopen_count", "integer"],
  ["next_contact_at", "timestamptz"],
  ["next_conversation_id", "bigint"],
  ["fcr_followed_up", "boolean"],
  ["agent_message_count", "integer"],
  ["greeting", "boolean"],
  ["closing", "boolean"],
  ["uses_name", "boolean"],
  ["empathy", "boolean"],
  ["apology", "boolean"],
  ["register", "text"],
  ["register_consistent", "boolean"],
  ["exclamation_rate", "real"],
  ["emoji_per_100_words", "real"],
  ["word_count", "integer"],
  ["mean_words_per_message", "real"],
  ["readability", "real"],
  ["forbidden_hits", "integer"],
  ["redirect_hits", "integer"],
  ["sla_config_version", "integer"],
  ["tone_config_version", "integer"],
];

const MESSAGE_FACT_COLUMNS: ColumnList = [
  ["message_id", "bigint"],
  ["conversation_id", "bigint"],
  ["channel", "channel"],
  ["team_id", "integer"],
  ["agent_id", "integer"],
  ["created_day", "date"],
  ["sent_at", "timestamptz"],
  ["greeting", "boolean"],
  ["closing", "boolean"],
  ["uses_name", "boolean"],
  ["empathy", "boolean"],
  ["apology", "boolean"],
  ["register", "text"],
  ["exclamation_rate", "real"],
  ["emoji_per_100_words", "real"],
  ["word_count", "integer"],
  ["readability", "real"],
  ["forbidden_hits", "smallint"],
  ["redirect_hits", "smallint"],
  ["evidence", "jsonb"],
];

/** Rows go in as one JSON parameter: thousands of rows per statement without the bind-parameter limit. */
const JSON_CHUNK_ROWS = 5000;

function snakeCase(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key.replace(/[A-Z0-9]+/g, (match) => `_${match.toLowerCase()}`)] = value;
  return out;
}

async function insertJsonRows(db: Database, table: string, columns: ColumnList, rows: readonly Record<string, unknown>[]) {
  const names = sql.raw(columns.map(([name]) => name).join(", "));
  const definitions = sql.raw(columns.map(([name, type]) => `${name} ${type}`).join(", "));
  for (let start = 0; start < rows.length; start += JSON_CHUNK_ROWS) {
    const chunk = JSON.stringify(rows.slice(start, start + JSON_CHUNK_ROWS));
    await db.execute(
      sql`insert into ${sql.raw(table)} (${names}) select ${names} from jsonb_to_recordset(${chunk}::jsonb) as x(${definitions})`,
    );
  }
}

function insertConversationFacts(db: Database, rows: readonly ConversationFactRow[], links: Map<number, FollowUpLink>) {
  const withLinks = rows.map((row) => {
    const link = links.get(row.conversationId);
    return snakeCase({
      ...row,
      nextContactAt: link?.nextContactAt?.toISOString() ?? null,
      nextConversationId: link?.nextConversationId ?? null,
      fcrFollowedUp: (link?.nextConversationId ?? null) !== null,
    });
  });
  return insertJsonRows(db, "conversation_facts", CONVERSATION_FACT_COLUMNS, withLinks);
}

function insertAgentMessageFacts(db: Database, rows: readonly AgentMessageFactRow[]) {
  return insertJsonRows(db, "agent_message_facts", MESSAGE_FACT_COLUMNS, rows.map(snakeCase));
}

/** Conversation ids whose facts are missing or were computed with older response-time or tone settings, oldest first. */
export async function staleFactIds(
  db: Database,
  { limit, afterId = 0, untilId }: { limit: number; afterId?: number; untilId?: number },
): Promise<number[]> {
  const [settings, tone] = await Promise.all([loadSlaConfig(db), loadToneConfig(db)]);
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .leftJoin(conversationFacts, eq(conversationFacts.conversationId, conversations.id))
    .where(
      and(
        sql`${conversations.id} > ${afterId}`,
        untilId === undefined ? undefined : sql`${conversations.id} <= ${untilId}`,
        sql`(${conversationFacts.conversationId} is null or ${ne(conversationFacts.slaConfigVersion, settings.version)} or ${ne(conversationFacts.toneConfigVersion, tone.version)})`,
      ),
    )
    .orderBy(asc(conversations.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * Recomputes every conversation whose facts are missing or stale (after the response-time settings
 * changed, or on a database that predates the facts tables), in id order and batches of `batchSize`,
 * each batch in its own transaction so that progress survives an interruption. `afterId` / `untilId`
 * restrict it to an id range, so that several processes can share a large backfill.
 */
export async function refreshStaleFacts(
  db: Database,
  {
    batchSize = 2000,
    onProgress = () => {},
    afterId: startAfter = 0,
    untilId,
  }: { batchSize?: number; onProgress?: (done: number) => void; afterId?: number; untilId?: number } = {},
): Promise<number> {
  let done = 0;
  // Settings saved again during a pass make earlier ids stale again: pass again until a pass finds none.
  for (;;) {
    let afterId = startAfter;
    let inThisPass = 0;
    for (;;) {
      const ids = await staleFactIds(db, { limit: batchSize, afterId, untilId });
      if (ids.length === 0) break;
      await refreshFacts(db, ids);
      done += ids.length;
      inThisPass += ids.length;
      afterId = ids[ids.length - 1];
      onProgress(done);
    }
    if (inThisPass === 0) return done;
  }
}

export async function countStaleFacts(db: Database): Promise<number> {
  const [settings, tone] = await Promise.all([loadSlaConfig(db), loadToneConfig(db)]);
  const [row] = await selectRows<{ n: number | string }>(
    db,
    sql`select (select count(*) from conversations c where not exists (select 1 from conversation_facts f where f.conversation_id = c.id))
             + (select count(*) from conversation_facts where sla_config_version <> ${settings.version} or tone_config_version <> ${tone.version}) as n`,
  );
  return Number(row.n);
}
