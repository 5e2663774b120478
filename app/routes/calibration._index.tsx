import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import {
  conversationsWithinScope,
  createCalibrationSession,
  listCalibrationReviewers,
  listCalibrationSessions,
  pickCalibrationConversations,
} from "../../db/queries/calibration";
import { listPublishedScorecards } from "../../db/queries/scorecards";
import { listTeams } from "../../db/queries/users";
import { requireCalibrationUser } from "../calibration/access.server";
import { MAX_CALIBRATION_CONVERSATIONS, createSessionSchema, dueAtOf, parseConversationIds } from "../calibration/form";
import { useDates } from "../hooks";
import { resolveLocale } from "../locale.server";
import { mayUseTeam } from "../sampling/guards.server";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Calibration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, viewer, mayCreate } = await requireCalibrationUser(request);
  const db = await getDb();
  const [sessions, scorecards, reviewers, teams] = await Promise.all([
    listCalibrationSessions(db, { viewer }),
    mayCreate ? listPublishedScorecards(db) : [],
    mayCreate ? listCalibrationReviewers(db) : [],
    mayCreate ? listTeams(db) : [],
  ]);
  return {
    sessions,
    mayCreate,
    isAdmin: user.role === "admin",
    scorecards,
    reviewers,
    teams: teams.filter((team) => mayUseTeam(user, team.id)),
    userId: user.id,
  };
}

type Problem = { key: string; values?: Record<string, string | number> };

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope, mayCreate } = await requireCalibrationUser(request);
  if (!mayCreate) throw new Response("Forbidden", { status: 403 });
  const parsed = parseFormData(createSessionSchema, await request.formData(), resolveLocale(request, user.locale));
  if (!parsed.ok) return data({ errors: parsed.errors, problem: null as Problem | null }, { status: 400 });
  const form = parsed.data;
  if (!mayUseTeam(user, form.teamId)) throw new Response("Forbidden", { status: 403 });
  const fail = (problem: Problem) => data({ errors: {} as Record<string, string>, problem }, { status: 400 });

  const pasted = parseConversationIds(form.conversationIds);
  if (pasted.invalid.length)
    return fail({ key: "calibration.errors.unreadable", values: { items: pasted.invalid.slice(0, 5).join(", ") } });
  const db = await getDb();
  const found = await conversationsWithinScope(db, { ids: pasted.ids, scope });
  const missing = pasted.ids.filter((id) => !found.includes(id));
  if (missing.length) return fail({ key: "calibration.errors.notFound", values: { ids: missing.slice(0, 10).join(", ") } });
  let conversationIds = found;
  if (form.randomCount > 0) {
    const picked = await pickCalibrationConversations(db, {
      scope,
      teamId: form.teamId,
      count: form.randomCount + found.length,
      seed: `${user.id}:${Date.now()}`,
    });
    conversationIds = [...found, ...picked.filter((id) => !found.includes(id)).slice(0, form.randomCount)];
  }
  if (conversationIds.length > MAX_CALIBRATION_CONVERSATIONS) {
    return fail({ key: "calibration.errors.tooMany", values: { max: MAX_CALIBRATION_CONVERSATIONS } });
  }
  const created = await createCalibrationSession(db, {
    name: form.name,
    scorecardVersionId: form.scorecardVersionId,
    teamId: form.teamId,
    referenceReviewerId: form.referenceReviewerId,
    dueAt: dueAtOf(form.dueDate),
    blind: form.blind,
    conversationIds,
    reviewerIds: form["reviewerIds[]"],
    createdBy: user.id,
  });
  if (!created.ok) return fail({ key: `calibration.errors.${created.reason}` });
  return redirect(`/calibration/${created.id}`);
}

