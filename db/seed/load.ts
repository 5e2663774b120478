import { randomUUID } from "node:crypto";
import { count, sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "../client";
import { refreshFacts } from "../facts";
import { refreshSearchVectors } from "../queries/conversations";
import { DEMO_DATA_KEY, putSetting } from "../queries/settings";
import {
  agentIdentities,
  agents,
  conversations,
  highlights,
  reviewAssignments,
  reviewAuditLog,
  reviewCriterionResults,
  reviews,
  scorecardVersions,
  scorecards,
  teamMembers,
  teams,
  users,
} from "../schema";
import type { Role } from "../schema/enums";
import { type ScorecardDefinition, parseScorecardDefinition, scoreReview } from "../../scoring/rubric";
import type { Lang } from "./banks/types";
import { copyRow } from "./copy-text";
import {
  DEMO_SOURCE,
  type DemoConversation,
  type GenerateOptions,
  customerCountFor,
  demoAgents,
  demoCustomer,
  demoTeams,
  generateConversations,
} from "./generate";
import { DemoReviewPicker, type DemoReview, type DemoAssignment } from "./reviews";
import { demoScorecards } from "./scorecards";

export const DEMO_PASSWORD = "demo-password";
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.test", name: "Ana Admin", role: "admin" },
  { email: "reviewer@demo.test", name: "Rocío Revisora", role: "reviewer" },
  { email: "lead@demo.test", name: "Luis Líder", role: "lead" },
  { email: "executive@demo.test", name: "Elena Directora", role: "executive" },
  { email: "agent@demo.test", name: "Javier Ortega", role: "agent" },
];

/** The agent whose login is agent@demo.test: his chat curtness shows in his own reviews. */
const DEMO_AGENT_LOGIN_NAME = "Javier Ortega";
const DEMO_LEAD_TEAM_ID = 1;
const BATCH_CONVERSATIONS = 2000;
const BATCH_CUSTOMERS = 20000;
const LARGE_LOAD = 50_000;

/** Drops the indexes that back no constraint and returns their definitions, to be re-run after the load. */
async function dropSecondaryIndexes(handle: DatabaseHandle, tables: string[]): Promise<string[]> {
  const rows = (await handle.db.execute(sql`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = 'public' and i.tablename in (${sql.join(
      tables.map((t) => sql`${t}`),
      sql`, `,
    )})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`)) as unknown as
    | { rows: { indexname: string; indexdef: string }[] }
    | { indexname: string; indexdef: string }[];
  const indexes = Array.isArray(rows) ? rows : rows.rows;
  for (const index of indexes) await handle.db.execute(sql.raw(`DROP INDEX "${index.indexname}"`));
  return indexes.map((index) => index.indexdef);
}

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super("The database already has users or conversations; demo data is only loaded into an empty database.");
  }
}

export async function isDatabaseEmpty(handle: DatabaseHandle): Promise<boolean> {
  const [[userRow], [conversationRow]] = await Promise.all([
    handle.db.select({ n: count() }).from(users),
    handle.db.select({ n: count() }).from(conversations),
  ]);
  return Number(userRow.n) === 0 && Number(conversationRow.n) === 0;
}

export interface LoadProgress {
  phase: "people" | "customers" | "conversations" | "finishing";
  done: number;
  total: number;
}

const CONVERSATION_COLUMNS = [
  "id",
  "source",
  "external_id",
  "channel",
  "subject",
  "status",
  "language",
  "agent_id",
  "team_id",
  "customer_id",
  "created_at",
  "first_response_at",
  "resolved_at",
  "updated_at",
  "csat",
  "tags",
  "reopen_count",
  "message_count",
  "sample_key",
] as const;

const MESSAGE_COLUMNS = [
  "id",
  "conversation_id",
  "external_id",
  "ordinal",
  "author_role",
  "agent_id",
  "customer_id",
  "author_name",
  "sent_at",
  "body",
] as const;

const CUSTOMER_COLUMNS = ["id", "source", "external_id", "name", "email", "phone", "handle"] as const;

function conversationCopyText(batch: DemoConversation[], firstMessageId: number): { conversations: string; messages: string } {
  let conversationText = "";
  let messageText = "";
  let messageId = firstMessageId;
  for (const c of batch) {
    const updatedAt = c.messages[c.messages.length - 1]?.sentAt ?? c.createdAt;
    conversationText += copyRow([
      c.id,
      DEMO_SOURCE,
      c.externalId,
      c.channel,
      c.subject,
      c.status,
      c.language,
      c.agentId,
      c.teamId,
      c.customerId,
      c.createdAt,
      c.firstResponseAt,
      c.resolvedAt,
      updatedAt,
      c.csat,
      c.tags,
      c.reopenCount,
      c.messages.length,
      c.sampleKey,
    ]);
    for (const m of c.messages) {
      messageText += copyRow([
        messageId++,
        c.id,
        `${c.externalId}-${m.ordinal}`,
        m.ordinal,
        m.authorRole,
        m.agentId,
        m.customerId,
        m.authorName,
        m.sentAt,
        m.body,
      ]);
    }
  }
  return { conversations: conversationText, messages: messageText };
}

