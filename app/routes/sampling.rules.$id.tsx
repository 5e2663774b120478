import { randomUUID } from "node:crypto";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import {
  assignSample,
  drawSample,
  getRule,
  listAssignableReviewers,
  listSamples,
  listSamplingAgents,
  previewDraw,
  updateRule,
} from "../../db/queries/sampling";
import { listTeams } from "../../db/queries/users";
import { CHANNELS, CONVERSATION_STATUSES } from "../../scoring/domain";
import { OVERSAMPLING_FLAGS, SPREAD_BUCKETS, SPREAD_MODES } from "../../scoring/sampling";
import { useDates } from "../hooks";
import { resolveLocale } from "../locale.server";
import { mayUseTeam, requireSamplingUser } from "../sampling/guards.server";
import { BucketTable, PrecisionTable } from "../sampling/precision";
import { definitionFromForm, ruleFormSchema, sizeValueOf } from "../sampling/rule-form";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Sampling rule" }];

const DAY_MS = 86_400_000;

async function loadRule(request: Request, idParam: string | undefined) {
  const { user, scope } = await requireSamplingUser(request);
  const id = Number(idParam);
  if (!Number.isInteger(id)) throw new Response("Not found", { status: 404 });
  const db = await getDb();
  const rule = await getRule(db, { id, scope });
  if (!rule) throw new Response("Not found", { status: 404 });
  return { user, scope, db, rule };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, db, rule } = await loadRule(request, params.id);
  const [preview, samples, teams, agents, reviewers] = await Promise.all([
    previewDraw(db, { definition: rule.definition, teamId: rule.teamId, timeZone: rule.timezone }),
    listSamples(db, { ruleId: rule.id }),
    listTeams(db),
    listSamplingAgents(db, { scope }),
    listAssignableReviewers(db),
  ]);
  return {
    rule,
    preview,
    samples,
    teams: teams.filter((team) => mayUseTeam(user, team.id)),
    agents,
    reviewers,
    isAdmin: user.role === "admin",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, rule } = await loadRule(request, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "draw") {
    const now = new Date();
    const outcome = await drawSample(db, {
      ruleId: rule.id,
      periodKey: `manual:${now.toISOString()}:${randomUUID().slice(0, 8)}`,
      drawnBy: user.id,
      now,
    });
    if (!outcome) return data({ ok: false as const, errors: { form: "sampling.alreadyDrawn" } }, { status: 409 });
    if (rule.definition.reviewerIds.length) {
      await assignSample(db, {
        sampleId: outcome.sampleId,
        reviewerIds: rule.definition.reviewerIds,
        capPerReviewer: rule.definition.capPerReviewer,
        dueAt: new Date(now.getTime() + rule.definition.dueDays * DAY_MS),
        assignedBy: user.id,
      });
    }
    return redirect(`/sampling/samples/${outcome.sampleId}`);
  }
  const parsed = parseFormData(ruleFormSchema, formData, resolveLocale(request, user.locale));
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const teamId = parsed.data.teamId ?? null;
  if (!mayUseTeam(user, teamId)) throw new Response("Forbidden", { status: 403 });
  await updateRule(db, {
    ruleId: rule.id,
    input: {
      name: parsed.data.name,
      teamId,
      schedule: parsed.data.schedule,
      scheduleTime: parsed.data.scheduleTime,
      timezone: parsed.data.timezone,
      definition: definitionFromForm(parsed.data),
    },
    updatedBy: user.id,
  });
  return { ok: true as const };
}

function Checkboxes({ name, options, checked }: { name: string; options: { value: string; label: string }[]; checked: readonly string[] }) {
  return (
    <div className="checkbox-list">
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input type="checkbox" name={name} value={option.value} defaultChecked={checked.includes(option.value)} /> {option.label}
        </label>
      ))}
    </div>
  );
}