export default function CalibrationSessions() {
  const { sessions, mayCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("calibration.title")}</h1>
          <p>{t("calibration.subtitle")}</p>
        </div>
      </div>
      <div className="card">
        {sessions.length === 0 ? (
          <div className="empty">
            <strong>{t("calibration.emptyTitle")}</strong>
            {mayCreate ? t("calibration.emptyManager") : t("calibration.emptyReviewer")}
          </div>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("calibration.name")}</th>
                <th>{t("calibration.status")}</th>
                <th>{t("calibration.scorecard")}</th>
                <th>{t("calibration.due")}</th>
                <th className="num">{t("calibration.conversations")}</th>
                <th>{t("calibration.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => {
                const total = session.conversationCount * session.reviewerCount;
                return (
                  <tr key={session.id}>
                    <td>
                      <Link to={`/calibration/${session.id}`} className="subject">
                        {session.name}
                      </Link>
                      <div className="muted">
                        {session.teamName ?? t("calibration.allTeams")}
                        {session.isParticipant
                          ? ` · ${t("calibration.youRate", { done: session.mySubmitted, total: session.conversationCount })}`
                          : ""}
                      </div>
                    </td>
                    <td>
                      <span className={`badge ${session.status === "open" ? "badge-warning" : ""}`}>
                        {t(`calibration.statuses.${session.status}`)}
                      </span>
                    </td>
                    <td>
                      {session.scorecardName} · v{session.scorecardVersion}
                    </td>
                    <td>{session.dueAt ? dates.dateTime(session.dueAt) : t("common.none")}</td>
                    <td className="num">{session.conversationCount}</td>
                    <td>
                      <div className="progress-label">{t("calibration.ratingsDone", { done: session.submitted, total })}</div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {mayCreate ? <NewSessionForm /> : null}
    </>
  );
}

function NewSessionForm() {
  const { scorecards, reviewers, teams, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors = result?.errors ?? {};
  return (
    <div className="card">
      <div className="card-body">
        <h2>{t("calibration.newSession")}</h2>
        <p className="muted">{t("calibration.newSessionHelp")}</p>
        {scorecards.length === 0 ? (
          <p className="alert alert-info">
            {t("calibration.noScorecards")} <Link to="/scorecards">{t("nav.scorecards")}</Link>
          </p>
        ) : (
          <Form method="post" className="calibration-form">
            <input type="hidden" name="intent" value="create" />
            <div className="grid-form">
              <label>
                {t("calibration.name")}
                <input name="name" required maxLength={120} />
                {errors.name ? <span className="field-error">{errors.name}</span> : null}
              </label>
              <label>
                {t("calibration.scorecard")}
                <select name="scorecardVersionId" required>
                  {scorecards.map((scorecard) => (
                    <option key={scorecard.versionId} value={scorecard.versionId}>
                      {scorecard.name} · v{scorecard.version}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("calibration.team")}
                <select name="teamId" defaultValue={isAdmin ? "" : String(teams[0]?.id ?? "")}>
                  {isAdmin ? <option value="">{t("calibration.allTeams")}</option> : null}
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("calibration.dueDate")}
                <input type="date" name="dueDate" />
                {errors.dueDate ? <span className="field-error">{errors.dueDate}</span> : null}
              </label>
            </div>

            <fieldset className="calibration-fieldset">
              <legend>{t("calibration.reviewers")}</legend>
              <p className="muted small">{t("calibration.reviewersHelp")}</p>
              <div className="checkbox-list">
                {reviewers.map((reviewer) => (
                  <label key={reviewer.id} className="checkbox">
                    <input type="checkbox" name="reviewerIds[]" value={reviewer.id} /> {reviewer.name} ({t(`roles.${reviewer.role}`)})
                  </label>
                ))}
              </div>
              <label className="calibration-reference">
                {t("calibration.reference")}
                <select name="referenceReviewerId" defaultValue="">
                  <option value="">{t("calibration.noReference")}</option>
                  {reviewers.map((reviewer) => (
                    <option key={reviewer.id} value={reviewer.id}>
                      {reviewer.name}
                    </option>
                  ))}
                </select>
                <span className="muted small">{t("calibration.referenceHelp")}</span>
              </label>
            </fieldset>

            <fieldset className="calibration-fieldset">
              <legend>{t("calibration.conversations")}</legend>
              <label>
                {t("calibration.pasteIds")}
                <textarea name="conversationIds" rows={3} placeholder="1021, 1022, https://…/conversations/1040" />
              </label>
              <label className="calibration-random">
                {t("calibration.randomCount", { max: MAX_CALIBRATION_CONVERSATIONS })}
                <input type="number" name="randomCount" min={0} max={MAX_CALIBRATION_CONVERSATIONS} defaultValue={0} />
              </label>
              <p className="muted small">{t("calibration.conversationsHelp")}</p>
            </fieldset>

            <label className="checkbox">
              <input type="checkbox" name="blind" defaultChecked /> {t("calibration.blind")}
            </label>
            <p className="muted small">{t("calibration.blindHelp")}</p>

            {result?.problem ? (
              <p className="alert alert-error" role="alert">
                {t(result.problem.key, result.problem.values)}
              </p>
            ) : null}
            {Object.keys(errors).length ? (
              <p className="alert alert-error" role="alert">
                {Object.entries(errors)
                  .map(([field, message]) => `${field}: ${message}`)
                  .join(" · ")}
              </p>
            ) : null}
            <button type="submit" className="btn" disabled={navigation.state !== "idle"}>
              {t("calibration.create")}
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}