/**
 * Loads demo teams, agents, customers, users and conversations into an empty database.
 * Bulk rows go through COPY so that a million conversations load in minutes.
 */
export async function loadDemoData(
  handle: DatabaseHandle,
  options: GenerateOptions & { passwordHash: string; rebuildIndexes?: boolean },
  onProgress: (progress: LoadProgress) => void = () => {},
): Promise<{ conversations: number; messages: number; customers: number }> {
  if (!(await isDatabaseEmpty(handle))) throw new DatabaseNotEmptyError();
  const { db } = handle;
  const demoTeamList = demoTeams();
  const agentList = demoAgents(options.seed);
  onProgress({ phase: "people", done: 0, total: 1 });
  // Marks a load in progress, so that an interrupted one is reported instead of passing for real data.
  await putSetting(db, DEMO_DATA_KEY, "loading");

  const userRows = DEMO_USERS.map((user) => ({
    id: randomUUID(),
    email: user.email,
    name: user.name,
    role: user.role,
    locale: null,
    passwordHash: options.passwordHash,
  }));
  const userIdOf = (role: Role) => {
    const found = userRows.find((user) => user.role === role);
    if (!found) throw new Error(`no demo ${role}`);
    return found.id;
  };
  const linkedAgent = agentList.find((agent) => agent.name === DEMO_AGENT_LOGIN_NAME);
  let versionIdOf: Record<Lang, { id: number; definition: ScorecardDefinition }> | undefined;

  await db.transaction(async (tx) => {
    await tx.insert(teams).values(demoTeamList.map((team) => ({ id: team.id, name: team.name })));
    await tx.insert(agents).values(agentList.map((agent) => ({ id: agent.id, name: agent.name, email: agent.email, teamId: agent.teamId })));
    await tx
      .insert(agentIdentities)
      .values(agentList.map((agent) => ({ agentId: agent.id, source: DEMO_SOURCE, externalId: agent.externalId })));
    await tx.insert(users).values(userRows);
    await tx.insert(teamMembers).values({ teamId: DEMO_LEAD_TEAM_ID, userId: userIdOf("lead") });
    if (linkedAgent) {
      await tx
        .update(agents)
        .set({ userId: userIdOf("agent") })
        .where(sql`${agents.id} = ${linkedAgent.id}`);
      await tx.insert(teamMembers).values({ teamId: linkedAgent.teamId, userId: userIdOf("agent") });
    }
    versionIdOf = await insertDemoScorecards(tx, {
      adminId: userIdOf("admin"),
      publishedAt: new Date(options.endDate.getTime() - 120 * DAY_MS),
    });
  });
  const picker = new DemoReviewPicker(linkedAgent?.id ?? null);

  const customerCount = customerCountFor(options.conversations);
  for (let start = 1; start <= customerCount; start += BATCH_CUSTOMERS) {
    let text = "";
    const end = Math.min(customerCount, start + BATCH_CUSTOMERS - 1);
    for (let id = start; id <= end; id++) {
      const c = demoCustomer(options.seed, id);
      text += copyRow([c.id, DEMO_SOURCE, c.externalId, c.name, c.email, c.phone, c.handle]);
    }
    await handle.copyFrom("customers", CUSTOMER_COLUMNS, text);
    onProgress({ phase: "customers", done: end, total: customerCount });
  }

  // Large loads rebuild the secondary indexes once at the end instead of updating them row by row.
  const rebuildIndexes = options.rebuildIndexes ?? options.conversations >= LARGE_LOAD;
  const droppedIndexes = rebuildIndexes ? await dropSecondaryIndexes(handle, ["conversations", "messages"]) : [];
  let messageCount = 0;
  let batch: DemoConversation[] = [];
  let done = 0;
  const flush = async () => {
    const text = conversationCopyText(batch, messageCount + 1);
    await handle.copyFrom("conversations", CONVERSATION_COLUMNS, text.conversations);
    await handle.copyFrom("messages", MESSAGE_COLUMNS, text.messages);
    const ids = batch.map((c) => c.id);
    await refreshSearchVectors(db, ids);
    // Facts and the touched days' rollups are written per batch, as any writer of conversations does.
    await refreshFacts(db, ids);
    for (const c of batch) messageCount += c.messages.length;
    done += batch.length;
    batch = [];
    onProgress({ phase: "conversations", done, total: options.conversations });
  };
  let nextMessageId = 1;
  for (const conversation of generateConversations(options)) {
    picker.offer(conversation, nextMessageId);
    nextMessageId += conversation.messages.length;
    batch.push(conversation);
    if (batch.length >= BATCH_CONVERSATIONS) await flush();
  }
  if (batch.length > 0) await flush();

  onProgress({ phase: "finishing", done: 0, total: 1 });
  for (const definition of droppedIndexes) await db.execute(sql.raw(definition));
  if (!versionIdOf) throw new Error("demo scorecards were not created");
  const plan = picker.plan({ seed: options.seed, endDate: options.endDate });
  await insertDemoReviews(db, { ...plan, versions: versionIdOf, authorIdOf: { reviewer: userIdOf("reviewer"), lead: userIdOf("lead") } });
  // Rows were copied with explicit ids; move the identity sequences past them.
  for (const table of ["teams", "agents", "customers", "conversations", "messages"]) {
    await db.execute(sql.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1))`));
  }
  // The search vectors were written by UPDATE: reclaim the old row versions and refresh planner statistics.
  await db.execute(sql`VACUUM ANALYZE`);
  await putSetting(db, DEMO_DATA_KEY, true);
  return { conversations: options.conversations, messages: messageCount, customers: customerCount };
}

const DAY_MS = 24 * 3600 * 1000;

/** The two default scorecards (db/seed/scorecards.ts), each published once and applied by conversation language. */
async function insertDemoScorecards(db: Database, { adminId, publishedAt }: { adminId: string; publishedAt: Date }) {
  const result = {} as Record<Lang, { id: number; definition: ScorecardDefinition }>;
  for (const [lang, scorecard] of Object.entries(demoScorecards()) as [Lang, ReturnType<typeof demoScorecards>[Lang]][]) {
    const parsed = parseScorecardDefinition(scorecard.definition);
    if (!parsed.success) throw new Error(`demo scorecard ${lang} is invalid: ${JSON.stringify(parsed.issues)}`);
    const [row] = await db
      .insert(scorecards)
      .values({
        name: scorecard.name,
        description: scorecard.description,
        language: lang,
        languages: [lang],
        createdBy: adminId,
        createdAt: publishedAt,
        updatedAt: publishedAt,
      })
      .returning({ id: scorecards.id });
    const [version] = await db
      .insert(scorecardVersions)
      .values({ scorecardId: row.id, version: 1, definition: parsed.data, publishedBy: adminId, publishedAt })
      .returning({ id: scorecardVersions.id });
    result[lang] = { id: version.id, definition: parsed.data };
  }
  return result;
}

async function insertDemoReviews(
  db: Database,
  {
    reviews: planned,
    assignments,
    versions,
    authorIdOf,
  }: {
    reviews: DemoReview[];
    assignments: DemoAssignment[];
    versions: Record<Lang, { id: number; definition: ScorecardDefinition }>;
    authorIdOf: Record<DemoReview["author"], string>;
  },
) {
  if (planned.length === 0) return;
  const scored = planned.map((review) => ({
    review,
    result: review.submittedAt ? scoreReview(versions[review.language].definition, review.content.ratings) : null,
  }));
  const inserted = await db
    .insert(reviews)
    .values(
      scored.map(({ review, result }) => ({
        conversationId: review.conversationId,
        agentId: review.agentId,
        reviewerId: authorIdOf[review.author],
        scorecardVersionId: versions[review.language].id,
        status: review.submittedAt ? ("submitted" as const) : ("draft" as const),
        ...review.content,
        score: result?.score ?? null,
        baseScore: result?.baseScore ?? null,
        autoFailed: result?.autoFailed ?? false,
        autoFailReasons: result?.autoFailReasons ?? [],
        createdAt: review.createdAt,
        updatedAt: review.submittedAt ?? review.createdAt,
        submittedAt: review.submittedAt,
      })),
    )
    .returning({ id: reviews.id, conversationId: reviews.conversationId });
  const idOf = new Map(inserted.map((row) => [row.conversationId, row.id]));
  const criterionRows = scored.flatMap(({ review, result }) =>
    (result?.criteria ?? []).map((criterion) => ({
      reviewId: idOf.get(review.conversationId)!,
      criterionId: criterion.criterionId,
      categoryId: criterion.categoryId,
      status: criterion.status,
      rating: criterion.rating,
      score: criterion.score,
      weight: criterion.weight,
      critical: criterion.critical,
      bonus: criterion.bonus,
      negative: criterion.negative,
      criticalFailure: criterion.criticalFailure,
    })),
  );
  if (criterionRows.length) await db.insert(reviewCriterionResults).values(criterionRows);
  const highlightRows = planned.flatMap((review) =>
    review.highlights.map((highlight) => ({ ...highlight, reviewId: idOf.get(review.conversationId)!, createdAt: review.createdAt })),
  );
  if (highlightRows.length) await db.insert(highlights).values(highlightRows);
  const auditRows = scored
    .filter(({ review }) => review.submittedAt)
    .map(({ review, result }) => ({
      reviewId: idOf.get(review.conversationId)!,
      actorId: authorIdOf[review.author],
      action: "submitted" as const,
      before: null,
      after: { ...review.content, score: result?.score ?? null, autoFailed: result?.autoFailed ?? false },
      at: review.submittedAt!,
    }));
  if (auditRows.length) await db.insert(reviewAuditLog).values(auditRows);
  if (assignments.length) {
    await db.insert(reviewAssignments).values(assignments.map((assignment) => ({ ...assignment, reviewerId: authorIdOf.reviewer })));
  }
}
