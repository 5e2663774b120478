import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "../../db/client";
import { countStaleFacts, loadToneConfig, parsePhraseLines, saveToneConfig, TONE_LANGUAGES } from "../../db/facts";
import { type LineError, MAX_FORBIDDEN_PHRASE_LENGTH, MAX_FORBIDDEN_PHRASES } from "../../db/facts/tone-config";
import { DEFAULT_FORBIDDEN_PHRASES, type Language } from "../../scoring/tone";
import { ROLE_GROUPS, requireRole } from "../auth/guards.server";
import { isRecomputing, recomputeAfterSettingsChange } from "../dashboards/recompute.server";
import { resolveLocale } from "../locale.server";
import { parseFormData } from "../validation";

export const meta: MetaFunction = () => [{ title: "Calidad QA · Forbidden phrases" }];

export const forbiddenPhrasesFormSchema = z.object({
  intent: z.enum(["save", "restore"]).default("save"),
  es: z.string().max(100_000).default(""),
  en: z.string().max(100_000).default(""),
});

type LanguageErrors = Partial<Record<Language, { lines: LineError[]; tooMany: boolean; text: string }>>;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ROLE_GROUPS.admins);
  const db = await getDb();
  const [config, stale] = await Promise.all([loadToneConfig(db), countStaleFacts(db)]);
  return {
    version: config.version,
    phrases: config.forbiddenPhrases,
    defaults: { es: [...DEFAULT_FORBIDDEN_PHRASES.es], en: [...DEFAULT_FORBIDDEN_PHRASES.en] },
    stale,
    recomputing: isRecomputing(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ROLE_GROUPS.admins);
  const db = await getDb();
  const parsed = parseFormData(forbiddenPhrasesFormSchema, await request.formData(), resolveLocale(request, admin.locale));
  if (!parsed.ok) return { ok: false as const, errors: {} as LanguageErrors };
  let lists: Record<Language, string[]>;
  if (parsed.data.intent === "restore") {
    lists = { es: [...DEFAULT_FORBIDDEN_PHRASES.es], en: [...DEFAULT_FORBIDDEN_PHRASES.en] };
  } else {
    const errors: LanguageErrors = {};
    const result: Partial<Record<Language, string[]>> = {};
    for (const lang of TONE_LANGUAGES) {
      const lines = parsePhraseLines(parsed.data[lang]);
      if (lines.ok) result[lang] = lines.phrases;
      else errors[lang] = { lines: lines.errors, tooMany: lines.tooMany, text: parsed.data[lang] };
    }
    if (Object.keys(errors).length > 0) return { ok: false as const, errors };
    lists = { es: result.es ?? [], en: result.en ?? [] };
  }
  await saveToneConfig(db, { forbiddenPhrases: lists });
  const { stale } = await recomputeAfterSettingsChange(db);
  return { ok: true as const, stale };
}

export default function ForbiddenPhrases() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: LanguageErrors = result && !result.ok ? result.errors : {};
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{t("forbiddenPhrases.title")}</h1>
          <p>{t("forbiddenPhrases.subtitle")}</p>
        </div>
        <Link to="/admin/response-targets" className="btn btn-secondary">
          {t("targets.title")}
        </Link>
      </div>
      {result?.ok ? (
        <div className="alert alert-success" role="status">
          {t("forbiddenPhrases.saved", { count: result.stale })}
        </div>
      ) : null}
      {result && !result.ok ? (
        <div className="alert alert-error" role="alert">
          {t("forbiddenPhrases.invalid")}
        </div>
      ) : null}
      {/* A new key after each save, so the textareas show what was saved (deduplicated, trimmed). */}
      <Form method="post" key={data.version}>
        <div className="card">
          <div className="card-body">
            <p className="muted">{t("forbiddenPhrases.hint")}</p>
            <div className="grid-form">
              {TONE_LANGUAGES.map((lang) => {
                const failed = errors[lang];
                return (
                  <div className="field" key={lang}>
                    <label htmlFor={`phrases-${lang}`}>{t(`forbiddenPhrases.languages.${lang}`)}</label>
                    <textarea
                      id={`phrases-${lang}`}
                      name={lang}
                      rows={10}
                      defaultValue={failed ? failed.text : data.phrases[lang].join("\n")}
                      aria-invalid={failed ? true : undefined}
                      aria-describedby={`phrases-${lang}-defaults`}
                    />
                    {failed?.lines.map((error) => (
                      <span className="field-error" key={error.line} data-line={error.line}>
                        {t("forbiddenPhrases.lineError", {
                          line: error.line,
                          issue: t(`forbiddenPhrases.errors.${error.issue}`, { max: MAX_FORBIDDEN_PHRASE_LENGTH }),
                        })}
                      </span>
                    ))}
                    {failed?.tooMany ? (
                      <span className="field-error">{t("forbiddenPhrases.tooMany", { max: MAX_FORBIDDEN_PHRASES })}</span>
                    ) : null}
                    <span className="muted" id={`phrases-${lang}-defaults`}>
                      {t("forbiddenPhrases.defaults", { phrases: data.defaults[lang].map((phrase) => `«${phrase}»`).join(", ") })}
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        <div className="card">
          <div className="card-body inline-form">
            <button type="submit" name="intent" value="save" className="btn">
              {t("forbiddenPhrases.save")}
            </button>
            <button type="submit" name="intent" value="restore" className="btn btn-secondary" formNoValidate>
              {t("forbiddenPhrases.restore")}
            </button>
            <span className="muted" data-stale={data.stale}>
              {data.stale > 0 || data.recomputing ? t("forbiddenPhrases.pending", { count: data.stale }) : t("forbiddenPhrases.upToDate")}
            </span>
          </div>
          <div className="card-body muted">{t("targets.howItWorks")}</div>
        </div>
      </Form>
    </>
  );
}
