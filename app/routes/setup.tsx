import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "../../db/client";
import { countUsers, createUser } from "../../db/queries/users";
import { assertSameOrigin } from "../auth/guards.server";
import { hashPassword } from "../auth/password.server";
import { firstAdminSchema } from "../auth/schemas";
import { createSessionCookieFor } from "../auth/session.server";
import { resolveLocale } from "../locale.server";
import { parseFormData } from "../validation";

// Reachable only while the database has no users: it creates the first admin and then disappears.
export async function loader(_args: LoaderFunctionArgs) {
  if ((await countUsers(await getDb())) > 0) return redirect("/login");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const db = await getDb();
  if ((await countUsers(db)) > 0) return redirect("/login");
  const locale = resolveLocale(request, null);
  const parsed = parseFormData(firstAdminSchema, await request.formData(), locale);
  if (!parsed.ok) return { errors: parsed.errors };
  const user = await createUser(db, {
    ...parsed.data,
    role: "admin",
    locale,
    passwordHash: await hashPassword(parsed.data.password),
  });
  return redirect("/", { headers: { "Set-Cookie": await createSessionCookieFor(db, user.id) } });
}

export default function Setup() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <div className="card-body">
          <h1>{t("setup.title")}</h1>
          <p className="muted">{t("setup.subtitle")}</p>
          <Form method="post">
            <div className="field">
              <label htmlFor="name">{t("setup.name")}</label>
              <input id="name" name="name" type="text" required autoComplete="name" />
              {errors.name ? <span className="field-error">{errors.name}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="email">{t("login.email")}</label>
              <input id="email" name="email" type="email" required autoComplete="username" />
              {errors.email ? <span className="field-error">{errors.email}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="password">{t("login.password")}</label>
              <input id="password" name="password" type="password" required minLength={10} autoComplete="new-password" />
              <span className="muted">{t("setup.passwordHint")}</span>
              {errors.password ? <span className="field-error">{errors.password}</span> : null}
            </div>
            <button type="submit" className="btn">
              {t("setup.submit")}
            </button>
          </Form>
        </div>
      </div>
    </div>
  );
}
