import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { getReviewSettings, putReviewSettings } from "../../db/queries/reviews";
import { createScorecard, listScorecards } from "../../db/queries/scorecards";
import { listTeams } from "../../db/queries/users";
import { ROLE_GROUPS, requireRole } from "../auth/guards.server";
import { ChannelBadge } from "../components/badges";
import { useDates } from "../hooks";
import { createI18n } from "../i18n/i18n";
import { resolveLocale } from "../locale.server";
import { starterDefinition } from "../scorecards/editable";
import { SCORECARD_EDITOR_ROLES } from "../reviews/permissions";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Scorecards" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, SCORECARD_EDITOR_ROLES);
  const db = await getDb();
  const [scorecards, teams, settings] = await Promise.all([listScorecards(db), listTeams(db), getReviewSettings(db)]);
  return { scorecards, teams, settings, isAdmin: user.role === "admin" };
}

const createSchema = z.object({
  intent: z.literal("create"),
  name: z.string().trim().min(1).max(120),
  language: z.enum(["es", "en"]),
});

const settingsSchema = z.object({
  intent: z.literal("settings"),
  hideReviewerFromAgents: z.literal("on").optional(),
  selfReview: z.literal("on").optional(),
  peerReview: z.literal("on").optional(),
});

const actionSchema = z.discriminatedUnion("intent", [createSchema, settingsSchema]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, SCORECARD_EDITOR_ROLES);
  const locale = resolveLocale(request, user.locale);
  const parsed = parseFormData(actionSchema, await request.formData(), locale);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const db = await getDb();
  if (parsed.data.intent === "settings") {
    await requireRole(request, ROLE_GROUPS.admins);
    await putReviewSettings(db, {
      hideReviewerFromAgents: parsed.data.hideReviewerFromAgents === "on",
      selfReview: parsed.data.selfReview === "on",
      peerReview: parsed.data.peerReview === "on",
    });
    return { ok: true as const, message: "scorecards.settingsSaved" };
  }
  const { t } = createI18n(parsed.data.language);
  const scorecard = await createScorecard(db, {
    name: parsed.data.name,
    language: parsed.data.language,
    draft: starterDefinition(parsed.data.language, t),
    createdBy: user.id,
    languages: [parsed.data.language],
  });
  return redirect(`/scorecards/${scorecard.id}`);
}

export default function Scorecards() {
  const { scorecards, teams, settings, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const dates = useDates();
  const teamName = (id: number) => teams.find((team) => team.id === id)?.name ?? `#${id}`;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("scorecards.title")}</h1>
          <p>{t("scorecards.subtitle")}</p>
        </div>
        <div className="actions">
          <Link to="/scorecards/autoqa" className="btn btn-secondary" data-testid="autoqa-link">
            {t("scorecards.autoQaLink")}
          </Link>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert-success" role="status">
          {t(result.message)}
        </div>
      ) : null}
      <div className="card">
        {scorecards.length === 0 ? (
          <div className="empty">
            <strong>{t("scorecards.emptyTitle")}</strong>
            {t("scorecards.empty")}
          </div>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("scorecards.name")}</th>
                <th>{t("scorecards.appliesTo")}</th>
                <th>{t("scorecards.version")}</th>
                <th className="num">{t("nav.reviews")}</th>
                <th>{t("scorecards.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {scorecards.map((scorecard) => {
                const rules = [...scorecard.languages.map((language) => t(`languages.${language}`)), ...scorecard.teamIds.map(teamName)];
                return (
                  <tr key={scorecard.id} className={scorecard.active ? undefined : "inactive"}>
                    <td>
                      <Link to={`/scorecards/${scorecard.id}`} className="subject">
                        {scorecard.name}
                      </Link>
                      <div className="muted">
                        {scorecard.language ? t(`languages.${scorecard.language}`) : ""}
                        {scorecard.active ? "" : ` · ${t("scorecards.archived")}`}
                      </div>
                    </td>
                    <td>
                      {scorecard.channels.map((channel) => (
                        <ChannelBadge key={channel} channel={channel} />
                      ))}{" "}
                      {rules.length || scorecard.channels.length ? (
                        rules.join(" · ")
                      ) : (
                        <span className="muted">{t("scorecards.everything")}</span>
                      )}
                    </td>
                    <td>
                      {scorecard.latestVersion === null ? (
                        <span className="badge badge-warning">{t("scorecards.neverPublished")}</span>
                      ) : (
                        <span className="badge badge-success">v{scorecard.latestVersion}</span>
                      )}{" "}
                      {scorecard.hasDraft && scorecard.latestVersion !== null ? (
                        <span className="badge">{t("scorecards.draftPending")}</span>
                      ) : null}
                    </td>
                    <td className="num">{scorecard.reviewCount.toLocaleString(i18n.language)}</td>
                    <td className="muted">{dates.dateTime(scorecard.updatedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>

      <div className="card">
        <div className="card-body">
          <h2>{t("scorecards.create")}</h2>
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="create" />
            <div className="field">
              <label htmlFor="new-scorecard-name">{t("scorecards.name")}</label>
              <input id="new-scorecard-name" name="name" type="text" required maxLength={120} />
            </div>
            <div className="field">
              <label htmlFor="new-scorecard-language">{t("scorecards.language")}</label>
              <select id="new-scorecard-language" name="language" defaultValue={i18n.language === "es" ? "es" : "en"}>
                <option value="es">{t("languages.es")}</option>
                <option value="en">{t("languages.en")}</option>
              </select>
            </div>
            <div className="actions">
              <button type="submit" className="btn" disabled={navigation.state !== "idle"}>
                {t("scorecards.createButton")}
              </button>
            </div>
          </Form>
        </div>
      </div>

      {isAdmin ? (
        <div className="card">
          <div className="card-body">
            <h2>{t("scorecards.settingsTitle")}</h2>
            <Form method="post" className="settings-form">
              <input type="hidden" name="intent" value="settings" />
              <label className="check">
                <input type="checkbox" name="hideReviewerFromAgents" defaultChecked={settings.hideReviewerFromAgents} />
                <span>
                  <strong>{t("scorecards.hideReviewer")}</strong>
                  <span className="muted">{t("scorecards.hideReviewerHelp")}</span>
                </span>
              </label>
              <label className="check">
                <input type="checkbox" name="selfReview" defaultChecked={settings.selfReview} />
                <span>
                  <strong>{t("scorecards.selfReview")}</strong>
                  <span className="muted">{t("scorecards.selfReviewHelp")}</span>
                </span>
              </label>
              <label className="check">
                <input type="checkbox" name="peerReview" defaultChecked={settings.peerReview} />
                <span>
                  <strong>{t("scorecards.peerReview")}</strong>
                  <span className="muted">{t("scorecards.peerReviewHelp")}</span>
                </span>
              </label>
              <div className="actions">
                <button type="submit" className="btn btn-secondary">
                  {t("users.save")}
                </button>
              </div>
            </Form>
          </div>
        </div>
      ) : null}
    </>
  );
}
