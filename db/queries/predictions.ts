import { createHash } from "node:crypto";
import { type SQL, and, asc, desc, eq, gt, gte, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Database } from "../client";
import { refreshDailyRollups } from "../facts/rollups";
import { selectRows } from "./rows";
import {
  agents,
  conversationFrustration,
  conversations,
  customers,
  messageSentiments,
  messages,
  type SentimentLabelValue,
  sentimentPredictions,
  teams,
} from "../schema";
import type { Channel } from "../schema/enums";
import { getSetting, putSetting } from "./settings";
import { type ConversationScope, conversationScopeCondition } from "./scope";

export interface ModelKey {
  modelId: string;
  version: string;
}

export interface SentimentValues {
  label: SentimentLabelValue;
  score: number;
  scores: Partial<Record<SentimentLabelValue, number>>;
  frustrated?: number | null;
}

/** Roles whose messages are scored: customers for sentiment, agents for tone. */
export const SCORED_ROLES = ["customer", "agent"] as const;

/** Case, Unicode form and spacing do not change what a model reads, so they do not make a new text. */
export function normaliseForHash(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ");
}

export function textHash(text: string): string {
  return createHash("sha256").update(normaliseForHash(text)).digest("hex");
}

function needsScoring(model: ModelKey): SQL {
  return or(
    isNull(messageSentiments.messageId),
    ne(sentimentPredictions.modelId, model.modelId),
    ne(sentimentPredictions.modelVersion, model.version),
  ) as SQL;
}

/** Messages without a prediction of this model version, in id order from `afterId` (the job's resume point). */
export async function listMessagesToScore(db: Database, { model, afterId = 0, limit }: { model: ModelKey; afterId?: number; limit: number }) {
  return db
    .select({ id: messages.id, conversationId: messages.conversationId, body: messages.body })
    .from(messages)
    .leftJoin(messageSentiments, eq(messageSentiments.messageId, messages.id))
    .leftJoin(sentimentPredictions, eq(sentimentPredictions.id, messageSentiments.predictionId))
    .where(and(gt(messages.id, afterId), inArray(messages.authorRole, [...SCORED_ROLES]), needsScoring(model)))
    .orderBy(asc(messages.id))
    .limit(limit);
}

export async function countMessagesToScore(db: Database, model: ModelKey): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(messages)
    .leftJoin(messageSentiments, eq(messageSentiments.messageId, messages.id))
    .leftJoin(sentimentPredictions, eq(sentimentPredictions.id, messageSentiments.predictionId))
    .where(and(inArray(messages.authorRole, [...SCORED_ROLES]), needsScoring(model)));
  return row.count;
}

/** Prediction ids of this model version for the given text hashes (those already scored). */
export async function findPredictionsByHash(db: Database, model: ModelKey, hashes: string[]): Promise<Map<string, number>> {
  if (hashes.length === 0) return new Map();
  const rows = await db
    .select({ id: sentimentPredictions.id, textHash: sentimentPredictions.textHash })
    .from(sentimentPredictions)
    .where(
      and(
        eq(sentimentPredictions.modelId, model.modelId),
        eq(sentimentPredictions.modelVersion, model.version),
        inArray(sentimentPredictions.textHash, [...new Set(hashes)]),
      ),
    );
  return new Map(rows.map((row) => [row.textHash, row.id]));
}

/** Stores predictions for new texts (a text already stored for this version is kept) and returns every hash's id. */
export async function savePredictions(
  db: Database,
  model: ModelKey,
  predictions: { textHash: string; sentiment: SentimentValues }[],
): Promise<Map<string, number>> {
  if (predictions.length > 0) {
    await db
      .insert(sentimentPredictions)
      .values(
        predictions.map(({ textHash: hash, sentiment }) => ({
          textHash: hash,
          modelId: model.modelId,
          modelVersion: model.version,
          label: sentiment.label,
          score: sentiment.score,
          scores: sentiment.scores,
          frustrated: sentiment.frustrated ?? null,
        })),
      )
      .onConflictDoNothing({ target: [sentimentPredictions.textHash, sentimentPredictions.modelId, sentimentPredictions.modelVersion] });
  }
  return findPredictionsByHash(
    db,
    model,
    predictions.map((p) => p.textHash),
  );
}

/** Points each message at its prediction, replacing the one it showed before (an older model's). */
export async function assignMessagePredictions(db: Database, assignments: { messageId: number; predictionId: number }[]): Promise<void> {
  if (assignments.length === 0) return;
  await db
    .insert(messageSentiments)
    .values(assignments)
    .onConflictDoUpdate({
      target: messageSentiments.messageId,
      set: { predictionId: sql`excluded.prediction_id`, scoredAt: sql`now()` },
    });
}

