import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { type ConversationFlag, listAgentsForFilter } from "../../db/queries/conversations";
import { type CoachingIssue, type TeamDashboard, teamDashboard } from "../../db/queries/dashboards";
import { listTeams } from "../../db/queries/users";
import { CHANNELS, type Channel } from "../../scoring/domain";
import { ROLE_GROUPS, conversationScope, requireRole } from "../auth/guards.server";
import { ChannelBadge } from "../components/badges";
import { ChartPlaceholder, ClientOnly } from "../components/dashboard/ClientOnly";
import { CountBars, PercentBars } from "../components/dashboard/charts.client";
import { CHART } from "../components/dashboard/colors";
import { CsvLink, FilterBar, Kpi, Panel, PeriodLine, formatPercent, qualityHint } from "../components/dashboard/parts";
import { type ResolvedFilters, conversationsLink, resolveDashboardFilters } from "../dashboards/filters";

import dashboardStyles from "../styles/dashboards.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export const meta: MetaFunction = () => [{ title: "Calidad QA · Team performance" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ROLE_GROUPS.dashboards);
  const scope = conversationScope(user);
  const url = new URL(request.url);
  const now = new Date();
  // Coaching needs more than a month of conversations per agent and channel: a quarter by default.
  const filters = resolveDashboardFilters(url.searchParams, now, "90");
  const db = await getDb();
  const [dashboard, teams, agents] = await Promise.all([
    teamDashboard(db, { scope, filters, asOf: now }),
    listTeams(db),
    listAgentsForFilter(db, scope),
  ]);
  const visibleTeams = scope.kind === "teams" ? teams.filter((team) => scope.teamIds.includes(team.id)) : teams;
  return { filters, dashboard, teams: visibleTeams, agents };
}

type Cell = TeamDashboard["cells"][number];

/**
 * Diverging: 0 (like the team) is pale; cooler than the team (less greeting, name, empathy, closing)
 * deepens to red, warmer to green, reaching full colour at 1.5 standard deviations.
 */
function heatColor(distance: number, warmer: boolean): string {
  const share = Math.min(1, distance / 1.5);
  const lightness = 97 - 50 * share;
  return warmer ? `hsl(140 55% ${lightness.toFixed(0)}%)` : `hsl(${(40 - 40 * share).toFixed(0)} 85% ${lightness.toFixed(0)}%)`;
}

function topDifferences(
  cell: Pick<Cell, "fromTeam" | "fromOwnChannels">,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const gap = cell.fromTeam ?? cell.fromOwnChannels;
  if (!gap) return "";
  return (Object.entries(gap.differences) as [string, number][])
    .filter(([, delta]) => Math.abs(delta) >= 0.3)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, 3)
    .map(([feature, delta]) => t(delta > 0 ? "dashboards.more" : "dashboards.less", { feature: t(`dashboards.features.${feature}`) }))
    .join(", ");
}

