import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { acceptanceReport } from "../../db/queries/autoqa";
import { AUTOQA_MODEL, MIN_DECISIONS_TO_JUDGE, WEAK_ACCEPTANCE } from "../../scoring/autoqa";
import { conversationScope, requireRole } from "../auth/guards.server";
import { SCORECARD_EDITOR_ROLES } from "../reviews/permissions";

export const meta: MetaFunction = () => [{ title: "Calidad QA · AutoQA" }];

// A malformed filter falls back to the current rules, as other list filters do.
const filtersSchema = z.object({ versions: z.enum(["current", "all"]).catch("current").default("current") });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, SCORECARD_EDITOR_ROLES);
  const { versions } = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const report = await acceptanceReport(db, {
    scope: conversationScope(user),
    modelVersion: versions === "current" ? AUTOQA_MODEL.version : null,
  });
  return { ...report, versions, modelVersion: AUTOQA_MODEL.version };
}

type Summary = Omit<ReturnType<typeof useLoaderData<typeof loader>>["features"][number], "feature" | "linkedCriteria">;

function Percent({ share, locale }: { share: number | null; locale: string }) {
  if (share === null) return <span className="muted">—</span>;
  return <>{new Intl.NumberFormat(locale === "es" ? "es-ES" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(share)}</>;
}

function Direction({ summary }: { summary: Summary }) {
  const { t, i18n } = useTranslation();
  if (summary.typicalDirection === null) return <span className="muted">—</span>;
  const { direction, share } = summary.typicalDirection;
  const shift =
    summary.meanShift === null
      ? ""
      : ` · ${t("autoqa.page.meanShift", {
          points: new Intl.NumberFormat(i18n.language === "es" ? "es-ES" : "en-GB", {
            signDisplay: "always",
            maximumFractionDigits: 0,
          }).format(summary.meanShift),
        })}`;
  return (
    <span data-direction={direction}>
      {t(`autoqa.page.directions.${direction}`)}{" "}
      <span className="muted">
        ({new Intl.NumberFormat(i18n.language === "es" ? "es-ES" : "en-GB", { style: "percent", maximumFractionDigits: 0 }).format(share)}
        {shift})
      </span>
    </span>
  );
}

function Counts({ summary }: { summary: Summary }) {
  const { i18n } = useTranslation();
  return (
    <>
      <td className="num" data-col="suggested">
        {summary.suggested}
      </td>
      <td className="num" data-col="decided">
        {summary.decided}
      </td>
      <td className="num" data-col="accepted" data-count={summary.accepted}>
        <Percent share={summary.acceptedShare} locale={i18n.language} />
      </td>
      <td className="num" data-col="overridden" data-count={summary.overridden}>
        <Percent share={summary.overriddenShare} locale={i18n.language} />
      </td>
      <td data-col="direction">
        <Direction summary={summary} />
      </td>
      <td className="num" data-col="no-suggestion">
        {summary.noSuggestion}
      </td>
    </>
  );
}

function CountHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <th className="num">{t("autoqa.page.suggested")}</th>
      <th className="num">{t("autoqa.page.decided")}</th>
      <th className="num">{t("autoqa.page.accepted")}</th>
      <th className="num">{t("autoqa.page.overridden")}</th>
      <th>{t("autoqa.page.direction")}</th>
      <th className="num">{t("autoqa.page.noSuggestion")}</th>
    </>
  );
}

