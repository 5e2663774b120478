import { type SQL, and, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import {
  type CellConsistency,
  type ConsistencyReport,
  type Profile,
  type ToneCell,
  analyzeConsistency,
  qualitySpreadAcrossChannels,
} from "../../scoring/consistency";
import type { Channel } from "../../scoring/domain";
import { percentage } from "../../scoring/sla";
import type { Database } from "../client";
import { FCR_WINDOW_DAYS } from "../facts/refresh";
import { loadSlaConfig, resolveSlaConfig } from "../facts/sla-config";
import { agents, conversationFacts, dailyRollups, teams } from "../schema";
import { type DashboardFilters, addDays, previousPeriod, weeklyWindows } from "./periods";
import { qualityOverview, qualitySumsByAgentChannel, weakestCriteriaByAgent } from "./quality";
import type { ConversationScope } from "./scope";

export { type DashboardFilters, addDays, daysBetween, previousPeriod } from "./periods";

/** Sums of the rollup columns; `fcr*` only over days whose first-contact window has closed by `asOf`. */
export interface RollupSums {
  conversations: number;
  withCustomerMessage: number;
  unanswered: number;
  firstResponseMeasured: number;
  firstResponseWithinStandard: number;
  firstResponseWorldClassMeasured: number;
  firstResponseWithinWorldClass: number;
  firstResponseCount: number;
  firstResponseMsSum: number;
  repliesMeasured: number;
  repliesWithinStandard: number;
  repliesWorldClassMeasured: number;
  repliesWithinWorldClass: number;
  breachedConversations: number;
  resolutionCount: number;
  resolutionMsSum: number;
  csatResponses: number;
  csatSatisfied: number;
  csatSum: number;
  reopened: number;
  fcrCandidates: number;
  fcrFollowedUp: number;
  agentMessages: number;
  redirectConversations: number;
  redirectHits: number;
  forbiddenConversations: number;
  forbiddenHits: number;
  toneN: number;
  greetingSum: number;
  closingSum: number;
  usesNameSum: number;
  empathySum: number;
  apologySum: number;
  formalSum: number;
  informalSum: number;
  exclamationSum: number;
  exclamationSq: number;
  emojiSum: number;
  emojiSq: number;
  logWordsSum: number;
  logWordsSq: number;
  readabilityN: number;
  readabilitySum: number;
  readabilitySq: number;
  customerMessagesScored: number;
  customerNegative: number;
  agentMessagesScored: number;
  agentNegative: number;
  frustrationScored: number;
  frustratedConversations: number;
}

type SumKey = keyof RollupSums;
const SUM_KEYS = [
  "conversations",
  "withCustomerMessage",
  "unanswered",
  "firstResponseMeasured",
  "firstResponseWithinStandard",
  "firstResponseWorldClassMeasured",
  "firstResponseWithinWorldClass",
  "firstResponseCount",
  "firstResponseMsSum",
  "repliesMeasured",
  "repliesWithinStandard",
  "repliesWorldClassMeasured",
  "repliesWithinWorldClass",
  "breachedConversations",
  "resolutionCount",
  "resolutionMsSum",
  "csatResponses",
  "csatSatisfied",
  "csatSum",
  "reopened",
  "agentMessages",
  "redirectConversations",
  "redirectHits",
  "forbiddenConversations",
  "forbiddenHits",
  "toneN",
  "greetingSum",
  "closingSum",
  "usesNameSum",
  "empathySum",
  "apologySum",
  "formalSum",
  "informalSum",
  "exclamationSum",
  "exclamationSq",
  "emojiSum",
  "emojiSq",
  "logWordsSum",
  "logWordsSq",
  "readabilityN",
  "readabilitySum",
  "readabilitySq",
  "customerMessagesScored",
  "customerNegative",
  "agentMessagesScored",
  "agentNegative",
  "frustrationScored",
  "frustratedConversations",
] as const satisfies readonly SumKey[];

export const EMPTY_SUMS = Object.fromEntries([...SUM_KEYS, "fcrCandidates", "fcrFollowedUp"].map((key) => [key, 0])) as unknown as RollupSums;

export function rollupScopeCondition(scope: ConversationScope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "teams":
      return scope.teamIds.length ? inArray(dailyRollups.teamId, scope.teamIds) : sql`false`;
    case "agent":
      return scope.agentId === null ? sql`false` : eq(dailyRollups.agentId, scope.agentId);
  }
}

