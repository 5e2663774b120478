import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import {
  createTeam,
  createUser,
  findUserByEmail,
  linkUserToAgent,
  listAgentsWithLogins,
  listTeams,
  listUsersWithTeams,
  teamsExist,
  updateUser,
} from "../../db/queries/users";
import { LOCALES, ROLES } from "../../scoring/domain";
import { ROLE_GROUPS, requireRole } from "../auth/guards.server";
import { hashPassword } from "../auth/password.server";
import { resolveLocale } from "../locale.server";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Users" }];

const teamIdsField = z.array(z.coerce.number().int().positive()).default([]);
const localeField = z.union([z.enum(LOCALES), z.literal("").transform(() => null)]);

export const createUserSchema = z.object({
  intent: z.literal("create"),
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().email().max(254),
  role: z.enum(ROLES),
  locale: localeField,
  password: z.string().min(10).max(1024),
  "teamIds[]": teamIdsField,
});

export const updateUserSchema = z.object({
  intent: z.literal("update"),
  userId: z.string().uuid(),
  role: z.enum(ROLES),
  locale: localeField,
  active: z.literal("on").optional(),
  agentId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).optional(),
  "teamIds[]": teamIdsField,
});

export const createTeamSchema = z.object({ intent: z.literal("createTeam"), teamName: z.string().trim().min(1).max(80) });

const actionSchema = z.discriminatedUnion("intent", [createUserSchema, updateUserSchema, createTeamSchema]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ROLE_GROUPS.admins);
  const db = await getDb();
  const [users, teams, agents] = await Promise.all([listUsersWithTeams(db), listTeams(db), listAgentsWithLogins(db)]);
  return { users, teams, agents };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ROLE_GROUPS.admins);
  const db = await getDb();
  const parsed = parseFormData(actionSchema, await request.formData(), resolveLocale(request, admin.locale));
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
  const input = parsed.data;
  if (input.intent === "createTeam") {
    const team = await createTeam(db, input.teamName);
    return team ? { ok: true as const, message: "users.teamCreated" } : { ok: false as const, errors: { teamName: "users.teamTaken" } };
  }
  if (!(await teamsExist(db, input["teamIds[]"]))) return { ok: false as const, errors: { "teamIds[]": "unknown team" } };
  if (input.intent === "create") {
    if (await findUserByEmail(db, input.email)) return { ok: false as const, errors: { email: "users.emailTaken" } };
    await createUser(db, {
      name: input.name,
      email: input.email,
      role: input.role,
      locale: input.locale,
      passwordHash: await hashPassword(input.password),
      teamIds: input["teamIds[]"],
    });
    return { ok: true as const, message: "users.created" };
  }
  const active = input.active === "on";
  if (input.userId === admin.id && (input.role !== "admin" || !active)) {
    return { ok: false as const, errors: { form: "users.cannotDemoteSelf" } };
  }
  await updateUser(db, input.userId, { role: input.role, locale: input.locale, active, teamIds: input["teamIds[]"] });
  if (input.agentId !== undefined) await linkUserToAgent(db, input.userId, input.role === "agent" ? input.agentId : null);
  return { ok: true as const, message: "users.updated" };
}

