import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { reviewerDashboard } from "../../db/queries/reviewer-dashboard";
import { ROLE_GROUPS, conversationScope, requireRole } from "../auth/guards.server";
import { csvResponse, toCsv } from "../dashboards/csv";
import { resolveDashboardFilters } from "../dashboards/filters";
import { createI18n } from "../i18n/i18n";
import { resolveLocale } from "../locale.server";

const hoursOf = (ms: number | null) => (ms === null ? null : ms / 3_600_000);

/**
 * The reviewers table of /dashboards/reviewers as CSV, same filters, scope and order (overdue first):
 * /dashboards/reviewers.csv?period=…&team=…. Times in hours, scores 0–100 (bonus up to the scorecard's cap).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ROLE_GROUPS.dashboards);
  const scope = conversationScope(user);
  const url = new URL(request.url);
  const now = new Date();
  const filters = resolveDashboardFilters(url.searchParams, now, "30");
  const db = await getDb();
  const dashboard = await reviewerDashboard(db, {
    scope,
    filters: { from: filters.from, to: filters.to, teamId: filters.teamId },
    asOf: now,
  });
  const { t } = createI18n(resolveLocale(request, user.locale));
  const k = (key: string) => t(`reviewerDashboard.csv.${key}`);
  return csvResponse(
    `reviewers-${filters.from}-${filters.to}.csv`,
    toCsv(
      [
        k("reviewer"),
        k("role"),
        k("open"),
        k("overdue"),
        k("dueSoon"),
        k("drafts"),
        k("completed"),
        k("completedPrevious"),
        k("onTimePct"),
        k("submitted"),
        k("submittedPrevious"),
        k("medianHours"),
        k("p90Hours"),
        k("medianHoursPrevious"),
        k("scored"),
        k("meanScore"),
        k("othersMean"),
        k("difference"),
        k("low"),
        k("high"),
        k("verdict"),
      ],
      dashboard.reviewers.map((row) => [
        row.name,
        t(`roles.${row.role}`),
        row.open,
        row.overdue,
        row.dueSoon,
        row.drafts,
        row.current.completed,
        row.previous.completed,
        row.current.onTimePct,
        row.current.submitted,
        row.previous.submitted,
        hoursOf(row.current.medianMs),
        hoursOf(row.current.p90Ms),
        hoursOf(row.previous.medianMs),
        row.grading.n,
        row.grading.mean,
        row.grading.othersMean,
        row.grading.difference,
        row.grading.low,
        row.grading.high,
        row.grading.verdict,
      ]),
    ),
  );
}
