import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { executiveDashboard, teamDashboard } from "../../db/queries/dashboards";
import { ROLE_GROUPS, conversationScope, requireRole } from "../auth/guards.server";
import { csvResponse, toCsv } from "../dashboards/csv";
import { resolveDashboardFilters } from "../dashboards/filters";
import { createI18n } from "../i18n/i18n";
import { resolveLocale } from "../locale.server";

/**
 * CSV of any dashboard table, with the same filters and scope as the page it comes from:
 * /dashboards/export?board=executive|team&table=…&period=…
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ROLE_GROUPS.dashboards);
  const scope = conversationScope(user);
  const url = new URL(request.url);
  const board = url.searchParams.get("board");
  const table = url.searchParams.get("table");
  const now = new Date();
  const db = await getDb();
  const { t } = createI18n(resolveLocale(request, user.locale));
  if (board === "executive") {
    const filters = resolveDashboardFilters(url.searchParams, now);
    const dashboard = await executiveDashboard(db, { scope, filters, asOf: now });
    if (table === "channels") {
      return csvResponse(
        `channels-${filters.from}-${filters.to}.csv`,
        toCsv(
          [
            t("dashboards.channel"),
            t("dashboards.conversations"),
            t("dashboards.targetSeconds"),
            t("dashboards.firstResponseWithin"),
            t("dashboards.worldClassWithin"),
            t("dashboards.meanFirstResponseSeconds"),
            t("dashboards.replyWithin"),
            t("dashboards.csat"),
            t("dashboards.fcr"),
            t("dashboards.unanswered"),
            t("dashboards.redirectConversations"),
            t("dashboards.negativeShare"),
            t("dashboards.frustratedShare"),
          ],
          dashboard.channels.map((row) => [
            row.channel,
            row.current.conversations,
            row.targetMs / 1000,
            row.current.firstResponseStandardPct,
            row.current.firstResponseWorldClassPct,
            row.current.meanFirstResponseMs === null ? null : row.current.meanFirstResponseMs / 1000,
            row.current.replyStandardPct,
            row.current.csatPct,
            row.current.fcrPct,
            row.current.unansweredPct,
            row.current.redirectConversations,
            row.current.negativeSharePct,
            row.current.frustratedPct,
          ]),
        ),
      );
    }
    if (table === "daily") {
      return csvResponse(
        `daily-${filters.from}-${filters.to}.csv`,
        toCsv(
          [
            t("dashboards.day"),
            t("dashboards.conversations"),
            t("dashboards.firstResponseWithin"),
            t("dashboards.csat"),
            t("dashboards.unanswered"),
            t("dashboards.negativeShare"),
            t("dashboards.frustratedShare"),
          ],
          dashboard.daily.map((row) => [
            row.day,
            row.conversations,
            row.firstResponseStandardPct,
            row.csatPct,
            row.unansweredPct,
            row.negativeSharePct,
            row.frustratedPct,
          ]),
        ),
      );
    }
    if (table === "consistency") {
      return csvResponse(
        `consistency-${filters.from}-${filters.to}.csv`,
        toCsv(
          [t("dashboards.windowEnding"), t("dashboards.consistencyIndex")],
          dashboard.consistencyTrend.map((point) => [point.day, point.index]),
        ),
      );
    }
  }
  if (board === "team") {
    const filters = resolveDashboardFilters(url.searchParams, now, "90");
    const dashboard = await teamDashboard(db, { scope, filters, asOf: now });
    if (table === "agents") {
      return csvResponse(
        `agents-${filters.from}-${filters.to}.csv`,
        toCsv(
          [
            t("dashboards.agent"),
            t("dashboards.team"),
            t("dashboards.conversations"),
            t("dashboards.qualityScore"),
            t("dashboards.qualityLow"),
            t("dashboards.qualityHigh"),
            t("dashboards.qualityByChannel"),
            t("dashboards.qualityChannelsDiffer"),
            t("dashboards.firstResponseWithin"),
            t("dashboards.replyWithin"),
            t("dashboards.csat"),
            t("dashboards.redirects"),
            t("dashboards.forbidden"),
            t("dashboards.toneShift"),
            "low",
            "high",
          ],
          dashboard.agents.map((row) => [
            row.name,
            row.teamName,
            row.metrics.conversations,
            row.quality?.mean ?? null,
            row.quality?.confidenceInterval?.lower ?? null,
            row.quality?.confidenceInterval?.upper ?? null,
            row.qualityByChannel.channels.map((channel) => `${channel.channel} ${channel.mean.toFixed(1)} (n=${channel.n})`).join("; "),
            row.qualityByChannel.significant ? t("common.yes") : t("common.no"),
            row.metrics.firstResponseStandardPct,
            row.metrics.replyStandardPct,
            row.metrics.csatPct,
            row.metrics.redirectConversations,
            row.metrics.forbiddenConversations,
            row.tone?.distance ?? null,
            row.tone?.low ?? null,
            row.tone?.high ?? null,
          ]),
        ),
      );
    }
    if (table === "heatmap") {
      return csvResponse(
        `tone-by-channel-${filters.from}-${filters.to}.csv`,
        toCsv(
          [t("dashboards.agent"), t("dashboards.channel"), t("dashboards.conversations"), "distance", "low", "high", t("dashboards.check")],
          dashboard.cells.map((cell) => [
            cell.name,
            cell.channel,
            cell.conversations,
            cell.fromTeam?.distance ?? null,
            cell.fromTeam?.low ?? null,
            cell.fromTeam?.high ?? null,
            cell.reasons.join(" "),
          ]),
        ),
      );
    }
    if (table === "coaching") {
      return csvResponse(
        `coach-first-${filters.from}-${filters.to}.csv`,
        toCsv(
          [t("dashboards.agent"), "issue", "agent", "team"],
          dashboard.coachFirst.flatMap((row) => row.issues.map((issue) => [row.name, issue.metric, issue.agentValue, issue.teamValue])),
        ),
      );
    }
  }
  throw new Response("Unknown table", { status: 404 });
}
