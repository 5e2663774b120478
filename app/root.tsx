import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { getDb } from "../db/client";
import { getReviewSettings } from "../db/queries/reviews";
import { isDemoDatabase } from "../db/queries/settings";
import { getOptionalUser } from "./auth/guards.server";
import { hasReviewQueue } from "./reviews/permissions";
import { env } from "./env.server";
import { LanguageSwitch } from "./components/LanguageSwitch";
import { createI18n } from "./i18n/i18n";
import { resolveLocale } from "./locale.server";
import styles from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Calidad QA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, { allowUninstalled: true });
  const db = await getDb();
  const [demo, reviewSettings] = await Promise.all([isDemoDatabase(db), user?.role === "agent" ? getReviewSettings(db) : null]);
  return {
    locale: resolveLocale(request, user?.locale),
    demo,
    timeZone: env().APP_TIMEZONE,
    user: user
      ? {
          name: user.name,
          email: user.email,
          role: user.role,
          reviewQueue: hasReviewQueue(user.role, reviewSettings ?? { selfReview: false, peerReview: false }),
        }
      : null,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? "en";
  const i18n = useMemo(() => createI18n(locale), [locale]);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          {data?.demo && !data.user ? <DemoBanner /> : null}
          {children}
        </I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="demo-banner" role="note">
      {t("demo.banner")}
    </div>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  if (!data?.user) return <Outlet />;
  return (
    <div className="shell">
      <Sidebar user={data.user} />
      <main className="main" id="main">
        {data.demo ? <DemoBanner /> : null}
        <Outlet />
      </main>
    </div>
  );
}

type ShellUser = NonNullable<Awaited<ReturnType<typeof loader>>["user"]>;

function Sidebar({ user }: { user: ShellUser }) {
  const { t } = useTranslation();
  const readsDashboards = user.role === "admin" || user.role === "executive" || user.role === "lead";
  const items = [
    { to: "/dashboards/executive", label: t("nav.executive"), show: readsDashboards },
    { to: "/dashboards/team", label: t("nav.team"), show: readsDashboards },
    {
      to: "/dashboards/reviewers",
      label: user.role === "reviewer" ? t("nav.myWorkload") : t("nav.reviewerWorkload"),
      show: readsDashboards || user.role === "reviewer",
    },
    { to: "/conversations", label: user.role === "agent" ? t("nav.myConversations") : t("nav.conversations"), show: true },
    { to: "/queue", label: t("nav.queue"), show: user.reviewQueue },
    { to: "/reviews", label: user.role === "agent" ? t("nav.myReviews") : t("nav.reviews"), show: true },
    { to: "/scorecards", label: t("nav.scorecards"), show: user.role === "admin" || user.role === "lead" },
    { to: "/sampling", label: t("nav.sampling"), show: user.role === "admin" || user.role === "lead" },
    { to: "/calibration", label: t("nav.calibration"), show: user.role === "admin" || user.role === "lead" || user.role === "reviewer" },
    { to: "/frustrated", label: t("nav.frustrated"), show: user.role !== "agent" },
    { to: "/admin/users", label: t("nav.users"), show: user.role === "admin" },
    { to: "/admin/imports", label: t("nav.imports"), show: user.role === "admin" },
    { to: "/admin/connectors", label: t("nav.connectors"), show: user.role === "admin" },
    { to: "/admin/api-tokens", label: t("nav.apiTokens"), show: user.role === "admin" },
    { to: "/admin/scoring", label: t("nav.scoringSettings"), show: user.role === "admin" },
    { to: "/admin/response-targets", label: t("nav.responseTargets"), show: user.role === "admin" },
  ].filter((item) => item.show);
  return (
    <nav className="sidebar" aria-label={t("nav.mainNavigation")}>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          Q
        </span>
        {t("app.name")}
      </div>
      {items.map((item) => (
        <NavLink key={item.to} to={item.to} className={({ isActive }) => `nav-link${isActive ? " active" : ""}`}>
          {item.label}
        </NavLink>
      ))}
      <div className="sidebar-footer">
        <div className="who">{user.name}</div>
        <div className="role">{t(`roles.${user.role}`)}</div>
        <LanguageSwitch />
        <Form method="post" action="/logout">
          <button type="submit" className="link-button">
            {t("nav.signOut")}
          </button>
        </Form>
      </div>
    </nav>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = status === 403 ? t("errors.forbidden") : status === 404 ? t("errors.notFound") : t("errors.title");
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <div className="card-body">
          <h1>{status}</h1>
          <p>{message}</p>
          <a href="/">{t("errors.home")}</a>
        </div>
      </div>
    </div>
  );
}
