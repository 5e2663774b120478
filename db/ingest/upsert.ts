import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { sampleKeyFor } from "../../scoring/sampling";
import type { Database } from "../client";
import { refreshFacts } from "../facts";
import { refreshSearchVectors } from "../queries/conversations";
import { agentIdentities, agents, customers, teams } from "../schema";
import { detectLanguage } from "./language";
import type { AgentRef, CustomerRef, IncomingConversation } from "./schema";

export type UpsertStatus = "created" | "updated" | "unchanged";

export interface UpsertResult {
  source: string;
  externalId: string;
  id: number;
  status: UpsertStatus;
}

/** Rows per INSERT of messages: one JSON parameter each, so the limit is memory, not bind parameters. */
const MESSAGE_CHUNK = 5000;

/**
 * Writes one batch of validated conversations in ONE transaction: either the whole batch is in the
 * database afterwards or none of it. Conversations are keyed by source + external id, messages by
 * their external id within the conversation (or by position when they have none); a conversation whose
 * content did not change since the last import is left untouched, so re-running an import changes nothing.
 * Results come back in the order of the input (a conversation repeated in the batch counts once, last wins).
 */
export async function upsertConversations(db: Database, batch: readonly IncomingConversation[]): Promise<UpsertResult[]> {
  if (batch.length === 0) return [];
  return db.transaction((tx) => writeConversationBatch(tx as unknown as Database, batch));
}

const conversationKey = (source: string, externalId: string) => `${source}\u0000${externalId}`;

