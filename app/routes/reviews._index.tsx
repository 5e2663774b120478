import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { listAgentsForFilter } from "../../db/queries/conversations";
import { getReviewSettings, listReviewersForFilter, listReviews, reviewScores } from "../../db/queries/reviews";
import { listScorecards } from "../../db/queries/scorecards";
import { listTeams } from "../../db/queries/users";
import { CHANNELS, REVIEW_KINDS } from "../../scoring/domain";
import { qualityScore } from "../../scoring/rubric";
import { conversationScope, requireUser } from "../auth/guards.server";
import { ChannelBadge } from "../components/badges";
import { ScoreBadge, formatScore } from "../components/review/score";
import { useDates } from "../hooks";
import { decodeReviewCursor, encodeReviewCursor, parseReviewFilters } from "../reviews/filters.server";
import { visibleReviewerName } from "../reviews/visibility";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Reviews" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scope = conversationScope(user);
  const { params, filters, filtered } = parseReviewFilters(new URL(request.url));
  const db = await getDb();
  const isAgent = user.role === "agent";
  const [page, scores, settings, reviewers, agents, teams, scorecards] = await Promise.all([
    listReviews(db, { scope, viewerId: user.id, filters, cursor: decodeReviewCursor(params.cursor) }),
    reviewScores(db, { scope, viewerId: user.id, filters }),
    getReviewSettings(db),
    isAgent ? [] : listReviewersForFilter(db, { scope, viewerId: user.id }),
    isAgent ? [] : listAgentsForFilter(db, scope),
    isAgent ? [] : listTeams(db),
    listScorecards(db),
  ]);
  const quality = qualityScore(scores);
  return {
    reviews: page.reviews.map(({ reviewerId, reviewerName, ...row }) => ({
      ...row,
      reviewerName: visibleReviewerName(user, { reviewerId, reviewerName }, settings),
    })),
    nextCursor: page.nextCursor ? encodeReviewCursor(page.nextCursor) : null,
    quality: { mean: quality.mean, count: quality.count, skipped: quality.skippedCount, interval: quality.confidenceInterval },
    reviewers,
    agents,
    teams: scope.kind === "teams" ? teams.filter((team) => scope.teamIds.includes(team.id)) : teams,
    scorecards: scorecards.filter((scorecard) => scorecard.latestVersion !== null).map(({ id, name }) => ({ id, name })),
    filtered,
    isAgent,
  };
}

