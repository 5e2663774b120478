import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { ConnectorKeyError, connectorKey } from "../../db/ingest/connectors/crypto";
import { isSyncRunning, startConnectorSync } from "../../db/ingest/jobs";
import { createConnector, deleteConnector, getConnector, listConnectors, updateConnector } from "../../db/queries/connectors";
import { CONNECTOR_KINDS, type ConnectorKind } from "../../db/schema/enums";
import { ROLE_GROUPS, requireRole } from "../auth/guards.server";
import { useDates } from "../hooks";
import { resolveLocale } from "../locale.server";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Connectors" }];

const SCHEDULES = [0, 15, 60, 360, 1440] as const;

const subdomainField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "only the subdomain, e.g. acme for acme.zendesk.com")
  .optional()
  .or(z.literal("").transform(() => undefined));
const scheduleField = z.coerce
  .number()
  .int()
  .refine((value) => (SCHEDULES as readonly number[]).includes(value))
  .transform((value) => (value === 0 ? null : value));

const connectorFields = {
  name: z.string().trim().min(1).max(120),
  subdomain: subdomainField,
  email: z.string().trim().optional(),
  token: z.string().trim().max(500).optional(),
  scheduleMinutes: scheduleField,
};

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), kind: z.enum(CONNECTOR_KINDS), ...connectorFields, token: z.string().trim().min(1).max(500) }),
  z.object({ intent: z.literal("update"), connectorId: z.coerce.number().int().positive(), ...connectorFields }),
  z.object({ intent: z.literal("sync"), connectorId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("delete"), connectorId: z.coerce.number().int().positive() }),
]);

function credentialsFor(kind: ConnectorKind, token: string, email: string | undefined): Record<string, string> {
  if (kind === "zendesk") return { email: email ?? "", apiToken: token };
  if (kind === "freshdesk") return { apiKey: token };
  return { accessToken: token };
}

function keyProblem(): string | null {
  try {
    connectorKey();
    return null;
  } catch (error) {
    if (error instanceof ConnectorKeyError) return error.message;
    throw error;
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ROLE_GROUPS.admins);
  const connectors = (await listConnectors(await getDb())).map((connector) => ({ ...connector, running: isSyncRunning(connector.id) }));
  return { connectors, keyProblem: keyProblem(), schedules: SCHEDULES };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ROLE_GROUPS.admins);
  const parsed = parseFormData(actionSchema, await request.formData(), resolveLocale(request, admin.locale));
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
  const db = await getDb();
  const input = parsed.data;
  if (input.intent === "create" || input.intent === "update") {
    const problem = keyProblem();
    if (problem) return { ok: false as const, errors: { form: problem } };
  }
  switch (input.intent) {
    case "create": {
      if (input.kind !== "intercom" && !input.subdomain) return { ok: false as const, errors: { subdomain: "required" } };
      if (input.kind === "zendesk" && !input.email) return { ok: false as const, errors: { email: "required" } };
      await createConnector(db, {
        kind: input.kind,
        name: input.name,
        subdomain: input.kind === "intercom" ? null : (input.subdomain ?? null),
        credentials: credentialsFor(input.kind, input.token, input.email),
        scheduleMinutes: input.scheduleMinutes,
      });
      return { ok: true as const, message: "connectors.saved" };
    }
    case "update": {
      const existing = await getConnector(db, input.connectorId);
      if (!existing) throw new Response("Not found", { status: 404 });
      await updateConnector(db, input.connectorId, {
        name: input.name,
        subdomain: existing.kind === "intercom" ? null : (input.subdomain ?? existing.subdomain),
        credentials: input.token ? credentialsFor(existing.kind, input.token, input.email) : undefined,
        scheduleMinutes: input.scheduleMinutes,
      });
      return { ok: true as const, message: "connectors.saved" };
    }
    case "sync": {
      if (!(await getConnector(db, input.connectorId))) throw new Response("Not found", { status: 404 });
      startConnectorSync(db, input.connectorId);
      return { ok: true as const, message: "connectors.syncStarted" };
    }
    case "delete":
      await deleteConnector(db, input.connectorId);
      return { ok: true as const, message: "connectors.removed" };
  }
}

