import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function LanguageSwitch({ className = "lang-switch" }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className={className} aria-label={t("nav.language")}>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      {(["es", "en"] as const).map((locale) => (
        <button key={locale} type="submit" name="locale" value={locale} aria-pressed={i18n.language === locale}>
          {locale.toUpperCase()}
        </button>
      ))}
    </Form>
  );
}
