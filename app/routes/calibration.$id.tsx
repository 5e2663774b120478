import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { closeCalibrationSession, getCalibrationSession } from "../../db/queries/calibration";
import type { AlphaSummary, CalibrationResults } from "../../scoring/agreement";
import { requireCalibrationUser } from "../calibration/access.server";
import { type ItemState, sessionPage } from "../calibration/session-page.server";
import { ChannelBadge } from "../components/badges";
import { CriterionAgreementChart } from "../components/calibration/CriterionAgreementChart";
import { useDates } from "../hooks";
import { parseFormData } from "../validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Calidad QA · ${data?.session.name ?? "Calibration"}` }];

const idSchema = z.coerce.number().int().positive();

async function loadSession(request: Request, idParam: string | undefined) {
  const { user, viewer } = await requireCalibrationUser(request);
  const id = idSchema.safeParse(idParam);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const db = await getDb();
  const session = await getCalibrationSession(db, { id: id.data, viewer });
  if (!session) throw new Response("Not found", { status: 404 });
  return { user, viewer, db, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, session } = await loadSession(request, params.id);
  const page = await sessionPage(db, session, user.id);
  return { session, ...page, userId: user.id };
}

const actionSchema = z.object({ intent: z.literal("close") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, session } = await loadSession(request, params.id);
  const parsed = parseFormData(actionSchema, await request.formData());
  if (!parsed.ok) throw new Response("Bad request", { status: 400 });
  if (!session.canManage) throw new Response("Forbidden", { status: 403 });
  await closeCalibrationSession(db, { id: session.id, viewer });
  return redirect(`/calibration/${session.id}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function useNumbers() {
  const { i18n } = useTranslation();
  const two = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const one = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" });
  const percent = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  return {
    alpha: (value: number | null | undefined) => (value === null || value === undefined ? "—" : two.format(value)),
    points: (value: number | null | undefined) => (value === null || value === undefined ? "—" : one.format(value)),
    signed: (value: number | null | undefined) => (value === null || value === undefined ? "—" : signed.format(value)),
    percent: (value: number | null | undefined) => (value === null || value === undefined ? "—" : percent.format(value)),
  };
}

const STATE_MARK: Record<ItemState, string> = { not_started: "—", draft: "✎", submitted: "✓" };

export default function CalibrationSessionPage() {
  const data = useLoaderData<typeof loader>();
  const { session } = data;
  const { t } = useTranslation();
  const dates = useDates();
  const reference = session.reviewers.find((reviewer) => reviewer.id === session.referenceReviewerId);
  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted">
            <Link to="/calibration">{t("calibration.title")}</Link>
          </p>
          <h1>{session.name}</h1>
          <p>
            <span className={`badge ${session.status === "open" ? "badge-warning" : ""}`}>
              {t(`calibration.statuses.${session.status}`)}
            </span>{" "}
            · {session.scorecardName} · v{session.scorecardVersion} · {session.teamName ?? t("calibration.allTeams")}
            {session.dueAt ? ` · ${t("calibration.dueOn", { date: dates.dateTime(session.dueAt) })}` : ""}
            {reference ? ` · ${t("calibration.referenceIs", { name: reference.name })}` : ""}
            {session.blind ? ` · ${t("calibration.blindShort")}` : ""}
          </p>
        </div>
        {session.canManage && session.status === "open" ? (
          <Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm(t("calibration.closeConfirm"))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="close" />
            <button type="submit" className="btn btn-secondary">
              {t("calibration.close")}
            </button>
          </Form>
        ) : null}
      </div>

      {session.isParticipant ? <MyItems data={data} /> : null}
      <Progress data={data} />
      {data.resultsVisible && data.results ? (
        <Results data={data} results={data.results} />
      ) : (
        <div className="card">
          <div className="empty" data-testid="results-hidden">
            <strong>{t("calibration.hiddenTitle")}</strong>
            {t("calibration.hidden", { done: data.mySubmitted, total: session.conversations.length })}
          </div>
        </div>
      )}
    </>
  );
}

function MyItems({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const { session, myItems } = data;
  const next = myItems.find((item) => item.state !== "submitted");
  const subjectOf = (id: number) => session.conversations.find((conversation) => conversation.id === id);
  return (
    <div className="card">
      <div className="card-body calibration-my-head">
        <div>
          <h2>{t("calibration.myItems")}</h2>
          <p className="muted">
            {t("calibration.youRate", { done: data.mySubmitted, total: session.conversations.length })}
            {session.status === "open" ? ` · ${t("calibration.myItemsHelp")}` : ""}
          </p>
        </div>
        {next && session.status === "open" ? (
          <Link to={`/conversations/${next.conversationId}/review?calibration=${session.id}`} className="btn" data-testid="rate-next">
            {next.state === "draft" ? t("calibration.continueRating") : t("calibration.startRating")}
          </Link>
        ) : null}
      </div>
      <table className="data">
        <tbody>
          {myItems.map((item) => {
            const conversation = subjectOf(item.conversationId);
            return (
              <tr key={item.conversationId}>
                <td>
                  {session.status === "open" || item.state !== "not_started" ? (
                    <Link to={`/conversations/${item.conversationId}/review?calibration=${session.id}`} className="subject">
                      {conversation?.subject || t("conversations.noSubject")}
                    </Link>
                  ) : (
                    conversation?.subject || t("conversations.noSubject")
                  )}
                </td>
                <td>{conversation ? <ChannelBadge channel={conversation.channel} /> : null}</td>
                <td>{conversation?.agentName ?? "—"}</td>
                <td>
                  <span className={`badge ${item.state === "submitted" ? "badge-success" : ""}`}>
                    {t(`calibration.itemStates.${item.state}`)}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Progress({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const { session, progress } = data;
  const total = session.conversations.length * session.reviewers.length;
  const percent = total === 0 ? 0 : Math.round((data.submittedTotal / total) * 100);
  return (
    <div className="card">
      <div className="card-body">
        <h2>{t("calibration.progress")}</h2>
        <p className="muted">{t("calibration.ratingsDone", { done: data.submittedTotal, total })}</p>
        <div
          className="progress"
          role="progressbar"
          aria-valuenow={percent}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label={t("calibration.progress")}
        >
          <span style={{ width: `${percent}%` }} />
        </div>
      </div>
      <table className="data calibration-progress">
        <thead>
          <tr>
            <th>{t("calibration.conversation")}</th>
            {session.reviewers.map((reviewer) => (
              <th key={reviewer.id} className="num">
                {reviewer.name}
                {reviewer.id === session.referenceReviewerId ? ` (${t("calibration.referenceShort")})` : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {progress.map((row) => {
            const conversation = session.conversations.find((item) => item.id === row.conversationId);
            return (
              <tr key={row.conversationId}>
                <td>
                  #{row.conversationId} {conversation?.subject ?? ""}
                </td>
                {session.reviewers.map((reviewer) => {
                  const state = row.states[reviewer.id] as ItemState;
                  return (
                    <td key={reviewer.id} className="num" title={t(`calibration.itemStates.${state}`)} data-state={state}>
                      <span aria-hidden="true">{STATE_MARK[state]}</span>
                      <span className="visually-hidden">{t(`calibration.itemStates.${state}`)}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function AlphaHeadline({ summary, units }: { summary: AlphaSummary; units: number }) {
  const { t } = useTranslation();
  const numbers = useNumbers();
  const { result, interval, reading } = summary;
  if (result.alpha === null || reading.level === null) {
    return (
      <div className="empty" data-testid="alpha-undefined">
        <strong>{t("calibration.alphaUndefinedTitle")}</strong>
        {t(`calibration.alphaUndefined.${result.reason ?? "no_pairable_units"}`)}
      </div>
    );
  }
  const levels = reading.plausibleLevels.map((level) => t(`calibration.levels.${level}`).toLowerCase()).join(" · ");
  return (
    <div className={`calibration-alpha calibration-alpha-${reading.level}`} data-testid="alpha">
      <div className="calibration-alpha-value">
        <span className="muted small">{t("calibration.alphaLabel")}</span>
        <strong data-testid="alpha-value">α = {numbers.alpha(result.alpha)}</strong>
        <span className="muted">
          {interval
            ? t("calibration.interval", { lower: numbers.alpha(interval.lower), upper: numbers.alpha(interval.upper) })
            : t("calibration.noInterval")}
        </span>
      </div>
      <div className="calibration-alpha-reading">
        <p>
          <span className={`badge calibration-level-${reading.level}`} data-testid="alpha-level">
            {t(`calibration.levels.${reading.level}`)}
          </span>{" "}
          {t(`calibration.readings.${reading.level}`)}
        </p>
        <p>
          {reading.certainty === "clear" && interval
            ? t("calibration.certainty.clear", { lower: numbers.alpha(interval.lower), upper: numbers.alpha(interval.upper) })
            : reading.certainty === "uncertain" && interval
              ? t("calibration.certainty.uncertain", {
                  lower: numbers.alpha(interval.lower),
                  upper: numbers.alpha(interval.upper),
                  levels,
                  units,
                })
              : t("calibration.certainty.unknown", { units })}
        </p>
        {interval ? (
          <p className="muted small">{t("calibration.probabilityBelow", { percent: numbers.percent(interval.probabilityBelowMinimum) })}</p>
        ) : null}
      </div>
    </div>
  );
}

function Results({ data, results }: { data: LoaderData; results: CalibrationResults }) {
  const { t } = useTranslation();
  const numbers = useNumbers();
  const { session } = data;
  const nameOf = (id: string) => session.reviewers.find((reviewer) => reviewer.id === id)?.name ?? id;
  const reference = session.referenceReviewerId ? nameOf(session.referenceReviewerId) : null;
  const conversationOf = (id: number) => session.conversations.find((conversation) => conversation.id === id);
  const bars = results.criteria.flatMap((criterion) =>
    criterion.result.alpha === null ? [] : [{ title: criterion.title, alpha: criterion.result.alpha }],
  );
  return (
    <>
      <div className="card">
        <div className="card-body">
          <h2>{t("calibration.agreement")}</h2>
          <AlphaHeadline summary={results.overall} units={results.overall.result.pairableUnits} />
          <p className="muted small">
            {t("calibration.method", { replicates: results.overall.interval?.replicates ?? 0 })} {t("calibration.thresholdsSource")}
          </p>
          <p className="muted small">
            {results.criticalFails.fleiss?.kappa !== null && results.criticalFails.fleiss
              ? t("calibration.criticalFails", {
                  kappa: numbers.alpha(results.criticalFails.fleiss.kappa),
                  percent: numbers.percent(results.criticalFails.percent.agreement),
                })
              : t("calibration.criticalFailsNone", { percent: numbers.percent(results.criticalFails.percent.agreement) })}
          </p>
        </div>
      </div>

      <div className="card">
        <div className="card-body">
          <h2>{t("calibration.byCriterion")}</h2>
          <p className="muted">{t("calibration.byCriterionHelp")}</p>
          {bars.length ? <CriterionAgreementChart bars={bars} /> : null}
        </div>
        <table className="data" data-testid="criteria-table">
          <thead>
            <tr>
              <th>{t("calibration.criterion")}</th>
              <th className="num calibration-symbol">α</th>
              <th className="num">{t("calibration.interval95")}</th>
              <th className="num">{t("calibration.exactAgreement")}</th>
              <th className="num">{t("calibration.naDisagreements")}</th>
              <th className="num calibration-symbol">{t("calibration.kappaPassFail")}</th>
            </tr>
          </thead>
          <tbody>
            {results.criteria.map((criterion) => (
              <tr key={criterion.criterionId} data-criterion-id={criterion.criterionId}>
                <td>
                  {criterion.title}
                  <div className="muted small">{t(`calibration.metrics.${criterion.metric}`)}</div>
                </td>
                <td className="num">
                  {criterion.result.alpha === null ? (
                    <span className="muted" title={t(`calibration.alphaUndefined.${criterion.result.reason ?? "no_pairable_units"}`)}>
                      {t(`calibration.alphaUndefinedShort.${criterion.result.reason ?? "no_pairable_units"}`)}
                    </span>
                  ) : (
                    <span className={`calibration-level-text-${criterion.reading.level}`}>{numbers.alpha(criterion.result.alpha)}</span>
                  )}
                </td>
                <td className="num">
                  {criterion.interval ? `${numbers.alpha(criterion.interval.lower)} – ${numbers.alpha(criterion.interval.upper)}` : "—"}
                </td>
                <td className="num">{numbers.percent(criterion.percent.agreement)}</td>
                <td className="num">{criterion.naDisagreements}</td>
                <td className="num">{criterion.binary ? numbers.alpha(criterion.fleiss?.kappa) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="card">
        <div className="card-body">
          <h2>{t("calibration.byReviewer")}</h2>
          <p className="muted">
            {reference ? t("calibration.comparedWithReference", { name: reference }) : t("calibration.comparedWithOthers")}
          </p>
        </div>
        <table className="data" data-testid="reviewers-table">
          <thead>
            <tr>
              <th>{t("calibration.reviewer")}</th>
              <th className="num">{t("calibration.submitted")}</th>
              <th className="num">{t("calibration.meanDeviation")}</th>
              <th className="num">{t("calibration.meanAbsoluteDeviation")}</th>
              <th className="num">{t("calibration.criterionDeviation")}</th>
              {reference ? <th className="num calibration-symbol">{t("calibration.kappaVsReference")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {results.reviewers.map((reviewer) => {
              const deviation = reviewer.score.meanDeviation;
              return (
                <tr key={reviewer.reviewerId}>
                  <td>
                    {nameOf(reviewer.reviewerId)}
                    {reviewer.isReference ? (
                      <span className="badge calibration-reference-badge">{t("calibration.referenceShort")}</span>
                    ) : null}
                  </td>
                  <td className="num">
                    {reviewer.submitted} / {session.conversations.length}
                  </td>
                  <td className="num">
                    {reviewer.isReference ? (
                      "—"
                    ) : (
                      <>
                        {numbers.signed(deviation)}
                        {deviation !== null && Math.abs(deviation) >= 0.05 ? (
                          <div className="muted small">{deviation < 0 ? t("calibration.harsher") : t("calibration.moreLenient")}</div>
                        ) : null}
                      </>
                    )}
                  </td>
                  <td className="num">{reviewer.isReference ? "—" : numbers.points(reviewer.score.meanAbsoluteDeviation)}</td>
                  <td className="num">{reviewer.isReference ? "—" : numbers.points(reviewer.criterionMeanAbsoluteDeviation)}</td>
                  {reference ? (
                    <td className="num">{reviewer.isReference ? "—" : numbers.alpha(reviewer.passFailKappaVsReference?.kappa)}</td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="card-body muted small">{t("calibration.deviationHelp")}</p>
      </div>

      <div className="card">
        <div className="card-body">
          <h2>{t("calibration.byConversation")}</h2>
          <p className="muted">{t("calibration.byConversationHelp")}</p>
        </div>
        <table className="data" data-testid="conversations-table">
          <thead>
            <tr>
              <th>{t("calibration.conversation")}</th>
              {session.reviewers.map((reviewer) => (
                <th key={reviewer.id} className="num">
                  {reviewer.name}
                </th>
              ))}
              <th className="num">{t("calibration.spread")}</th>
              <th>{t("calibration.disputedCriteria")}</th>
            </tr>
          </thead>
          <tbody>
            {results.conversations.map((row) => {
              const conversation = conversationOf(row.conversationId);
              return (
                <tr key={row.conversationId}>
                  <td>
                    <Link to={`/conversations/${row.conversationId}`} className="subject">
                      {conversation?.subject || t("conversations.noSubject")}
                    </Link>
                    <div className="muted">{conversation?.agentName ?? "—"}</div>
                  </td>
                  {session.reviewers.map((reviewer) => (
                    <td key={reviewer.id} className="num">
                      {reviewer.id in row.scores ? numbers.points(row.scores[reviewer.id]) : "—"}
                    </td>
                  ))}
                  <td className="num">{numbers.points(row.range)}</td>
                  <td>
                    {row.disagreeingCriterionIds.length === 0 ? (
                      <span className="muted">{row.submitted < 2 ? t("calibration.notEnoughRatings") : t("calibration.noDispute")}</span>
                    ) : (
                      row.disagreeingCriterionIds.map((id) => (
                        <span key={id} className="badge badge-reason">
                          {data.criterionTitles[id] ?? id}
                        </span>
                      ))
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