export default function Connectors() {
  const { connectors, keyProblem: missingKey, schedules } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const running = connectors.some((connector) => connector.running);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1500);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const scheduleLabel = (minutes: number) =>
    minutes === 0 ? t("connectors.manual") : minutes < 60 ? t("connectors.minutes", { count: minutes }) : t("connectors.hours", { count: minutes / 60 });
  const scheduleSelect = (id: string, value: number | null) => (
    <select id={id} name="scheduleMinutes" defaultValue={String(value ?? 0)}>
      {schedules.map((minutes) => (
        <option key={minutes} value={minutes}>
          {scheduleLabel(minutes)}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("connectors.title")}</h1>
          <p>{t("connectors.subtitle")}</p>
        </div>
      </div>
      <div className="page-alerts">
        {missingKey ? (
          <div className="alert alert-error" role="alert">
            {t("connectors.noKey")}
          </div>
        ) : null}
        {result?.ok ? (
          <div className="alert alert-success" role="status">
            {t(result.message)}
          </div>
        ) : null}
        {errors.form ? (
          <div className="alert alert-error" role="alert">
            {errors.form}
          </div>
        ) : null}
      </div>
      <div className="card">
        <div className="card-body">
          <h2>{t("connectors.add")}</h2>
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="create" />
            <div className="field">
              <label htmlFor="kind">{t("connectors.kind")}</label>
              <select id="kind" name="kind" defaultValue="zendesk">
                <option value="zendesk">Zendesk</option>
                <option value="freshdesk">Freshdesk</option>
                <option value="intercom">Intercom</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="name">{t("connectors.name")}</label>
              <input id="name" name="name" type="text" required maxLength={120} />
              {errors.name ? <span className="field-error">{errors.name}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="subdomain">{t("connectors.subdomain")}</label>
              <input id="subdomain" name="subdomain" type="text" placeholder="acme" title={t("connectors.subdomainHint")} />
              {errors.subdomain ? <span className="field-error">{errors.subdomain}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="email">{t("connectors.email")}</label>
              <input id="email" name="email" type="email" />
              {errors.email ? <span className="field-error">{errors.email}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="token">{t("connectors.token")}</label>
              <input id="token" name="token" type="password" required autoComplete="off" />
              {errors.token ? <span className="field-error">{errors.token}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="scheduleMinutes">{t("connectors.schedule")}</label>
              {scheduleSelect("scheduleMinutes", null)}
            </div>
            <div>
              <button type="submit" className="btn" disabled={Boolean(missingKey)}>
                {t("connectors.save")}
              </button>
            </div>
          </Form>
        </div>
      </div>
      <div className="card">
        {connectors.length === 0 ? (
          <div className="empty">{t("connectors.empty")}</div>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("connectors.name")}</th>
                <th>{t("connectors.schedule")}</th>
                <th>{t("connectors.lastRun")}</th>
                <th>{t("connectors.nextRun")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {connectors.map((connector) => {
                const formId = `connector-${connector.id}`;
                const last = connector.lastSync;
                return (
                  <tr key={connector.id}>
                    <td>
                      <input name="name" type="text" form={formId} defaultValue={connector.name} aria-label={t("connectors.name")} />
                      <div className="muted">
                        {connector.kind}
                        {connector.subdomain ? ` · ${connector.subdomain}` : ""}
                      </div>
                    </td>
                    <td>
                      <select name="scheduleMinutes" form={formId} defaultValue={String(connector.scheduleMinutes ?? 0)} aria-label={t("connectors.schedule")}>
                        {schedules.map((minutes) => (
                          <option key={minutes} value={minutes}>
                            {scheduleLabel(minutes)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {connector.running ? (
                        <span className="badge badge-warning">{t("connectors.running")}</span>
                      ) : last ? (
                        <>
                          <span className={`badge ${last.status === "failed" ? "badge-danger" : "badge-success"}`}>{t(`imports.statuses.${last.status}`)}</span>{" "}
                          <span className="muted">{dateTime(last.createdAt)}</span>
                          <div className="progress-label">
                            {t("imports.created")} {last.created} · {t("imports.updated")} {last.updated} · {t("imports.rejected")} {last.rejected}
                          </div>
                          {last.failure ? <div className="field-error">{last.failure}</div> : null}
                        </>
                      ) : (
                        t("connectors.never")
                      )}
                    </td>
                    <td>{connector.nextRunAt ? dateTime(connector.nextRunAt) : t("common.none")}</td>
                    <td>
                      <div className="actions">
                        <Form method="post" id={formId}>
                          <input type="hidden" name="intent" value="update" />
                          <input type="hidden" name="connectorId" value={connector.id} />
                          <input type="hidden" name="subdomain" value={connector.subdomain ?? ""} />
                          <button type="submit" className="btn btn-secondary btn-small">
                            {t("connectors.save")}
                          </button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="sync" />
                          <input type="hidden" name="connectorId" value={connector.id} />
                          <button type="submit" className="btn btn-small" disabled={connector.running}>
                            {t("connectors.syncNow")}
                          </button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="connectorId" value={connector.id} />
                          <button type="submit" className="btn btn-secondary btn-small">
                            {t("connectors.remove")}
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
