import { type SQL, and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Channel } from "../../scoring/domain";
import {
  LOW_CSAT,
  type OversamplingFlag,
  type PrecisionSummary,
  type ScoreHistory,
  type SpreadBucket,
  type StratumPopulation,
  planStratifiedDraw,
  precisionSummary,
  stratumKeyOf,
  totalsByBucket,
  upperTukeyFence,
} from "../../scoring/sampling";
import { type SamplingFilters, type SamplingRuleDefinition, samplingRuleDefinitionSchema } from "../../scoring/sampling/rule";
import { type Schedule, nextRunAfter, periodKeyFor } from "../../scoring/sampling/schedule";
import type { Database } from "../client";
import {
  agents,
  assignmentChanges,
  calibrationSessionConversations,
  conversationFacts,
  conversationFrustration,
  conversations,
  messages,
  reviewAssignments,
  reviews,
  sampleConversations,
  samples,
  samplingRuleVersions,
  samplingRules,
  users,
} from "../schema";
import { isQualityReview } from "./reviews";
import { type ConversationScope, agentScopeCondition } from "./scope";

const OPEN_STATUSES = ["pending", "in_progress"] as const;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Rules

export interface RuleInput {
  name: string;
  teamId: number | null;
  schedule: Schedule;
  scheduleTime: string;
  timezone: string;
  definition: SamplingRuleDefinition;
}

/** Which rules a user may see and change: admins all, leads those of their teams. */
export function ruleScopeCondition(scope: ConversationScope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "teams":
      return scope.teamIds.length ? inArray(samplingRules.teamId, scope.teamIds) : sql`false`;
    case "agent":
      return sql`false`;
  }
}

function scheduleFields(input: RuleInput, now: Date) {
  return {
    name: input.name,
    teamId: input.teamId,
    schedule: input.schedule,
    scheduleTime: input.scheduleTime,
    timezone: input.timezone,
    nextRunAt: nextRunAfter(input.schedule, input.scheduleTime, input.timezone, now),
  };
}

export async function createRule(
  db: Database,
  { input, createdBy, now = new Date() }: { input: RuleInput; createdBy: string | null; now?: Date },
) {
  const definition = samplingRuleDefinitionSchema.parse(input.definition);
  return db.transaction(async (tx) => {
    const [rule] = await tx
      .insert(samplingRules)
      .values({ ...scheduleFields(input, now), createdBy, currentVersion: 1 })
      .returning();
    await tx.insert(samplingRuleVersions).values({ ruleId: rule.id, version: 1, definition, createdBy });
    return rule;
  });
}

/** Saves a new version; samples already drawn keep naming the version they used. */
export async function updateRule(
  db: Database,
  { ruleId, input, updatedBy, now = new Date() }: { ruleId: number; input: RuleInput; updatedBy: string | null; now?: Date },
) {
  const definition = samplingRuleDefinitionSchema.parse(input.definition);
  return db.transaction(async (tx) => {
    const [rule] = await tx
      .update(samplingRules)
      .set({ ...scheduleFields(input, now), currentVersion: sql`${samplingRules.currentVersion} + 1`, updatedAt: now })
      .where(eq(samplingRules.id, ruleId))
      .returning();
    if (!rule) return null;
    await tx.insert(samplingRuleVersions).values({ ruleId, version: rule.currentVersion, definition, createdBy: updatedBy });
    return rule;
  });
}

export async function getRule(db: Database, { id, scope }: { id: number; scope: ConversationScope }) {
  const [row] = await db
    .select({ rule: samplingRules, definition: samplingRuleVersions.definition })
    .from(samplingRules)
    .innerJoin(
      samplingRuleVersions,
      and(eq(samplingRuleVersions.ruleId, samplingRules.id), eq(samplingRuleVersions.version, samplingRules.currentVersion)),
    )
    .where(and(eq(samplingRules.id, id), ruleScopeCondition(scope)));
  return row ? { ...row.rule, definition: samplingRuleDefinitionSchema.parse(row.definition) } : null;
}