/** The batch write itself, for callers that already hold the transaction (imports record their progress in it). */
export async function writeConversationBatch(tx: Database, batch: readonly IncomingConversation[]): Promise<UpsertResult[]> {
  if (batch.length === 0) return [];
  const unique = new Map<string, IncomingConversation>();
  for (const item of batch) unique.set(conversationKey(item.source, item.externalId), item);
  const items = [...unique.values()];

  const teamIds = await resolveTeams(tx, items.flatMap((item) => (item.team ? [item.team] : [])));
  const agentResolver = await resolveAgents(tx, items, teamIds);
  const customerIds = await resolveCustomers(tx, items);

  const rows = items.map((item) => {
    const agent = item.agent ? agentResolver.get(item.source, item.agent) : undefined;
    const ordered = orderedMessages(item);
    return {
      item,
      ordered,
      record: {
        source: item.source,
        external_id: item.externalId,
        channel: item.channel,
        subject: item.subject ?? null,
        status: item.status,
        language: item.language ?? detectLanguage([item.subject, ...ordered.map((message) => message.body)]),
        agent_id: agent?.id ?? null,
        team_id: (item.team ? teamIds.get(item.team) : undefined) ?? agent?.teamId ?? null,
        customer_id: customerIds.get(customerKey(item.source, item.customer)) ?? null,
        created_at: item.createdAt.toISOString(),
        first_response_at: (item.firstResponseAt ?? firstResponse(ordered))?.toISOString() ?? null,
        resolved_at: item.resolvedAt?.toISOString() ?? null,
        csat: item.csat ?? null,
        tags: item.tags,
        reopen_count: item.reopenCount,
        message_count: ordered.length,
        sample_key: sampleKeyFor(item.source, item.externalId),
        content_hash: contentHash(item),
      },
    };
  });

  const written = await tx.execute(sql`
    insert into conversations (source, external_id, channel, subject, status, language, agent_id, team_id, customer_id, created_at,
      first_response_at, resolved_at, csat, tags, reopen_count, message_count, sample_key, content_hash)
    select source, external_id, channel, subject, status, language, agent_id, team_id, customer_id, created_at,
      first_response_at, resolved_at, csat, coalesce(tags, '{}'), reopen_count, message_count, sample_key, content_hash
    from jsonb_to_recordset(${JSON.stringify(rows.map((row) => row.record))}::jsonb) as x(
      source text, external_id text, channel channel, subject text, status conversation_status, language text, agent_id integer,
      team_id integer, customer_id integer, created_at timestamptz, first_response_at timestamptz, resolved_at timestamptz,
      csat smallint, tags text[], reopen_count integer, message_count integer, sample_key double precision, content_hash text)
    on conflict (source, external_id) do update set
      channel = excluded.channel, subject = excluded.subject, status = excluded.status, language = excluded.language,
      agent_id = excluded.agent_id, team_id = excluded.team_id, customer_id = excluded.customer_id, created_at = excluded.created_at,
      first_response_at = excluded.first_response_at, resolved_at = excluded.resolved_at, csat = excluded.csat, tags = excluded.tags,
      reopen_count = excluded.reopen_count, message_count = excluded.message_count, content_hash = excluded.content_hash,
      updated_at = now()
    where conversations.content_hash is distinct from excluded.content_hash
    returning id, source, external_id, (xmax = 0) as inserted`);

  const outcome = new Map<string, { id: number; status: UpsertStatus }>();
  for (const row of rowsOf<{ id: number | string; source: string; external_id: string; inserted: boolean }>(written)) {
    outcome.set(conversationKey(row.source, row.external_id), { id: Number(row.id), status: row.inserted ? "created" : "updated" });
  }
  const unchanged = rows.filter((row) => !outcome.has(conversationKey(row.item.source, row.item.externalId)));
  if (unchanged.length) {
    const existing = await tx.execute(sql`
      select c.id, c.source, c.external_id from conversations c
      join jsonb_to_recordset(${JSON.stringify(unchanged.map((row) => ({ source: row.item.source, external_id: row.item.externalId })))}::jsonb)
        as k(source text, external_id text) on k.source = c.source and k.external_id = c.external_id`);
    for (const row of rowsOf<{ id: number | string; source: string; external_id: string }>(existing)) outcome.set(conversationKey(row.source, row.external_id), { id: Number(row.id), status: "unchanged" });
  }

  const updatedIds = [...outcome.values()].filter((o) => o.status === "updated").map((o) => o.id);
  const messageRows = rows.flatMap(({ item, ordered, record }) => {
    const written = outcome.get(conversationKey(item.source, item.externalId));
    if (!written || written.status === "unchanged") return [];
    return ordered.map((message, ordinal) => ({
      conversation_id: written.id,
      external_id: message.externalId ?? null,
      ordinal,
      author_role: message.authorRole,
      agent_id:
        message.authorRole === "agent" || message.authorRole === "note"
          ? ((message.agent ? agentResolver.get(item.source, message.agent)?.id : undefined) ?? record.agent_id)
          : null,
      customer_id: message.authorRole === "customer" ? record.customer_id : null,
      author_name: message.authorName ?? null,
      sent_at: message.sentAt.toISOString(),
      body: message.body,
    }));
  });
  if (updatedIds.length) await clearReplacedMessages(tx, updatedIds, messageRows);
  for (let start = 0; start < messageRows.length; start += MESSAGE_CHUNK) {
    await tx.execute(sql`
      insert into messages (conversation_id, external_id, ordinal, author_role, agent_id, customer_id, author_name, sent_at, body)
      select conversation_id, external_id, ordinal, author_role, agent_id, customer_id, author_name, sent_at, body
      from jsonb_to_recordset(${JSON.stringify(messageRows.slice(start, start + MESSAGE_CHUNK))}::jsonb) as x(
        conversation_id bigint, external_id text, ordinal integer, author_role author_role, agent_id integer, customer_id integer,
        author_name text, sent_at timestamptz, body text)
      on conflict (conversation_id, external_id) do update set
        ordinal = excluded.ordinal, author_role = excluded.author_role, agent_id = excluded.agent_id, customer_id = excluded.customer_id,
        author_name = excluded.author_name, sent_at = excluded.sent_at, body = excluded.body`);
  }
  const changedIds = [...outcome.values()].filter((o) => o.status !== "unchanged").map((o) => o.id);
  await refreshSearchVectors(tx, changedIds);
  await refreshFacts(tx, changedIds);

  return batch.map((item) => {
    const written = outcome.get(conversationKey(item.source, item.externalId));
    if (!written) throw new Error(`conversation ${item.source}/${item.externalId} was neither written nor found`);
    return { source: item.source, externalId: item.externalId, ...written };
  });
}

/**
 * Messages of updated conversations that keep their external id are updated in place (their ids, and so
 * highlights on them, survive); the others are removed and inserted again. Ordinals move out of the way
 * first, because the (conversation, ordinal) constraint is checked row by row.
 */
async function clearReplacedMessages(tx: Database, conversationIds: number[], messageRows: { conversation_id: number; external_id: string | null }[]) {
  const kept = messageRows.filter((row) => row.external_id !== null && conversationIds.includes(row.conversation_id));
  await tx.execute(sql`update messages set ordinal = -1 - ordinal where conversation_id in ${conversationIds}`);
  await tx.execute(sql`
    delete from messages m where m.conversation_id in ${conversationIds} and not exists (
      select 1 from jsonb_to_recordset(${JSON.stringify(kept)}::jsonb) as k(conversation_id bigint, external_id text)
      where k.conversation_id = m.conversation_id and k.external_id = m.external_id)`);
}

