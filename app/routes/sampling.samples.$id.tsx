import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import {
  type ProgressCounts,
  agentNames,
  assignSample,
  getSample,
  listAssignableReviewers,
  listAssignmentChanges,
  reassignAssignment,
  removeAssignment,
  sampleProgress,
  sampleRows,
} from "../../db/queries/sampling";
import { ChannelBadge } from "../components/badges";
import { useDates } from "../hooks";
import { resolveLocale } from "../locale.server";
import { requireSamplingUser } from "../sampling/guards.server";
import { type BucketAllocation, type SpreadBucket, totalsByBucket } from "../../scoring/sampling";
import { BucketTable, PrecisionTable, type StoredPrecisionSummary } from "../sampling/precision";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Sample" }];

const DAY_MS = 86_400_000;

async function loadSample(request: Request, idParam: string | undefined) {
  const { user, scope } = await requireSamplingUser(request);
  const id = Number(idParam);
  if (!Number.isInteger(id)) throw new Response("Not found", { status: 404 });
  const db = await getDb();
  const sample = await getSample(db, { id, scope });
  if (!sample) throw new Response("Not found", { status: 404 });
  return { user, db, sample };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, sample } = await loadSample(request, params.id);
  const [rows, reviewers, changes] = await Promise.all([
    sampleRows(db, { sampleId: sample.id }),
    listAssignableReviewers(db),
    listAssignmentChanges(db, sample.id),
  ]);
  const plan = sample.plan as {
    precision?: StoredPrecisionSummary;
    spread?: { bucket: SpreadBucket; buckets?: BucketAllocation[] } | null;
  };
  const precision = plan.precision ?? null;
  const spread = plan.spread?.buckets ? { bucket: plan.spread.bucket, buckets: totalsByBucket(plan.spread.buckets) } : null;
  const agentIds = (precision?.agents ?? []).flatMap((agent) => (agent.agentKey === "none" ? [] : [Number(agent.agentKey)]));
  const names = Object.fromEntries(await agentNames(db, agentIds));
  return { sample, rows, progress: sampleProgress(rows), reviewers, changes, precision, names, spread };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign"),
    "reviewerIds[]": z.array(z.string().min(1)).min(1),
    capPerReviewer: z.preprocess((value) => (value === "" ? undefined : Number(value)), z.number().int().min(1).optional()),
    dueDays: z.coerce.number().int().min(0).max(90),
  }),
  z.object({
    intent: z.literal("reassign"),
    assignmentId: z.coerce.number().int(),
    toReviewerId: z.string().min(1),
    reason: z.string().trim().min(1).max(500),
  }),
  z.object({ intent: z.literal("remove"), assignmentId: z.coerce.number().int(), reason: z.string().trim().min(1).max(500) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, sample } = await loadSample(request, params.id);
  const parsed = parseFormData(actionSchema, await request.formData(), resolveLocale(request, user.locale));
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 400 });
  const form = parsed.data;
  if (form.intent === "assign") {
    const result = await assignSample(db, {
      sampleId: sample.id,
      reviewerIds: form["reviewerIds[]"],
      capPerReviewer: form.capPerReviewer ?? null,
      dueAt: new Date(Date.now() + form.dueDays * DAY_MS),
      assignedBy: user.id,
    });
    return { ok: true as const, assigned: result };
  }
  const result =
    form.intent === "reassign"
      ? await reassignAssignment(db, {
          sampleId: sample.id,
          assignmentId: form.assignmentId,
          toReviewerId: form.toReviewerId,
          reason: form.reason,
          actorId: user.id,
        })
      : await removeAssignment(db, { sampleId: sample.id, assignmentId: form.assignmentId, reason: form.reason, actorId: user.id });
  if (!result.ok) return data({ ok: false as const, errors: { form: `sampling.changeErrors.${result.error}` } }, { status: 400 });
  return { ok: true as const, assigned: null };
}

