import { and, asc, desc, eq, sql } from "drizzle-orm";
import { autoQaLinkIssues } from "../../scoring/autoqa/links";
import { type ScorecardDefinition, type ValidationIssue, parseScorecardDefinition } from "../../scoring/rubric";
import type { Database } from "../client";
import { scorecardVersions, scorecards, users } from "../schema";
import type { Channel } from "../schema/enums";

export interface Applicability {
  /** Empty: every channel. */
  channels: Channel[];
  /** Empty: every team. */
  teamIds: number[];
  /** Empty: every language. */
  languages: ("es" | "en" | "other")[];
}

export interface NewScorecard extends Partial<Applicability> {
  name: string;
  description?: string;
  language?: "es" | "en" | null;
  /** The first draft; anything the builder sends, validated only when published. */
  draft: unknown;
  createdBy: string | null;
}

/** A definition read back from a published version; it was validated when published, so a failure is a bug. */
export function storedDefinition(value: unknown): ScorecardDefinition {
  const parsed = parseScorecardDefinition(value);
  if (!parsed.success) throw new Error(`stored scorecard definition is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.data;
}

export async function createScorecard(db: Database, input: NewScorecard) {
  const [row] = await db
    .insert(scorecards)
    .values({
      name: input.name.trim(),
      description: input.description?.trim() ?? "",
      language: input.language ?? null,
      draft: input.draft,
      draftUpdatedAt: new Date(),
      channels: input.channels ?? [],
      teamIds: input.teamIds ?? [],
      languages: input.languages ?? [],
      createdBy: input.createdBy,
    })
    .returning();
  return row;
}

// Written out with table names: drizzle leaves columns unqualified in a select without joins, which makes them ambiguous in subqueries.
const latestVersionNumber = sql<number | null>`(select max(v.version) from scorecard_versions v where v.scorecard_id = "scorecards"."id")`;
const reviewCount = sql<number>`(select count(*) from reviews r join scorecard_versions v on v.id = r.scorecard_version_id where v.scorecard_id = "scorecards"."id")`;

export async function listScorecards(db: Database) {
  const rows = await db
    .select({
      id: scorecards.id,
      name: scorecards.name,
      description: scorecards.description,
      language: scorecards.language,
      active: scorecards.active,
      hasDraft: sql<boolean>`${scorecards.draft} is not null`,
      draftUpdatedAt: scorecards.draftUpdatedAt,
      channels: scorecards.channels,
      teamIds: scorecards.teamIds,
      languages: scorecards.languages,
      updatedAt: scorecards.updatedAt,
      latestVersion: latestVersionNumber,
      reviewCount,
    })
    .from(scorecards)
    .orderBy(desc(scorecards.active), asc(scorecards.name));
  return rows.map((row) => ({
    ...row,
    latestVersion: row.latestVersion === null ? null : Number(row.latestVersion),
    reviewCount: Number(row.reviewCount),
  }));
}

/** A scorecard with its versions, newest first, and the definition the builder should open. */
export async function getScorecard(db: Database, id: number) {
  const [scorecard] = await db.select().from(scorecards).where(eq(scorecards.id, id));
  if (!scorecard) return null;
  const versions = await db
    .select({
      id: scorecardVersions.id,
      version: scorecardVersions.version,
      definition: scorecardVersions.definition,
      publishedAt: scorecardVersions.publishedAt,
      publishedByName: users.name,
    })
    .from(scorecardVersions)
    .leftJoin(users, eq(users.id, scorecardVersions.publishedBy))
    .where(eq(scorecardVersions.scorecardId, id))
    .orderBy(desc(scorecardVersions.version));
  const latest = versions[0] ?? null;
  return {
    scorecard,
    versions: versions.map(({ definition: _definition, ...version }) => version),
    latestDefinition: latest ? storedDefinition(latest.definition) : null,
    /** Editing a published scorecard starts from its latest version; the first save makes it a draft. */
    workingDefinition: scorecard.draft ?? latest?.definition ?? null,
  };
}

export async function saveScorecardDraft(
  db: Database,
  {
    id,
    draft,
    name,
    description,
    language,
  }: { id: number; draft: unknown; name?: string; description?: string; language?: "es" | "en" | null },
) {
  const now = new Date();
  const [row] = await db
    .update(scorecards)
    .set({
      draft,
      draftUpdatedAt: now,
      updatedAt: now,
      ...(name === undefined ? {} : { name: name.trim() }),
      ...(description === undefined ? {} : { description: description.trim() }),
      ...(language === undefined ? {} : { language }),
    })
    .where(eq(scorecards.id, id))
    .returning({ id: scorecards.id });
  return row !== undefined;
}

export async function discardScorecardDraft(db: Database, id: number) {
  await db.update(scorecards).set({ draft: null, draftUpdatedAt: null, updatedAt: new Date() }).where(eq(scorecards.id, id));
}

export async function updateScorecardSettings(db: Database, id: number, changes: Partial<Applicability> & { active?: boolean }) {
  await db
    .update(scorecards)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(scorecards.id, id));
}

export type PublishResult =
  | { ok: true; versionId: number; version: number }
  | { ok: false; reason: "not_found" | "no_draft" }
  | { ok: false; reason: "invalid"; issues: ValidationIssue[] };

/** Freezes the draft as the next version. The draft must pass parseScorecardDefinition. */
export async function publishScorecard(
  db: Database,
  { id, publishedBy }: { id: number; publishedBy: string | null },
): Promise<PublishResult> {
  return db.transaction(async (tx) => {
    const [scorecard] = await tx.select().from(scorecards).where(eq(scorecards.id, id)).for("update");
    if (!scorecard) return { ok: false, reason: "not_found" } as const;
    if (scorecard.draft === null) return { ok: false, reason: "no_draft" } as const;
    const parsed = parseScorecardDefinition(scorecard.draft);
    if (!parsed.success) return { ok: false, reason: "invalid", issues: parsed.issues } as const;
    const linkIssues = autoQaLinkIssues(parsed.data);
    if (linkIssues.length > 0) return { ok: false, reason: "invalid", issues: linkIssues } as const;
    const [latest] = await tx
      .select({ version: sql<number>`coalesce(max(${scorecardVersions.version}), 0)` })
      .from(scorecardVersions)
      .where(eq(scorecardVersions.scorecardId, id));
    const version = Number(latest.version) + 1;
    const [row] = await tx
      .insert(scorecardVersions)
      .values({ scorecardId: id, version, definition: parsed.data, publishedBy })
      .returning({ id: scorecardVersions.id });
    await tx
      .update(scorecards)
      .set({
        draft: null,
        draftUpdatedAt: null,
        updatedAt: new Date(),
        language: parsed.data.language === "es" || parsed.data.language === "en" ? parsed.data.language : scorecard.language,
      })
      .where(eq(scorecards.id, id));
    return { ok: true, versionId: row.id, version } as const;
  });
}

export interface PinnedScorecardVersion {
  id: number;
  scorecardId: number;
  scorecardName: string;
  version: number;
  definition: ScorecardDefinition;
}

export async function getScorecardVersion(db: Database, versionId: number): Promise<PinnedScorecardVersion | null> {
  const [row] = await db
    .select({
      id: scorecardVersions.id,
      scorecardId: scorecardVersions.scorecardId,
      scorecardName: scorecards.name,
      version: scorecardVersions.version,
      definition: scorecardVersions.definition,
    })
    .from(scorecardVersions)
    .innerJoin(scorecards, eq(scorecards.id, scorecardVersions.scorecardId))
    .where(eq(scorecardVersions.id, versionId));
  return row ? { ...row, definition: storedDefinition(row.definition) } : null;
}

const isLatestVersion = sql`${scorecardVersions.version} = (select max(v2.version) from ${scorecardVersions} v2 where v2.scorecard_id = ${scorecardVersions.scorecardId})`;

/** The latest published version of every active scorecard: what a reviewer may pick from. */
export async function listPublishedScorecards(db: Database) {
  return db
    .select({
      versionId: scorecardVersions.id,
      scorecardId: scorecards.id,
      name: scorecards.name,
      version: scorecardVersions.version,
      language: scorecards.language,
    })
    .from(scorecardVersions)
    .innerJoin(scorecards, eq(scorecards.id, scorecardVersions.scorecardId))
    .where(and(eq(scorecards.active, true), isLatestVersion))
    .orderBy(asc(scorecards.name));
}

/**
 * The scorecard that applies to a conversation: among active scorecards with a published version
 * whose rules match its channel, team and language, the most specific (most rules set), then the oldest.
 */
export async function applicableScorecardVersion(
  db: Database,
  conversation: { channel: Channel; teamId: number | null; language: string | null },
): Promise<PinnedScorecardVersion | null> {
  const matches = (column: unknown, value: unknown) =>
    value === null ? sql`cardinality(${column}) = 0` : sql`(cardinality(${column}) = 0 or ${value} = any(${column}))`;
  const specificity = sql`(cardinality(${scorecards.channels}) > 0)::int + (cardinality(${scorecards.teamIds}) > 0)::int + (cardinality(${scorecards.languages}) > 0)::int`;
  const [row] = await db
    .select({ versionId: scorecardVersions.id })
    .from(scorecardVersions)
    .innerJoin(scorecards, eq(scorecards.id, scorecardVersions.scorecardId))
    .where(
      and(
        eq(scorecards.active, true),
        isLatestVersion,
        matches(scorecards.channels, sql`${conversation.channel}::channel`),
        matches(scorecards.teamIds, conversation.teamId === null ? null : sql`${conversation.teamId}::integer`),
        matches(scorecards.languages, conversation.language === null ? null : sql`${conversation.language}::text`),
      ),
    )
    .orderBy(desc(specificity), asc(scorecards.id))
    .limit(1);
  return row ? getScorecardVersion(db, row.versionId) : null;
}