export default function SamplingRule() {
  const { rule, preview, samples, teams, agents, reviewers, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const dates = useDates();
  const { definition } = rule;
  const { filters } = definition;
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const fieldError = (name: string) =>
    errors[name] ? <span className="field-error">{errors[name].startsWith("sampling.") ? t(errors[name]) : errors[name]}</span> : null;
  const names = Object.fromEntries(preview.agents.map((agent) => [agent.agentKey, agent.name ?? "—"]));
  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted">
            <Link to="/sampling">{t("sampling.title")}</Link>
          </p>
          <h1>{rule.name}</h1>
          <p>{t("sampling.version", { n: rule.currentVersion })}</p>
        </div>
        <Form method="post">
          <button type="submit" name="intent" value="draw" className="btn">
            {t("sampling.drawNow")}
          </button>
        </Form>
      </div>
      {result?.ok ? (
        <div className="alert alert-success" role="status">
          {t("sampling.saved")}
        </div>
      ) : null}
      {errors.form ? (
        <div className="alert alert-error" role="alert">
          {t(errors.form)}
        </div>
      ) : null}

      <section className="card" aria-labelledby="precision-title">
        <h2 id="precision-title">{t("sampling.precision")}</h2>
        <p>
          {t("sampling.eligible", { count: preview.eligible, strata: preview.strata, planned: preview.plannedTotal })}
          {preview.flagged !== null ? <> {t("sampling.flaggedCount", { count: preview.flagged })}</> : null}
        </p>
        <PrecisionTable precision={preview.precision} names={names} />
        {preview.buckets && definition.spread ? <BucketTable buckets={preview.buckets} bucket={definition.spread.bucket} /> : null}
      </section>

      <Form method="post" key={rule.currentVersion}>
        <input type="hidden" name="intent" value="save" />
        <div className="card">
          <div className="grid-form">
            <label>
              {t("sampling.name")}
              <input type="text" name="name" defaultValue={rule.name} required />
              {fieldError("name")}
            </label>
            <label>
              {t("sampling.team")}
              <select name="teamId" defaultValue={rule.teamId === null ? "" : String(rule.teamId)}>
                {isAdmin ? <option value="">{t("sampling.allTeams")}</option> : null}
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
              {fieldError("teamId")}
            </label>
            <label>
              {t("sampling.schedule")}
              <select name="schedule" defaultValue={rule.schedule}>
                {(["once", "daily", "weekly", "monthly"] as const).map((schedule) => (
                  <option key={schedule} value={schedule}>
                    {t(`sampling.schedules.${schedule}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("sampling.scheduleTime")}
              <input type="text" name="scheduleTime" defaultValue={rule.scheduleTime} pattern="[0-2][0-9]:[0-5][0-9]" />
              {fieldError("scheduleTime")}
            </label>
            <label>
              {t("sampling.timezone")}
              <input type="text" name="timezone" defaultValue={rule.timezone} />
              {fieldError("timezone")}
            </label>
          </div>
        </div>

        <div className="card">
          <h2>{t("sampling.filters")}</h2>
          <p className="muted">{t("sampling.excludedNote")}</p>
          <div className="grid-form">
            <label>
              {t("sampling.createdFrom")}
              <input type="date" name="createdFrom" defaultValue={filters.createdFrom ?? ""} />
            </label>
            <label>
              {t("sampling.createdTo")}
              <input type="date" name="createdTo" defaultValue={filters.createdTo ?? ""} />
            </label>
            <label>
              {t("sampling.lastDays")}
              <input type="number" name="lastDays" min={1} max={366} defaultValue={filters.lastDays ?? ""} />
            </label>
            <label>
              {t("sampling.csatMin")}
              <input type="number" name="csatMin" min={1} max={5} defaultValue={filters.csatMin ?? ""} />
            </label>
            <label>
              {t("sampling.csatMax")}
              <input type="number" name="csatMax" min={1} max={5} defaultValue={filters.csatMax ?? ""} />
            </label>
            <label>
              {t("sampling.messagesMin")}
              <input type="number" name="messagesMin" min={0} defaultValue={filters.messagesMin ?? ""} />
            </label>
            <label>
              {t("sampling.messagesMax")}
              <input type="number" name="messagesMax" min={0} defaultValue={filters.messagesMax ?? ""} />
            </label>
            <label>
              {t("sampling.tags")}
              <input type="text" name="tags" defaultValue={filters.tags.join(", ")} />
            </label>
          </div>
          <fieldset>
            <legend>{t("sampling.channels")}</legend>
            <Checkboxes
              name="channels[]"
              options={CHANNELS.map((value) => ({ value, label: t(`channels.${value}`) }))}
              checked={filters.channels}
            />
          </fieldset>
          <fieldset>
            <legend>{t("sampling.statuses")}</legend>
            <Checkboxes
              name="statuses[]"
              options={CONVERSATION_STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))}
              checked={filters.statuses}
            />
          </fieldset>
          <fieldset>
            <legend>{t("sampling.languages")}</legend>
            <Checkboxes
              name="languages[]"
              options={(["es", "en", "other"] as const).map((value) => ({ value, label: t(`languages.${value}`) }))}
              checked={filters.languages}
            />
          </fieldset>
          <fieldset>
            <legend>{t("sampling.teams")}</legend>
            <Checkboxes
              name="teamIds[]"
              options={teams.map((team) => ({ value: String(team.id), label: team.name }))}
              checked={filters.teamIds.map(String)}
            />
          </fieldset>
          <fieldset>
            <legend>{t("sampling.agents")}</legend>
            <Checkboxes
              name="agentIds[]"
              options={agents.map((agent) => ({ value: String(agent.id), label: agent.name }))}
              checked={filters.agentIds.map(String)}
            />
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" name="onlyWithAgentReply" defaultChecked={filters.onlyWithAgentReply} />{" "}
            {t("sampling.onlyWithAgentReply")}
          </label>
          <fieldset>
            <legend>{t("sampling.frustration")}</legend>
            <label className="checkbox">
              <input type="checkbox" name="onlyFrustrated" defaultChecked={filters.onlyFrustrated} /> {t("sampling.onlyFrustrated")}
            </label>
            <label>
              {t("sampling.frustrationMin")}
              <input
                type="number"
                name="frustrationMinPercent"
                min={0}
                max={100}
                step="any"
                defaultValue={filters.frustrationMin === undefined ? "" : Math.round(filters.frustrationMin * 1000) / 10}
              />
              {fieldError("frustrationMinPercent")}
            </label>
            <p className="muted">{t("sampling.frustrationNote")}</p>
          </fieldset>
          <label>
            {t("sampling.responseBreach")}
            <select name="responseBreach" defaultValue={filters.responseBreach ?? ""}>
              <option value="">{t("sampling.responseBreachAll")}</option>
              <option value="first">{t("sampling.responseBreachFirst")}</option>
              <option value="any">{t("sampling.responseBreachAny")}</option>
            </select>
            {fieldError("responseBreach")}
          </label>
        </div>

        <div className="card">
          <h2>{t("sampling.size")}</h2>
          <div className="grid-form">
            <label>
              {t("sampling.sizeKind")}
              <select name="sizeKind" defaultValue={definition.size.kind}>
                {(["total", "perGroup", "percentage"] as const).map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`sampling.sizeKinds.${kind}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("sampling.sizeValue")}
              <input type="number" name="sizeValue" min={0} step="any" defaultValue={sizeValueOf(definition.size)} required />
              {fieldError("sizeValue")}
            </label>
            <label>
              {t("sampling.allocation")}
              <select name="allocation" defaultValue={definition.allocation}>
                {(["proportional", "equal", "neyman"] as const).map((method) => (
                  <option key={method} value={method}>
                    {t(`sampling.allocations.${method}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("sampling.oversampling")}
              <input
                type="number"
                name="oversamplingFactor"
                min={1}
                max={20}
                step="any"
                defaultValue={definition.oversamplingFactor ?? ""}
              />
              {fieldError("oversamplingFactor")}
            </label>
            <label>
              {t("sampling.seed")}
              <input type="text" name="seed" defaultValue={definition.seed} required />
            </label>
            <label>
              {t("sampling.targetMargin")}
              <input type="number" name="targetMargin" min={1} max={50} step="any" defaultValue={definition.targetMargin} />
            </label>
          </div>
          <fieldset>
            <legend>{t("sampling.oversamplingFlagsLegend")}</legend>
            <Checkboxes
              name="oversamplingFlags[]"
              options={OVERSAMPLING_FLAGS.map((value) => ({ value, label: t(`sampling.oversamplingFlags.${value}`) }))}
              checked={definition.oversamplingFlags}
            />
            {fieldError("oversamplingFlags[]")}
          </fieldset>
          <fieldset>
            <legend>{t("sampling.spread")}</legend>
            <div className="grid-form">
              <label>
                {t("sampling.spreadBucket")}
                <select name="spreadBucket" defaultValue={definition.spread?.bucket ?? ""}>
                  <option value="">{t("sampling.spreadBuckets.none")}</option>
                  {SPREAD_BUCKETS.map((bucket) => (
                    <option key={bucket} value={bucket}>
                      {t(`sampling.spreadBuckets.${bucket}`)}
                    </option>
                  ))}
                </select>
                {fieldError("spreadBucket")}
              </label>
              <label>
                {t("sampling.spreadMode")}
                <select name="spreadMode" defaultValue={definition.spread?.mode ?? "equal"}>
                  {SPREAD_MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`sampling.spreadModes.${mode}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p className="muted">{t("sampling.spreadHelp")}</p>
          </fieldset>
        </div>

        <div className="card">
          <h2>{t("sampling.assignment")}</h2>
          <fieldset>
            <legend>{t("sampling.reviewers")}</legend>
            <Checkboxes
              name="reviewerIds[]"
              options={reviewers.map((reviewer) => ({ value: reviewer.id, label: `${reviewer.name} (${t(`roles.${reviewer.role}`)})` }))}
              checked={definition.reviewerIds}
            />
          </fieldset>
          <div className="grid-form">
            <label>
              {t("sampling.capPerReviewer")}
              <input type="number" name="capPerReviewer" min={1} defaultValue={definition.capPerReviewer ?? ""} />
            </label>
            <label>
              {t("sampling.dueDays")}
              <input type="number" name="dueDays" min={0} max={90} defaultValue={definition.dueDays} />
            </label>
          </div>
          <p>
            <button type="submit" className="btn">
              {t("sampling.save")}
            </button>
          </p>
        </div>
      </Form>

      <div className="card">
        <h2>{t("sampling.samples")}</h2>
        {samples.length === 0 ? (
          <div className="empty">{t("common.none")}</div>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("sampling.period")}</th>
                <th>{t("sampling.drawnAt")}</th>
                <th className="num">{t("sampling.drawn")}</th>
              </tr>
            </thead>
            <tbody>
              {samples.map((sample) => (
                <tr key={sample.id}>
                  <td>
                    <Link to={`/sampling/samples/${sample.id}`}>{sample.periodKey}</Link>
                  </td>
                  <td>{dates.dateTime(sample.drawnAt)}</td>
                  <td className="num">{sample.drawn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