function rowsOf<T>(result: unknown): T[] {
  // postgres.js returns the rows as an array; PGlite wraps them in { rows }.
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

/** Messages in time order; ties keep the order the source gave. */
function orderedMessages(item: IncomingConversation) {
  return item.messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => a.message.sentAt.getTime() - b.message.sentAt.getTime() || a.index - b.index)
    .map(({ message }) => message);
}

/** The first agent reply at or after the customer's first message. */
function firstResponse(ordered: IncomingConversation["messages"]): Date | undefined {
  const firstCustomer = ordered.find((message) => message.authorRole === "customer");
  if (!firstCustomer) return undefined;
  return ordered.find((message) => message.authorRole === "agent" && message.sentAt >= firstCustomer.sentAt)?.sentAt;
}

function contentHash(item: IncomingConversation): string {
  return createHash("sha256").update(JSON.stringify(item)).digest("base64url");
}

async function resolveTeams(tx: Database, names: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return new Map();
  await tx
    .insert(teams)
    .values(unique.map((name) => ({ name })))
    .onConflictDoNothing({ target: teams.name });
  const rows = await tx.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.name, unique));
  return new Map(rows.map((row) => [row.name, row.id]));
}

interface ResolvedAgent {
  id: number;
  teamId: number | null;
}

const agentKey = (source: string, ref: AgentRef) => [source, ref.externalId ?? "", ref.email ?? "", ref.name ?? ""].join("\u0000");

/**
 * One person may arrive by helpdesk id in one place and by email in another: the helpdesk id is looked
 * up in agent_identities, the email in agents, and whichever is missing is recorded on the agent found,
 * so both references lead to the same agent from then on. Unknown agents are created.
 */
async function resolveAgents(tx: Database, items: IncomingConversation[], teamIds: Map<string, number>) {
  const refs = new Map<string, { source: string; ref: AgentRef; team?: string }>();
  for (const item of items) {
    if (item.agent) refs.set(agentKey(item.source, item.agent), { source: item.source, ref: item.agent, team: item.team });
    for (const message of item.messages) {
      if (message.agent) {
        const key = agentKey(item.source, message.agent);
        if (!refs.has(key)) refs.set(key, { source: item.source, ref: message.agent });
      }
    }
  }
  const resolved = new Map<string, ResolvedAgent>();
  if (refs.size === 0) return { get: (source: string, ref: AgentRef) => resolved.get(agentKey(source, ref)) };

  const all = [...refs.values()];
  const externalIds = [...new Set(all.flatMap(({ ref }) => (ref.externalId ? [ref.externalId] : [])))];
  const emails = [...new Set(all.flatMap(({ ref }) => (ref.email ? [ref.email] : [])))];
  const names = [...new Set(all.flatMap(({ ref }) => (!ref.externalId && !ref.email && ref.name ? [ref.name] : [])))];

  const byIdentity = new Map<string, ResolvedAgent & { email: string | null }>();
  if (externalIds.length) {
    const rows = await tx
      .select({ source: agentIdentities.source, externalId: agentIdentities.externalId, id: agents.id, teamId: agents.teamId, email: agents.email })
      .from(agentIdentities)
      .innerJoin(agents, eq(agents.id, agentIdentities.agentId))
      .where(inArray(agentIdentities.externalId, externalIds));
    for (const row of rows) byIdentity.set(`${row.source}\u0000${row.externalId}`, row);
  }
  const byEmail = new Map<string, ResolvedAgent>();
  if (emails.length) {
    const rows = await tx
      .select({ id: agents.id, teamId: agents.teamId, email: agents.email })
      .from(agents)
      .where(inArray(sql`lower(${agents.email})`, emails));
    for (const row of rows) if (row.email) byEmail.set(row.email.toLowerCase(), row);
  }
  const byName = new Map<string, ResolvedAgent[]>();
  if (names.length) {
    const rows = await tx.select({ id: agents.id, teamId: agents.teamId, name: agents.name }).from(agents).where(inArray(agents.name, names));
    for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  }

  for (const [key, { source, ref, team }] of refs) {
    const identityKey = ref.externalId ? `${source}\u0000${ref.externalId}` : undefined;
    const viaIdentity = identityKey ? byIdentity.get(identityKey) : undefined;
    const viaEmail = ref.email ? byEmail.get(ref.email) : undefined;
    const viaName = !ref.externalId && !ref.email && ref.name ? byName.get(ref.name) : undefined;
    let agent: ResolvedAgent | undefined = viaIdentity ?? viaEmail ?? (viaName?.length === 1 ? viaName[0] : undefined);
    if (!agent) {
      const teamId = team ? (teamIds.get(team) ?? null) : null;
      const created = await createAgent(tx, { name: ref.name ?? ref.email ?? ref.externalId ?? "?", email: ref.email ?? null, teamId });
      agent = created;
      if (ref.email) byEmail.set(ref.email, created);
      if (!ref.externalId && !ref.email && ref.name) byName.set(ref.name, [created]);
    } else if (viaIdentity && ref.email && !viaIdentity.email && !viaEmail) {
      await tx.update(agents).set({ email: ref.email }).where(eq(agents.id, viaIdentity.id));
      viaIdentity.email = ref.email;
      byEmail.set(ref.email, viaIdentity);
    }
    if (identityKey && ref.externalId && !viaIdentity) {
      await tx.insert(agentIdentities).values({ agentId: agent.id, source, externalId: ref.externalId }).onConflictDoNothing();
      byIdentity.set(identityKey, { ...agent, email: ref.email ?? null });
    }
    resolved.set(key, agent);
  }
  return { get: (source: string, ref: AgentRef) => resolved.get(agentKey(source, ref)) };
}

