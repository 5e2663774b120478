import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { scoringProgress, startScoring } from "../../db/ingest/jobs";
import { getFrustrationThreshold, predictionSummary, setFrustrationThreshold } from "../../db/queries/predictions";
import { DEFAULT_FRUSTRATION_THRESHOLD } from "../../scoring/frustration";
import { sentimentModelInfo } from "../../scoring/sentiment/classifier";
import { ROLE_GROUPS, requireRole } from "../auth/guards.server";
import { resolveLocale } from "../locale.server";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Sentiment settings" }];

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("threshold"), threshold: z.coerce.number().gt(0).lt(1) }),
  z.object({ intent: z.literal("rescore") }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ROLE_GROUPS.admins);
  const db = await getDb();
  const model = sentimentModelInfo();
  const [threshold, summary] = await Promise.all([getFrustrationThreshold(db, DEFAULT_FRUSTRATION_THRESHOLD), predictionSummary(db, model)]);
  const progress = scoringProgress();
  return { model, threshold, summary, progress: progress ? { done: progress.done, total: progress.total } : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ROLE_GROUPS.admins);
  const parsed = parseFormData(actionSchema, await request.formData(), resolveLocale(request, admin.locale));
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
  const db = await getDb();
  if (parsed.data.intent === "threshold") {
    await setFrustrationThreshold(db, parsed.data.threshold);
    return { ok: true as const, saved: "threshold" as const };
  }
  return { ok: true as const, saved: startScoring(db) ? ("started" as const) : ("running" as const) };
}

export default function ScoringSettings() {
  const { model, threshold, summary, progress } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const running = progress !== null || (result?.ok === true && result.saved === "started");
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1500);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("scoringSettings.title")}</h1>
        </div>
      </div>
      <div className="card">
        <div className="card-body">
          <dl className="facts">
            <dt>{t("scoringSettings.model")}</dt>
            <dd data-testid="model-id">{model.modelId}</dd>
            <dt>{t("scoringSettings.version")}</dt>
            <dd data-testid="model-version">{model.version}</dd>
            <dt>{t("scoringSettings.scoredByCurrent")}</dt>
            <dd>{summary.scoredByCurrent}</dd>
            <dt>{t("scoringSettings.scoredByOlder")}</dt>
            <dd>{summary.scoredByOlder}</dd>
            <dt>{t("scoringSettings.scoredConversations")}</dt>
            <dd>{summary.scoredConversations}</dd>
            <dt>{t("scoringSettings.flagged")}</dt>
            <dd>{summary.flaggedConversations}</dd>
          </dl>
          <p>
            <a href="/model-card">{t("scoringSettings.modelCard")}</a>
          </p>
        </div>
      </div>
      <div className="card">
        <div className="card-body">
          <Form method="post" className="filters">
            <input type="hidden" name="intent" value="threshold" />
            <div className="field">
              <label htmlFor="threshold">{t("scoringSettings.threshold")}</label>
              <input id="threshold" name="threshold" type="number" step="0.01" min="0.01" max="0.99" defaultValue={threshold} />
              {errors.threshold ? <p className="field-error">{errors.threshold}</p> : null}
            </div>
            <div className="field">
              <button type="submit" className="btn">
                {t("scoringSettings.saveThreshold")}
              </button>
            </div>
          </Form>
          {result?.ok && result.saved === "threshold" ? <p role="status">{t("scoringSettings.thresholdSaved")}</p> : null}
        </div>
      </div>
      <div className="card">
        <div className="card-body">
          <Form method="post">
            <input type="hidden" name="intent" value="rescore" />
            <button type="submit" className="btn" disabled={progress !== null}>
              {t("scoringSettings.rescore")}
            </button>
          </Form>
          {result?.ok && result.saved === "running" ? <p role="status">{t("scoringSettings.alreadyRunning")}</p> : null}
          {progress ? (
            <div data-testid="scoring-progress">
              <progress max={Math.max(progress.total, 1)} value={progress.done} />
              <p>{t("scoringSettings.progress", { done: progress.done, total: progress.total })}</p>
            </div>
          ) : (
            <p className="muted">{result?.ok && result.saved === "started" ? t("scoringSettings.rescoreStarted") : t("scoringSettings.idle")}</p>
          )}
        </div>
      </div>
    </>
  );
}
