/**
 * The automatic checks a scorecard criterion can be linked to (`criterion.autoQaFeature`). The link is part
 * of a published, immutable scorecard version, so these ids are stored for as long as reviews exist: add
 * new ids, never rename one (map an old spelling in FEATURE_ALIASES instead).
 */
export const AUTOQA_FEATURES = [
  "greeting",
  "closing",
  "empathy",
  "forbidden-phrases",
  "channel-redirect",
  "first-response-time",
  "every-reply-time",
  "response-time",
  "customer-name",
] as const;

export type AutoQaFeature = (typeof AUTOQA_FEATURES)[number];

/** Spellings written before the list above existed (the first demo scorecards). */
export const FEATURE_ALIASES: Readonly<Record<string, AutoQaFeature>> = {
  "response-time-vs-channel-target": "response-time",
};

/** The feature a criterion's link names, or null when it names none this version knows. */
export function autoQaFeatureOf(link: string | null | undefined): AutoQaFeature | null {
  if (link === null || link === undefined || link === "") return null;
  if ((AUTOQA_FEATURES as readonly string[]).includes(link)) return link as AutoQaFeature;
  return FEATURE_ALIASES[link] ?? null;
}

/**
 * The rules' identity on every prediction row. Bump `version` whenever a rule, a lexicon in scoring/tone
 * or the scale mapping changes what would be suggested: acceptance rates are then read per version.
 */
export const AUTOQA_MODEL = { modelId: "autoqa-rules", version: "1" } as const;

/** Features whose detector can only find faults: finding nothing is not evidence of a good rating. */
export const FAULT_ONLY_FEATURES: ReadonlySet<AutoQaFeature> = new Set(["forbidden-phrases", "channel-redirect"]);

export const RESPONSE_TIME_FEATURES: ReadonlySet<AutoQaFeature> = new Set(["first-response-time", "every-reply-time", "response-time"]);
