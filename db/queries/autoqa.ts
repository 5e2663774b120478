import { createHash } from "node:crypto";
import { type SQL, and, asc, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import {
  type AcceptanceCounts,
  type AcceptanceSummary,
  addCounts,
  AUTOQA_MODEL,
  type AutoQaEvidence,
  autoQaFeatureOf,
  type AutoQaResult,
  decideSuggestions,
  emptyCounts,
  linkedCriteria,
  summariseAcceptance,
} from "../../scoring/autoqa";
import type { Rating, ScorecardDefinition } from "../../scoring/rubric";
import type { Database } from "../client";
import { loadToneConfig } from "../facts/tone-config";
import { autoQaDecisions, autoQaSuggestions, conversations, reviews, scorecardVersions, scorecards } from "../schema";
import { type ConversationScope, conversationScopeCondition } from "./scope";
import { storedDefinition } from "./scorecards";

export interface ModelKey {
  modelId: string;
  version: string;
}

// ---------------------------------------------------------------------------------------------
// Response-time targets

/** The forbidden-phrase lists admins edit under Response targets → Forbidden phrases (db/facts/tone-config.ts). */
export async function loadForbiddenPhrases(db: Database): Promise<Record<"es" | "en", string[]>> {
  return (await loadToneConfig(db)).forbiddenPhrases;
}

// ---------------------------------------------------------------------------------------------
// Suggestions (prediction rows)

export interface StoredSuggestion {
  id: number;
  criterionId: string;
  feature: string;
  modelId: string;
  modelVersion: string;
  rating: Rating;
  level: string;
  reason: string;
  evidence: AutoQaEvidence[];
  computedAt: Date;
}

const suggestionColumns = {
  id: autoQaSuggestions.id,
  criterionId: autoQaSuggestions.criterionId,
  feature: autoQaSuggestions.feature,
  modelId: autoQaSuggestions.modelId,
  modelVersion: autoQaSuggestions.modelVersion,
  rating: autoQaSuggestions.rating,
  level: autoQaSuggestions.level,
  reason: autoQaSuggestions.reason,
  evidence: autoQaSuggestions.evidence,
  computedAt: autoQaSuggestions.computedAt,
};

function fingerprintOf(result: { rating: Rating; level: string; reason: string; evidence: AutoQaEvidence[] }): string {
  return createHash("sha256")
    .update(JSON.stringify([result.rating, result.level, result.reason, result.evidence]))
    .digest("hex");
}

/**
 * Stores the suggestions computed for one conversation on one scorecard version: new ones are inserted,
 * changed ones updated in place (same id), unchanged ones left alone, and those the rules no longer make
 * (the conversation changed) deleted. Returns what is stored now for this model version.
 */
export async function saveSuggestions(
  db: Database,
  {
    conversationId,
    scorecardVersionId,
    results,
    model = AUTOQA_MODEL,
  }: { conversationId: number; scorecardVersionId: number; results: ReadonlyMap<string, AutoQaResult>; model?: ModelKey },
): Promise<StoredSuggestion[]> {
  const rows = [...results.entries()].flatMap(([criterionId, result]) =>
    result.status === "suggested"
      ? [
          {
            conversationId,
            scorecardVersionId,
            criterionId,
            feature: result.feature,
            modelId: model.modelId,
            modelVersion: model.version,
            rating: result.rating,
            level: result.level,
            reason: result.reason,
            evidence: result.evidence,
            fingerprint: fingerprintOf(result),
          },
        ]
      : [],
  );
  const here = and(
    eq(autoQaSuggestions.conversationId, conversationId),
    eq(autoQaSuggestions.scorecardVersionId, scorecardVersionId),
    eq(autoQaSuggestions.modelId, model.modelId),
    eq(autoQaSuggestions.modelVersion, model.version),
  );
  return db.transaction(async (tx) => {
    const keep = rows.map((row) => row.criterionId);
    await tx.delete(autoQaSuggestions).where(keep.length ? and(here, notInArray(autoQaSuggestions.criterionId, keep)) : here);
    if (rows.length > 0) {
      await tx
        .insert(autoQaSuggestions)
        .values(rows)
        .onConflictDoUpdate({
          target: [
            autoQaSuggestions.conversationId,
            autoQaSuggestions.scorecardVersionId,
            autoQaSuggestions.criterionId,
            autoQaSuggestions.modelId,
            autoQaSuggestions.modelVersion,
          ],
          set: {
            feature: sql`excluded.feature`,
            rating: sql`excluded.rating`,
            level: sql`excluded.level`,
            reason: sql`excluded.reason`,
            evidence: sql`excluded.evidence`,
            fingerprint: sql`excluded.fingerprint`,
            computedAt: sql`now()`,
          },
          setWhere: sql`${autoQaSuggestions.fingerprint} <> excluded.fingerprint`,
        });
    }
    return (await tx
      .select(suggestionColumns)
      .from(autoQaSuggestions)
      .where(here)
      .orderBy(asc(autoQaSuggestions.id))) as StoredSuggestion[];
  });
}

/**
 * The suggestion each criterion shows for a conversation on a scorecard version: the current model
 * version's when it has one, otherwise the newest stored.
 */
export async function suggestionsFor(
  db: Database,
  { conversationId, scorecardVersionId, model = AUTOQA_MODEL }: { conversationId: number; scorecardVersionId: number; model?: ModelKey },
): Promise<Map<string, StoredSuggestion>> {
  const rows = (await db
    .select(suggestionColumns)
    .from(autoQaSuggestions)
    .where(and(eq(autoQaSuggestions.conversationId, conversationId), eq(autoQaSuggestions.scorecardVersionId, scorecardVersionId)))
    .orderBy(desc(autoQaSuggestions.computedAt), desc(autoQaSuggestions.id))) as StoredSuggestion[];
  const byCriterion = new Map<string, StoredSuggestion>();
  for (const row of rows) {
    const current = byCriterion.get(row.criterionId);
    const isCurrentModel = row.modelId === model.modelId && row.modelVersion === model.version;
    if (!current || (isCurrentModel && !(current.modelId === model.modelId && current.modelVersion === model.version))) {
      byCriterion.set(row.criterionId, row);
    }
  }
  return byCriterion;
}

// ---------------------------------------------------------------------------------------------
// Decisions (what reviewers did with them)

/**
 * Records, for a review being submitted (or edited after submission), what happened to each linked
 * criterion's suggestion: accepted, overridden or none shown. Runs inside the submission's transaction and
 * replaces the review's earlier decisions, like its per-criterion results.
 */
export async function recordAutoQaDecisions(
  db: Database,
  {
    reviewId,
    conversationId,
    scorecardVersionId,
    definition,
    ratings,
  }: {
    reviewId: number;
    conversationId: number;
    scorecardVersionId: number;
    definition: ScorecardDefinition;
    ratings: Readonly<Record<string, Rating | undefined>>;
  },
): Promise<void> {
  await db.delete(autoQaDecisions).where(eq(autoQaDecisions.reviewId, reviewId));
  if (linkedCriteria(definition).length === 0) return;
  const shown = await suggestionsFor(db, { conversationId, scorecardVersionId });
  const decisions = decideSuggestions(definition, new Map([...shown].map(([criterionId, row]) => [criterionId, row.rating])), ratings);
  if (decisions.length === 0) return;
  await db.insert(autoQaDecisions).values(
    decisions.map((decision) => {
      const suggestion = shown.get(decision.criterionId);
      return {
        reviewId,
        criterionId: decision.criterionId,
        feature: suggestion?.feature ?? decision.feature,
        suggestionId: suggestion?.id ?? null,
        modelId: suggestion?.modelId ?? AUTOQA_MODEL.modelId,
        modelVersion: suggestion?.modelVersion ?? AUTOQA_MODEL.version,
        suggestedRating: decision.suggestedRating,
        rating: decision.rating,
        suggestedScore: decision.suggestedScore,
        ratingScore: decision.ratingScore,
        outcome: decision.outcome,
        direction: decision.direction,
      };
    }),
  );
}

export async function decisionsForReview(db: Database, reviewId: number) {
  return db.select().from(autoQaDecisions).where(eq(autoQaDecisions.reviewId, reviewId)).orderBy(asc(autoQaDecisions.criterionId));
}

// ---------------------------------------------------------------------------------------------
// Acceptance report

export interface AcceptanceRow extends AcceptanceCounts {
  scorecardId: number;
  criterionId: string;
  feature: string;
}

const key = (row: { scorecardId: number; criterionId: string; feature: string }) =>
  `${row.scorecardId}\u0000${row.criterionId}\u0000${row.feature}`;
const int = (value: SQL) => sql<number>`(${value})::int`;

/**
 * Per scorecard × criterion × feature: suggestions shown, and what reviewers did with them in submitted
 * reviews, for conversations within `scope`; only `modelVersion`'s rows when given (rules change between
 * versions, so their acceptance is read separately).
 */
export async function autoQaAcceptance(
  db: Database,
  { scope, modelVersion = null }: { scope: ConversationScope; modelVersion?: string | null },
): Promise<AcceptanceRow[]> {
  const scopeCondition = conversationScopeCondition(scope);
  const made = await db
    .select({
      scorecardId: scorecardVersions.scorecardId,
      criterionId: autoQaSuggestions.criterionId,
      feature: autoQaSuggestions.feature,
      suggested: int(sql`count(*)`),
    })
    .from(autoQaSuggestions)
    .innerJoin(conversations, eq(conversations.id, autoQaSuggestions.conversationId))
    .innerJoin(scorecardVersions, eq(scorecardVersions.id, autoQaSuggestions.scorecardVersionId))
    .where(and(scopeCondition, modelVersion === null ? undefined : eq(autoQaSuggestions.modelVersion, modelVersion)))
    .groupBy(scorecardVersions.scorecardId, autoQaSuggestions.criterionId, autoQaSuggestions.feature);

  const overridden = sql`${autoQaDecisions.outcome} = 'overridden'`;
  const decided = await db
    .select({
      scorecardId: scorecardVersions.scorecardId,
      criterionId: autoQaDecisions.criterionId,
      feature: autoQaDecisions.feature,
      decided: int(sql`count(*) filter (where ${autoQaDecisions.outcome} <> 'no_suggestion')`),
      accepted: int(sql`count(*) filter (where ${autoQaDecisions.outcome} = 'accepted')`),
      overridden: int(sql`count(*) filter (where ${overridden})`),
      noSuggestion: int(sql`count(*) filter (where ${autoQaDecisions.outcome} = 'no_suggestion')`),
      higher: int(sql`count(*) filter (where ${autoQaDecisions.direction} = 'higher')`),
      lower: int(sql`count(*) filter (where ${autoQaDecisions.direction} = 'lower')`),
      toNa: int(sql`count(*) filter (where ${autoQaDecisions.direction} = 'to_na')`),
      fromNa: int(sql`count(*) filter (where ${autoQaDecisions.direction} = 'from_na')`),
      shiftSum: sql<number>`coalesce(sum(${autoQaDecisions.ratingScore} - ${autoQaDecisions.suggestedScore}) filter (where ${overridden}), 0)::float8`,
      shiftCount: int(
        sql`count(*) filter (where ${overridden} and ${autoQaDecisions.ratingScore} is not null and ${autoQaDecisions.suggestedScore} is not null)`,
      ),
    })
    .from(autoQaDecisions)
    .innerJoin(reviews, eq(reviews.id, autoQaDecisions.reviewId))
    .innerJoin(conversations, eq(conversations.id, reviews.conversationId))
    .innerJoin(scorecardVersions, eq(scorecardVersions.id, reviews.scorecardVersionId))
    .where(
      and(
        eq(reviews.status, "submitted"),
        scopeCondition,
        modelVersion === null ? undefined : eq(autoQaDecisions.modelVersion, modelVersion),
      ),
    )
    .groupBy(scorecardVersions.scorecardId, autoQaDecisions.criterionId, autoQaDecisions.feature);

  const rows = new Map<string, AcceptanceRow>();
  const rowFor = (found: { scorecardId: number; criterionId: string; feature: string }) => {
    let row = rows.get(key(found));
    if (!row) {
      row = { scorecardId: found.scorecardId, criterionId: found.criterionId, feature: found.feature, ...emptyCounts() };
      rows.set(key(found), row);
    }
    return row;
  };
  for (const found of made) rowFor(found).suggested = Number(found.suggested);
  for (const found of decided) {
    const row = rowFor(found);
    row.decided = Number(found.decided);
    row.accepted = Number(found.accepted);
    row.overridden = Number(found.overridden);
    row.noSuggestion = Number(found.noSuggestion);
    row.directions = { higher: Number(found.higher), lower: Number(found.lower), to_na: Number(found.toNa), from_na: Number(found.fromNa) };
    row.shiftSum = Number(found.shiftSum);
    row.shiftCount = Number(found.shiftCount);
  }
  return [...rows.values()];
}

/**
 * The criteria linked to a feature in each active scorecard's latest published version, and in its
 * unpublished draft (a link takes effect only once published).
 */
export async function linkedCriteriaOverview(db: Database) {
  const latest = await db
    .select({
      scorecardId: scorecards.id,
      name: scorecards.name,
      draft: scorecards.draft,
      version: scorecardVersions.version,
      definition: scorecardVersions.definition,
    })
    .from(scorecards)
    .leftJoin(
      scorecardVersions,
      and(
        eq(scorecardVersions.scorecardId, scorecards.id),
        sql`${scorecardVersions.version} = (select max(v.version) from scorecard_versions v where v.scorecard_id = ${scorecards.id})`,
      ),
    )
    .where(eq(scorecards.active, true))
    .orderBy(asc(scorecards.name));
  return latest.map((row) => ({
    scorecardId: row.scorecardId,
    name: row.name,
    version: row.version,
    linked: row.definition === null ? [] : linkedCriteria(storedDefinition(row.definition)),
    linkedInDraft: draftLinkCount(row.draft),
  }));
}

/** Links in a draft, which may be anything the builder saved. */
function draftLinkCount(draft: unknown): number {
  const categories = (draft as { categories?: unknown } | null)?.categories;
  if (!Array.isArray(categories)) return 0;
  let count = 0;
  for (const category of categories) {
    const criteria = (category as { criteria?: unknown } | null)?.criteria;
    if (!Array.isArray(criteria)) continue;
    for (const criterion of criteria) {
      const link = (criterion as { autoQaFeature?: unknown } | null)?.autoQaFeature;
      if (typeof link === "string" && autoQaFeatureOf(link) !== null) count += 1;
    }
  }
  return count;
}

/** Criterion titles by scorecard, from the latest version naming each criterion (for report rows of older versions). */
export async function criterionTitles(db: Database, scorecardIds: number[]): Promise<Map<string, string>> {
  if (scorecardIds.length === 0) return new Map();
  const versions = await db
    .select({ scorecardId: scorecardVersions.scorecardId, definition: scorecardVersions.definition })
    .from(scorecardVersions)
    .where(inArray(scorecardVersions.scorecardId, scorecardIds))
    .orderBy(asc(scorecardVersions.version));
  const titles = new Map<string, string>();
  for (const version of versions) {
    for (const category of storedDefinition(version.definition).categories) {
      for (const criterion of category.criteria) titles.set(`${version.scorecardId}\u0000${criterion.id}`, criterion.title);
    }
  }
  return titles;
}

export interface AcceptanceReportRow extends AcceptanceSummary {
  scorecardId: number;
  scorecardName: string;
  criterionId: string;
  criterionTitle: string;
  feature: string;
  /** Linked in the scorecard's latest published version (rows of older links keep their history). */
  linkedNow: boolean;
}

export interface AcceptanceReport {
  features: (AcceptanceSummary & { feature: string; linkedCriteria: number })[];
  criteria: AcceptanceReportRow[];
  /** Criteria linked in active scorecards' latest versions. */
  linkedCount: number;
  /** Links saved in drafts but not published yet. */
  linkedInDrafts: number;
}

/**
 * The acceptance page: per feature (weak ones first) and per linked criterion, how often suggestions are
 * accepted and which way reviewers override them.
 */
export async function acceptanceReport(
  db: Database,
  { scope, modelVersion = null }: { scope: ConversationScope; modelVersion?: string | null },
): Promise<AcceptanceReport> {
  const [rows, overview] = await Promise.all([autoQaAcceptance(db, { scope, modelVersion }), linkedCriteriaOverview(db)]);
  const names = new Map(overview.map((scorecard) => [scorecard.scorecardId, scorecard.name]));
  const missingNames = [...new Set(rows.map((row) => row.scorecardId))].filter((id) => !names.has(id));
  if (missingNames.length > 0) {
    for (const row of await db
      .select({ id: scorecards.id, name: scorecards.name })
      .from(scorecards)
      .where(inArray(scorecards.id, missingNames))) {
      names.set(row.id, row.name);
    }
  }
  const titles = await criterionTitles(db, [...names.keys()]);
  const byKey = new Map<string, AcceptanceRow & { linkedNow: boolean; order: number }>();
  let order = 0;
  for (const scorecard of overview) {
    for (const linked of scorecard.linked) {
      const row = { scorecardId: scorecard.scorecardId, criterionId: linked.criterionId, feature: linked.feature, ...emptyCounts() };
      byKey.set(key(row), { ...row, linkedNow: true, order: order++ });
    }
  }
  for (const row of rows) {
    const existing = byKey.get(key(row));
    if (existing) byKey.set(key(row), { ...existing, ...row });
    else byKey.set(key(row), { ...row, linkedNow: false, order: order++ });
  }
  const criteria = [...byKey.values()]
    .sort((a, b) => (names.get(a.scorecardId) ?? "").localeCompare(names.get(b.scorecardId) ?? "") || a.order - b.order)
    .map(({ order: _order, linkedNow, scorecardId, criterionId, feature, ...counts }) => ({
      ...summariseAcceptance(counts),
      scorecardId,
      scorecardName: names.get(scorecardId) ?? `#${scorecardId}`,
      criterionId,
      criterionTitle: titles.get(`${scorecardId}\u0000${criterionId}`) ?? criterionId,
      feature,
      linkedNow,
    }));
  const perFeature = new Map<string, { counts: AcceptanceCounts; linkedCriteria: number }>();
  for (const row of byKey.values()) {
    const entry = perFeature.get(row.feature) ?? { counts: emptyCounts(), linkedCriteria: 0 };
    addCounts(entry.counts, row);
    if (row.linkedNow) entry.linkedCriteria += 1;
    perFeature.set(row.feature, entry);
  }
  const features = [...perFeature.entries()]
    .map(([feature, entry]) => ({ feature, linkedCriteria: entry.linkedCriteria, ...summariseAcceptance(entry.counts) }))
    .sort(
      (a, b) =>
        Number(b.weak) - Number(a.weak) ||
        (a.acceptedShare ?? Number.POSITIVE_INFINITY) - (b.acceptedShare ?? Number.POSITIVE_INFINITY) ||
        a.feature.localeCompare(b.feature),
    );
  return {
    features,
    criteria,
    linkedCount: overview.reduce((sum, scorecard) => sum + scorecard.linked.length, 0),
    linkedInDrafts: overview.reduce((sum, scorecard) => sum + scorecard.linkedInDraft, 0),
  };
}
