import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import {
  MIN_SCORED_FOR_VERDICT,
  type ReviewerRow,
  type WeekBucket,
  reviewerDashboard,
  reviewerWorksInScope,
} from "../../db/queries/reviewer-dashboard";
import { listTeams } from "../../db/queries/users";
import { ROLE_GROUPS, conversationScope, requireRole } from "../auth/guards.server";
import { ChartPlaceholder, ClientOnly } from "../components/dashboard/ClientOnly";
import { CHART } from "../components/dashboard/colors";
import { FilterBar, Kpi, Panel, PeriodLine, formatDay, formatPercent } from "../components/dashboard/parts";
import { type WeekPoint, WeeklyBars } from "../components/dashboard/reviewer-charts.client";
import { formatScore } from "../components/review/score";
import { filterSearch, resolveDashboardFilters } from "../dashboards/filters";
import { formatDuration } from "../format";
import { useDates } from "../hooks";

import dashboardStyles from "../styles/dashboards.css?url";
import reviewerStyles from "../styles/reviewer-dashboard.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dashboardStyles },
  { rel: "stylesheet", href: reviewerStyles },
];

export const meta: MetaFunction = () => [{ title: "Calidad QA · Reviewer workload" }];

const reviewerParam = z.string().uuid().nullable().catch(null);

