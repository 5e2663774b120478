import { type SQL, and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { type QualityScore, qualityScoreFromMoments } from "../../scoring/rubric";
import type { Database } from "../client";
import { conversations, reviewCriterionResults, reviews, scorecardVersions } from "../schema";
import { type DashboardFilters, addDays, weeklyWindows } from "./periods";
import { isQualityReview } from "./reviews";
import { conversationScopeCondition, type ConversationScope } from "./scope";
import { storedDefinition } from "./scorecards";

/**
 * Quality scores for the dashboards: submitted standard reviews (not self or peer reviews, nor calibration) of the
 * conversations created in the period, so a period's quality sits beside its response times and
 * sentiment. Reviews are thousands of rows, not millions: grouped here with count, sum and sum of squares.
 */
function reviewConditions(scope: ConversationScope, filters: DashboardFilters): SQL | undefined {
  return and(
    eq(reviews.status, "submitted"),
    eq(reviews.kind, "standard"),
    isQualityReview(),
    sql`${reviews.score} is not null`,
    conversationScopeCondition(scope),
    gte(conversations.createdAt, new Date(`${filters.from}T00:00:00Z`)),
    lt(conversations.createdAt, new Date(`${addDays(filters.to, 1)}T00:00:00Z`)),
    filters.teamId ? eq(conversations.teamId, filters.teamId) : undefined,
    filters.channel ? eq(conversations.channel, filters.channel) : undefined,
    filters.agentId ? eq(conversations.agentId, filters.agentId) : undefined,
  );
}

const MOMENTS = {
  count: sql<number>`count(*)::int`,
  sum: sql<number>`coalesce(sum(${reviews.score}), 0)::float8`,
  sumOfSquares: sql<number>`coalesce(sum(${reviews.score} * ${reviews.score}), 0)::float8`,
};

const toQuality = (row: { count: number; sum: number; sumOfSquares: number }): QualityScore =>
  qualityScoreFromMoments({ count: Number(row.count), sum: Number(row.sum), sumOfSquares: Number(row.sumOfSquares) });

export interface QualityOverview {
  total: QualityScore;
  byAgent: Array<{ agentId: number; quality: QualityScore }>;
  /** Seven-day windows ending on the period's last day, oldest first. */
  weekly: Array<{ from: string; to: string; quality: QualityScore }>;
}

export async function qualityOverview(db: Database, { scope, filters }: { scope: ConversationScope; filters: DashboardFilters }): Promise<QualityOverview> {
  const where = reviewConditions(scope, filters);
  const weekIndex = sql<number>`floor((${filters.to}::date - (${conversations.createdAt} at time zone 'UTC')::date) / 7)::int`;
  const [byAgent, byWeek] = await Promise.all([
    db
      .select({ agentId: conversations.agentId, ...MOMENTS })
      .from(reviews)
      .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
      .where(where)
      .groupBy(conversations.agentId),
    db
      .select({ week: weekIndex, ...MOMENTS })
      .from(reviews)
      .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
      .where(where)
      // By position: the week expression carries a parameter, and PostgreSQL does not match two parameters as equal.
      .groupBy(sql`1`),
  ]);
  const total = toQuality(
    byAgent.reduce((sum, row) => ({ count: sum.count + Number(row.count), sum: sum.sum + Number(row.sum), sumOfSquares: sum.sumOfSquares + Number(row.sumOfSquares) }), {
      count: 0,
      sum: 0,
      sumOfSquares: 0,
    }),
  );
  const momentsOfWeek = new Map(byWeek.map((row) => [Number(row.week), row]));
  const weekly = weeklyWindows(filters).map(({ from, to, weeksBack }) => ({
    from,
    to,
    quality: toQuality(momentsOfWeek.get(weeksBack) ?? { count: 0, sum: 0, sumOfSquares: 0 }),
  }));
  return {
    total,
    byAgent: byAgent.filter((row) => row.agentId !== null).map((row) => ({ agentId: row.agentId as number, quality: toQuality(row) })),
    weekly,
  };
}

/** Each agent's count, sum and sum of squares of review scores per channel (for the spread between channels). */
export async function qualitySumsByAgentChannel(db: Database, { scope, filters }: { scope: ConversationScope; filters: DashboardFilters }) {
  const rows = await db
    .select({ agentId: conversations.agentId, channel: conversations.channel, ...MOMENTS })
    .from(reviews)
    .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
    .where(reviewConditions(scope, filters))
    .groupBy(conversations.agentId, conversations.channel);
  const byAgent = new Map<number, Array<{ channel: string; n: number; sum: number; sumOfSquares: number }>>();
  for (const row of rows) {
    if (row.agentId === null) continue;
    const list = byAgent.get(row.agentId) ?? [];
    list.push({ channel: row.channel, n: Number(row.count), sum: Number(row.sum), sumOfSquares: Number(row.sumOfSquares) });
    byAgent.set(row.agentId, list);
  }
  return byAgent;
}

export interface WeakCriterion {
  criterionId: string;
  title: string;
  mean: number;
  ratings: number;
}

/**
 * Each agent's lowest-scoring criteria in the period (mean of the 0–100 criterion scores), with at least
 * `minRatings` ratings so that one bad review does not name a weakness; titles from the newest scorecard
 * version that has the criterion.
 */
export async function weakestCriteriaByAgent(
  db: Database,
  { scope, filters, minRatings = 3, perAgent = 2 }: { scope: ConversationScope; filters: DashboardFilters; minRatings?: number; perAgent?: number },
): Promise<Map<number, WeakCriterion[]>> {
  const [rows, versions] = await Promise.all([
    db
      .select({
        agentId: conversations.agentId,
        criterionId: reviewCriterionResults.criterionId,
        ratings: sql<number>`count(${reviewCriterionResults.score})::int`,
        mean: sql<number>`avg(${reviewCriterionResults.score})::float8`,
      })
      .from(reviewCriterionResults)
      .innerJoin(reviews, eq(reviews.id, reviewCriterionResults.reviewId))
      .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
      .where(and(reviewConditions(scope, filters), eq(reviewCriterionResults.status, "rated"), eq(reviewCriterionResults.bonus, false)))
      .groupBy(conversations.agentId, reviewCriterionResults.criterionId),
    db.select({ definition: scorecardVersions.definition }).from(scorecardVersions).orderBy(desc(scorecardVersions.id)),
  ]);
  const titles = new Map<string, string>();
  for (const version of versions) {
    for (const category of storedDefinition(version.definition).categories) {
      for (const criterion of category.criteria) if (!titles.has(criterion.id)) titles.set(criterion.id, criterion.title);
    }
  }
  const byAgent = new Map<number, WeakCriterion[]>();
  for (const row of rows) {
    if (row.agentId === null || Number(row.ratings) < minRatings || row.mean === null) continue;
    const list = byAgent.get(row.agentId) ?? [];
    list.push({ criterionId: row.criterionId, title: titles.get(row.criterionId) ?? row.criterionId, mean: Number(row.mean), ratings: Number(row.ratings) });
    byAgent.set(row.agentId, list);
  }
  for (const [agentId, list] of byAgent) {
    byAgent.set(
      agentId,
      list
        .filter((criterion) => criterion.mean < 100)
        .sort((a, b) => a.mean - b.mean)
        .slice(0, perAgent),
    );
  }
  return byAgent;
}
