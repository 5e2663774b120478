import { type SQL, and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Role } from "../../scoring/domain";
import { momentsOf, subtractSums, welchMeanDifference, type SampleSums } from "../../scoring/stats/welch";
import type { Database } from "../client";
import { conversations, reviewAssignments, reviews, samples, samplingRules, users } from "../schema";
import { addDays, previousPeriod } from "./periods";
import { isQualityReview } from "./reviews";
import { selectRows } from "./rows";
import { type ConversationScope, conversationScopeCondition } from "./scope";

/**
 * The reviewer dashboard: workload (open, overdue, due soon, drafts: a snapshot at `asOf`) and throughput
 * (completed, submitted, time to submit, scores given: over the period), per reviewer, straight from
 * review_assignments and reviews. They are small tables (thousands of rows), so no rollup: each query is
 * one GROUP BY over rows reached through the reviewer / status indexes, joined to conversations by key
 * for the scope and team filter. Definitions: docs/metrics.md.
 */

/** Days are UTC calendar days "YYYY-MM-DD"; `to` is inclusive. */
export interface ReviewerDashboardFilters {
  from: string;
  to: string;
  teamId?: number;
}

/** Scored reviews on each side before a reviewer is called lenient or harsh. */
export const MIN_SCORED_FOR_VERDICT = 5;
const DAY_MS = 86_400_000;

export interface Throughput {
  /** Assignments completed (review submitted) in the period. */
  completed: number;
  /** …of which had a due date, and were completed by it. */
  completedWithDue: number;
  completedOnTime: number;
  onTimePct: number | null;
  /** Standard reviews submitted in the period, assigned or not. */
  submitted: number;
  /** Assignment created → completed, over the assignments completed in the period (percentile_cont). */
  medianMs: number | null;
  p90Ms: number | null;
  /** Submitted reviews with a score (null when nothing scoreable was rated is left out). */
  scored: number;
  meanScore: number | null;
}

export interface GradingComparison {
  /** This reviewer's submitted, scored reviews in the period. */
  n: number;
  mean: number | null;
  /** Every other reviewer's in the same scope and period, pooled review by review. */
  othersN: number;
  othersMean: number | null;
  /** mean − othersMean with Welch's 95% interval; null below MIN_SCORED_FOR_VERDICT on either side. */
  difference: number | null;
  low: number | null;
  high: number | null;
  pValue: number | null;
  verdict: "lenient" | "harsh" | "in_line" | "too_few";
}

export interface ReviewerRow {
  reviewerId: string;
  name: string;
  role: Role;
  active: boolean;
  /** Assignments pending or in progress at `asOf`. */
  open: number;
  /** …of which in progress (a draft exists). */
  started: number;
  /** Open with a due date before `asOf`. */
  overdue: number;
  /** Open and due within 7 days after `asOf`. */
  dueSoon: number;
  /** The reviewer's standard reviews still in draft, and the oldest one's last save. */
  drafts: number;
  oldestDraftAt: string | null;
  current: Throughput;
  previous: Throughput;
  grading: GradingComparison;
}

export interface WeekBucket {
  /** The Monday the ISO week starts on. */
  week: string;
  /** The part of the week inside the period (the first and last weeks can be partial). */
  from: string;
  to: string;
  total: number;
  byReviewer: Record<string, number>;
}

export interface SampleProgress {
  sampleId: number | null;
  ruleName: string | null;
  periodKey: string | null;
  drawnAt: string | null;
  /** Assignments to the reviewer from this sample, not counting skipped ones. */
  assigned: number;
  completed: number;
  skipped: number;
  open: number;
  overdue: number;
  /** The latest due date among its open assignments. */
  dueAt: string | null;
}

export interface ReviewerDashboard {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  asOf: string;
  reviewers: ReviewerRow[];
  totals: Omit<ReviewerRow, "reviewerId" | "name" | "role" | "active" | "grading">;
  weeks: WeekBucket[];
  /** The progress of the samples the focused reviewer is working on. */
  samples: SampleProgress[];
}

const startOf = (day: string) => `${day}T00:00:00.000Z`;

function scopeConditions(scope: ConversationScope, filters: ReviewerDashboardFilters): SQL | undefined {
  return and(conversationScopeCondition(scope), filters.teamId ? eq(conversations.teamId, filters.teamId) : undefined);
}