/** Older models' predictions no message points at any more. */
export async function deleteUnusedPredictions(db: Database, current: ModelKey): Promise<number> {
  const rows = await db
    .delete(sentimentPredictions)
    .where(
      and(
        or(ne(sentimentPredictions.modelId, current.modelId), ne(sentimentPredictions.modelVersion, current.version)),
        sql`NOT EXISTS (SELECT 1 FROM ${messageSentiments} WHERE ${messageSentiments.predictionId} = ${sentimentPredictions.id})`,
      ),
    )
    .returning({ id: sentimentPredictions.id });
  return rows.length;
}

export interface MessageSentimentRow extends SentimentValues {
  messageId: number;
  modelId: string;
  modelVersion: string;
}

/** The prediction each message shows (any model version: the newest it has). */
export async function messageSentimentsFor(db: Database, messageIds: number[]): Promise<MessageSentimentRow[]> {
  if (messageIds.length === 0) return [];
  return db
    .select({
      messageId: messageSentiments.messageId,
      modelId: sentimentPredictions.modelId,
      modelVersion: sentimentPredictions.modelVersion,
      label: sentimentPredictions.label,
      score: sentimentPredictions.score,
      scores: sentimentPredictions.scores,
      frustrated: sentimentPredictions.frustrated,
    })
    .from(messageSentiments)
    .innerJoin(sentimentPredictions, eq(sentimentPredictions.id, messageSentiments.predictionId))
    .where(inArray(messageSentiments.messageId, messageIds));
}

/** Everything frustration scoring needs for these conversations: their messages with sentiment, and earlier contacts. */
export async function conversationsForFrustration(db: Database, conversationIds: number[]) {
  if (conversationIds.length === 0) return [];
  const heads = await db
    .select({
      id: conversations.id,
      channel: conversations.channel,
      language: conversations.language,
      subject: conversations.subject,
      customerId: conversations.customerId,
      createdAt: conversations.createdAt,
    })
    .from(conversations)
    .where(inArray(conversations.id, conversationIds));
  const rows = await db
    .select({
      conversationId: messages.conversationId,
      authorRole: messages.authorRole,
      sentAt: messages.sentAt,
      body: messages.body,
      label: sentimentPredictions.label,
      score: sentimentPredictions.score,
      scores: sentimentPredictions.scores,
    })
    .from(messages)
    .leftJoin(messageSentiments, eq(messageSentiments.messageId, messages.id))
    .leftJoin(sentimentPredictions, eq(sentimentPredictions.id, messageSentiments.predictionId))
    .where(inArray(messages.conversationId, conversationIds))
    .orderBy(asc(messages.conversationId), asc(messages.ordinal));
  const customerIds = [...new Set(heads.map((h) => h.customerId).filter((id): id is number => id !== null))];
  const earlier = customerIds.length
    ? await db
        .select({
          customerId: conversations.customerId,
          channel: conversations.channel,
          createdAt: conversations.createdAt,
          subject: conversations.subject,
        })
        .from(conversations)
        .where(inArray(conversations.customerId, customerIds))
    : [];
  return heads.map((head) => ({
    ...head,
    messages: rows
      .filter((row) => row.conversationId === head.id)
      .map((row) => ({
        authorRole: row.authorRole,
        sentAt: row.sentAt,
        body: row.body,
        sentiment: row.label && row.score !== null && row.scores ? { label: row.label, score: row.score, scores: row.scores } : null,
      })),
    previousContacts: earlier
      .filter((contact) => contact.customerId === head.customerId && contact.createdAt < head.createdAt)
      .map(({ channel, createdAt, subject }) => ({ channel, createdAt, subject })),
  }));
}

export interface FrustrationRow {
  conversationId: number;
  score: number;
  flagged: boolean;
  threshold: number;
  reasons: unknown;
}

export async function saveFrustration(db: Database, model: ModelKey, rows: FrustrationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(conversationFrustration)
    .values(rows.map((row) => ({ ...row, modelId: model.modelId, modelVersion: model.version })))
    .onConflictDoUpdate({
      target: conversationFrustration.conversationId,
      set: {
        modelId: sql`excluded.model_id`,
        modelVersion: sql`excluded.model_version`,
        score: sql`excluded.score`,
        flagged: sql`excluded.flagged`,
        threshold: sql`excluded.threshold`,
        reasons: sql`excluded.reasons`,
        computedAt: sql`now()`,
      },
    });
}