function rollupConditions(scope: ConversationScope, filters: DashboardFilters): SQL | undefined {
  return and(
    rollupScopeCondition(scope),
    gte(dailyRollups.day, filters.from),
    lte(dailyRollups.day, filters.to),
    filters.teamId ? eq(dailyRollups.teamId, filters.teamId) : undefined,
    filters.channel ? eq(dailyRollups.channel, filters.channel) : undefined,
    filters.agentId ? eq(dailyRollups.agentId, filters.agentId) : undefined,
  );
}

const COLUMN_OF: Record<(typeof SUM_KEYS)[number], SQL> = Object.fromEntries(
  SUM_KEYS.map((key) => [key, sql.raw(`"${key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}"`)]),
) as Record<(typeof SUM_KEYS)[number], SQL>;

/** The last day whose conversations' first-contact window (FCR_WINDOW_DAYS) has fully closed by `asOf`. */
export function lastDecidedFcrDay(asOf: Date): string {
  return addDays(asOf.toISOString().slice(0, 10), -(FCR_WINDOW_DAYS + 1));
}

/** `week`: whole weeks back from the period's last day (0 = its last seven days). */
type GroupKey = "day" | "week" | "channel" | "agentId" | "teamId";

function groupColumn(key: GroupKey, filters: DashboardFilters): SQL {
  switch (key) {
    case "day":
      return sql`${dailyRollups.day}`;
    case "week":
      // Inlined, not a parameter, so that PostgreSQL sees the GROUP BY expression equal to the selected one.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(filters.to)) throw new Error(`invalid day ${filters.to}`);
      return sql`((${sql.raw(`'${filters.to}'::date`)} - ${dailyRollups.day}) / 7)`;
    case "channel":
      return sql`${dailyRollups.channel}`;
    case "agentId":
      return sql`${dailyRollups.agentId}`;
    case "teamId":
      return sql`${dailyRollups.teamId}`;
  }
}

export type GroupedSums<K extends GroupKey> = RollupSums & {
  [P in K]: P extends "day" ? string : P extends "channel" ? Channel : P extends "week" ? number : number | null;
};

/** The rollup columns the tone profile and the consistency index read. */
const TONE_KEYS = [
  "toneN",
  "greetingSum",
  "closingSum",
  "usesNameSum",
  "empathySum",
  "exclamationSum",
  "exclamationSq",
  "emojiSum",
  "emojiSq",
  "logWordsSum",
  "logWordsSq",
  "readabilityN",
  "readabilitySum",
  "readabilitySq",
] as const satisfies readonly SumKey[];

/** Sums the daily rollups over the period, grouped by the given keys (none: one row of totals). */
export async function sumRollups<K extends GroupKey = never>(
  db: Database,
  {
    scope,
    filters,
    groupBy = [],
    asOf,
    columns = SUM_KEYS,
  }: { scope: ConversationScope; filters: DashboardFilters; groupBy?: readonly K[]; asOf: Date; columns?: readonly (typeof SUM_KEYS)[number][] },
): Promise<GroupedSums<K>[]> {
  const decided = lastDecidedFcrDay(asOf);
  const selection: Record<string, SQL> = {};
  for (const key of groupBy) selection[key] = groupColumn(key, filters);
  // Columns left out read as 0: wide groupings (day × agent × channel) fetch only what they use.
  for (const key of columns) selection[key] = sql`coalesce(sum(${COLUMN_OF[key]}), 0)::float8`;
  selection.fcrCandidates = sql`coalesce(sum(${dailyRollups.fcrCandidates}) filter (where ${dailyRollups.day} <= ${decided}), 0)::float8`;
  selection.fcrFollowedUp = sql`coalesce(sum(${dailyRollups.fcrFollowedUp}) filter (where ${dailyRollups.day} <= ${decided}), 0)::float8`;
  const query = db
    .select(selection)
    .from(dailyRollups)
    .where(rollupConditions(scope, filters))
    .$dynamic();
  const rows = groupBy.length ? await query.groupBy(...groupBy.map((key) => groupColumn(key, filters))) : await query;
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const key of [...SUM_KEYS, "fcrCandidates", "fcrFollowedUp"]) out[key] = Number(row[key] ?? 0);
    if ("week" in row) out.week = Number(row.week);
    if ("teamId" in row) out.teamId = row.teamId === null ? null : Number(row.teamId);
    if ("agentId" in row) out.agentId = row.agentId === null ? null : Number(row.agentId);
    if ("day" in row) out.day = String(row.day).slice(0, 10);
    return out as GroupedSums<K>;
  });
}