export async function listRules(db: Database, { scope }: { scope: ConversationScope }) {
  const lastDrawn = db
    .select({
      ruleId: samples.ruleId,
      lastDrawnAt: sql<Date | null>`max(${samples.drawnAt})`.as("last_drawn_at"),
      count: sql<number>`count(*)`.as("count"),
    })
    .from(samples)
    .groupBy(samples.ruleId)
    .as("last_drawn");
  const rows = await db
    .select({
      id: samplingRules.id,
      name: samplingRules.name,
      teamId: samplingRules.teamId,
      schedule: samplingRules.schedule,
      scheduleTime: samplingRules.scheduleTime,
      timezone: samplingRules.timezone,
      nextRunAt: samplingRules.nextRunAt,
      currentVersion: samplingRules.currentVersion,
      lastDrawnAt: lastDrawn.lastDrawnAt,
      sampleCount: lastDrawn.count,
    })
    .from(samplingRules)
    .leftJoin(lastDrawn, eq(lastDrawn.ruleId, samplingRules.id))
    .where(ruleScopeCondition(scope))
    .orderBy(asc(samplingRules.name), asc(samplingRules.id));
  return rows.map((row) => ({
    ...row,
    sampleCount: Number(row.sampleCount ?? 0),
    lastDrawnAt: row.lastDrawnAt ? new Date(row.lastDrawnAt) : null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Eligible conversations

/** The rule's filters, its team, and the exclusions (already reviewed, assigned, or in calibration) as one condition. */
export function eligibilityCondition(filters: SamplingFilters, options: { teamId: number | null; now: Date }): SQL {
  return and(filterCondition(filters, options), notExcluded) ?? sql`true`;
}

/**
 * Conversations a draw never takes: already reviewed, already in someone's queue, or in a calibration session
 * (rated blind by several reviewers and discussed afterwards).
 */
const excludedIds = sql`(select ${reviews.conversationId} from ${reviews}
  union select ${reviewAssignments.conversationId} from ${reviewAssignments}
  union select ${calibrationSessionConversations.conversationId} from ${calibrationSessionConversations})`;
const notExcluded = sql`not exists (select 1 from ${reviews} where ${reviews.conversationId} = ${conversations.id})
  and not exists (select 1 from ${reviewAssignments} where ${reviewAssignments.conversationId} = ${conversations.id})
  and not exists (select 1 from ${calibrationSessionConversations} where ${calibrationSessionConversations.conversationId} = ${conversations.id})`;

/** The rule's filters and its team, without the exclusions. */
function filterCondition(filters: SamplingFilters, { teamId, now }: { teamId: number | null; now: Date }): SQL {
  const conditions: (SQL | undefined)[] = [
    teamId === null ? undefined : eq(conversations.teamId, teamId),
    filters.createdFrom ? gte(conversations.createdAt, new Date(`${filters.createdFrom}T00:00:00Z`)) : undefined,
    filters.createdTo ? lt(conversations.createdAt, new Date(new Date(`${filters.createdTo}T00:00:00Z`).getTime() + DAY_MS)) : undefined,
    filters.lastDays ? gte(conversations.createdAt, new Date(now.getTime() - filters.lastDays * DAY_MS)) : undefined,
    filters.channels.length ? inArray(conversations.channel, filters.channels) : undefined,
    filters.teamIds.length ? inArray(conversations.teamId, filters.teamIds) : undefined,
    filters.agentIds.length ? inArray(conversations.agentId, filters.agentIds) : undefined,
    filters.statuses.length ? inArray(conversations.status, filters.statuses) : undefined,
    filters.languages.length ? inArray(conversations.language, filters.languages) : undefined,
    filters.tags.length ? sql`${conversations.tags} && ${sql.param(filters.tags)}::text[]` : undefined,
    filters.csatMin !== undefined ? gte(conversations.csat, filters.csatMin) : undefined,
    filters.csatMax !== undefined ? lte(conversations.csat, filters.csatMax) : undefined,
    filters.messagesMin !== undefined ? gte(conversations.messageCount, filters.messagesMin) : undefined,
    filters.messagesMax !== undefined ? lte(conversations.messageCount, filters.messagesMax) : undefined,
    filters.onlyWithAgentReply
      ? sql`exists (select 1 from ${messages} where ${messages.conversationId} = ${conversations.id} and ${messages.authorRole} = 'agent')`
      : undefined,
    filters.onlyFrustrated ? frustrated : undefined,
    filters.frustrationMin !== undefined
      ? sql`exists (select 1 from ${conversationFrustration} where ${conversationFrustration.conversationId} = ${conversations.id} and ${conversationFrustration.score} >= ${filters.frustrationMin})`
      : undefined,
    filters.responseBreach
      ? sql`exists (select 1 from ${conversationFacts} where ${conversationFacts.conversationId} = ${conversations.id} and ${
          filters.responseBreach === "first" ? sql`${conversationFacts.firstResponseMetStandard} = false` : sql`${conversationFacts.breachedStandard}`
        })`
      : undefined,
  ];
  return and(...conditions) ?? sql`true`;
}

/** The frustration score flags the conversation's customer as frustrated (unscored conversations are not). */
const frustrated = sql`exists (select 1 from ${conversationFrustration} where ${conversationFrustration.conversationId} = ${conversations.id} and ${conversationFrustration.flagged})`;

export interface FlagPolicy {
  condition: SQL;
  flags: OversamplingFlag[];
  /** Tukey's upper fence of message counts among the eligible conversations; null without the outlier flag. */
  messageFence: number | null;
}

/**
 * Flagged for oversampling, by the rule's flags: low CSAT, more messages than Tukey's upper fence of the eligible
 * conversations, a frustrated customer. The SQL form of `oversamplingReasons` (scoring/sampling/oversampling.ts).
 */
export async function flagPolicy(db: Database, eligible: SQL, flags: readonly OversamplingFlag[]): Promise<FlagPolicy> {
  let messageFence: number | null = null;
  if (flags.includes("outlier")) {
    const distribution = await db
      .select({ messageCount: conversations.messageCount, count: sql<number>`count(*)` })
      .from(conversations)
      .where(eligible)
      .groupBy(conversations.messageCount);
    const values = distribution.flatMap((row) => Array<number>(Number(row.count)).fill(row.messageCount));
    messageFence = values.length === 0 ? null : upperTukeyFence(values);
  }
  const conditionOf: Record<OversamplingFlag, SQL | undefined> = {
    lowCsat: lte(conversations.csat, LOW_CSAT),
    outlier: messageFence === null ? undefined : sql`${conversations.messageCount} > ${messageFence}`,
    frustrated,
  };
  const conditions = flags.map((flag) => conditionOf[flag]);
  return { condition: or(...conditions) ?? sql`false`, flags: [...flags], messageFence };
}

const agentKeyOf = (agentId: number | null) => (agentId === null ? "none" : String(agentId));

/**
 * The local day (`2026-11-23`) or ISO week (`2026-W48`) a conversation was created in, in the rule's timezone; the
 * same key as `bucketKeyOf` in scoring/sampling/spread.ts. The timezone is inlined as a literal so that the select
 * and the GROUP BY are the same expression (it was validated as an IANA name when the rule was saved).
 */
function bucketExpression(bucket: SpreadBucket, timeZone: string): SQL<string> {
  const zone = sql.raw(`'${timeZone.replaceAll("'", "''")}'`);
  const format = sql.raw(bucket === "day" ? `'YYYY-MM-DD'` : `'IYYY-"W"IW'`);
  return sql<string>`to_char(${conversations.createdAt} at time zone ${zone}, ${format})`;
}

interface StratumRow {
  agentId: number | null;
  channel: Channel;
  /** The time bucket when the draw is spread over its period; null otherwise. */
  bucket: string | null;
  population: number;
  flagged: number;
}

/** `agent=1|channel=email`, or `agent=1|channel=email|day=2026-11-23` for a cell of a spread draw. */
function rowKey(row: { agentId: number | null; channel: Channel; bucket: string | null }, bucket: SpreadBucket | null): string {
  const dimensions: Record<string, string> = { agent: agentKeyOf(row.agentId), channel: row.channel };
  if (bucket !== null && row.bucket !== null) dimensions[bucket] = row.bucket;
  return stratumKeyOf(dimensions);
}

/**
 * Eligible conversations per stratum (agent × channel, and time bucket when spreading), and how many of them
 * are flagged for oversampling. Counted as all conversations the filters keep minus the excluded ones among
 * them: the first count can run on the (agent, channel, sample_key) index alone, which an anti-join against
 * the exclusions would prevent (at 1M conversations, 124 ms instead of 770 ms), and the excluded are few.
 */
async function strataOf(
  db: Database,
  filtered: SQL,
  flagged: SQL | null,
  spread: { bucket: SpreadBucket; timeZone: string } | null,
): Promise<StratumRow[]> {
  const bucket = spread ? bucketExpression(spread.bucket, spread.timeZone) : sql<string | null>`null`;
  const countWhere = (where: SQL) =>
    db
      .select({
        agentId: conversations.agentId,
        channel: conversations.channel,
        bucket,
        population: sql<number>`count(*)`,
        flagged: flagged ? sql<number>`count(*) filter (where ${flagged})` : sql<number>`0`,
      })
      .from(conversations)
      .where(where)
      .groupBy(...(spread ? [conversations.agentId, conversations.channel, bucket] : [conversations.agentId, conversations.channel]));
  const [all, excluded] = await Promise.all([
    countWhere(filtered),
    countWhere(and(filtered, sql`${conversations.id} in ${excludedIds}`) ?? filtered),
  ]);
  const key = (row: { agentId: number | null; channel: Channel; bucket: string | null }) => `${row.agentId}|${row.channel}|${row.bucket}`;
  const excludedByKey = new Map(excluded.map((row) => [key({ ...row, bucket: row.bucket ?? null }), row]));
  return all.flatMap((row) => {
    const stratum = { ...row, bucket: row.bucket ?? null };
    const minus = excludedByKey.get(key(stratum));
    const population = Number(row.population) - Number(minus?.population ?? 0);
    return population > 0 ? [{ ...stratum, population, flagged: Number(row.flagged) - Number(minus?.flagged ?? 0) }] : [];
  });
}

/** Eligible conversations per agent × channel for these filters (what a draw's allocation starts from). */
export function eligibleStrata(db: Database, filters: SamplingFilters, options: { teamId: number | null; now: Date }) {
  return strataOf(db, filterCondition(filters, options), null, null);
}

/** Submitted review scores per agent (and per agent × channel), for Neyman allocation and the margins. */
async function scoreHistories(db: Database, agentIds: number[]) {
  if (agentIds.length === 0) return { byAgent: new Map<string, ScoreHistory>(), byStratum: new Map<string, ScoreHistory>() };
  const rows = await db
    .select({
      agentId: reviews.agentId,
      channel: conversations.channel,
      count: sql<number>`count(${reviews.score})`,
      sum: sql<number>`coalesce(sum(${reviews.score}), 0)`,
      sumOfSquares: sql<number>`coalesce(sum(${reviews.score} * ${reviews.score}), 0)`,
    })
    .from(reviews)
    .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
    .where(and(eq(reviews.status, "submitted"), isQualityReview(), isNotNull(reviews.score), inArray(reviews.agentId, agentIds)))
    .groupBy(reviews.agentId, conversations.channel);
  const byStratum = new Map<string, ScoreHistory>();
  const totals = new Map<string, { count: number; sum: number; sumOfSquares: number }>();
  const sdOf = (count: number, sum: number, sumOfSquares: number) =>
    count < 2 ? Number.NaN : Math.sqrt(Math.max(0, (sumOfSquares - (sum * sum) / count) / (count - 1)));
  for (const row of rows) {
    const count = Number(row.count);
    const sum = Number(row.sum);
    const sumOfSquares = Number(row.sumOfSquares);
    const agentKey = agentKeyOf(row.agentId);
    byStratum.set(stratumKeyOf({ agent: agentKey, channel: row.channel }), { count, sd: sdOf(count, sum, sumOfSquares) });
    const total = totals.get(agentKey) ?? { count: 0, sum: 0, sumOfSquares: 0 };
    totals.set(agentKey, { count: total.count + count, sum: total.sum + sum, sumOfSquares: total.sumOfSquares + sumOfSquares });
  }
  const byAgent = new Map(
    [...totals].map(([key, total]) => [key, { count: total.count, sd: sdOf(total.count, total.sum, total.sumOfSquares) }]),
  );
  return { byAgent, byStratum };
}

export async function agentNames(db: Database, agentIds: number[]) {
  if (agentIds.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: agents.id, name: agents.name }).from(agents).where(inArray(agents.id, agentIds));
  return new Map(rows.map((row) => [String(row.id), row.name]));
}

export interface DrawPreview {
  eligible: number;
  strata: number;
  plannedTotal: number;
  precision: PrecisionSummary;
  agents: { agentKey: string; name: string | null; population: number; sampleSize: number; scores: number }[];
  /** Flagged conversations among the eligible ones when the rule oversamples; null otherwise. */
  flagged: number | null;
  /** Planned reviews per time bucket (summed over agents) when the rule spreads its draw; null otherwise. */
  buckets: { bucket: string; population: number; sampleSize: number }[] | null;
}

async function planFor(
  db: Database,
  definition: SamplingRuleDefinition,
  { teamId, timeZone, now, seed }: { teamId: number | null; timeZone: string; now: Date; seed: string },
) {
  const filtered = filterCondition(definition.filters, { teamId, now });
  const eligible = and(filtered, notExcluded) ?? sql`true`;
  const flags = definition.oversamplingFactor ? await flagPolicy(db, eligible, definition.oversamplingFlags) : null;
  const spreadBucket = definition.spread?.bucket ?? null;
  const strata = await strataOf(db, filtered, flags?.condition ?? null, spreadBucket ? { bucket: spreadBucket, timeZone } : null);
  const agentIds = [...new Set(strata.flatMap((row) => (row.agentId === null ? [] : [row.agentId])))];
  const histories = await scoreHistories(db, agentIds);
  const populations: StratumPopulation[] = strata.map((row) => ({
    key: rowKey(row, spreadBucket),
    group: agentKeyOf(row.agentId),
    population: row.population,
    flaggedPopulation: row.flagged,
    scoreHistory: histories.byStratum.get(stratumKeyOf({ agent: agentKeyOf(row.agentId), channel: row.channel })),
    bucket: row.bucket ?? undefined,
  }));
  const plan = planStratifiedDraw(populations, {
    seed,
    size: definition.size,
    method: definition.allocation,
    oversampling: definition.oversamplingFactor ? { factor: definition.oversamplingFactor } : undefined,
    spread: definition.spread?.mode,
  });
  return { eligible, flags, strata, plan, histories, agentIds, spreadBucket };
}

function precisionOf(
  strata: StratumRow[],
  spreadBucket: SpreadBucket | null,
  sizeByStratum: Map<string, number>,
  histories: Map<string, ScoreHistory>,
  targetMargin: number,
) {
  const byAgent = new Map<string, { population: number; sampleSize: number }>();
  for (const row of strata) {
    const agentKey = agentKeyOf(row.agentId);
    const entry = byAgent.get(agentKey) ?? { population: 0, sampleSize: 0 };
    entry.population += row.population;
    entry.sampleSize += sizeByStratum.get(rowKey(row, spreadBucket)) ?? 0;
    byAgent.set(agentKey, entry);
  }
  const inputs = [...byAgent].map(([agentKey, entry]) => ({ agentKey, ...entry, scoreHistory: histories.get(agentKey) }));
  return { inputs, summary: precisionSummary(inputs, { targetMargin }) };
}

/** What a draw would give now: eligible conversations, planned sizes, and the margins of error per agent and team. */
export async function previewDraw(
  db: Database,
  {
    definition,
    teamId,
    timeZone = "UTC",
    now = new Date(),
  }: { definition: SamplingRuleDefinition; teamId: number | null; timeZone?: string; now?: Date },
): Promise<DrawPreview> {
  const { strata, plan, histories, agentIds, spreadBucket, flags } = await planFor(db, definition, {
    teamId,
    timeZone,
    now,
    seed: definition.seed,
  });
  const sizes = new Map(plan.allocation.map((stratum) => [stratum.key, stratum.sampleSize]));
  const { inputs, summary } = precisionOf(strata, spreadBucket, sizes, histories.byAgent, definition.targetMargin);
  const names = await agentNames(db, agentIds);
  return {
    flagged: flags ? strata.reduce((sum, row) => sum + row.flagged, 0) : null,
    buckets: plan.buckets ? totalsByBucket(plan.buckets) : null,
    eligible: strata.reduce((sum, row) => sum + row.population, 0),
    strata: strata.length,
    plannedTotal: plan.allocation.reduce((sum, stratum) => sum + stratum.sampleSize, 0),
    precision: summary,
    agents: inputs.map((input) => ({
      agentKey: input.agentKey,
      name: names.get(input.agentKey) ?? null,
      population: input.population,
      sampleSize: input.sampleSize,
      scores: input.scoreHistory?.count ?? 0,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Drawing

export interface DrawOutcome {
  sampleId: number;
  conversationIds: number[];
}

/**
 * Draws a sample for a period: per stratum part, the conversations that follow the seeded offset on the circle of
 * sample keys (two keyset queries on the agent × channel × sample_key index). The sample row is inserted first, in
 * the same transaction, so a second draw for the same rule and period finds the period taken and draws nothing.
 */
export async function drawSample(
  db: Database,
  { ruleId, periodKey, drawnBy = null, now = new Date() }: { ruleId: number; periodKey: string; drawnBy?: string | null; now?: Date },
): Promise<DrawOutcome | null> {
  return db.transaction(async (tx) => {
    const rule = await getRule(tx, { id: ruleId, scope: { kind: "all" } });
    if (!rule) throw new Error(`sampling rule ${ruleId} not found`);
    const seed = periodKey.startsWith("manual:") || periodKey === "once" ? rule.definition.seed : `${rule.definition.seed}/${periodKey}`;
    const [sample] = await tx
      .insert(samples)
      .values({
        ruleId,
        ruleVersion: rule.currentVersion,
        periodKey,
        seed,
        filters: rule.definition.filters,
        plan: {},
        drawnBy,
        drawnAt: now,
      })
      .onConflictDoNothing({ target: [samples.ruleId, samples.periodKey] })
      .returning({ id: samples.id });
    if (!sample) return null;

    const { drawn, plan, precision, oversampling, spread } = await drawConversations(tx, {
      definition: rule.definition,
      teamId: rule.teamId,
      timeZone: rule.timezone,
      now,
      seed,
    });
    await tx
      .update(samples)
      .set({ plan: { allocation: plan.allocation, precision, oversampling, spread } })
      .where(eq(samples.id, sample.id));
    const rows = drawn.map((row, drawOrder) => ({ ...row, sampleId: sample.id, drawOrder }));
    for (let start = 0; start < rows.length; start += 1000) await tx.insert(sampleConversations).values(rows.slice(start, start + 1000));
    await tx.update(samplingRules).set({ lastRunAt: now }).where(eq(samplingRules.id, ruleId));
    return { sampleId: sample.id, conversationIds: drawn.map((row) => row.conversationId) };
  });
}

export interface DrawnRow {
  conversationId: number;
  stratumKey: string;
  flagged: boolean;
  inclusionProbability: number;
  designWeight: number;
}

/**
 * How the rows of a draw are fetched; both return the same ids in the same order (the ranking of `drawFromStratum`).
 * - `keyset`: two queries per part on the `(agent_id, channel, sample_key)` index; reads only the rows it returns,
 *   the choice for a draw over a whole large table.
 * - `window`: one query over the eligible conversations that ranks each part's rows from its offset round the circle
 *   (`row_number() over (partition by part order by sample_key < offset, sample_key, id)`); one round trip instead of
 *   one or two per part, the choice when a period bounds the eligible set and there are many parts (a spread draw
 *   has one per agent × channel × day).
 */
export type DrawStrategy = "keyset" | "window";

/** `window` for draws spread over their period (bounded, many cells), `keyset` otherwise. */
export function defaultDrawStrategy(definition: SamplingRuleDefinition): DrawStrategy {
  return definition.spread ? "window" : "keyset";
}

/**
 * The draw itself, read-only: counts per stratum (and flagged ones), the shared plan, then the rows of every part.
 * `drawSample` stores what this returns; the benchmark times it on its own.
 */
export async function drawConversations(
  db: Database,
  {
    definition,
    teamId,
    timeZone,
    now,
    seed,
    strategy = defaultDrawStrategy(definition),
  }: { definition: SamplingRuleDefinition; teamId: number | null; timeZone: string; now: Date; seed: string; strategy?: DrawStrategy },
) {
  const { eligible, flags, strata, plan, histories, spreadBucket } = await planFor(db, definition, { teamId, timeZone, now, seed });
  const flagged = flags?.condition ?? null;
  const strataByKey = new Map(strata.map((row) => [rowKey(row, spreadBucket), row]));
  const parts = plan.parts.flatMap((part) => {
    const stratum = strataByKey.get(part.stratumKey);
    const { designWeight } = part;
    return stratum && part.sampleSize > 0 && designWeight !== null ? [{ part, stratum, designWeight }] : [];
  });
  const bucket = spreadBucket ? bucketExpression(spreadBucket, timeZone) : null;
  let idsByPart: number[][];
  if (strategy === "window") {
    idsByPart = await drawPartsInOneQuery(db, {
      eligible,
      flagged,
      bucket,
      parts: parts.map(({ part, stratum }) => ({
        agentId: stratum.agentId,
        channel: stratum.channel,
        bucket: stratum.bucket,
        flagged: flagged ? part.flagged : null,
        offset: part.offset,
        n: part.sampleSize,
      })),
    });
  } else {
    idsByPart = [];
    for (const { part, stratum } of parts) {
      const partCondition = and(
        eligible,
        stratum.agentId === null ? isNull(conversations.agentId) : eq(conversations.agentId, stratum.agentId),
        eq(conversations.channel, stratum.channel),
        bucket && stratum.bucket !== null ? sql`${bucket} = ${stratum.bucket}` : undefined,
        part.flagged === null || !flagged ? undefined : part.flagged ? flagged : sql`not coalesce(${flagged}, false)`,
      );
      idsByPart.push(await drawPart(db, partCondition ?? sql`true`, part.offset, part.sampleSize));
    }
  }
  const drawn: DrawnRow[] = parts.flatMap(({ part, designWeight }, index) =>
    idsByPart[index].map((id) => ({
      conversationId: id,
      stratumKey: part.stratumKey,
      flagged: part.flagged === true,
      inclusionProbability: part.inclusionProbability,
      designWeight,
    })),
  );
  const sizes = new Map(plan.allocation.map((stratum) => [stratum.key, stratum.sampleSize]));
  const { summary } = precisionOf(strata, spreadBucket, sizes, histories.byAgent, definition.targetMargin);
  const oversampling = flags ? { factor: definition.oversamplingFactor, flags: flags.flags, messageFence: flags.messageFence } : null;
  const spread = definition.spread ? { ...definition.spread, timeZone, buckets: plan.buckets } : null;
  return { drawn, plan, precision: summary, oversampling, spread };
}

interface PartSpec {
  agentId: number | null;
  channel: Channel;
  bucket: string | null;
  /** true / false: only flagged / unflagged conversations; null: the whole cell. */
  flagged: boolean | null;
  offset: number;
  n: number;
}

/**
 * Every part's rows in one query: the eligible conversations joined to the parts (passed as one JSON parameter, so
 * thousands of parts need no thousands of parameters), ranked within each part from its offset round the circle of
 * sample keys, the first n of each kept. Returns the ids per part, in draw order: what `drawPart` returns per part.
 * The join compares plain values (agent, channel, day) so PostgreSQL can hash it; `bucket` must be set exactly when
 * the parts carry buckets, and `flagged` when some parts are split.
 */
export async function drawPartsInOneQuery(
  db: Database,
  { eligible, flagged, bucket, parts }: { eligible: SQL; flagged: SQL | null; bucket: SQL<string> | null; parts: PartSpec[] },
): Promise<number[][]> {
  if (parts.length === 0) return [];
  const specs = JSON.stringify(
    parts.map((part, index) => ({
      part: index,
      agent_id: part.agentId,
      channel: part.channel,
      bucket: part.bucket,
      flagged: part.flagged,
      offset: part.offset,
      n: part.n,
    })),
  );
  const result = await db.execute(sql`
    with parts as (
      select * from jsonb_to_recordset(${specs}::jsonb)
        as p(part integer, agent_id integer, channel text, bucket text, flagged boolean, "offset" double precision, n integer)
    ),
    ranked as (
      select ${conversations.id} as id, parts.part, parts.n,
        row_number() over (
          partition by parts.part
          order by ${conversations.sampleKey} < parts."offset", ${conversations.sampleKey}, ${conversations.id}
        ) as rank
      from ${conversations}
      join parts
        on coalesce(${conversations.agentId}, -1) = coalesce(parts.agent_id, -1)
        and ${conversations.channel}::text = parts.channel
        ${bucket ? sql`and ${bucket} = parts.bucket` : sql``}
        ${flagged ? sql`and (parts.flagged is null or coalesce(${flagged}, false) = parts.flagged)` : sql``}
      where ${eligible}
    )
    select id, part from ranked where rank <= n order by part, rank`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number | string; part: number | string }[];
  const ids: number[][] = parts.map(() => []);
  for (const row of rows) ids[Number(row.part)].push(Number(row.id));
  return ids;
}

/** The n conversations at or after `offset` in (sample_key, id) order, wrapping round below it. */
export async function drawPart(db: Database, condition: SQL, offset: number, n: number): Promise<number[]> {
  const after = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(condition, gte(conversations.sampleKey, offset)))
    .orderBy(asc(conversations.sampleKey), asc(conversations.id))
    .limit(n);
  if (after.length >= n) return after.map((row) => row.id);
  const before = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(condition, lt(conversations.sampleKey, offset)))
    .orderBy(asc(conversations.sampleKey), asc(conversations.id))
    .limit(n - after.length);
  return [...after, ...before].map((row) => row.id);
}

export async function listSamples(db: Database, { ruleId }: { ruleId: number }) {
  const rows = await db
    .select({
      id: samples.id,
      periodKey: samples.periodKey,
      ruleVersion: samples.ruleVersion,
      seed: samples.seed,
      drawnAt: samples.drawnAt,
      drawn: sql<number>`(select count(*) from ${sampleConversations} where ${sampleConversations.sampleId} = ${samples.id})`,
    })
    .from(samples)
    .where(eq(samples.ruleId, ruleId))
    .orderBy(desc(samples.drawnAt), desc(samples.id));
  return rows.map((row) => ({ ...row, drawn: Number(row.drawn) }));
}

export async function getSample(db: Database, { id, scope }: { id: number; scope: ConversationScope }) {
  const [row] = await db
    .select({ sample: samples, ruleName: samplingRules.name, teamId: samplingRules.teamId })
    .from(samples)
    .innerJoin(samplingRules, eq(samplingRules.id, samples.ruleId))
    .where(and(eq(samples.id, id), ruleScopeCondition(scope)));
  return row ? { ...row.sample, ruleName: row.ruleName, teamId: row.teamId } : null;
}

export async function sampleConversationIds(db: Database, sampleId: number): Promise<number[]> {
  const rows = await db
    .select({ id: sampleConversations.conversationId })
    .from(sampleConversations)
    .where(eq(sampleConversations.sampleId, sampleId))
    .orderBy(asc(sampleConversations.drawOrder));
  return rows.map((row) => row.id);
}

// ---------------------------------------------------------------------------------------------
// Assignment

/** Reviewers a rule may assign to: active admins, reviewers and leads. */
export async function listAssignableReviewers(db: Database) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["admin", "reviewer", "lead"])))
    .orderBy(asc(users.name));
}

async function openWorkload(db: Database, reviewerIds: string[]) {
  const rows = await db
    .select({ reviewerId: reviewAssignments.reviewerId, count: sql<number>`count(*)` })
    .from(reviewAssignments)
    .where(and(inArray(reviewAssignments.reviewerId, reviewerIds), inArray(reviewAssignments.status, OPEN_STATUSES)))
    .groupBy(reviewAssignments.reviewerId);
  return new Map(rows.map((row) => [row.reviewerId, Number(row.count)]));
}

/**
 * Assigns the sample's unassigned conversations in draw order, each to the eligible reviewer with the smallest
 * current open workload (ties in the order given), skipping reviewers at the cap and never giving an agent their
 * own conversation. What cannot be placed stays unassigned.
 */
export async function assignSample(
  db: Database,
  {
    sampleId,
    reviewerIds,
    capPerReviewer = null,
    dueAt = null,
    assignedBy = null,
  }: { sampleId: number; reviewerIds: string[]; capPerReviewer?: number | null; dueAt?: Date | null; assignedBy?: string | null },
) {
  return db.transaction(async (tx) => {
    const reviewers = [...new Set(reviewerIds)];
    const pending = await tx
      .select({ conversationId: sampleConversations.conversationId, agentUserId: agents.userId })
      .from(sampleConversations)
      .innerJoin(conversations, eq(conversations.id, sampleConversations.conversationId))
      .leftJoin(agents, eq(agents.id, conversations.agentId))
      .where(
        and(
          eq(sampleConversations.sampleId, sampleId),
          sql`not exists (select 1 from ${reviewAssignments} where ${reviewAssignments.conversationId} = ${sampleConversations.conversationId})`,
        ),
      )
      .orderBy(asc(sampleConversations.drawOrder));
    if (reviewers.length === 0) return { assigned: 0, unassigned: pending.length };
    const workload = await openWorkload(tx, reviewers);
    const fromThisSample = new Map<string, number>();
    const alreadyFromSample = await tx
      .select({ reviewerId: reviewAssignments.reviewerId, count: sql<number>`count(*)` })
      .from(reviewAssignments)
      .where(eq(reviewAssignments.sampleId, sampleId))
      .groupBy(reviewAssignments.reviewerId);
    for (const row of alreadyFromSample) fromThisSample.set(row.reviewerId, Number(row.count));

    const rows: (typeof reviewAssignments.$inferInsert)[] = [];
    for (const conversation of pending) {
      let chosen: string | null = null;
      for (const reviewerId of reviewers) {
        if (reviewerId === conversation.agentUserId) continue;
        if (capPerReviewer !== null && (fromThisSample.get(reviewerId) ?? 0) >= capPerReviewer) continue;
        if (chosen === null || (workload.get(reviewerId) ?? 0) < (workload.get(chosen) ?? 0)) chosen = reviewerId;
      }
      if (chosen === null) continue;
      workload.set(chosen, (workload.get(chosen) ?? 0) + 1);
      fromThisSample.set(chosen, (fromThisSample.get(chosen) ?? 0) + 1);
      rows.push({ conversationId: conversation.conversationId, reviewerId: chosen, dueAt, assignedBy, sampleId });
    }
    if (rows.length) await tx.insert(reviewAssignments).values(rows).onConflictDoNothing();
    return { assigned: rows.length, unassigned: pending.length - rows.length };
  });
}

async function assignmentInScope(db: Database, assignmentId: number, sampleId: number) {
  const [row] = await db
    .select({ assignment: reviewAssignments, agentUserId: agents.userId })
    .from(reviewAssignments)
    .innerJoin(conversations, eq(conversations.id, reviewAssignments.conversationId))
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .where(and(eq(reviewAssignments.id, assignmentId), eq(reviewAssignments.sampleId, sampleId)));
  return row ?? null;
}

export type ChangeResult = { ok: true } | { ok: false; error: "not_found" | "own_conversation" | "already_assigned" | "done" };

export async function reassignAssignment(
  db: Database,
  input: { sampleId: number; assignmentId: number; toReviewerId: string; reason: string; actorId: string | null },
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const found = await assignmentInScope(tx, input.assignmentId, input.sampleId);
    if (!found) return { ok: false, error: "not_found" };
    if (found.assignment.status === "completed") return { ok: false, error: "done" };
    if (found.agentUserId === input.toReviewerId) return { ok: false, error: "own_conversation" };
    const [clash] = await tx
      .select({ id: reviewAssignments.id })
      .from(reviewAssignments)
      .where(
        and(eq(reviewAssignments.conversationId, found.assignment.conversationId), eq(reviewAssignments.reviewerId, input.toReviewerId)),
      );
    if (clash) return { ok: false, error: "already_assigned" };
    await tx
      .update(reviewAssignments)
      .set({ reviewerId: input.toReviewerId, status: "pending" })
      .where(eq(reviewAssignments.id, input.assignmentId));
    await tx.insert(assignmentChanges).values({
      sampleId: input.sampleId,
      conversationId: found.assignment.conversationId,
      action: "reassigned",
      fromReviewerId: found.assignment.reviewerId,
      toReviewerId: input.toReviewerId,
      reason: input.reason,
      actorId: input.actorId,
    });
    return { ok: true };
  });
}

