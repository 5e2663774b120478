import { z } from "zod";
import type { Database } from "../client";
import { type FieldProblem, type IncomingConversation, incomingConversationSchema, problemsOf } from "./schema";
import { findBySourceId, upsertConversations } from "./upsert";

export const MAX_CONVERSATIONS_PER_REQUEST = 500;

/** The envelope is checked first; each conversation on its own, so one bad item never rejects the others. */
export const ingestRequestSchema = z
  .object({
    conversations: z.array(z.unknown()).min(1).max(MAX_CONVERSATIONS_PER_REQUEST),
  });

/** The documented request body (what each item must look like). */
export const ingestRequestDocSchema = z
  .object({ conversations: z.array(incomingConversationSchema).min(1).max(MAX_CONVERSATIONS_PER_REQUEST) })
  .meta({ id: "IngestRequest" });

export const itemResultSchema = z
  .object({
    index: z.number().int().meta({ description: "Position of the conversation in the request." }),
    source: z.string().optional(),
    externalId: z.string().optional(),
    status: z.enum(["created", "updated", "unchanged", "rejected"]),
    id: z.number().int().optional().meta({ description: "Our id of the conversation (not for rejected items)." }),
    errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: "IngestItemResult" });

export const ingestResponseSchema = z
  .object({
    results: z.array(itemResultSchema),
    counts: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() }),
  })
  .meta({ id: "IngestResponse" });

export const errorResponseSchema = z
  .object({ error: z.string(), problems: z.array(z.object({ field: z.string(), reason: z.string() })).optional() })
  .meta({ id: "Error" });

const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export const storedConversationSchema = z
  .object({
    id: z.number().int(),
    source: z.string(),
    externalId: z.string(),
    channel: z.string(),
    subject: z.string().nullable(),
    status: z.string(),
    language: z.enum(["es", "en", "other"]).nullable(),
    createdAt: z.string(),
    firstResponseAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    csat: z.number().int().nullable(),
    tags: z.array(z.string()),
    messageCount: z.number().int(),
    messages: z.array(
      z.object({ externalId: z.string().nullable(), ordinal: z.number().int(), authorRole: z.string(), authorName: z.string().nullable(), sentAt: z.string(), body: z.string() }),
    ),
  })
  .meta({ id: "StoredConversation" });

export type ItemResult = z.infer<typeof itemResultSchema>;

/** Validates and writes one API request: every item answered created, updated, unchanged or rejected with reasons. */
export async function ingestConversations(
  db: Database,
  body: unknown,
): Promise<{ ok: true; response: z.infer<typeof ingestResponseSchema> } | { ok: false; problems: FieldProblem[] }> {
  const envelope = ingestRequestSchema.safeParse(body);
  if (!envelope.success) return { ok: false, problems: problemsOf(envelope.error) };
  const results: ItemResult[] = [];
  const valid: { index: number; conversation: IncomingConversation }[] = [];
  envelope.data.conversations.forEach((item, index) => {
    const parsed = incomingConversationSchema.safeParse(item);
    if (parsed.success) valid.push({ index, conversation: parsed.data });
    else {
      const raw = (item ?? {}) as { source?: unknown; externalId?: unknown };
      results[index] = {
        index,
        source: typeof raw.source === "string" ? raw.source : undefined,
        externalId: typeof raw.externalId === "string" ? raw.externalId : undefined,
        status: "rejected",
        errors: problemsOf(parsed.error),
      };
    }
  });
  const written = await upsertConversations(
    db,
    valid.map((item) => item.conversation),
  );
  written.forEach((result, position) => {
    const { index } = valid[position];
    results[index] = { index, ...result };
  });
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const result of results) counts[result.status]++;
  return { ok: true, response: { results, counts } };
}

export async function readConversation(db: Database, source: string, externalId: string): Promise<z.infer<typeof storedConversationSchema> | null> {
  const found = await findBySourceId(db, source, externalId);
  if (!found) return null;
  const { conversation: c, messages } = found;
  return {
    id: c.id,
    source: c.source,
    externalId: c.externalId,
    channel: c.channel,
    subject: c.subject,
    status: c.status,
    language: c.language,
    createdAt: c.createdAt.toISOString(),
    firstResponseAt: isoOrNull(c.firstResponseAt),
    resolvedAt: isoOrNull(c.resolvedAt),
    csat: c.csat,
    tags: c.tags,
    messageCount: c.messageCount,
    messages: messages.map((m) => ({
      externalId: m.externalId,
      ordinal: m.ordinal,
      authorRole: m.authorRole,
      authorName: m.authorName,
      sentAt: m.sentAt.toISOString(),
      body: m.body,
    })),
  };
}