export function addSums(a: RollupSums, b: RollupSums): RollupSums {
  const out = { ...a };
  for (const key of Object.keys(out) as SumKey[]) out[key] = a[key] + (b[key] ?? 0);
  return out;
}

/** The numbers every dashboard shows, from summed rollups; null where nothing was measured. */
export function outcomeMetrics(sums: RollupSums) {
  return {
    conversations: sums.conversations,
    firstResponseStandardPct: percentage(sums.firstResponseWithinStandard, sums.firstResponseMeasured),
    firstResponseWorldClassPct: percentage(sums.firstResponseWithinWorldClass, sums.firstResponseWorldClassMeasured),
    firstResponseMeasured: sums.firstResponseMeasured,
    replyStandardPct: percentage(sums.repliesWithinStandard, sums.repliesMeasured),
    replyWorldClassPct: percentage(sums.repliesWithinWorldClass, sums.repliesWorldClassMeasured),
    repliesMeasured: sums.repliesMeasured,
    meanFirstResponseMs: sums.firstResponseCount ? sums.firstResponseMsSum / sums.firstResponseCount : null,
    meanResolutionMs: sums.resolutionCount ? sums.resolutionMsSum / sums.resolutionCount : null,
    unanswered: sums.unanswered,
    unansweredPct: percentage(sums.unanswered, sums.withCustomerMessage),
    csatPct: percentage(sums.csatSatisfied, sums.csatResponses),
    csatMean: sums.csatResponses ? sums.csatSum / sums.csatResponses : null,
    csatResponses: sums.csatResponses,
    fcrPct: percentage(sums.fcrCandidates - sums.fcrFollowedUp, sums.fcrCandidates),
    fcrEvaluated: sums.fcrCandidates,
    reopenPct: percentage(sums.reopened, sums.conversations),
    redirectConversations: sums.redirectConversations,
    redirectHits: sums.redirectHits,
    redirectPct: percentage(sums.redirectConversations, sums.toneN),
    forbiddenConversations: sums.forbiddenConversations,
    forbiddenHits: sums.forbiddenHits,
    breachedConversations: sums.breachedConversations,
    answeredByAgent: sums.toneN,
    customerMessagesScored: sums.customerMessagesScored,
    negativeSharePct: percentage(sums.customerNegative, sums.customerMessagesScored),
    agentNegativePct: percentage(sums.agentNegative, sums.agentMessagesScored),
    frustrationScored: sums.frustrationScored,
    frustratedConversations: sums.frustratedConversations,
    frustratedPct: percentage(sums.frustratedConversations, sums.frustrationScored),
  };
}

export type OutcomeMetrics = ReturnType<typeof outcomeMetrics>;

/** The tone profile (scoring/consistency) of summed rollups. */
export function toneProfile(sums: RollupSums): Profile {
  const rate = (sum: number) => ({ n: sums.toneN, sum, sumSq: sum });
  return {
    greeting: rate(sums.greetingSum),
    closing: rate(sums.closingSum),
    usesName: rate(sums.usesNameSum),
    empathy: rate(sums.empathySum),
    exclamation: { n: sums.toneN, sum: sums.exclamationSum, sumSq: sums.exclamationSq },
    emoji: { n: sums.toneN, sum: sums.emojiSum, sumSq: sums.emojiSq },
    logWords: { n: sums.toneN, sum: sums.logWordsSum, sumSq: sums.logWordsSq },
    readability: { n: sums.readabilityN, sum: sums.readabilitySum, sumSq: sums.readabilitySq },
  };
}