export async function getConversationFrustration(db: Database, conversationId: number) {
  const [row] = await db.select().from(conversationFrustration).where(eq(conversationFrustration.conversationId, conversationId));
  return row ?? null;
}

export const FRUSTRATION_THRESHOLD_KEY = "frustration_threshold";

export async function getFrustrationThreshold(db: Database, fallback: number): Promise<number> {
  const stored = await getSetting<number>(db, FRUSTRATION_THRESHOLD_KEY);
  return typeof stored === "number" ? stored : fallback;
}

/** Stores the threshold and re-flags every scored conversation against it (the scores do not change). */
export async function setFrustrationThreshold(db: Database, threshold: number): Promise<void> {
  await db.transaction(async (tx) => {
    await putSetting(tx, FRUSTRATION_THRESHOLD_KEY, threshold);
    await tx.update(conversationFrustration).set({ threshold, flagged: sql`${conversationFrustration.score} >= ${threshold}` });
    // The dashboards count frustrated conversations from the facts: carry the new flags over, and rebuild those days.
    const changed = await selectRows<{ day: string }>(
      tx,
      sql`update conversation_facts f set frustrated = cf.flagged from conversation_frustration cf
          where cf.conversation_id = f.conversation_id and f.frustrated is distinct from cf.flagged
          returning f.created_day::text as day`,
    );
    await refreshDailyRollups(tx, [...new Set(changed.map((row) => String(row.day).slice(0, 10)))]);
  });
}

export interface FrustratedFilters {
  channel?: Channel;
  teamId?: number;
  agentId?: number;
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
}

/** Flagged conversations within the scope, newest first. */
export async function listFrustratedConversations(
  db: Database,
  { scope, filters, limit = 50 }: { scope: ConversationScope; filters: FrustratedFilters; limit?: number },
) {
  const conditions: (SQL | undefined)[] = [eq(conversationFrustration.flagged, true), conversationScopeCondition(scope)];
  if (filters.channel) conditions.push(eq(conversations.channel, filters.channel));
  if (filters.teamId) conditions.push(eq(conversations.teamId, filters.teamId));
  if (filters.agentId) conditions.push(eq(conversations.agentId, filters.agentId));
  if (filters.from) conditions.push(gte(conversations.createdAt, filters.from));
  if (filters.to) conditions.push(lt(conversations.createdAt, filters.to));
  return db
    .select({
      id: conversations.id,
      channel: conversations.channel,
      subject: conversations.subject,
      language: conversations.language,
      createdAt: conversations.createdAt,
      agentName: agents.name,
      teamName: teams.name,
      customerName: customers.name,
      score: conversationFrustration.score,
      reasons: conversationFrustration.reasons,
    })
    .from(conversationFrustration)
    .innerJoin(conversations, eq(conversations.id, conversationFrustration.conversationId))
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(customers, eq(customers.id, conversations.customerId))
    .where(and(...conditions))
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .limit(limit);
}

/** Counts for the Settings page: messages scored by this version, by others, and still waiting. */
export async function predictionSummary(db: Database, model: ModelKey) {
  const [row] = await db
    .select({
      current: sql<number>`count(*) FILTER (WHERE ${sentimentPredictions.modelId} = ${model.modelId} AND ${sentimentPredictions.modelVersion} = ${model.version})::int`,
      older: sql<number>`count(*) FILTER (WHERE NOT (${sentimentPredictions.modelId} = ${model.modelId} AND ${sentimentPredictions.modelVersion} = ${model.version}))::int`,
    })
    .from(messageSentiments)
    .innerJoin(sentimentPredictions, eq(sentimentPredictions.id, messageSentiments.predictionId));
  const [flags] = await db
    .select({ flagged: sql<number>`count(*) FILTER (WHERE ${conversationFrustration.flagged})::int`, scored: sql<number>`count(*)::int` })
    .from(conversationFrustration);
  return { scoredByCurrent: row.current, scoredByOlder: row.older, flaggedConversations: flags.flagged, scoredConversations: flags.scored };
}

/** Each message's shown prediction as `{label, score, scores}`, keyed by message id (for the transcript). */
export async function sentimentsByMessage(db: Database, messageIds: number[]) {
  const rows = await messageSentimentsFor(db, messageIds);
  return Object.fromEntries(rows.map((row) => [row.messageId, { label: row.label, score: row.score, scores: row.scores }]));
}