export async function removeAssignment(
  db: Database,
  input: { sampleId: number; assignmentId: number; reason: string; actorId: string | null },
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const found = await assignmentInScope(tx, input.assignmentId, input.sampleId);
    if (!found) return { ok: false, error: "not_found" };
    if (found.assignment.status === "completed") return { ok: false, error: "done" };
    await tx.delete(reviewAssignments).where(eq(reviewAssignments.id, input.assignmentId));
    await tx.insert(assignmentChanges).values({
      sampleId: input.sampleId,
      conversationId: found.assignment.conversationId,
      action: "removed",
      fromReviewerId: found.assignment.reviewerId,
      reason: input.reason,
      actorId: input.actorId,
    });
    return { ok: true };
  });
}

export async function listAssignmentChanges(db: Database, sampleId: number) {
  return db
    .select({
      id: assignmentChanges.id,
      conversationId: assignmentChanges.conversationId,
      action: assignmentChanges.action,
      fromReviewerId: assignmentChanges.fromReviewerId,
      toReviewerId: assignmentChanges.toReviewerId,
      reason: assignmentChanges.reason,
      at: assignmentChanges.at,
    })
    .from(assignmentChanges)
    .where(eq(assignmentChanges.sampleId, sampleId))
    .orderBy(desc(assignmentChanges.at), desc(assignmentChanges.id));
}