function toneCells(rows: readonly GroupedSums<"agentId" | "teamId" | "channel">[]): ToneCell[] {
  return rows
    .filter((row) => row.agentId !== null && row.toneN > 0)
    .map((row) => ({ agentId: row.agentId as number, teamId: row.teamId, channel: row.channel, profile: toneProfile(row) }));
}

/** Rolling 28-day windows ending every 7 days: enough conversations per cell for a stable index. */
export const TREND_WINDOW_DAYS = 28;
const TREND_STEP_DAYS = 7;

type WeeklyCellSums = GroupedSums<"week" | "agentId" | "teamId" | "channel">;
type CellSums = GroupedSums<"agentId" | "teamId" | "channel">;

/** Adds the weekly agent × channel rows of weeks `first` to `last` (weeks back from the period's end) into one row per cell. */
function cellsOfWeeks(rows: readonly WeeklyCellSums[], first: number, last: number): CellSums[] {
  const cells = new Map<string, CellSums>();
  for (const row of rows) {
    if (row.week < first || row.week > last) continue;
    const key = `${row.agentId}|${row.teamId}|${row.channel}`;
    const existing = cells.get(key);
    cells.set(key, { ...addSums(existing ?? EMPTY_SUMS, row), agentId: row.agentId, teamId: row.teamId, channel: row.channel });
  }
  return [...cells.values()];
}

/** The index over 28-day windows (four weeks) ending every seven days from the period's last day back to its first. */
function consistencyTrend(rows: readonly WeeklyCellSums[], filters: DashboardFilters) {
  const points: Array<{ day: string; index: number | null }> = [];
  const windowWeeks = TREND_WINDOW_DAYS / TREND_STEP_DAYS;
  for (let step = 0; addDays(filters.to, -TREND_STEP_DAYS * step) >= filters.from; step += 1) {
    const cells = cellsOfWeeks(rows, step, step + windowWeeks - 1);
    points.unshift({ day: addDays(filters.to, -TREND_STEP_DAYS * step), index: analyzeConsistency(toneCells(cells)).index });
  }
  return points;
}

function sumByDay(rows: readonly GroupedSums<"day" | "channel">[]): GroupedSums<"day">[] {
  const days = new Map<string, RollupSums>();
  for (const row of rows) days.set(row.day, addSums(days.get(row.day) ?? EMPTY_SUMS, row));
  return [...days].map(([day, sums]) => ({ ...sums, day }));
}

/**
 * Share of negative customer messages per channel in seven-day windows ending on the period's last day
 * (days are too few messages per channel to read), with the frustrated share of all channels together.
 */
function weeklySentiment(rows: readonly GroupedSums<"day" | "channel">[], filters: DashboardFilters) {
  const windows = weeklyWindows(filters).map(({ from, to }) => ({ from, to, all: EMPTY_SUMS, channels: new Map<Channel, RollupSums>() }));
  for (const row of rows) {
    const window = windows.find((candidate) => row.day >= candidate.from && row.day <= candidate.to);
    if (!window) continue;
    window.all = addSums(window.all, row);
    window.channels.set(row.channel, addSums(window.channels.get(row.channel) ?? EMPTY_SUMS, row));
  }
  const scoredChannels = [...new Set(rows.filter((row) => row.customerMessagesScored > 0).map((row) => row.channel))].sort();
  return {
    channels: scoredChannels,
    weeks: windows.map((window) => ({
      from: window.from,
      to: window.to,
      negativeSharePct: percentage(window.all.customerNegative, window.all.customerMessagesScored),
      frustratedPct: percentage(window.all.frustratedConversations, window.all.frustrationScored),
      customerMessagesScored: window.all.customerMessagesScored,
      byChannel: Object.fromEntries(
        scoredChannels.map((channel) => {
          const sums = window.channels.get(channel) ?? EMPTY_SUMS;
          return [channel, percentage(sums.customerNegative, sums.customerMessagesScored)];
        }),
      ) as Partial<Record<Channel, number | null>>,
    })),
  };
}

export async function responseTargets(db: Database) {
  const config = resolveSlaConfig(await loadSlaConfig(db));
  return config.targets;
}