/** Distinct colours for up to ten reviewers stacked in one chart (here, not in the .client module, for the server render). */
const SERIES_COLORS = ["#3b5bdb", "#0ca678", "#e67700", "#7048e8", "#d6336c", "#1c7ed6", "#2f9e44", "#f08c00", "#495057", "#ae3ec9"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ROLE_GROUPS.reviewerDashboard);
  const scope = conversationScope(user);
  const url = new URL(request.url);
  const now = new Date();
  const resolved = resolveDashboardFilters(url.searchParams, now, "30");
  const filters = { period: resolved.period, from: resolved.from, to: resolved.to, teamId: resolved.teamId };
  // A reviewer sees their own work only, whatever the link says; the others pick a reviewer from the table.
  const own = user.role === "reviewer";
  const focusId = own ? user.id : reviewerParam.parse(url.searchParams.get("reviewer"));
  const db = await getDb();
  if (focusId && !own && scope.kind !== "all" && !(await reviewerWorksInScope(db, { scope, reviewerId: focusId }))) {
    throw new Response("Not found", { status: 404 });
  }
  const [dashboard, teams] = await Promise.all([reviewerDashboard(db, { scope, filters, asOf: now, focus: focusId }), listTeams(db)]);
  const visibleTeams = scope.kind === "teams" ? teams.filter((team) => scope.teamIds.includes(team.id)) : teams;
  const focus = focusId ? (dashboard.reviewers.find((row) => row.reviewerId === focusId) ?? null) : null;
  if (focusId && !focus) throw new Response("Not found", { status: 404 });
  const common = {
    filters,
    teams: visibleTeams,
    period: dashboard.period,
    previousPeriod: dashboard.previousPeriod,
    own,
    canManage: user.role === "admin" || user.role === "lead",
    minForVerdict: MIN_SCORED_FOR_VERDICT,
  };
  if (focus) {
    // One reviewer's view carries nobody else's numbers: the others appear only pooled, in the grading comparison.
    return {
      ...common,
      focus,
      samples: dashboard.samples,
      weeks: dashboard.weeks.map(({ byReviewer, ...week }) => ({ ...week, count: byReviewer[focus.reviewerId] ?? 0 })),
      reviewers: [] as ReviewerRow[],
      totals: null,
      weeksByReviewer: [] as WeekBucket[],
    };
  }
  return {
    ...common,
    focus: null,
    samples: [],
    weeks: [],
    reviewers: dashboard.reviewers,
    totals: dashboard.totals,
    weeksByReviewer: dashboard.weeks,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Filters = Data["filters"];

function reviewsLink(filters: Filters, reviewerId: string, range: { from: string; to: string } = filters): string {
  const params = new URLSearchParams({ reviewer: reviewerId, kind: "standard", from: range.from, to: range.to });
  if (filters.teamId) params.set("team", String(filters.teamId));
  return `/reviews?${params}`;
}

function hours(ms: number | null): string {
  return ms === null ? "—" : formatDuration(ms);
}

function signed(value: number, language: string): string {
  const text = formatScore(Math.abs(value), language);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

function VerdictBadge({ verdict, short = false }: { verdict: ReviewerRow["grading"]["verdict"]; short?: boolean }) {
  const { t } = useTranslation();
  const tone =
    verdict === "lenient" ? "badge-warning" : verdict === "harsh" ? "badge-danger" : verdict === "in_line" ? "badge-success" : "";
  return (
    <span className={`badge ${tone}`} data-verdict={verdict}>
      {t(`reviewerDashboard.${short ? "verdictsShort" : "verdicts"}.${verdict}`)}
    </span>
  );
}

function EmptyState({ canManage, own }: { canManage: boolean; own: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="card empty reviewer-empty" data-empty="reviewers">
      <strong>{t("reviewerDashboard.emptyTitle")}</strong>
      <p>{own ? t("reviewerDashboard.emptyReviewer") : t("reviewerDashboard.emptyManager")}</p>
      {canManage ? (
        <Link className="btn" to="/sampling">
          {t("reviewerDashboard.goSampling")}
        </Link>
      ) : own ? (
        <Link className="btn btn-secondary" to="/conversations">
          {t("nav.conversations")}
        </Link>
      ) : null}
    </div>
  );
}

function hasAnyWork(row: Pick<ReviewerRow, "open" | "drafts" | "current" | "previous">): boolean {
  return row.open + row.drafts + row.current.completed + row.current.submitted + row.previous.completed + row.previous.submitted > 0;
}

export default function ReviewerDashboardPage() {
  const data = useLoaderData<typeof loader>();
  return data.focus ? <ReviewerView data={data} focus={data.focus} /> : <AllReviewersView data={data} />;
}

function ReviewerView({ data, focus }: { data: Data; focus: ReviewerRow }) {
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const { filters, own } = data;
  const { current, previous, grading } = focus;
  const language = i18n.language;
  const queue = own ? "/queue" : undefined;
  const weekly: WeekPoint[] = data.weeks.map((week) => ({ week: week.week, label: formatDay(week.week, language), count: week.count }));
  const empty = !hasAnyWork(focus) && data.samples.length === 0;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{own ? t("reviewerDashboard.myTitle") : t("reviewerDashboard.reviewerTitle", { name: focus.name })}</h1>
          <p>
            <PeriodLine
              from={data.period.from}
              to={data.period.to}
              previousFrom={data.previousPeriod.from}
              previousTo={data.previousPeriod.to}
            />
          </p>
        </div>
        {own ? null : (
          <Link className="btn btn-secondary" to={`/dashboards/reviewers?${filterSearch(filters)}`}>
            {t("reviewerDashboard.allReviewers")}
          </Link>
        )}
      </div>
      <div className="card">
        <FilterBar
          teams={data.teams}
          period={filters.period}
          from={filters.from}
          to={filters.to}
          channels={false}
          keep={own ? {} : { reviewer: focus.reviewerId }}
        />
      </div>
      {empty ? (
        <EmptyState canManage={data.canManage} own={own} />
      ) : (
        <>
          <div className="kpi-grid kpi-grid-4">
            <Kpi
              id="open"
              label={t("reviewerDashboard.open")}
              value={focus.open.toLocaleString(language)}
              href={queue}
              hint={t("reviewerDashboard.openHint", { count: focus.started })}
            />
            <Kpi id="overdue" label={t("reviewerDashboard.overdue")} value={focus.overdue.toLocaleString(language)} href={queue} />
            <Kpi id="dueSoon" label={t("reviewerDashboard.dueSoon")} value={focus.dueSoon.toLocaleString(language)} href={queue} />
            <Kpi
              id="drafts"
              label={t("reviewerDashboard.drafts")}
              value={focus.drafts.toLocaleString(language)}
              hint={focus.oldestDraftAt ? t("reviewerDashboard.draftsHint", { date: dates.dateTime(focus.oldestDraftAt) }) : undefined}
            />
          </div>
          <div className="kpi-grid kpi-grid-4">
            <Kpi
              id="completed"
              label={t("reviewerDashboard.completed")}
              value={current.completed.toLocaleString(language)}
              current={current.completed}
              previous={previous.completed || null}
              unit="pct"
              hint={
                current.completedWithDue > 0
                  ? t("reviewerDashboard.onTimeHint", { pct: formatPercent(current.onTimePct), count: current.completedWithDue })
                  : undefined
              }
            />
            <Kpi
              id="submitted"
              label={t("reviewerDashboard.submitted")}
              value={current.submitted.toLocaleString(language)}
              current={current.submitted}
              previous={previous.submitted || null}
              unit="pct"
              href={reviewsLink(filters, focus.reviewerId)}
            />
            <Kpi
              id="median"
              label={t("reviewerDashboard.median")}
              value={hours(current.medianMs)}
              current={current.medianMs}
              previous={previous.medianMs}
              better="down"
              unit="pct"
              hint={current.p90Ms === null ? undefined : t("reviewerDashboard.p90Hint", { value: hours(current.p90Ms) })}
            />
            <Kpi
              id="meanScore"
              label={t("reviewerDashboard.meanScore")}
              value={current.meanScore === null ? "—" : formatScore(current.meanScore, language)}
              href={reviewsLink(filters, focus.reviewerId)}
              hint={
                [
                  // No green or red here: neither a higher nor a lower score given is better in itself.
                  previous.meanScore === null
                    ? null
                    : t("reviewerDashboard.previousHint", { value: formatScore(previous.meanScore, language) }),
                  grading.othersMean === null
                    ? null
                    : t("reviewerDashboard.othersHint", { value: formatScore(grading.othersMean, language) }),
                ]
                  .filter(Boolean)
                  .join(" · ") || undefined
              }
            />
          </div>
          <div className="dashboard-grid">
            <Panel id="weekly" title={t("reviewerDashboard.weeklyTitle")} subtitle={t("reviewerDashboard.weeklySubtitle")}>
              <ClientOnly fallback={<ChartPlaceholder height={240} label={t("reviewerDashboard.weeklyTitle")} />}>
                {() => (
                  <WeeklyBars
                    data={weekly}
                    series={[{ key: "count", name: t("reviewerDashboard.submitted"), color: CHART.primary }]}
                    height={240}
                    hrefOf={(point) => {
                      const week = data.weeks.find((row) => row.week === point.week);
                      return reviewsLink(filters, focus.reviewerId, week ?? filters);
                    }}
                  />
                )}
              </ClientOnly>
            </Panel>
            <Panel id="grading" title={t("reviewerDashboard.gradingTitle")} subtitle={t("reviewerDashboard.gradingSubtitle")}>
              <div className="grading" data-verdict={grading.verdict}>
                <VerdictBadge verdict={grading.verdict} />
                <dl className="grading-numbers">
                  <div>
                    <dt>{own ? t("reviewerDashboard.you") : focus.name}</dt>
                    <dd data-metric="mean">{grading.mean === null ? "—" : formatScore(grading.mean, language)}</dd>
                    <dd className="muted">{t("reviewerDashboard.reviewsCount", { count: grading.n })}</dd>
                  </div>
                  <div>
                    <dt>{t("reviewerDashboard.others")}</dt>
                    <dd data-metric="othersMean">{grading.othersMean === null ? "—" : formatScore(grading.othersMean, language)}</dd>
                    <dd className="muted">{t("reviewerDashboard.reviewsCount", { count: grading.othersN })}</dd>
                  </div>
                </dl>
                {grading.difference !== null && grading.low !== null && grading.high !== null ? (
                  <p className="muted">
                    {t("reviewerDashboard.difference", {
                      difference: signed(grading.difference, language),
                      low: signed(grading.low, language),
                      high: signed(grading.high, language),
                    })}
                  </p>
                ) : (
                  <p className="muted">{t("reviewerDashboard.tooFewHint", { count: data.minForVerdict })}</p>
                )}
              </div>
            </Panel>
          </div>
          <Panel id="samples" title={t("reviewerDashboard.samplesTitle")} subtitle={t("reviewerDashboard.samplesSubtitle")}>
            {data.samples.length === 0 ? (
              <p className="empty">{t("reviewerDashboard.noSamples")}</p>
            ) : (
              <ul className="sample-progress" data-list="samples">
                {data.samples.map((sample) => {
                  const percent = sample.assigned === 0 ? 0 : Math.round((100 * sample.completed) / sample.assigned);
                  const name =
                    sample.sampleId === null ? t("reviewerDashboard.byHand") : `${sample.ruleName ?? "—"} · ${sample.periodKey ?? ""}`;
                  return (
                    <li key={sample.sampleId ?? "hand"} data-sample={sample.sampleId ?? "hand"}>
                      <div className="sample-progress-head">
                        <strong>
                          {sample.sampleId !== null && data.canManage ? (
                            <Link to={`/sampling/samples/${sample.sampleId}`}>{name}</Link>
                          ) : (
                            name
                          )}
                        </strong>
                        <span className="muted">
                          {t("reviewerDashboard.sampleProgress", { completed: sample.completed, assigned: sample.assigned })} · {percent}%
                          {sample.skipped > 0 ? ` · ${t("reviewerDashboard.skipped", { count: sample.skipped })}` : ""}
                          {sample.dueAt && sample.open > 0
                            ? ` · ${t("reviewerDashboard.dueBy", { date: dates.dateTime(sample.dueAt) })}`
                            : ""}
                        </span>
                        {sample.overdue > 0 ? (
                          <span className="badge badge-danger">{t("reviewerDashboard.overdueCount", { count: sample.overdue })}</span>
                        ) : null}
                      </div>
                      <div
                        className="progress"
                        role="progressbar"
                        aria-valuenow={percent}
                        aria-valuemin={0}
                        aria-valuemax={100}
                        aria-label={name}
                      >
                        <span style={{ width: `${percent}%` }} />
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </Panel>
        </>
      )}
    </>
  );
}

function AllReviewersView({ data }: { data: Data }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { filters, totals } = data;
  if (!totals) return null;
  const search = filterSearch(filters);
  const reviewerLink = (id: string) => `/dashboards/reviewers?${filterSearch(filters, { reviewer: id })}`;
  const working = data.reviewers.filter(hasAnyWork);
  const series = working
    .filter((row) => data.weeksByReviewer.some((week) => (week.byReviewer[row.reviewerId] ?? 0) > 0))
    .map((row, index) => ({ key: row.reviewerId, name: row.name, color: SERIES_COLORS[index % SERIES_COLORS.length] }));
  const weekly: WeekPoint[] = data.weeksByReviewer.map((week) => ({
    week: week.week,
    label: formatDay(week.week, language),
    ...Object.fromEntries(series.map((line) => [line.key, week.byReviewer[line.key] ?? 0])),
  }));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("reviewerDashboard.title")}</h1>
          <p>
            <PeriodLine
              from={data.period.from}
              to={data.period.to}
              previousFrom={data.previousPeriod.from}
              previousTo={data.previousPeriod.to}
            />
          </p>
        </div>
      </div>
      <div className="card">
        <FilterBar teams={data.teams} period={filters.period} from={filters.from} to={filters.to} channels={false} />
      </div>
      {working.length === 0 ? (
        <EmptyState canManage={data.canManage} own={false} />
      ) : (
        <>
          <div className="kpi-grid">
            <Kpi
              id="open"
              label={t("reviewerDashboard.open")}
              value={totals.open.toLocaleString(language)}
              hint={t("reviewerDashboard.openHint", { count: totals.started })}
            />
            <Kpi id="overdue" label={t("reviewerDashboard.overdue")} value={totals.overdue.toLocaleString(language)} />
            <Kpi id="dueSoon" label={t("reviewerDashboard.dueSoon")} value={totals.dueSoon.toLocaleString(language)} />
            <Kpi
              id="completed"
              label={t("reviewerDashboard.completed")}
              value={totals.current.completed.toLocaleString(language)}
              current={totals.current.completed}
              previous={totals.previous.completed || null}
              unit="pct"
            />
            <Kpi
              id="median"
              label={t("reviewerDashboard.median")}
              value={hours(totals.current.medianMs)}
              current={totals.current.medianMs}
              previous={totals.previous.medianMs}
              better="down"
              unit="pct"
              hint={totals.current.p90Ms === null ? undefined : t("reviewerDashboard.p90Hint", { value: hours(totals.current.p90Ms) })}
            />
            <Kpi id="drafts" label={t("reviewerDashboard.drafts")} value={totals.drafts.toLocaleString(language)} />
          </div>
          <Panel
            id="reviewers"
            title={t("reviewerDashboard.tableTitle")}
            subtitle={t("reviewerDashboard.tableSubtitle")}
            actions={
              <a className="btn btn-secondary btn-small" href={`/dashboards/reviewers.csv?${search}`} download>
                {t("dashboards.csv")}
              </a>
            }
          >
            <table className="data compact" data-table="reviewers">
              <thead>
                <tr>
                  <th>{t("reviewerDashboard.reviewer")}</th>
                  <th className="num">{t("reviewerDashboard.openShort")}</th>
                  <th className="num">{t("reviewerDashboard.overdue")}</th>
                  <th className="num">{t("reviewerDashboard.dueSoonShort")}</th>
                  <th className="num">{t("reviewerDashboard.completedShort")}</th>
                  <th className="num">{t("reviewerDashboard.onTime")}</th>
                  <th className="num">{t("reviewerDashboard.submittedShort")}</th>
                  <th className="num">{t("reviewerDashboard.medianP90")}</th>
                  <th className="num">{t("reviewerDashboard.meanScoreShort")}</th>
                  <th>{t("reviewerDashboard.vsOthers")}</th>
                  <th className="num">{t("reviewerDashboard.draftsShort")}</th>
                </tr>
              </thead>
              <tbody>
                {data.reviewers.map((row) => (
                  <tr key={row.reviewerId} data-reviewer={row.name} data-reviewer-id={row.reviewerId}>
                    <td className="nowrap">
                      <Link to={reviewerLink(row.reviewerId)}>
                        <strong>{row.name}</strong>
                      </Link>
                      <span className="muted reviewer-role">
                        {t(`roles.${row.role}`)}
                        {row.active ? "" : ` · ${t("reviewerDashboard.inactive")}`}
                      </span>
                    </td>
                    <td className="num" data-metric="open">
                      {row.open}
                    </td>
                    <td className="num" data-metric="overdue">
                      {row.overdue > 0 ? <span className="badge badge-danger">{row.overdue}</span> : 0}
                    </td>
                    <td className="num" data-metric="dueSoon">
                      {row.dueSoon}
                    </td>
                    <td className="num" data-metric="completed">
                      {row.current.completed}
                    </td>
                    <td className="num" data-metric="onTime">
                      {formatPercent(row.current.onTimePct)}
                    </td>
                    <td className="num" data-metric="submitted">
                      <Link to={reviewsLink(filters, row.reviewerId)}>{row.current.submitted}</Link>
                    </td>
                    <td className="num">
                      <span data-metric="median">{hours(row.current.medianMs)}</span>
                      <span className="muted"> · </span>
                      <span className="muted" data-metric="p90">
                        {hours(row.current.p90Ms)}
                      </span>
                    </td>
                    <td className="num" data-metric="meanScore">
                      {row.current.meanScore === null ? "—" : formatScore(row.current.meanScore, language)}
                    </td>
                    <td className="nowrap">
                      <VerdictBadge verdict={row.grading.verdict} short />
                      {row.grading.difference !== null ? <span className="muted"> {signed(row.grading.difference, language)}</span> : null}
                    </td>
                    <td className="num" data-metric="drafts">
                      {row.drafts}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Panel>
          <Panel id="weekly" title={t("reviewerDashboard.weeklyTitle")} subtitle={t("reviewerDashboard.weeklySubtitle")}>
            <ClientOnly fallback={<ChartPlaceholder height={280} label={t("reviewerDashboard.weeklyTitle")} />}>
              {() => (
                <WeeklyBars
                  data={weekly}
                  series={series}
                  height={280}
                  hrefOf={(point, reviewerId) => {
                    const week = data.weeksByReviewer.find((row) => row.week === point.week);
                    return reviewsLink(filters, reviewerId, week ?? filters);
                  }}
                />
              )}
            </ClientOnly>
          </Panel>
        </>
      )}
    </>
  );
}