export default function AutoQaAcceptance() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const nothingLinked = data.linkedCount === 0 && data.criteria.length === 0;
  return (
    <>
      <div className="page-header">
        <div>
          <Link to="/scorecards" className="muted">
            ← {t("scorecards.back")}
          </Link>
          <h1>{t("autoqa.page.title")}</h1>
          <p>{t("autoqa.page.subtitle")}</p>
        </div>
        {nothingLinked ? null : (
          <Form method="get" className="inline-form">
            <label htmlFor="versions" className="muted small">
              {t("autoqa.page.rules")}
            </label>{" "}
            <select
              id="versions"
              name="versions"
              defaultValue={data.versions}
              onChange={(event) => event.currentTarget.form?.requestSubmit()}
            >
              <option value="current">{t("autoqa.page.currentRules", { version: data.modelVersion })}</option>
              <option value="all">{t("autoqa.page.allRules")}</option>
            </select>{" "}
            <noscript>
              <button type="submit" className="btn btn-small">
                {t("autoqa.page.apply")}
              </button>
            </noscript>
          </Form>
        )}
      </div>

      {nothingLinked ? (
        <div className="card">
          <div className="empty" data-testid="autoqa-empty">
            <strong>{t("autoqa.page.emptyTitle")}</strong>
            <p>{t("autoqa.page.empty")}</p>
            <ol className="autoqa-steps">
              <li>{t("autoqa.page.step1")}</li>
              <li>{t("autoqa.page.step2")}</li>
              <li>{t("autoqa.page.step3")}</li>
              <li>{t("autoqa.page.step4")}</li>
            </ol>
            {data.linkedInDrafts > 0 ? (
              <p className="alert alert-info">{t("autoqa.page.draftLinks", { count: data.linkedInDrafts })}</p>
            ) : null}
            <Link to="/scorecards" className="btn">
              {t("autoqa.page.openScorecards")}
            </Link>
          </div>
        </div>
      ) : (
        <>
          <div className="card">
            <div className="card-body">
              <h2>{t("autoqa.page.byFeature")}</h2>
              <p className="muted small">
                {t("autoqa.page.weakRule", {
                  share: Math.round(WEAK_ACCEPTANCE * 100),
                  count: MIN_DECISIONS_TO_JUDGE,
                })}
              </p>
            </div>
            <div className="table-scroll">
              <table className="data" data-testid="autoqa-features">
                <thead>
                  <tr>
                    <th>{t("autoqa.page.feature")}</th>
                    <th className="num">{t("autoqa.page.linkedCriteria")}</th>
                    <CountHeaders />
                  </tr>
                </thead>
                <tbody>
                  {data.features.map((row) => (
                    <tr key={row.feature} data-feature={row.feature} className={row.weak ? "row-weak" : undefined}>
                      <td>
                        {t(`autoqa.features.${row.feature}`, { defaultValue: row.feature })}
                        {row.weak ? <span className="badge badge-danger autoqa-weak">{t("autoqa.page.weak")}</span> : null}
                      </td>
                      <td className="num">{row.linkedCriteria}</td>
                      <Counts summary={row} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>

          <div className="card">
            <div className="card-body">
              <h2>{t("autoqa.page.byCriterion")}</h2>
              {data.criteria.every((row) => row.suggested === 0 && row.decided === 0) ? (
                <p className="muted" data-testid="autoqa-no-data">
                  {t("autoqa.page.noData")}
                </p>
              ) : null}
            </div>
            <div className="table-scroll">
              <table className="data" data-testid="autoqa-criteria">
                <thead>
                  <tr>
                    <th>{t("autoqa.page.criterion")}</th>
                    <th>{t("autoqa.page.feature")}</th>
                    <CountHeaders />
                  </tr>
                </thead>
                <tbody>
                  {data.criteria.map((row) => (
                    <tr
                      key={`${row.scorecardId}-${row.criterionId}-${row.feature}`}
                      data-scorecard-id={row.scorecardId}
                      data-criterion-id={row.criterionId}
                      data-feature={row.feature}
                      className={row.weak ? "row-weak" : undefined}
                    >
                      <td>
                        <Link to={`/scorecards/${row.scorecardId}`}>{row.criterionTitle}</Link>
                        <div className="muted small">
                          {row.scorecardName}
                          {row.linkedNow ? "" : ` · ${t("autoqa.page.noLongerLinked")}`}
                        </div>
                      </td>
                      <td>
                        {t(`autoqa.features.${row.feature}`, { defaultValue: row.feature })}
                        {row.weak ? <span className="badge badge-danger autoqa-weak">{t("autoqa.page.weak")}</span> : null}
                      </td>
                      <Counts summary={row} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <p className="muted small">{t("autoqa.page.footnote")}</p>
        </>
      )}
    </>
  );
}