interface AssignmentAggregate {
  reviewer_id: string | null;
  open: number;
  started: number;
  overdue: number;
  due_soon: number;
  completed: number;
  with_due: number;
  on_time: number;
  median_s: number | null;
  p90_s: number | null;
  previous_completed: number;
  previous_with_due: number;
  previous_on_time: number;
  previous_median_s: number | null;
  previous_p90_s: number | null;
}

interface ReviewAggregate {
  reviewer_id: string | null;
  drafts: number;
  oldest_draft_ms: number | null;
  submitted: number;
  scored: number;
  score_sum: number;
  score_sq: number;
  previous_submitted: number;
  previous_scored: number;
  previous_score_sum: number;
  previous_score_sq: number;
}

/** One row per reviewer and one of totals (reviewer_id null), via GROUPING SETS. */
async function assignmentAggregates(
  db: Database,
  { scope, filters, asOf }: { scope: ConversationScope; filters: ReviewerDashboardFilters; asOf: Date },
): Promise<AssignmentAggregate[]> {
  const previous = previousPeriod(filters);
  const now = sql`${asOf.toISOString()}::timestamptz`;
  const soon = sql`${new Date(asOf.getTime() + 7 * DAY_MS).toISOString()}::timestamptz`;
  const ra = reviewAssignments;
  const open = sql`${ra.status} in ('pending', 'in_progress')`;
  const doneBetween = (from: string, end: string) =>
    sql`${ra.status} = 'completed' and ${ra.completedAt} >= ${startOf(from)}::timestamptz and ${ra.completedAt} < ${startOf(end)}::timestamptz`;
  const current = doneBetween(filters.from, addDays(filters.to, 1));
  const before = doneBetween(previous.from, filters.from);
  const seconds = sql`extract(epoch from (${ra.completedAt} - ${ra.createdAt}))::float8`;
  const throughput = (done: SQL, prefix: string) => sql`
      (count(*) filter (where ${done}))::int as ${sql.raw(`${prefix}completed`)},
      (count(*) filter (where ${done} and ${ra.dueAt} is not null))::int as ${sql.raw(`${prefix}with_due`)},
      (count(*) filter (where ${done} and ${ra.completedAt} <= ${ra.dueAt}))::int as ${sql.raw(`${prefix}on_time`)},
      percentile_cont(0.5) within group (order by ${seconds}) filter (where ${done}) as ${sql.raw(`${prefix}median_s`)},
      percentile_cont(0.9) within group (order by ${seconds}) filter (where ${done}) as ${sql.raw(`${prefix}p90_s`)}`;
  return selectRows<AssignmentAggregate>(
    db,
    sql`select ${ra.reviewerId} as reviewer_id,
          (count(*) filter (where ${open}))::int as open,
          (count(*) filter (where ${ra.status} = 'in_progress'))::int as started,
          (count(*) filter (where ${open} and ${ra.dueAt} < ${now}))::int as overdue,
          (count(*) filter (where ${open} and ${ra.dueAt} >= ${now} and ${ra.dueAt} < ${soon}))::int as due_soon,
          ${throughput(current, "")},
          ${throughput(before, "previous_")}
        from ${ra}
        join ${conversations} on ${conversations.id} = ${ra.conversationId}
        where (${open} or (${ra.status} = 'completed' and ${ra.completedAt} >= ${startOf(previous.from)}::timestamptz))
          ${whereAnd(scopeConditions(scope, filters))}
        group by grouping sets ((${ra.reviewerId}), ())`,
  );
}

async function reviewAggregates(
  db: Database,
  { scope, filters }: { scope: ConversationScope; filters: ReviewerDashboardFilters },
): Promise<ReviewAggregate[]> {
  const previous = previousPeriod(filters);
  const r = reviews;
  const submittedBetween = (from: string, end: string) =>
    sql`${r.status} = 'submitted' and ${r.submittedAt} >= ${startOf(from)}::timestamptz and ${r.submittedAt} < ${startOf(end)}::timestamptz`;
  const current = submittedBetween(filters.from, addDays(filters.to, 1));
  const before = submittedBetween(previous.from, filters.from);
  const scores = (done: SQL, prefix: string) => sql`
      (count(*) filter (where ${done}))::int as ${sql.raw(`${prefix}submitted`)},
      (count(${r.score}) filter (where ${done}))::int as ${sql.raw(`${prefix}scored`)},
      coalesce(sum(${r.score}) filter (where ${done}), 0)::float8 as ${sql.raw(`${prefix}score_sum`)},
      coalesce(sum(${r.score} * ${r.score}) filter (where ${done}), 0)::float8 as ${sql.raw(`${prefix}score_sq`)}`;
  return selectRows<ReviewAggregate>(
    db,
    sql`select ${r.reviewerId} as reviewer_id,
          (count(*) filter (where ${r.status} = 'draft'))::int as drafts,
          (extract(epoch from min(${r.updatedAt}) filter (where ${r.status} = 'draft')) * 1000)::float8 as oldest_draft_ms,
          ${scores(current, "")},
          ${scores(before, "previous_")}
        from ${r}
        join ${conversations} on ${conversations.id} = ${r.conversationId}
        where ${r.kind} = 'standard' and ${isQualityReview()}
          and (${r.status} = 'draft' or ${r.submittedAt} >= ${startOf(previous.from)}::timestamptz)
          ${whereAnd(scopeConditions(scope, filters))}
        group by grouping sets ((${r.reviewerId}), ())`,
  );
}

