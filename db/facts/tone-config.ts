import { z } from "zod";
import { DEFAULT_FORBIDDEN_PHRASES } from "../../scoring/tone/forbidden-phrases";
import { foldPhrase } from "../../scoring/tone/text";
import type { Language } from "../../scoring/tone/types";
import type { Database } from "../client";
import { getSetting, putSetting } from "../queries/settings";

/**
 * The tone settings admins edit: the forbidden-phrase list per language (DEFAULT_FORBIDDEN_PHRASES until
 * an admin saves one). Every save bumps `version`; facts computed with an older version are stale and get
 * recomputed (see refreshStaleFacts), like the response-time settings.
 */
export interface ToneConfig {
  version: number;
  forbiddenPhrases: Record<Language, string[]>;
}

export const TONE_CONFIG_KEY = "tone_config";
export const TONE_LANGUAGES: readonly Language[] = ["es", "en"];
export const MAX_FORBIDDEN_PHRASE_LENGTH = 120;
export const MAX_FORBIDDEN_PHRASES = 200;

export const DEFAULT_TONE_CONFIG: ToneConfig = {
  version: 1,
  forbiddenPhrases: { es: [...DEFAULT_FORBIDDEN_PHRASES.es], en: [...DEFAULT_FORBIDDEN_PHRASES.en] },
};

/** Why one phrase is refused, an i18n key under `tone.errors`. */
export type PhraseIssue = "too_long" | "no_words";

/** One phrase: trimmed, not empty, at most MAX_FORBIDDEN_PHRASE_LENGTH characters, with a letter or digit to match on. */
export const forbiddenPhraseSchema = z
  .string()
  .trim()
  .min(1, "no_words")
  .max(MAX_FORBIDDEN_PHRASE_LENGTH, "too_long")
  .refine((phrase) => /[\p{L}\p{N}]/u.test(phrase), "no_words");

/** The same phrase for matching purposes: case, accents, apostrophe style and spacing ignored («Cálmese» = «calmese»). */
export function phraseKey(phrase: string): string {
  return foldPhrase(phrase);
}

/** Keeps the first of phrases that match the same text. */
export function dedupePhrases(phrases: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const phrase of phrases) {
    const key = phraseKey(phrase);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(phrase);
  }
  return kept;
}

/** A language's list: valid phrases, duplicates dropped, at most MAX_FORBIDDEN_PHRASES. An empty list is allowed. */
export const forbiddenPhraseListSchema = z
  .array(forbiddenPhraseSchema)
  .transform(dedupePhrases)
  .pipe(z.array(z.string()).max(MAX_FORBIDDEN_PHRASES, "too_many"));

export const forbiddenPhrasesSchema = z.object({ es: forbiddenPhraseListSchema, en: forbiddenPhraseListSchema });

const storedToneConfigSchema = z.object({ version: z.number().int().positive(), forbiddenPhrases: forbiddenPhrasesSchema });

export interface LineError {
  /** 1-based line of the textarea. */
  line: number;
  issue: PhraseIssue;
}

export type ParsedPhraseLines = { ok: true; phrases: string[] } | { ok: false; errors: LineError[]; tooMany: boolean };

/**
 * A textarea with one phrase per line: blank lines are skipped, every other line must be a valid phrase
 * (errors name the line), duplicates are dropped.
 */
export function parsePhraseLines(text: string): ParsedPhraseLines {
  const errors: LineError[] = [];
  const phrases: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    const parsed = forbiddenPhraseSchema.safeParse(raw);
    if (parsed.success) phrases.push(parsed.data);
    else errors.push({ line: index + 1, issue: parsed.error.issues[0]?.message === "too_long" ? "too_long" : "no_words" });
  });
  const unique = dedupePhrases(phrases);
  const tooMany = unique.length > MAX_FORBIDDEN_PHRASES;
  if (errors.length > 0 || tooMany) return { ok: false, errors, tooMany };
  return { ok: true, phrases: unique };
}

export async function loadToneConfig(db: Database): Promise<ToneConfig> {
  const stored = await getSetting<unknown>(db, TONE_CONFIG_KEY);
  if (stored === null) return DEFAULT_TONE_CONFIG;
  const parsed = storedToneConfigSchema.safeParse(stored);
  // A setting that no longer parses would silently count the wrong phrases; fail loudly instead.
  if (!parsed.success) throw new Error(`The saved tone settings are invalid: ${parsed.error.message}`);
  return parsed.data;
}

/** Saves new lists (validated, deduplicated) with the next version and returns them. Throws a ZodError on invalid lists. */
export async function saveToneConfig(
  db: Database,
  changes: { forbiddenPhrases: Record<Language, readonly string[]> },
): Promise<ToneConfig> {
  const forbiddenPhrases = forbiddenPhrasesSchema.parse(changes.forbiddenPhrases);
  return db.transaction(async (tx) => {
    const current = await loadToneConfig(tx);
    const next: ToneConfig = { version: current.version + 1, forbiddenPhrases };
    await putSetting(tx, TONE_CONFIG_KEY, next);
    return next;
  });
}
