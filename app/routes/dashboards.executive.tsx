import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { listAgentsForFilter } from "../../db/queries/conversations";
import { executiveDashboard } from "../../db/queries/dashboards";
import { listTeams } from "../../db/queries/users";
import { ROLE_GROUPS, conversationScope, requireRole } from "../auth/guards.server";
import type { Channel } from "../../scoring/domain";
import { ChannelBadge } from "../components/badges";
import { ChartPlaceholder, ClientOnly } from "../components/dashboard/ClientOnly";
import { IndexTrend, PercentBars, TrendLines } from "../components/dashboard/charts.client";
import { CHANNEL_COLORS, CHART } from "../components/dashboard/colors";
import { CsvLink, FilterBar, Kpi, Panel, PeriodLine, formatDay, formatPercent, qualityHint } from "../components/dashboard/parts";
import { conversationsLink, resolveDashboardFilters } from "../dashboards/filters";
import { formatDuration } from "../format";

import dashboardStyles from "../styles/dashboards.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export const meta: MetaFunction = () => [{ title: "Calidad QA · Executive overview" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ROLE_GROUPS.dashboards);
  const scope = conversationScope(user);
  const url = new URL(request.url);
  const now = new Date();
  const filters = resolveDashboardFilters(url.searchParams, now);
  const db = await getDb();
  const [dashboard, teams, agents] = await Promise.all([
    executiveDashboard(db, { scope, filters, asOf: now }),
    listTeams(db),
    listAgentsForFilter(db, scope),
  ]);
  const visibleTeams = scope.kind === "teams" ? teams.filter((team) => scope.teamIds.includes(team.id)) : teams;
  return { filters, dashboard, teams: visibleTeams, agents };
}