function Heatmap({ dashboard, filters }: { dashboard: TeamDashboard; filters: ResolvedFilters }) {
  const { t } = useTranslation();
  const channels = CHANNELS.filter((channel) => dashboard.cells.some((cell) => cell.channel === channel));
  const rows = [...new Map(dashboard.cells.map((cell) => [cell.agentId, cell])).values()].sort(
    (a, b) => (a.teamName ?? "").localeCompare(b.teamName ?? "") || a.name.localeCompare(b.name),
  );
  const severalTeams = new Set(rows.map((row) => row.teamId)).size > 1;
  const find = (agentId: number, channel: Channel) => dashboard.cells.find((cell) => cell.agentId === agentId && cell.channel === channel);
  return (
    <div className="heatmap-wrap">
      <table className="heatmap" data-table="heatmap">
        <thead>
          <tr>
            <th scope="col">{t("dashboards.agent")}</th>
            {channels.map((channel) => (
              <th key={channel} scope="col">
                {t(`channels.${channel}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((row, index) => [
            severalTeams && row.teamId !== rows[index - 1]?.teamId ? (
              <tr key={`team-${row.teamId}`} className="heat-team">
                <th scope="rowgroup" colSpan={channels.length + 1}>
                  {row.teamName ?? "—"}
                </th>
              </tr>
            ) : null,
            <tr key={row.agentId} data-agent={row.name}>
              <th scope="row">{row.name}</th>
              {channels.map((channel) => {
                const cell = find(row.agentId, channel);
                if (!cell) return <td key={channel} className="heat-empty" />;
                const gap = cell.fromTeam;
                const href = conversationsLink(filters, { agentId: cell.agentId, channel });
                const why = topDifferences(cell, t);
                const title = gap
                  ? `${t("dashboards.conversationsIn", { count: cell.conversations })} · ${t("dashboards.interval", { low: gap.low.toFixed(2), high: gap.high.toFixed(2) })}${why ? ` · ${why}` : ""}`
                  : `${t("dashboards.conversationsIn", { count: cell.conversations })} · ${t("dashboards.notEnough")}`;
                return (
                  <td
                    key={channel}
                    data-channel={channel}
                    data-distance={gap ? gap.distance.toFixed(2) : ""}
                    data-flagged={cell.reasons.length > 0 ? "true" : "false"}
                    className={cell.reasons.length > 0 ? "heat-flagged" : undefined}
                    data-warmer={cell.warmer ? "true" : "false"}
                    style={gap ? { background: heatColor(gap.distance, cell.warmer) } : undefined}
                  >
                    <Link to={href} title={title}>
                      {gap ? gap.distance.toFixed(1) : "·"}
                      <span className="heat-n">{cell.conversations}</span>
                    </Link>
                  </td>
                );
              })}
            </tr>,
          ])}
        </tbody>
      </table>
      <div className="heat-legend" aria-hidden="true">
        <span>{t("dashboards.heatmapCooler")}</span>
        <span className="heat-scale" />
        <span>{t("dashboards.heatmapSame")}</span>
        <span className="heat-scale heat-scale-warm" />
        <span>{t("dashboards.heatmapWarmer")}</span>
      </div>
    </div>
  );
}

export default function TeamDashboardPage() {
  const { filters, dashboard, teams, agents } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const link = (overrides: Parameters<typeof conversationsLink>[1] = {}) => conversationsLink(filters, overrides);
  const totals = dashboard.agents.reduce(
    (sum, row) => ({
      conversations: sum.conversations + row.metrics.conversations,
      redirects: sum.redirects + row.metrics.redirectConversations,
      forbidden: sum.forbidden + row.metrics.forbiddenConversations,
    }),
    { conversations: 0, redirects: 0, forbidden: 0 },
  );
  const byRedirects = [...dashboard.agents].sort((a, b) => b.metrics.redirectConversations - a.metrics.redirectConversations);
  const redirectBars = byRedirects.map((row) => ({
    key: String(row.agentId),
    label: row.name,
    first: row.metrics.redirectConversations,
    second: row.metrics.forbiddenConversations,
    href: link({ agentId: row.agentId, teamId: row.teamId ?? undefined, flag: "redirect" }),
  }));
  const replyBars = [...dashboard.agents]
    .sort((a, b) => (a.metrics.replyStandardPct ?? 0) - (b.metrics.replyStandardPct ?? 0))
    .map((row) => ({
      key: String(row.agentId),
      label: row.name,
      value: row.metrics.replyStandardPct === null ? null : Math.round(row.metrics.replyStandardPct * 10) / 10,
      color: CHART.primary,
      href: link({ agentId: row.agentId, teamId: row.teamId ?? undefined, flag: "breach" }),
    }));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("dashboards.teamTitle")}</h1>
          <p>
            <PeriodLine from={dashboard.period.from} to={dashboard.period.to} />
          </p>
        </div>
      </div>
      <div className="card">
        <FilterBar teams={teams} agents={agents} period={filters.period} from={filters.from} to={filters.to} />
      </div>
      <div className="kpi-grid kpi-grid-4">
        <Kpi
          id="conversations"
          label={t("dashboards.conversations")}
          value={totals.conversations.toLocaleString(i18n.language)}
          href={link()}
        />
        <Kpi
          id="redirects"
          label={t("dashboards.redirects")}
          value={totals.redirects.toLocaleString(i18n.language)}
          href={link({ flag: "redirect" })}
        />
        <Kpi
          id="forbidden"
          label={t("dashboards.forbidden")}
          value={totals.forbidden.toLocaleString(i18n.language)}
          href={link({ flag: "forbidden" })}
        />
        <Kpi
          id="consistency"
          label={t("dashboards.consistencyIndex")}
          value={dashboard.consistencyIndex === null ? "—" : dashboard.consistencyIndex.toFixed(0)}
          hint={t("dashboards.consistencyHint")}
        />
        <Kpi
          id="quality"
          label={t("dashboards.qualityScore")}
          value={dashboard.quality.mean === null ? "—" : dashboard.quality.mean.toFixed(1)}
          href="/reviews"
          hint={qualityHint(t, dashboard.quality)}
        />
      </div>
      <div className="dashboard-grid">
        <Panel
          id="coach"
          title={t("dashboards.coachTitle")}
          subtitle={t("dashboards.coachSubtitle")}
          actions={<CsvLink board="team" table="coaching" />}
        >
          {dashboard.coachFirst.length === 0 ? (
            <p className="empty">{t("dashboards.coachNobody")}</p>
          ) : (
            <ol className="coach-list" data-list="coach">
              {dashboard.coachFirst.map((row) => (
                <li key={row.agentId} data-agent={row.name}>
                  <strong>{row.name}</strong>
                  <ul>
                    {row.issues.map((issue) => {
                      const flag =
                        issue.metric === "redirects"
                          ? "redirect"
                          : issue.metric === "forbidden"
                            ? "forbidden"
                            : issue.metric === "responseTime"
                              ? "breach"
                              : issue.metric === "csat"
                                ? "csat_low"
                                : undefined;
                      const text = issueText(t, issue);
                      return (
                        <li key={issue.metric} data-issue={issue.metric}>
                          <Link to={link({ agentId: row.agentId, teamId: row.teamId ?? undefined, flag })}>{text}</Link>
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </Panel>
        <Panel id="redirects" title={t("dashboards.redirectsTitle")} subtitle={t("dashboards.redirectsSubtitle")}>
          <ClientOnly fallback={<ChartPlaceholder height={40 + redirectBars.length * 26} label={t("dashboards.redirectsTitle")} />}>
            {() => (
              <CountBars
                data={redirectBars}
                firstName={t("dashboards.redirects")}
                secondName={t("dashboards.forbidden")}
                height={60 + redirectBars.length * 26}
              />
            )}
          </ClientOnly>
        </Panel>
      </div>
      <Panel
        id="heatmap"
        title={t("dashboards.heatmapTitle")}
        subtitle={t("dashboards.heatmapSubtitle")}
        actions={<CsvLink board="team" table="heatmap" />}
      >
        <Heatmap dashboard={dashboard} filters={filters} />
      </Panel>
      <Panel id="outliers" title={t("dashboards.outliersTitle")} subtitle={t("dashboards.outliersSubtitle")}>
        {dashboard.outliers.length === 0 ? (
          <p className="empty">{t("dashboards.noOutliers")}</p>
        ) : (
          <ul className="outlier-list" data-list="outliers">
            {dashboard.outliers.map((cell) => (
              <li key={`${cell.agentId}-${cell.channel}`} data-agent={cell.name} data-channel={cell.channel}>
                <div>
                  <strong>{cell.name}</strong> <ChannelBadge channel={cell.channel as Channel} />{" "}
                  <span className={`badge ${cell.warmer ? "badge-success" : "badge-danger"}`}>
                    {cell.warmer ? t("dashboards.shareExample") : t("dashboards.coachThis")}
                  </span>{" "}
                  <span className="muted">
                    {cell.reasons.includes("team")
                      ? t("dashboards.againstTeam", { channel: t(`channels.${cell.channel}`) })
                      : t("dashboards.againstOwn")}
                    {" · "}
                    {topDifferences(cell, t)}
                  </span>
                </div>
                <div className="examples">
                  {t("dashboards.examples")}:{" "}
                  {cell.examples.conversationIds.map((id) => (
                    <Link key={id} to={`/conversations/${id}`} className="badge">
                      #{id}
                    </Link>
                  ))}{" "}
                  <Link to={link({ agentId: cell.agentId, channel: cell.channel as Channel })}>
                    {t("dashboards.conversationsIn", { count: cell.conversations })} →
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel id="agents" title={t("dashboards.agentsTitle")} actions={<CsvLink board="team" table="agents" />}>
        <table className="data compact" data-table="agents">
          <thead>
            <tr>
              <th>{t("dashboards.agent")}</th>
              <th>{t("dashboards.team")}</th>
              <th className="num">{t("dashboards.conversations")}</th>
              <th className="num">{t("dashboards.qualityScore")}</th>
              <th>{t("dashboards.weakest")}</th>
              <th>{t("dashboards.qualityByChannel")}</th>
              <th className="num">{t("dashboards.firstResponseWithin")}</th>
              <th className="num">{t("dashboards.replyWithin")}</th>
              <th className="num">{t("dashboards.csat")}</th>
              <th className="num">{t("dashboards.redirects")}</th>
              <th className="num">{t("dashboards.forbidden")}</th>
              <th>{t("dashboards.toneShift")}</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.agents.map((row) => {
              const agentLink = (flag?: ConversationFlag) => link({ agentId: row.agentId, teamId: row.teamId ?? undefined, flag });
              return (
                <tr key={row.agentId} data-agent={row.name}>
                  <td className="nowrap">
                    <strong>{row.name}</strong>
                  </td>
                  <td className="muted nowrap">{row.teamName ?? "—"}</td>
                  <td className="num">
                    <Link to={agentLink()}>{row.metrics.conversations}</Link>
                  </td>
                  <td className="num nowrap" data-metric="quality">
                    <QualityCell quality={row.quality} previousMean={row.previousQualityMean} />
                  </td>
                  <td className="weakest">
                    {row.weakestCriteria.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      row.weakestCriteria.map((criterion) => (
                        <div key={criterion.criterionId} title={t("dashboards.qualityHintFew", { count: criterion.ratings })}>
                          {criterion.title} <span className="muted">{criterion.mean.toFixed(0)}</span>
                        </div>
                      ))
                    )}
                  </td>
                  <td className="nowrap" data-metric="qualityByChannel">
                    {row.qualityByChannel.channels.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <>
                        {row.qualityByChannel.channels.map((channel) => (
                          <div key={channel.channel} title={t("dashboards.qualityHintFew", { count: channel.n })}>
                            {t(`channels.${channel.channel}`)} <strong>{channel.mean.toFixed(0)}</strong>{" "}
                            <span className="muted">n={channel.n}</span>
                          </div>
                        ))}
                        {row.qualityByChannel.significant ? (
                          <span className="badge badge-danger">{t("dashboards.qualityChannelsDiffer")}</span>
                        ) : null}
                      </>
                    )}
                  </td>
                  <td className="num">{formatPercent(row.metrics.firstResponseStandardPct)}</td>
                  <td className="num">
                    <Link to={agentLink("breach")}>{formatPercent(row.metrics.replyStandardPct)}</Link>
                  </td>
                  <td className="num">{formatPercent(row.metrics.csatPct)}</td>
                  <td className="num" data-metric="redirects">
                    <Link to={agentLink("redirect")}>{row.metrics.redirectConversations}</Link>
                  </td>
                  <td className="num" data-metric="forbidden">
                    <Link to={agentLink("forbidden")}>{row.metrics.forbiddenConversations}</Link>
                  </td>
                  <td className="nowrap">
                    {row.tone?.distance === null || row.tone === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <>
                        <span className={`badge ${row.tone.flagged ? "badge-danger" : ""}`}>{row.tone.distance?.toFixed(2)}</span>{" "}
                        <span className="muted">
                          {t("dashboards.interval", { low: row.tone.low?.toFixed(2), high: row.tone.high?.toFixed(2) })}
                        </span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Panel>
      <Panel id="reply-compliance" title={t("dashboards.responseByAgentTitle")}>
        <ClientOnly fallback={<ChartPlaceholder height={40 + replyBars.length * 26} label={t("dashboards.responseByAgentTitle")} />}>
          {() => <PercentBars data={replyBars} valueName={t("dashboards.replyWithin")} height={40 + replyBars.length * 26} />}
        </ClientOnly>
      </Panel>
    </>
  );
}

/** An agent's quality mean with its 95 % interval and the change since the previous period. */
function QualityCell({ quality, previousMean }: { quality: TeamDashboard["agents"][number]["quality"]; previousMean: number | null }) {
  const { t } = useTranslation();
  if (!quality || quality.mean === null) return <span className="muted">—</span>;
  const interval = quality.confidenceInterval;
  const change = previousMean === null ? null : quality.mean - previousMean;
  return (
    <>
      <strong>{quality.mean.toFixed(1)}</strong>
      <span className="muted">
        {" "}
        {interval
          ? t("dashboards.interval", { low: Math.max(0, interval.lower).toFixed(0), high: Math.min(100, interval.upper).toFixed(0) })
          : `n=${quality.count}`}
      </span>
      {change === null ? null : (
        <span className={`kpi-delta ${change >= 0 ? "good" : "bad"}`} title={t("dashboards.qualityTrend")}>
          {" "}
          {change >= 0 ? "▲" : "▼"} {Math.abs(change).toFixed(1)}
        </span>
      )}
    </>
  );
}

/** One "who to coach first" line: rates as percentages, quality in points, tone as a distance. */
function issueText(t: (key: string, options?: Record<string, unknown>) => string, issue: CoachingIssue): string {
  switch (issue.metric) {
    case "tone":
      return t("dashboards.issues.tone", { agent: issue.agentValue.toFixed(2) });
    case "quality":
      return t("dashboards.issues.quality", { agent: issue.agentValue.toFixed(1), team: issue.teamValue.toFixed(1) });
    case "qualityChannels":
      return t("dashboards.issues.qualityChannels", { gap: issue.agentValue.toFixed(0) });
    default:
      return t(`dashboards.issues.${issue.metric}`, { agent: formatPercent(issue.agentValue), team: formatPercent(issue.teamValue) });
  }
}
