import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { isDemoDatabase } from "../../db/queries/settings";
import { assertSameOrigin, getOptionalUser } from "../auth/guards.server";
import { clientIp, logIn } from "../auth/session.server";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { parseFormData, safeRedirectPath } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Sign in / Iniciar sesión" }];

const DEMO_ROLES = ["admin", "reviewer", "lead", "executive", "agent"] as const;

const loginSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(1024),
  next: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) return redirect("/");
  return { demo: await isDemoDatabase(await getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const parsed = parseFormData(loginSchema, await request.formData());
  if (!parsed.ok) return { error: "invalid" as const };
  const result = await logIn(await getDb(), { ...parsed.data, ip: clientIp(context) });
  if (!result.ok) return { error: result.reason };
  return redirect(safeRedirectPath(parsed.data.next), { headers: { "Set-Cookie": result.setCookie } });
}

const ERROR_KEYS = { invalid: "login.invalid", inactive: "login.inactive", rate_limited: "login.rateLimited" } as const;

export default function Login() {
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <div className="card-body">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              Q
            </span>
            {t("app.name")}
          </div>
          <h1>{t("login.title")}</h1>
          <p className="muted">{t("login.subtitle")}</p>
          <Form method="post">
            {actionData?.error ? (
              <div className="alert alert-error" role="alert">
                {t(ERROR_KEYS[actionData.error])}
              </div>
            ) : null}
            <input type="hidden" name="next" value={searchParams.get("next") ?? "/"} />
            <div className="field">
              <label htmlFor="email">{t("login.email")}</label>
              <input id="email" name="email" type="email" autoComplete="username" required />
            </div>
            <div className="field">
              <label htmlFor="password">{t("login.password")}</label>
              <input id="password" name="password" type="password" autoComplete="current-password" required />
            </div>
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
              {t("login.submit")}
            </button>
          </Form>
          {demo ? (
            <div className="demo-logins">
              {t("login.demoHint")} (<code>demo-password</code>)
              <ul>
                {DEMO_ROLES.map((role) => (
                  <li key={role} style={{ display: "contents" }}>
                    <span>{t(`roles.${role}`)}</span>
                    <code>{role}@demo.test</code>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <LanguageSwitch className="lang-switch light" />
        </div>
      </div>
    </div>
  );
}