function whereAnd(condition: SQL | undefined): SQL {
  return condition ? sql`and ${condition}` : sql``;
}

/** Reviews submitted per reviewer and ISO week (Monday, UTC) in the period. */
async function weeklySubmissions(db: Database, { scope, filters }: { scope: ConversationScope; filters: ReviewerDashboardFilters }) {
  const r = reviews;
  return selectRows<{ reviewer_id: string; week: string; n: number }>(
    db,
    sql`select ${r.reviewerId} as reviewer_id,
          to_char(date_trunc('week', ${r.submittedAt} at time zone 'UTC'), 'YYYY-MM-DD') as week,
          count(*)::int as n
        from ${r}
        join ${conversations} on ${conversations.id} = ${r.conversationId}
        where ${r.kind} = 'standard' and ${isQualityReview()} and ${r.status} = 'submitted'
          and ${r.submittedAt} >= ${startOf(filters.from)}::timestamptz
          and ${r.submittedAt} < ${startOf(addDays(filters.to, 1))}::timestamptz
          ${whereAnd(scopeConditions(scope, filters))}
        group by 1, 2`,
  );
}

/**
 * The samples the reviewer has open work in, or finished work in during the period, with every assignment of theirs
 * from each; and one group (sampleId null) of the assignments made by hand that are open or were completed in the period.
 */
export async function reviewerSamples(
  db: Database,
  { scope, filters, asOf, reviewerId }: { scope: ConversationScope; filters: ReviewerDashboardFilters; asOf: Date; reviewerId: string },
): Promise<SampleProgress[]> {
  const ra = reviewAssignments;
  const now = sql`${asOf.toISOString()}::timestamptz`;
  const open = sql`${ra.status} in ('pending', 'in_progress')`;
  const rows = await selectRows<{
    sample_id: number | null;
    rule_name: string | null;
    period_key: string | null;
    drawn_at_ms: number | null;
    total: number;
    completed: number;
    skipped: number;
    open: number;
    overdue: number;
    due_ms: number | null;
  }>(
    db,
    sql`select ${ra.sampleId} as sample_id, ${samplingRules.name} as rule_name, ${samples.periodKey} as period_key,
          (extract(epoch from ${samples.drawnAt}) * 1000)::float8 as drawn_at_ms,
          count(*)::int as total,
          (count(*) filter (where ${ra.status} = 'completed'))::int as completed,
          (count(*) filter (where ${ra.status} = 'skipped'))::int as skipped,
          (count(*) filter (where ${open}))::int as open,
          (count(*) filter (where ${open} and ${ra.dueAt} < ${now}))::int as overdue,
          (extract(epoch from max(${ra.dueAt}) filter (where ${open})) * 1000)::float8 as due_ms
        from ${ra}
        join ${conversations} on ${conversations.id} = ${ra.conversationId}
        left join ${samples} on ${samples.id} = ${ra.sampleId}
        left join ${samplingRules} on ${samplingRules.id} = ${samples.ruleId}
        where ${ra.reviewerId} = ${reviewerId}
          and (${ra.sampleId} is not null or ${open}
               or (${ra.status} = 'completed' and ${ra.completedAt} >= ${startOf(filters.from)}::timestamptz))
          ${whereAnd(scopeConditions(scope, filters))}
        group by ${ra.sampleId}, ${samplingRules.name}, ${samples.periodKey}, ${samples.drawnAt}
        having count(*) filter (where ${open}) > 0
            or count(*) filter (where ${ra.status} = 'completed' and ${ra.completedAt} >= ${startOf(filters.from)}::timestamptz) > 0
        order by (count(*) filter (where ${open}) > 0) desc, ${samples.drawnAt} desc nulls last
        limit 8`,
  );
  const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
  return rows.map((row) => ({
    sampleId: row.sample_id === null ? null : Number(row.sample_id),
    ruleName: row.rule_name,
    periodKey: row.period_key,
    drawnAt: iso(row.drawn_at_ms),
    assigned: row.total - row.skipped,
    completed: row.completed,
    skipped: row.skipped,
    open: row.open,
    overdue: row.overdue,
    dueAt: iso(row.due_ms),
  }));
}