/** The sample's conversations with their assignment and review state, in draw order. */
export async function sampleRows(db: Database, { sampleId, now = new Date() }: { sampleId: number; now?: Date }) {
  const rows = await db
    .select({
      conversationId: sampleConversations.conversationId,
      stratumKey: sampleConversations.stratumKey,
      flagged: sampleConversations.flagged,
      designWeight: sampleConversations.designWeight,
      subject: conversations.subject,
      channel: conversations.channel,
      agentId: conversations.agentId,
      agentName: agents.name,
      assignmentId: reviewAssignments.id,
      reviewerId: reviewAssignments.reviewerId,
      reviewerName: users.name,
      status: reviewAssignments.status,
      dueAt: reviewAssignments.dueAt,
      score: sql<
        number | null
      >`(select ${reviews.score} from ${reviews} where ${reviews.conversationId} = ${sampleConversations.conversationId} and ${reviews.status} = 'submitted' and ${isQualityReview()} order by ${reviews.submittedAt} desc limit 1)`,
    })
    .from(sampleConversations)
    .innerJoin(conversations, eq(conversations.id, sampleConversations.conversationId))
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .leftJoin(
      reviewAssignments,
      and(eq(reviewAssignments.conversationId, sampleConversations.conversationId), eq(reviewAssignments.sampleId, sampleId)),
    )
    .leftJoin(users, eq(users.id, reviewAssignments.reviewerId))
    .where(eq(sampleConversations.sampleId, sampleId))
    .orderBy(asc(sampleConversations.drawOrder));
  return rows.map((row) => {
    const reviewed = row.status === "completed" || row.score !== null;
    const open = row.status === "pending" || row.status === "in_progress";
    return {
      ...row,
      score: row.score === null ? null : Number(row.score),
      reviewed,
      overdue: open && row.dueAt !== null && row.dueAt.getTime() < now.getTime(),
    };
  });
}

