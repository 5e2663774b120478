import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { createRule, listRules } from "../../db/queries/sampling";
import { listTeams } from "../../db/queries/users";
import { useDates } from "../hooks";
import { resolveLocale } from "../locale.server";
import { mayUseTeam, requireSamplingUser } from "../sampling/guards.server";
import { defaultDefinition } from "../sampling/rule-form";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Sampling" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireSamplingUser(request);
  const db = await getDb();
  const [rules, teams] = await Promise.all([listRules(db, { scope }), listTeams(db)]);
  return { rules, teams: teams.filter((team) => mayUseTeam(user, team.id)), isAdmin: user.role === "admin" };
}

const createSchema = z.object({
  name: z.string().trim().min(1).max(120),
  teamId: z.preprocess((value) => (value === "" || value === undefined ? undefined : Number(value)), z.number().int().optional()),
});

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireSamplingUser(request);
  const parsed = parseFormData(createSchema, await request.formData(), resolveLocale(request, user.locale));
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const teamId = parsed.data.teamId ?? null;
  if (!mayUseTeam(user, teamId)) throw new Response("Forbidden", { status: 403 });
  const db = await getDb();
  const rule = await createRule(db, {
    input: {
      name: parsed.data.name,
      teamId,
      schedule: "once",
      scheduleTime: "06:00",
      timezone: "Europe/Madrid",
      definition: defaultDefinition(`${parsed.data.name.toLowerCase().replace(/\W+/g, "-")}-${new Date().toISOString().slice(0, 10)}`),
    },
    createdBy: user.id,
  });
  return redirect(`/sampling/rules/${rule.id}`);
}

export default function SamplingRules() {
  const { rules, teams, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const dates = useDates();
  const teamName = (id: number | null) => (id === null ? t("sampling.allTeams") : (teams.find((team) => team.id === id)?.name ?? `#${id}`));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("sampling.title")}</h1>
          <p>{t("sampling.subtitle")}</p>
        </div>
      </div>
      <div className="card">
        {rules.length === 0 ? (
          <div className="empty">{t("sampling.empty")}</div>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("sampling.name")}</th>
                <th>{t("sampling.team")}</th>
                <th>{t("sampling.schedule")}</th>
                <th>{t("sampling.nextRun")}</th>
                <th>{t("sampling.lastDrawn")}</th>
                <th className="num">{t("sampling.samples")}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule) => (
                <tr key={rule.id}>
                  <td>
                    <Link to={`/sampling/rules/${rule.id}`} className="subject">
                      {rule.name}
                    </Link>
                    <div className="muted">{t("sampling.version", { n: rule.currentVersion })}</div>
                  </td>
                  <td>{teamName(rule.teamId)}</td>
                  <td>
                    {t(`sampling.schedules.${rule.schedule}`)}
                    {rule.schedule === "once" ? null : (
                      <div className="muted">{t("sampling.at", { time: rule.scheduleTime, timezone: rule.timezone })}</div>
                    )}
                  </td>
                  <td>{rule.nextRunAt ? dates.dateTime(rule.nextRunAt) : t("common.none")}</td>
                  <td>{rule.lastDrawnAt ? dates.dateTime(rule.lastDrawnAt) : t("common.none")}</td>
                  <td className="num">{rule.sampleCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="card">
        <h2>{t("sampling.newRule")}</h2>
        <Form method="post" className="grid-form">
          <label>
            {t("sampling.name")}
            <input name="name" required maxLength={120} />
          </label>
          <label>
            {t("sampling.team")}
            <select name="teamId" defaultValue={isAdmin ? "" : String(teams[0]?.id ?? "")}>
              {isAdmin ? <option value="">{t("sampling.allTeams")}</option> : null}
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn">
            {t("sampling.create")}
          </button>
          {result?.errors ? <p className="field-error">{Object.values(result.errors).join(" ")}</p> : null}
        </Form>
      </div>
    </>
  );
}