/** Everything the executive dashboard shows, from the daily rollups only. */
export async function executiveDashboard(db: Database, { scope, filters, asOf }: { scope: ConversationScope; filters: DashboardFilters; asOf: Date }) {
  const previous = previousPeriod(filters);
  const trendFilters = { ...filters, from: addDays(filters.from, -(TREND_WINDOW_DAYS - 1)) };
  const toneCellsOf = (period: DashboardFilters) =>
    sumRollups(db, { scope, filters: period, asOf, groupBy: ["agentId", "teamId", "channel"], columns: TONE_KEYS });
  const [totals, previousTotals, byChannel, previousByChannel, byDayAndChannel, toneNow, toneBefore, toneWeeks, targets, quality, previousQuality] = await Promise.all([
    sumRollups(db, { scope, filters, asOf }),
    sumRollups(db, { scope, filters: previous, asOf }),
    sumRollups(db, { scope, filters, asOf, groupBy: ["channel"] }),
    sumRollups(db, { scope, filters: previous, asOf, groupBy: ["channel"] }),
    sumRollups(db, { scope, filters, asOf, groupBy: ["day", "channel"] }),
    toneCellsOf(filters),
    toneCellsOf(previous),
    sumRollups(db, { scope, filters: trendFilters, asOf, groupBy: ["week", "agentId", "teamId", "channel"], columns: TONE_KEYS }),
    responseTargets(db),
    qualityOverview(db, { scope, filters }),
    qualityOverview(db, { scope, filters: previous }),
  ]);
  const byDay = sumByDay(byDayAndChannel);
  const consistency = analyzeConsistency(toneCells(toneNow));
  const previousConsistency = analyzeConsistency(toneCells(toneBefore));
  const previousChannel = new Map(previousByChannel.map((row) => [row.channel, outcomeMetrics(row)]));
  return {
    period: filters,
    previousPeriod: previous,
    current: outcomeMetrics(totals[0] ?? EMPTY_SUMS),
    previous: outcomeMetrics(previousTotals[0] ?? EMPTY_SUMS),
    channels: byChannel
      .map((row) => ({
        channel: row.channel,
        targetMs: targets[row.channel].firstResponse.standardMs,
        worldClassTargetMs: targets[row.channel].firstResponse.worldClassMs,
        current: outcomeMetrics(row),
        previous: previousChannel.get(row.channel) ?? null,
      }))
      .sort((a, b) => b.current.conversations - a.current.conversations),
    daily: byDay.map((row) => ({ day: row.day, ...outcomeMetrics(row) })).sort((a, b) => a.day.localeCompare(b.day)),
    sentimentWeekly: weeklySentiment(byDayAndChannel, filters),
    quality: { current: quality.total, previous: previousQuality.total, weekly: quality.weekly },
    consistencyIndex: consistency.index,
    previousConsistencyIndex: previousConsistency.index,
    consistencyTrend: consistencyTrend(toneWeeks, filters),
    channelSpread: consistency.channels,
    fcrDecidedUntil: lastDecidedFcrDay(asOf),
  };
}

export type ExecutiveDashboard = Awaited<ReturnType<typeof executiveDashboard>>;

export interface CoachingIssue {
  metric: "redirects" | "forbidden" | "responseTime" | "csat" | "tone" | "quality" | "qualityChannels";
  agentValue: number;
  teamValue: number;
}

/**
 * Agent's share against the rest of the team's with a two-proportion z-test: an issue only when the agent
 * is worse beyond chance (|z| > 1.96), so a bad week on ten conversations does not top the list.
 */
export function worseThanTeam(
  agent: { part: number; whole: number },
  rest: { part: number; whole: number },
  higherIsWorse: boolean,
): { agentPct: number; teamPct: number } | null {
  if (agent.whole < 10 || rest.whole < 10) return null;
  const p1 = agent.part / agent.whole;
  const p2 = rest.part / rest.whole;
  const pooled = (agent.part + rest.part) / (agent.whole + rest.whole);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / agent.whole + 1 / rest.whole));
  if (se === 0) return null;
  const z = (p1 - p2) / se;
  const worse = higherIsWorse ? z > 1.96 : z < -1.96;
  return worse ? { agentPct: 100 * p1, teamPct: 100 * p2 } : null;
}