export interface ProgressCounts {
  key: string;
  name: string;
  drawn: number;
  assigned: number;
  reviewed: number;
  overdue: number;
}

/** Drawn, assigned, reviewed and overdue per reviewer and per agent: a GROUP BY over the rows, in memory. */
export function sampleProgress(rows: Awaited<ReturnType<typeof sampleRows>>) {
  const tally = (keyOf: (row: (typeof rows)[number]) => [string, string] | null) => {
    const groups = new Map<string, ProgressCounts>();
    for (const row of rows) {
      const key = keyOf(row);
      if (!key) continue;
      const group = groups.get(key[0]) ?? { key: key[0], name: key[1], drawn: 0, assigned: 0, reviewed: 0, overdue: 0 };
      group.drawn += 1;
      if (row.assignmentId !== null) group.assigned += 1;
      if (row.reviewed) group.reviewed += 1;
      if (row.overdue) group.overdue += 1;
      groups.set(key[0], group);
    }
    return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  };
  return {
    byReviewer: tally((row) => (row.reviewerId ? [row.reviewerId, row.reviewerName ?? row.reviewerId] : null)),
    byAgent: tally((row) => [agentKeyOf(row.agentId), row.agentName ?? "—"]),
    total: tally(() => ["all", "all"])[0] ?? { key: "all", name: "all", drawn: 0, assigned: 0, reviewed: 0, overdue: 0 },
  };
}