export default function ExecutiveDashboard() {
  const { filters, dashboard, teams, agents } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { current, previous } = dashboard;
  const link = (overrides: Parameters<typeof conversationsLink>[1] = {}) => conversationsLink(filters, overrides);
  const channelBars = dashboard.channels.map((row) => ({
    key: row.channel,
    label: `${t(`channels.${row.channel}`)} · ${formatDuration(row.targetMs)}`,
    value: row.current.firstResponseStandardPct === null ? null : Math.round(row.current.firstResponseStandardPct * 10) / 10,
    secondary: row.current.firstResponseWorldClassPct === null ? null : Math.round(row.current.firstResponseWorldClassPct * 10) / 10,
    color: CHANNEL_COLORS[row.channel],
    href: link({ channel: row.channel, flag: "first_response_breach" }),
  }));
  const daily = dashboard.daily.map((row) => ({
    day: row.day,
    label: formatDay(row.day, i18n.language),
    compliance: row.firstResponseStandardPct,
    csat: row.csatPct,
  }));
  const quality = dashboard.quality.current;
  const sentimentWeeks = dashboard.sentimentWeekly.weeks.map((week) => ({
    day: week.to,
    from: week.from,
    label: formatDay(week.to, i18n.language),
    all: week.negativeSharePct,
    ...week.byChannel,
  }));
  const sentimentMax = Math.max(
    10,
    ...dashboard.sentimentWeekly.weeks.flatMap((week) => [week.negativeSharePct, ...Object.values(week.byChannel)].filter((v) => typeof v === "number")),
  );
  const qualityWeeks = dashboard.quality.weekly.map((week) => ({
    day: week.to,
    from: week.from,
    label: formatDay(week.to, i18n.language),
    mean: week.quality.mean,
    low: week.quality.confidenceInterval ? Math.max(0, week.quality.confidenceInterval.lower) : null,
    high: week.quality.confidenceInterval ? Math.min(100, week.quality.confidenceInterval.upper) : null,
  }));
  const indexTrend = dashboard.consistencyTrend.map((point) => ({
    day: point.day,
    label: formatDay(point.day, i18n.language),
    index: point.index,
  }));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("dashboards.executiveTitle")}</h1>
          <p>
            <PeriodLine
              from={dashboard.period.from}
              to={dashboard.period.to}
              previousFrom={dashboard.previousPeriod.from}
              previousTo={dashboard.previousPeriod.to}
            />
          </p>
        </div>
      </div>
      <div className="card">
        <FilterBar teams={teams} agents={agents} period={filters.period} from={filters.from} to={filters.to} />
      </div>
      <div className="kpi-grid">
        <Kpi
          id="conversations"
          label={t("dashboards.conversations")}
          value={current.conversations.toLocaleString(i18n.language)}
          current={current.conversations}
          previous={previous.conversations || null}
          unit="pct"
          href={link()}
        />
        <Kpi
          id="firstResponse"
          label={t("dashboards.firstResponseWithin")}
          value={formatPercent(current.firstResponseStandardPct)}
          current={current.firstResponseStandardPct}
          previous={previous.firstResponseStandardPct}
          href={link({ flag: "first_response_breach" })}
          hint={t("dashboards.firstResponseHint", { count: current.firstResponseMeasured })}
        />
        <Kpi
          id="csat"
          label={t("dashboards.csat")}
          value={formatPercent(current.csatPct)}
          current={current.csatPct}
          previous={previous.csatPct}
          href={link({ flag: "csat_low" })}
          hint={t("dashboards.csatHint", { count: current.csatResponses })}
        />
        <Kpi
          id="fcr"
          label={t("dashboards.fcr")}
          value={formatPercent(current.fcrPct)}
          current={current.fcrPct}
          previous={previous.fcrPct}
          href={link({ flag: "not_fcr" })}
          hint={t("dashboards.fcrHint", { day: formatDay(dashboard.fcrDecidedUntil, i18n.language) })}
        />
        <Kpi
          id="unanswered"
          label={t("dashboards.unanswered")}
          value={formatPercent(current.unansweredPct, 1)}
          current={current.unansweredPct}
          previous={previous.unansweredPct}
          better="down"
          href={link({ flag: "unanswered" })}
          hint={t("dashboards.unansweredHint", { count: current.unanswered })}
        />
        <Kpi
          id="consistency"
          label={t("dashboards.consistencyIndex")}
          value={dashboard.consistencyIndex === null ? "—" : dashboard.consistencyIndex.toFixed(0)}
          current={dashboard.consistencyIndex}
          previous={dashboard.previousConsistencyIndex}
          unit="points"
          href="/dashboards/team"
          hint={t("dashboards.consistencyHint")}
        />
        <Kpi
          id="quality"
          label={t("dashboards.qualityScore")}
          value={quality.mean === null ? "—" : quality.mean.toFixed(1)}
          current={quality.mean}
          previous={dashboard.quality.previous.mean}
          unit="points"
          href="/reviews"
          hint={qualityHint(t, quality)}
        />
        <Kpi
          id="negative"
          label={t("dashboards.negativeShare")}
          value={formatPercent(current.negativeSharePct, 1)}
          current={current.negativeSharePct}
          previous={previous.negativeSharePct}
          better="down"
          href={link({ flag: "negative" })}
          hint={
            current.customerMessagesScored
              ? t("dashboards.negativeHint", { count: current.customerMessagesScored })
              : t("dashboards.notScored")
          }
        />
        <Kpi
          id="frustrated"
          label={t("dashboards.frustratedShare")}
          value={formatPercent(current.frustratedPct, 1)}
          current={current.frustratedPct}
          previous={previous.frustratedPct}
          better="down"
          href={link({ flag: "frustrated" })}
          hint={current.frustrationScored ? t("dashboards.frustratedHint", { count: current.frustratedConversations }) : t("dashboards.notScored")}
        />
      </div>
      <div className="dashboard-grid">
        <Panel id="sentiment" title={t("dashboards.sentimentTitle")} subtitle={t("dashboards.sentimentSubtitle")}>
          {dashboard.sentimentWeekly.channels.length === 0 ? (
            <p className="empty">{t("dashboards.sentimentEmpty")}</p>
          ) : (
            <ClientOnly fallback={<ChartPlaceholder height={220} label={t("dashboards.sentimentTitle")} />}>
              {() => (
                <TrendLines
                  data={sentimentWeeks}
                  height={220}
                  domain={[0, Math.ceil(sentimentMax / 10) * 10]}
                  series={[
                    { key: "all", name: t("dashboards.allChannelsLine"), color: CHART.danger },
                    ...dashboard.sentimentWeekly.channels.map((channel) => ({
                      key: channel,
                      name: t(`channels.${channel}`),
                      color: CHANNEL_COLORS[channel],
                    })),
                  ]}
                  onPointHref={(point) => link({ from: String(point.from), to: point.day, flag: "negative" })}
                />
              )}
            </ClientOnly>
          )}
        </Panel>
        <Panel id="quality" title={t("dashboards.qualityTitle")} subtitle={t("dashboards.qualitySubtitle")}>
          {quality.count === 0 ? (
            <p className="empty">{t("dashboards.qualityEmpty")}</p>
          ) : (
            <ClientOnly fallback={<ChartPlaceholder height={220} label={t("dashboards.qualityTitle")} />}>
              {() => (
                <TrendLines
                  data={qualityWeeks}
                  height={220}
                  series={[
                    { key: "mean", name: t("dashboards.qualityScore"), color: CHART.primary },
                    { key: "low", name: t("dashboards.qualityLow"), color: CHART.primarySoft },
                    { key: "high", name: t("dashboards.qualityHigh"), color: CHART.primarySoft },
                  ]}
                  onPointHref={(point) => link({ from: String(point.from), to: point.day, flag: "reviewed" })}
                />
              )}
            </ClientOnly>
          )}
        </Panel>
      </div>
      <div className="dashboard-grid">
        <Panel id="compliance" title={t("dashboards.complianceTitle")} subtitle={t("dashboards.complianceSubtitle")}>
          <ClientOnly fallback={<ChartPlaceholder height={40 + channelBars.length * 34} label={t("dashboards.complianceTitle")} />}>
            {() => (
              <PercentBars
                data={channelBars}
                valueName={t("dashboards.standard")}
                secondaryName={t("dashboards.worldClass")}
                height={40 + channelBars.length * 34}
              />
            )}
          </ClientOnly>
        </Panel>
        <Panel
          id="trend"
          title={t("dashboards.trendTitle")}
          subtitle={t("dashboards.trendSubtitle")}
          actions={<CsvLink board="executive" table="daily" />}
        >
          <ClientOnly fallback={<ChartPlaceholder height={220} label={t("dashboards.trendTitle")} />}>
            {() => (
              <TrendLines
                data={daily}
                height={220}
                series={[
                  { key: "compliance", name: t("dashboards.firstResponseWithin"), color: CHART.primary },
                  { key: "csat", name: t("dashboards.csat"), color: CHART.success },
                ]}
                onPointHref={(point) => link({ from: point.day, to: point.day })}
              />
            )}
          </ClientOnly>
        </Panel>
      </div>
      <Panel
        id="channels"
        title={t("dashboards.channelsTitle")}
        subtitle={t("dashboards.channelsSubtitle")}
        actions={<CsvLink board="executive" table="channels" />}
      >
        <table className="data compact" data-table="channels">
          <thead>
            <tr>
              <th>{t("dashboards.channel")}</th>
              <th className="num">{t("dashboards.target")}</th>
              <th className="num">{t("dashboards.firstResponseWithin")}</th>
              <th className="num">{t("dashboards.worldClass")}</th>
              <th className="num">{t("dashboards.meanFirstResponse")}</th>
              <th className="num">{t("dashboards.csat")}</th>
              <th className="num">{t("dashboards.fcr")}</th>
              <th className="num">{t("dashboards.unanswered")}</th>
              <th className="num">{t("dashboards.negativeShare")}</th>
              <th className="num">{t("dashboards.frustratedShare")}</th>
              <th className="num">{t("dashboards.conversations")}</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.channels.map((row) => (
              <tr key={row.channel} data-channel={row.channel}>
                <td>
                  <ChannelBadge channel={row.channel} />
                </td>
                <td className="num nowrap">
                  {formatDuration(row.targetMs)}
                  {row.worldClassTargetMs ? <span className="muted"> / {formatDuration(row.worldClassTargetMs)}</span> : null}
                </td>
                <td className="num" data-metric="firstResponse">
                  <Link to={link({ channel: row.channel, flag: "first_response_breach" })}>
                    {formatPercent(row.current.firstResponseStandardPct, 1)}
                  </Link>
                </td>
                <td className="num">{formatPercent(row.current.firstResponseWorldClassPct, 1)}</td>
                <td className="num">{row.current.meanFirstResponseMs === null ? "—" : formatDuration(row.current.meanFirstResponseMs)}</td>
                <td className="num">{formatPercent(row.current.csatPct)}</td>
                <td className="num">{formatPercent(row.current.fcrPct)}</td>
                <td className="num">
                  <Link to={link({ channel: row.channel, flag: "unanswered" })}>{row.current.unanswered}</Link>
                </td>
                <td className="num" data-metric="negative">
                  <Link to={link({ channel: row.channel, flag: "negative" })}>{formatPercent(row.current.negativeSharePct, 1)}</Link>
                </td>
                <td className="num" data-metric="frustrated">
                  <Link to={link({ channel: row.channel, flag: "frustrated" })}>{formatPercent(row.current.frustratedPct, 1)}</Link>
                </td>
                <td className="num">
                  <Link to={link({ channel: row.channel })}>{row.current.conversations.toLocaleString(i18n.language)}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <div className="dashboard-grid">
        <Panel
          id="consistency"
          title={t("dashboards.consistencyTitle")}
          subtitle={t("dashboards.consistencySubtitle")}
          actions={
            <>
              <CsvLink board="executive" table="consistency" />
              <Link className="btn btn-secondary btn-small" to="/dashboards/team">
                {t("dashboards.openTeam")}
              </Link>
            </>
          }
        >
          <ClientOnly fallback={<ChartPlaceholder height={180} label={t("dashboards.consistencyTitle")} />}>
            {() => <IndexTrend data={indexTrend} name={t("dashboards.consistencyIndex")} height={180} />}
          </ClientOnly>
        </Panel>
        <Panel id="spread" title={t("dashboards.spreadTitle")} subtitle={t("dashboards.spreadSubtitle")}>
          <table className="data compact" data-table="spread">
            <thead>
              <tr>
                <th>{t("dashboards.channel")}</th>
                <th className="num">{t("dashboards.agentsCompared")}</th>
                <th className="num">{t("dashboards.spread")}</th>
              </tr>
            </thead>
            <tbody>
              {[...dashboard.channelSpread]
                .sort((a, b) => (b.spread ?? -1) - (a.spread ?? -1) || b.agents - a.agents)
                .map((row) => (
                  <tr key={row.channel}>
                    <td>
                      <ChannelBadge channel={row.channel as Channel} />
                    </td>
                    <td className="num">{row.agents}</td>
                    <td className="num">{row.spread === null ? "—" : row.spread.toFixed(2)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </Panel>
      </div>
    </>
  );
}