export default function Reviews() {
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const nextParams = new URLSearchParams(searchParams);
  if (data.nextCursor) nextParams.set("cursor", data.nextCursor);
  const firstParams = new URLSearchParams(searchParams);
  firstParams.delete("cursor");
  const exportParams = new URLSearchParams(searchParams);
  exportParams.delete("cursor");
  const select = (name: string, label: string, options: { value: string | number; label: string }[]) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={searchParams.get(name) ?? ""}>
        <option value="">{t("conversations.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  const { quality } = data;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{data.isAgent ? t("nav.myReviews") : t("reviews.title")}</h1>
          <p>
            {quality.mean === null
              ? t("reviews.noScores")
              : t("reviews.quality", { mean: formatScore(quality.mean, i18n.language), count: quality.count })}
            {quality.interval
              ? ` · ${t("reviews.interval", {
                  lower: formatScore(quality.interval.lower, i18n.language),
                  upper: formatScore(quality.interval.upper, i18n.language),
                })}`
              : ""}
          </p>
        </div>
        <a href={`/reviews/export.csv?${exportParams}`} className="btn btn-secondary" download>
          {t("reviews.export")}
        </a>
      </div>
      <div className="card">
        <Form method="get" className="filters" aria-label={t("conversations.filters")}>
          {data.isAgent ? null : (
            <>
              {select(
                "reviewer",
                t("reviews.reviewer"),
                data.reviewers.map((reviewer) => ({ value: reviewer.id, label: reviewer.name })),
              )}
              {select(
                "agent",
                t("conversations.agent"),
                data.agents.map((agent) => ({ value: agent.id, label: agent.name })),
              )}
              {select(
                "team",
                t("conversations.team"),
                data.teams.map((team) => ({ value: team.id, label: team.name })),
              )}
            </>
          )}
          {select(
            "channel",
            t("conversations.channel"),
            CHANNELS.map((channel) => ({ value: channel, label: t(`channels.${channel}`) })),
          )}
          {select(
            "scorecard",
            t("review.scorecard"),
            data.scorecards.map((scorecard) => ({ value: scorecard.id, label: scorecard.name })),
          )}
          {select(
            "kind",
            t("reviews.kind"),
            REVIEW_KINDS.map((kind) => ({ value: kind, label: t(`review.kinds.${kind}`) })),
          )}
          <div className="field">
            <label htmlFor="filter-min">{t("reviews.minScore")}</label>
            <input id="filter-min" name="min" type="number" min={0} max={110} step="any" defaultValue={searchParams.get("min") ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="filter-max">{t("reviews.maxScore")}</label>
            <input id="filter-max" name="max" type="number" min={0} max={110} step="any" defaultValue={searchParams.get("max") ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="filter-from">{t("conversations.from")}</label>
            <input id="filter-from" name="from" type="date" defaultValue={searchParams.get("from") ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">{t("conversations.to")}</label>
            <input id="filter-to" name="to" type="date" defaultValue={searchParams.get("to") ?? ""} />
          </div>
          <div className="actions">
            <button type="submit" className="btn">
              {t("conversations.apply")}
            </button>
            <Link to="/reviews" className="btn btn-secondary">
              {t("conversations.clear")}
            </Link>
          </div>
        </Form>
      </div>
      <div className="card">
        {data.reviews.length === 0 ? (
          <div className="empty">
            <strong>{data.filtered ? t("reviews.emptyFiltered") : data.isAgent ? t("reviews.emptyAgent") : t("reviews.empty")}</strong>
          </div>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("reviews.submitted")}</th>
                <th>{t("conversations.subject")}</th>
                <th>{t("conversations.channel")}</th>
                {data.isAgent ? null : <th>{t("conversations.agent")}</th>}
                <th>{t("reviews.reviewer")}</th>
                <th>{t("review.scorecard")}</th>
                <th className="num">{t("highlights.title")}</th>
                <th className="num">{t("review.score")}</th>
              </tr>
            </thead>
            <tbody>
              {data.reviews.map((review) => (
                <tr key={review.id}>
                  <td className="muted">{review.submittedAt ? dates.dateTime(review.submittedAt) : "—"}</td>
                  <td>
                    <Link to={`/reviews/${review.id}`} className="subject">
                      {review.subject || t("conversations.noSubject")}
                    </Link>
                    <div className="muted">
                      {review.teamName ?? ""}
                      {review.kind !== "standard" ? ` · ${t(`review.kinds.${review.kind}`)}` : ""}
                    </div>
                  </td>
                  <td>
                    <ChannelBadge channel={review.channel} />
                  </td>
                  {data.isAgent ? null : <td>{review.agentName ?? "—"}</td>}
                  <td>{review.reviewerName ?? <span className="muted">{t("reviews.hiddenReviewer")}</span>}</td>
                  <td className="muted">
                    {review.scorecardName} · v{review.scorecardVersion}
                  </td>
                  <td className="num">{review.highlightCount}</td>
                  <td className="num">
                    <ScoreBadge score={review.score} autoFailed={review.autoFailed} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="pager">
          {searchParams.get("cursor") ? <Link to={`?${firstParams}`}>← {t("conversations.first")}</Link> : <span />}
          {data.nextCursor ? (
            <Link to={`?${nextParams}`} rel="next">
              {t("conversations.next")} →
            </Link>
          ) : (
            <span />
          )}
        </div>
      </div>
    </>
  );
}