function coachingIssues(agentSums: RollupSums, teamSums: RollupSums, cell: { toneFlagged: boolean; distance: number | null }): CoachingIssue[] {
  const rest = (key: SumKey) => teamSums[key] - agentSums[key];
  const issues: CoachingIssue[] = [];
  const check = (metric: CoachingIssue["metric"], part: SumKey, whole: SumKey, higherIsWorse: boolean) => {
    const result = worseThanTeam(
      { part: agentSums[part], whole: agentSums[whole] },
      { part: rest(part), whole: rest(whole) },
      higherIsWorse,
    );
    if (result) issues.push({ metric, agentValue: result.agentPct, teamValue: result.teamPct });
  };
  check("redirects", "redirectConversations", "toneN", true);
  check("forbidden", "forbiddenConversations", "toneN", true);
  check("responseTime", "repliesWithinStandard", "repliesMeasured", false);
  check("csat", "csatSatisfied", "csatResponses", false);
  if (cell.toneFlagged && cell.distance !== null) issues.push({ metric: "tone", agentValue: cell.distance, teamValue: 0 });
  return issues;
}

/** Everything the team-lead dashboard shows: the agents side by side, the heatmap, who to coach first. */
export async function teamDashboard(db: Database, { scope, filters, asOf }: { scope: ConversationScope; filters: DashboardFilters; asOf: Date }) {
  const [byAgent, cellsRows, names, quality, previousQuality, weakest, qualityCells] = await Promise.all([
    sumRollups(db, { scope, filters, asOf, groupBy: ["agentId", "teamId"] }),
    sumRollups(db, { scope, filters, asOf, groupBy: ["agentId", "teamId", "channel"] }),
    db
      .select({ id: agents.id, name: agents.name, teamName: teams.name })
      .from(agents)
      .leftJoin(teams, eq(teams.id, agents.teamId)),
    qualityOverview(db, { scope, filters }),
    qualityOverview(db, { scope, filters: previousPeriod(filters) }),
    weakestCriteriaByAgent(db, { scope, filters }),
    qualitySumsByAgentChannel(db, { scope, filters }),
  ]);
  const qualityOf = new Map(quality.byAgent.map((row) => [row.agentId, row.quality]));
  const previousQualityOf = new Map(previousQuality.byAgent.map((row) => [row.agentId, row.quality]));
  const nameOf = new Map(names.map((row) => [row.id, row]));
  const consistency: ConsistencyReport = analyzeConsistency(toneCells(cellsRows));
  const teamTotals = new Map<number | null, RollupSums>();
  for (const row of byAgent) teamTotals.set(row.teamId, addSums(teamTotals.get(row.teamId) ?? EMPTY_SUMS, row));

  const agentRows = byAgent
    .filter((row) => row.agentId !== null)
    .map((row) => {
      const agentId = row.agentId as number;
      const tone = consistency.agents.find((agent) => agent.agentId === agentId && agent.teamId === row.teamId) ?? null;
      const toneFlagged = tone?.flagged ?? false;
      const issues = coachingIssues(row, teamTotals.get(row.teamId) ?? EMPTY_SUMS, { toneFlagged, distance: tone?.distance ?? null });
      const agentQuality = qualityOf.get(agentId) ?? null;
      const interval = agentQuality?.confidenceInterval;
      // Below the overall mean beyond the agent's own 95 % interval: a quality issue, not noise from few reviews.
      if (interval && quality.total.mean !== null && interval.upper < quality.total.mean) {
        issues.push({ metric: "quality", agentValue: agentQuality.mean ?? 0, teamValue: quality.total.mean });
      }
      const qualityByChannel = qualitySpreadAcrossChannels(qualityCells.get(agentId) ?? []);
      if (qualityByChannel.significant && qualityByChannel.spread !== null) {
        issues.push({ metric: "qualityChannels", agentValue: qualityByChannel.spread, teamValue: 0 });
      }
      return {
        agentId,
        teamId: row.teamId,
        name: nameOf.get(agentId)?.name ?? `#${agentId}`,
        teamName: nameOf.get(agentId)?.teamName ?? null,
        metrics: outcomeMetrics(row),
        tone,
        toneFlagged,
        issues,
        quality: agentQuality,
        previousQualityMean: previousQualityOf.get(agentId)?.mean ?? null,
        weakestCriteria: weakest.get(agentId) ?? [],
        qualityByChannel,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const cells = consistency.cells.map((cell) => ({
    ...cell,
    name: nameOf.get(cell.agentId)?.name ?? `#${cell.agentId}`,
    teamName: nameOf.get(cell.agentId)?.teamName ?? null,
    warmer: warmth(cell) > 0,
  }));
  const coachFirst = agentRows
    .filter((row) => row.issues.length > 0)
    .sort((a, b) => b.issues.length - a.issues.length || (b.metrics.redirectPct ?? 0) - (a.metrics.redirectPct ?? 0))
    .map((row) => ({ agentId: row.agentId, name: row.name, teamId: row.teamId, issues: row.issues }));

  const outliers = await Promise.all(
    consistency.outliers.slice(0, 8).map(async (cell) => ({
      ...cell,
      name: nameOf.get(cell.agentId)?.name ?? `#${cell.agentId}`,
      warmer: warmth(cell) > 0,
      examples: await outlierExamples(db, { cell, filters }),
    })),
  );
  return {
    period: filters,
    agents: agentRows,
    cells,
    channels: consistency.channels,
    coachFirst,
    outliers,
    consistencyIndex: consistency.index,
    quality: quality.total,
  };
}

export type TeamDashboard = Awaited<ReturnType<typeof teamDashboard>>;

/**
 * Which way an outlier cell goes on the courtesy features (greeting, closing, name, empathy): warmer than
 * its comparison is a success story to share, cooler is one to coach (seed 001: learn from each other).
 */
export function warmth(cell: CellConsistency): number {
  const gap = cell.fromTeam ?? cell.fromOwnChannels;
  if (!gap) return 0;
  const { greeting, closing, usesName, empathy } = gap.differences;
  return greeting + closing + usesName + empathy;
}

const EXAMPLE_ORDER: Record<string, { column: SQL; binary: boolean }> = {
  greeting: { column: sql`${conversationFacts.greeting}`, binary: true },
  closing: { column: sql`${conversationFacts.closing}`, binary: true },
  usesName: { column: sql`${conversationFacts.usesName}`, binary: true },
  empathy: { column: sql`${conversationFacts.empathy}`, binary: true },
  exclamation: { column: sql`coalesce(${conversationFacts.exclamationRate}, 0)`, binary: false },
  emoji: { column: sql`coalesce(${conversationFacts.emojiPer100Words}, 0)`, binary: false },
  logWords: { column: sql`coalesce(${conversationFacts.meanWordsPerMessage}, 0)`, binary: false },
  readability: { column: sql`coalesce(${conversationFacts.readability}, 0)`, binary: false },
};

/**
 * Conversations that show what makes a cell an outlier: those where the feature that differs most goes
 * the way it differs (no greeting when the agent greets less than the team; the shortest replies when
 * the agent writes shorter), newest first.
 */
export async function outlierExamples(db: Database, { cell, filters, limit = 3 }: { cell: CellConsistency; filters: DashboardFilters; limit?: number }) {
  const gap = cell.fromTeam ?? cell.fromOwnChannels;
  const differences = Object.entries(gap?.differences ?? {}) as [string, number][];
  const [feature, delta] = differences.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))[0] ?? ["greeting", -1];
  const order = EXAMPLE_ORDER[feature];
  const rows = await db
    .select({ id: conversationFacts.conversationId })
    .from(conversationFacts)
    .where(
      and(
        eq(conversationFacts.agentId, cell.agentId),
        eq(conversationFacts.channel, cell.channel as Channel),
        gte(conversationFacts.createdAt, new Date(`${filters.from}T00:00:00Z`)),
        lt(conversationFacts.createdAt, new Date(`${addDays(filters.to, 1)}T00:00:00Z`)),
        sql`${conversationFacts.agentMessageCount} > 0`,
        order.binary ? sql`${order.column} = ${delta > 0}` : undefined,
      ),
    )
    .orderBy(order.binary ? sql`${conversationFacts.createdAt} desc` : delta > 0 ? sql`${order.column} desc` : sql`${order.column} asc`)
    .limit(limit);
  return { feature, delta, conversationIds: rows.map((row) => row.id) };
}
