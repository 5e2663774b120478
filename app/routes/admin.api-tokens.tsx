import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { createApiToken, listApiTokens, revokeApiToken } from "../../db/queries/api-tokens";
import { ROLE_GROUPS, requireRole } from "../auth/guards.server";
import { useDates } from "../hooks";
import { resolveLocale } from "../locale.server";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · API tokens" }];

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: z.string().trim().min(1).max(120) }),
  z.object({ intent: z.literal("revoke"), tokenId: z.coerce.number().int().positive() }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ROLE_GROUPS.admins);
  return { tokens: await listApiTokens(await getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ROLE_GROUPS.admins);
  const parsed = parseFormData(actionSchema, await request.formData(), resolveLocale(request, admin.locale));
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
  const db = await getDb();
  if (parsed.data.intent === "create") {
    const created = await createApiToken(db, { name: parsed.data.name, createdBy: admin.id });
    return { ok: true as const, created: { name: created.name, token: created.token } };
  }
  if (!(await revokeApiToken(db, parsed.data.tokenId))) throw new Response("Not found", { status: 404 });
  return { ok: true as const, revoked: true };
}

export default function ApiTokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const { dateTime } = useDates();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("apiTokens.title")}</h1>
          <p>{t("apiTokens.subtitle")}</p>
        </div>
        <a className="btn btn-secondary" href="/api/v1/openapi.json">
          {t("apiTokens.docs")}
        </a>
      </div>
      {result?.ok && "created" in result && result.created ? (
        <div className="alert alert-success" role="status">
          <p>{t("apiTokens.copyNow")}</p>
          <code className="secret" data-testid="new-token">
            {result.created.token}
          </code>
        </div>
      ) : null}
      {result?.ok && "revoked" in result ? (
        <div className="alert alert-success" role="status">
          {t("apiTokens.revokedMessage")}
        </div>
      ) : null}
      <div className="card">
        <div className="card-body">
          <h2>{t("apiTokens.create")}</h2>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="create" />
            <div className="field">
              <label htmlFor="token-name">{t("apiTokens.name")}</label>
              <input id="token-name" name="name" type="text" required maxLength={120} placeholder={t("apiTokens.namePlaceholder")} />
              {errors.name ? <span className="field-error">{errors.name}</span> : null}
            </div>
            <button type="submit" className="btn">
              {t("apiTokens.submit")}
            </button>
          </Form>
        </div>
      </div>
      <div className="card">
        {tokens.length === 0 ? (
          <div className="empty">{t("apiTokens.empty")}</div>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t("apiTokens.name")}</th>
                <th>{t("apiTokens.prefix")}</th>
                <th>{t("apiTokens.createdAt")}</th>
                <th>{t("apiTokens.lastUsed")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>
                    <div className="subject">{token.name}</div>
                    <div className="muted">{token.createdByName ?? t("common.none")}</div>
                  </td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{dateTime(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? dateTime(token.lastUsedAt) : t("common.none")}</td>
                  <td>
                    {token.revokedAt ? (
                      <span className="badge badge-danger">{t("apiTokens.revoked")}</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={token.id} />
                        <button type="submit" className="btn btn-secondary btn-small">
                          {t("apiTokens.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