const pct = (part: number, whole: number) => (whole === 0 ? null : (100 * part) / whole);
const msOf = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? null : Number(seconds) * 1000);

function throughputOf(a: AssignmentAggregate | undefined, r: ReviewAggregate | undefined, which: "current" | "previous"): Throughput {
  const previous = which === "previous";
  const completed = Number((previous ? a?.previous_completed : a?.completed) ?? 0);
  const completedWithDue = Number((previous ? a?.previous_with_due : a?.with_due) ?? 0);
  const completedOnTime = Number((previous ? a?.previous_on_time : a?.on_time) ?? 0);
  const scored = Number((previous ? r?.previous_scored : r?.scored) ?? 0);
  const scoreSum = Number((previous ? r?.previous_score_sum : r?.score_sum) ?? 0);
  return {
    completed,
    completedWithDue,
    completedOnTime,
    onTimePct: pct(completedOnTime, completedWithDue),
    submitted: Number((previous ? r?.previous_submitted : r?.submitted) ?? 0),
    medianMs: msOf(previous ? a?.previous_median_s : a?.median_s),
    p90Ms: msOf(previous ? a?.previous_p90_s : a?.p90_s),
    scored,
    meanScore: scored === 0 ? null : scoreSum / scored,
  };
}

function scoreSums(r: ReviewAggregate | undefined): SampleSums {
  return { n: Number(r?.scored ?? 0), sum: Number(r?.score_sum ?? 0), sumOfSquares: Number(r?.score_sq ?? 0) };
}

/** This reviewer's mean score against every other reviewer's in the same scope and period (Welch, 95%). */
export function compareGrading(own: SampleSums, total: SampleSums): GradingComparison {
  const others = subtractSums(total, own);
  const mine = momentsOf(own);
  const theirs = momentsOf(others);
  const base = { n: own.n, mean: mine?.mean ?? null, othersN: others.n, othersMean: theirs?.mean ?? null };
  const tooFew = { ...base, difference: null, low: null, high: null, pValue: null, verdict: "too_few" as const };
  if (!mine || !theirs || own.n < MIN_SCORED_FOR_VERDICT || others.n < MIN_SCORED_FOR_VERDICT) return tooFew;
  const test = welchMeanDifference(mine, theirs);
  if (!test) return tooFew;
  const verdict = test.low > 0 ? "lenient" : test.high < 0 ? "harsh" : "in_line";
  return { ...base, difference: test.difference, low: test.low, high: test.high, pValue: test.pValue, verdict };
}