/**
 * Another batch (an API call during an import, a sync) may create the same agent at the same moment: the email's
 * unique index decides, and the loser takes the winner's row instead of failing its whole batch.
 */
async function createAgent(tx: Database, values: { name: string; email: string | null; teamId: number | null }): Promise<ResolvedAgent> {
  if (!values.email) {
    const [created] = await tx.insert(agents).values(values).returning({ id: agents.id, teamId: agents.teamId });
    return created;
  }
  const inserted = rowsOf<{ id: number; team_id: number | null }>(
    await tx.execute(sql`insert into ${agents} (name, email, team_id) values (${values.name}, ${values.email}, ${values.teamId})
      on conflict (lower(email)) do nothing returning id, team_id`),
  );
  if (inserted[0]) return { id: Number(inserted[0].id), teamId: inserted[0].team_id };
  const [existing] = await tx
    .select({ id: agents.id, teamId: agents.teamId })
    .from(agents)
    .where(eq(sql`lower(${agents.email})`, values.email));
  return existing;
}

/** A customer is identified within its source by its id, else its email, phone or handle. */
function customerKey(source: string, customer: CustomerRef | undefined): string {
  const id = customerExternalId(customer);
  return id ? `${source}\u0000${id}` : "";
}

function customerExternalId(customer: CustomerRef | undefined): string | undefined {
  if (!customer) return undefined;
  return customer.externalId ?? customer.email ?? customer.phone ?? customer.handle;
}

async function resolveCustomers(tx: Database, items: IncomingConversation[]): Promise<Map<string, number>> {
  const merged = new Map<string, { source: string; externalId: string; name?: string; email?: string; phone?: string; handle?: string }>();
  for (const item of items) {
    const externalId = customerExternalId(item.customer);
    if (!item.customer || !externalId) continue;
    const key = customerKey(item.source, item.customer);
    const previous = merged.get(key);
    merged.set(key, {
      source: item.source,
      externalId,
      name: item.customer.name ?? previous?.name,
      email: item.customer.email ?? previous?.email,
      phone: item.customer.phone ?? previous?.phone,
      handle: item.customer.handle ?? previous?.handle,
    });
  }
  if (merged.size === 0) return new Map();
  const rows = await tx
    .insert(customers)
    .values([...merged.values()])
    .onConflictDoUpdate({
      target: [customers.source, customers.externalId],
      set: {
        name: sql`coalesce(excluded.name, ${customers.name})`,
        email: sql`coalesce(excluded.email, ${customers.email})`,
        phone: sql`coalesce(excluded.phone, ${customers.phone})`,
        handle: sql`coalesce(excluded.handle, ${customers.handle})`,
      },
    })
    .returning({ id: customers.id, source: customers.source, externalId: customers.externalId });
  return new Map(rows.map((row) => [`${row.source}\u0000${row.externalId}`, row.id]));
}

/** Reads one conversation back by its source and external id, with its messages in order. */
export async function findBySourceId(db: Database, source: string, externalId: string) {
  const conversation = await db.query.conversations.findFirst({
    where: (c) => and(eq(c.source, source), eq(c.externalId, externalId)),
  });
  if (!conversation) return null;
  const transcript = await db.query.messages.findMany({ where: (m) => eq(m.conversationId, conversation.id), orderBy: (m) => m.ordinal });
  return { conversation, messages: transcript };
}