// ---------------------------------------------------------------------------------------------
// Schedule

export async function dueRules(db: Database, now = new Date()) {
  return db
    .select({ id: samplingRules.id, nextRunAt: samplingRules.nextRunAt })
    .from(samplingRules)
    .where(and(eq(samplingRules.active, true), ne(samplingRules.schedule, "once"), lte(samplingRules.nextRunAt, now)));
}

/**
 * Draws and assigns the period that was due, then moves the rule's next run past now. The period key comes from
 * the scheduled instant, so a restart that runs the same due rule again finds the period taken.
 */
export async function runScheduledRule(db: Database, { ruleId, now = new Date() }: { ruleId: number; now?: Date }) {
  const rule = await getRule(db, { id: ruleId, scope: { kind: "all" } });
  if (!rule?.nextRunAt || rule.schedule === "once") return null;
  const periodKey = periodKeyFor(rule.schedule, rule.nextRunAt, rule.timezone);
  const outcome = await drawSample(db, { ruleId, periodKey, now });
  if (outcome) {
    await assignSample(db, {
      sampleId: outcome.sampleId,
      reviewerIds: rule.definition.reviewerIds,
      capPerReviewer: rule.definition.capPerReviewer,
      dueAt: new Date(now.getTime() + rule.definition.dueDays * DAY_MS),
    });
  }
  await db
    .update(samplingRules)
    .set({ nextRunAt: nextRunAfter(rule.schedule, rule.scheduleTime, rule.timezone, now) })
    .where(eq(samplingRules.id, ruleId));
  return outcome;
}

/** Agents a rule may filter on, within the user's scope. */
export async function listSamplingAgents(db: Database, { scope }: { scope: ConversationScope }) {
  return db
    .select({ id: agents.id, name: agents.name, teamId: agents.teamId })
    .from(agents)
    .where(agentScopeCondition(scope))
    .orderBy(asc(agents.name));
}
