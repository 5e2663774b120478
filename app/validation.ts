import { z } from "zod";
import type { Locale } from "../scoring/domain";

export type FieldErrors = Record<string, string>;

/** Parses form data with a zod schema; errors come back keyed by field name, in the user's language. */
export function parseFormData<Schema extends z.ZodType>(
  schema: Schema,
  formData: FormData,
  locale: Locale = "en",
): { ok: true; data: z.infer<Schema> } | { ok: false; errors: FieldErrors } {
  const raw: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key);
    raw[key] = key.endsWith("[]") ? values : values[0];
  }
  const result = schema.safeParse(raw, { error: (locale === "es" ? z.locales.es() : z.locales.en()).localeError });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Only same-site relative paths, so a crafted ?next= cannot send people to another site. */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