/** Monday on or before the day. */
function mondayOf(day: string): string {
  const weekday = (new Date(startOf(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function weekBuckets(filters: { from: string; to: string }): Array<Pick<WeekBucket, "week" | "from" | "to">> {
  const buckets: Array<Pick<WeekBucket, "week" | "from" | "to">> = [];
  for (let week = mondayOf(filters.from); week <= filters.to; week = addDays(week, 7)) {
    const end = addDays(week, 6);
    buckets.push({ week, from: week < filters.from ? filters.from : week, to: end > filters.to ? filters.to : end });
  }
  return buckets;
}

/**
 * Every reviewer with work in scope (an open assignment, an assignment completed or a review submitted since the
 * previous period began, or a draft), plus, for an unscoped view without a team filter, every active user with
 * the reviewer role, so an idle reviewer shows up with zeros. `focus` adds that reviewer and their samples.
 */
export async function reviewerDashboard(
  db: Database,
  { scope, filters, asOf, focus }: { scope: ConversationScope; filters: ReviewerDashboardFilters; asOf: Date; focus?: string | null },
): Promise<ReviewerDashboard> {
  const [assignmentRows, reviewRows, weekRows, sampleRows] = await Promise.all([
    assignmentAggregates(db, { scope, filters, asOf }),
    reviewAggregates(db, { scope, filters }),
    weeklySubmissions(db, { scope, filters }),
    focus ? reviewerSamples(db, { scope, filters, asOf, reviewerId: focus }) : Promise.resolve([]),
  ]);
  const assignmentOf = new Map(assignmentRows.filter((row) => row.reviewer_id !== null).map((row) => [row.reviewer_id, row]));
  const reviewOf = new Map(reviewRows.filter((row) => row.reviewer_id !== null).map((row) => [row.reviewer_id, row]));
  const assignmentTotal = assignmentRows.find((row) => row.reviewer_id === null);
  const reviewTotal = reviewRows.find((row) => row.reviewer_id === null);

  const ids = new Set<string>([...assignmentOf.keys(), ...reviewOf.keys()] as string[]);
  if (focus) ids.add(focus);
  const includeIdle = scope.kind === "all" && !filters.teamId;
  const people =
    ids.size === 0 && !includeIdle
      ? []
      : await db
          .select({ id: users.id, name: users.name, role: users.role, active: users.active })
          .from(users)
          .where(
            or(
              ids.size ? inArray(users.id, [...ids]) : undefined,
              includeIdle ? and(eq(users.role, "reviewer"), eq(users.active, true)) : undefined,
            ),
          )
          .orderBy(asc(users.name));

  const totalSums = scoreSums(reviewTotal);
  const reviewers: ReviewerRow[] = people.map((person) => {
    const a = assignmentOf.get(person.id);
    const r = reviewOf.get(person.id);
    return {
      reviewerId: person.id,
      name: person.name,
      role: person.role,
      active: person.active,
      ...workloadOf(a, r),
      current: throughputOf(a, r, "current"),
      previous: throughputOf(a, r, "previous"),
      grading: compareGrading(scoreSums(r), totalSums),
    };
  });
  // Overdue first, then the biggest open workload: who needs help or a reassignment.
  reviewers.sort((x, y) => y.overdue - x.overdue || y.open - x.open || x.name.localeCompare(y.name));

  const weeks = weekBuckets(filters).map((bucket) => {
    const byReviewer: Record<string, number> = {};
    let total = 0;
    for (const row of weekRows) {
      if (row.week !== bucket.week) continue;
      byReviewer[row.reviewer_id] = (byReviewer[row.reviewer_id] ?? 0) + Number(row.n);
      total += Number(row.n);
    }
    return { ...bucket, total, byReviewer };
  });

  return {
    period: { from: filters.from, to: filters.to },
    previousPeriod: previousPeriod(filters),
    asOf: asOf.toISOString(),
    reviewers,
    totals: {
      ...workloadOf(assignmentTotal, reviewTotal),
      current: throughputOf(assignmentTotal, reviewTotal, "current"),
      previous: throughputOf(assignmentTotal, reviewTotal, "previous"),
    },
    weeks,
    samples: sampleRows,
  };
}

function workloadOf(a: AssignmentAggregate | undefined, r: ReviewAggregate | undefined) {
  return {
    open: Number(a?.open ?? 0),
    started: Number(a?.started ?? 0),
    overdue: Number(a?.overdue ?? 0),
    dueSoon: Number(a?.due_soon ?? 0),
    drafts: Number(r?.drafts ?? 0),
    oldestDraftAt:
      r?.oldest_draft_ms === null || r?.oldest_draft_ms === undefined ? null : new Date(Number(r.oldest_draft_ms)).toISOString(),
  };
}

/** Whether the reviewer has any assignment or standard review in the scope: a lead may open only those. */
export async function reviewerWorksInScope(db: Database, { scope, reviewerId }: { scope: ConversationScope; reviewerId: string }) {
  const condition = conversationScopeCondition(scope);
  const [assigned] = await db
    .select({ id: reviewAssignments.id })
    .from(reviewAssignments)
    .innerJoin(conversations, eq(conversations.id, reviewAssignments.conversationId))
    .where(and(eq(reviewAssignments.reviewerId, reviewerId), condition))
    .limit(1);
  if (assigned) return true;
  const [reviewed] = await db
    .select({ id: reviews.id })
    .from(reviews)
    .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
    .where(and(eq(reviews.reviewerId, reviewerId), eq(reviews.kind, "standard"), isQualityReview(), condition))
    .limit(1);
  return reviewed !== undefined;
}