export default function AdminUsers() {
  const { users, teams, agents } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const translateError = (message: string | undefined) => (message?.startsWith("users.") ? t(message) : message);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("users.title")}</h1>
        </div>
      </div>
      {result?.ok ? (
        <div className="alert alert-success" role="status">
          {t(result.message)}
        </div>
      ) : null}
      {errors.form ? (
        <div className="alert alert-error" role="alert">
          {translateError(errors.form)}
        </div>
      ) : null}
      <div className="card">
        <div className="card-body">
          <h2>{t("users.create")}</h2>
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="create" />
            <div className="field">
              <label htmlFor="new-name">{t("users.name")}</label>
              <input id="new-name" name="name" type="text" required />
              {errors.name ? <span className="field-error">{errors.name}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="new-email">{t("users.email")}</label>
              <input id="new-email" name="email" type="email" required />
              {errors.email ? <span className="field-error">{translateError(errors.email)}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="new-role">{t("users.role")}</label>
              <select id="new-role" name="role" defaultValue="reviewer">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`roles.${role}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="new-locale">{t("users.locale")}</label>
              <select id="new-locale" name="locale" defaultValue="">
                <option value="">{t("users.browserDefault")}</option>
                <option value="es">{t("languages.es")}</option>
                <option value="en">{t("languages.en")}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="new-password">{t("users.password")}</label>
              <input id="new-password" name="password" type="password" minLength={10} required autoComplete="new-password" />
              {errors.password ? <span className="field-error">{errors.password}</span> : null}
            </div>
            <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
              <legend className="label">{t("users.teams")}</legend>
              <div className="checkbox-list">
                {teams.map((team) => (
                  <label key={team.id}>
                    <input type="checkbox" name="teamIds[]" value={team.id} /> {team.name}
                  </label>
                ))}
              </div>
            </fieldset>
            <div>
              <button type="submit" className="btn">
                {t("users.create")}
              </button>
            </div>
          </Form>
        </div>
      </div>
      <div className="card">
        <div className="card-body">
          <h2>{t("users.teamsTitle")}</h2>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="createTeam" />
            <span className="muted">{teams.map((team) => team.name).join(" · ") || t("users.noTeams")}</span>
            <input name="teamName" type="text" required aria-label={t("users.newTeam")} placeholder={t("users.newTeam")} />
            <button type="submit" className="btn btn-secondary btn-small">
              {t("users.addTeam")}
            </button>
            {errors.teamName ? <span className="field-error">{translateError(errors.teamName)}</span> : null}
          </Form>
        </div>
      </div>
      <div className="card">
        <table className="data">
          <thead>
            <tr>
              <th>{t("users.name")}</th>
              <th>{t("users.role")}</th>
              <th>{t("users.teams")}</th>
              <th>{t("users.agentRecord")}</th>
              <th>{t("users.locale")}</th>
              <th>{t("users.active")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const formId = `user-${user.id}`;
              return (
                <tr key={user.id}>
                  <td>
                    <div className="subject">{user.name}</div>
                    <div className="muted">{user.email}</div>
                  </td>
                  <td>
                    <select name="role" form={formId} defaultValue={user.role} aria-label={`${t("users.role")} ${user.name}`}>
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <div className="checkbox-list">
                      {teams.map((team) => (
                        <label key={team.id}>
                          <input type="checkbox" name="teamIds[]" value={team.id} form={formId} defaultChecked={user.teamIds.includes(team.id)} />{" "}
                          {team.name}
                        </label>
                      ))}
                    </div>
                  </td>
                  <td>
                    {user.role === "agent" ? (
                      <select
                        name="agentId"
                        form={formId}
                        defaultValue={agents.find((agent) => agent.userId === user.id)?.id ?? ""}
                        aria-label={`${t("users.agentRecord")} ${user.name}`}
                      >
                        <option value="">{t("users.noAgentRecord")}</option>
                        {agents.map((agent) => (
                          <option key={agent.id} value={agent.id} disabled={agent.userId !== null && agent.userId !== user.id}>
                            {agent.name}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <select name="locale" form={formId} defaultValue={user.locale ?? ""} aria-label={`${t("users.locale")} ${user.name}`}>
                      <option value="">{t("users.browserDefault")}</option>
                      <option value="es">{t("languages.es")}</option>
                      <option value="en">{t("languages.en")}</option>
                    </select>
                  </td>
                  <td>
                    <input type="checkbox" name="active" form={formId} defaultChecked={user.active} aria-label={`${t("users.active")} ${user.name}`} />
                  </td>
                  <td>
                    <Form method="post" id={formId}>
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="userId" value={user.id} />
                      <button type="submit" className="btn btn-secondary btn-small">
                        {t("users.save")}
                      </button>
                    </Form>
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