function ProgressTable({ title, groups }: { title: string; groups: ProgressCounts[] }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{title}</h2>
      <table className="data">
        <thead>
          <tr>
            <th>{t("sampling.name")}</th>
            <th className="num">{t("sampling.drawn")}</th>
            <th className="num">{t("sampling.assigned")}</th>
            <th className="num">{t("sampling.reviewed")}</th>
            <th className="num">{t("sampling.overdue")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key}>
              <td>{group.name}</td>
              <td className="num">{group.drawn}</td>
              <td className="num">{group.assigned}</td>
              <td className="num">{group.reviewed}</td>
              <td className="num">{group.overdue}</td>
              <td>
                <div
                  className="progress"
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={group.drawn}
                  aria-valuenow={group.reviewed}
                  aria-label={group.name}
                >
                  <span style={{ width: `${group.drawn ? Math.round((100 * group.reviewed) / group.drawn) : 0}%` }} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function SamplePage() {
  const { sample, rows, progress, reviewers, changes, precision, names, spread } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const dates = useDates();
  const reviewerName = (id: string | null) => reviewers.find((reviewer) => reviewer.id === id)?.name ?? t("common.none");
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted">
            <Link to="/sampling">{t("sampling.title")}</Link> · <Link to={`/sampling/rules/${sample.ruleId}`}>{sample.ruleName}</Link>
          </p>
          <h1>{t("sampling.sampleTitle", { rule: sample.ruleName, period: sample.periodKey })}</h1>
          <p>
            {dates.dateTime(sample.drawnAt)} · {t("sampling.seedLine", { seed: sample.seed, version: sample.ruleVersion })}
          </p>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert-success" role="status">
          {result.assigned ? t("sampling.assignedResult", result.assigned) : t("sampling.changed")}
        </div>
      ) : null}
      {Object.keys(errors).length ? (
        <div className="alert alert-error" role="alert">
          {errors.form ? t(errors.form) : Object.values(errors).join(" ")}
        </div>
      ) : null}
      <div className="card">
        <dl className="stats">
          {(["drawn", "assigned", "reviewed", "overdue"] as const).map((key) => (
            <div key={key}>
              <dt>{t(`sampling.${key}`)}</dt>
              <dd>{progress.total[key]}</dd>
            </div>
          ))}
        </dl>
      </div>

      <div className="card">
        <h2>{t("sampling.assign")}</h2>
        <p className="muted">{t("sampling.assignHelp")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="assign" />
          <div className="checkbox-list">
            {reviewers.map((reviewer) => (
              <label key={reviewer.id} className="checkbox">
                <input type="checkbox" name="reviewerIds[]" value={reviewer.id} /> {reviewer.name} ({t(`roles.${reviewer.role}`)})
              </label>
            ))}
          </div>
          <div className="grid-form">
            <label>
              {t("sampling.capPerReviewer")}
              <input type="number" name="capPerReviewer" min={1} />
            </label>
            <label>
              {t("sampling.dueDays")}
              <input type="number" name="dueDays" min={0} max={90} defaultValue={7} />
            </label>
            <button type="submit" className="btn">
              {t("sampling.assign")}
            </button>
          </div>
        </Form>
      </div>

      <ProgressTable title={t("sampling.byReviewer")} groups={progress.byReviewer} />
      <ProgressTable title={t("sampling.byAgent")} groups={progress.byAgent} />

      {precision ? (
        <div className="card">
          <h2>{t("sampling.marginAfter")}</h2>
          <PrecisionTable precision={precision} names={names} />
          {spread ? <BucketTable buckets={spread.buckets} bucket={spread.bucket} /> : null}
        </div>
      ) : null}

      <div className="card">
        <h2>{t("sampling.conversations")}</h2>
        <table className="data">
          <thead>
            <tr>
              <th>{t("sampling.conversations")}</th>
              <th>{t("sampling.agent")}</th>
              <th>{t("sampling.reviewer")}</th>
              <th className="num">{t("sampling.weight")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.conversationId}>
                <td>
                  <Link to={`/conversations/${row.conversationId}`} className="subject">
                    {row.subject ?? `#${row.conversationId}`}
                  </Link>{" "}
                  <ChannelBadge channel={row.channel} />
                  {row.flagged ? <span className="badge">{t("sampling.flagged")}</span> : null}
                </td>
                <td>{row.agentName ?? t("common.none")}</td>
                <td>
                  {row.reviewerId ? reviewerName(row.reviewerId) : <span className="muted">{t("sampling.unassigned")}</span>}
                  {row.reviewed ? <span className="badge">{t("sampling.reviewed")}</span> : null}
                  {row.overdue ? <span className="badge">{t("sampling.overdue")}</span> : null}
                </td>
                <td className="num">{row.designWeight.toFixed(1)}</td>
                <td>
                  {row.assignmentId !== null && !row.reviewed ? (
                    <Form method="post" className="actions">
                      <input type="hidden" name="assignmentId" value={row.assignmentId} />
                      <select name="toReviewerId" aria-label={t("sampling.reviewer")}>
                        {reviewers.map((reviewer) => (
                          <option key={reviewer.id} value={reviewer.id}>
                            {reviewer.name}
                          </option>
                        ))}
                      </select>
                      <input type="text" name="reason" placeholder={t("sampling.reason")} aria-label={t("sampling.reason")} required />
                      <button type="submit" name="intent" value="reassign" className="btn btn-secondary btn-small">
                        {t("sampling.reassign")}
                      </button>
                      <button type="submit" name="intent" value="remove" className="btn btn-secondary btn-small">
                        {t("sampling.remove")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {changes.length ? (
        <div className="card">
          <h2>{t("sampling.changes")}</h2>
          <ul>
            {changes.map((change) => (
              <li key={change.id}>
                {dates.dateTime(change.at)} · #{change.conversationId} ·{" "}
                {change.action === "reassigned" ? t("sampling.changeReassigned") : t("sampling.changeRemoved")}:{" "}
                {reviewerName(change.fromReviewerId)}
                {change.toReviewerId ? ` → ${reviewerName(change.toReviewerId)}` : ""} — {change.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
