import type { Database } from "../../db/client";
import { loadSlaConfig, resolveSlaConfig } from "../../db/facts";
import { loadForbiddenPhrases, saveSuggestions } from "../../db/queries/autoqa";
import { type AutoQaEvidence, type AutoQaMessage, linkedCriteria, suggestForScorecard } from "../../scoring/autoqa";
import type { AuthorRole, Channel, ConversationStatus } from "../../scoring/domain";
import type { Rating, ScorecardDefinition } from "../../scoring/rubric";

/** One linked criterion's AutoQA suggestion as the review page shows it. */
export interface ReviewSuggestion {
  criterionId: string;
  feature: string;
  /** "none": the feature looked but has nothing to suggest on this criterion (`why` says why). */
  status: "suggested" | "none";
  /** The prediction row's id when suggested. */
  suggestionId: number | null;
  rating: Rating | null;
  level: string;
  reason: string;
  why: string | null;
  evidence: AutoQaEvidence[];
}

/**
 * Computes the AutoQA suggestions for the criteria of `definition` linked to a feature, stores them as
 * prediction rows (see docs/decisions/009-autoqa-suggestions.md for why on page load) and returns them
 * keyed by criterion id. Nothing here touches the review's ratings.
 */
export async function suggestionsForReview(
  db: Database,
  {
    conversation,
    messages,
    version,
    sentiments,
    now = new Date(),
  }: {
    conversation: {
      id: number;
      channel: Channel;
      language: string | null;
      status: ConversationStatus;
      customerName: string | null;
      resolvedAt: Date | null;
    };
    messages: { id: number; authorRole: AuthorRole; sentAt: Date; body: string }[];
    version: { id: number; definition: ScorecardDefinition };
    sentiments: Record<number, { label: "negative" | "neutral" | "positive" }>;
    now?: Date;
  },
): Promise<Record<string, ReviewSuggestion>> {
  if (linkedCriteria(version.definition).length === 0) return {};
  const [{ targets, scheduleFor }, forbiddenPhrases] = await Promise.all([loadSlaConfig(db).then(resolveSlaConfig), loadForbiddenPhrases(db)]);
  const autoQaMessages: AutoQaMessage[] = messages.map((message) => ({
    id: message.id,
    authorRole: message.authorRole,
    sentAt: message.sentAt,
    body: message.body,
    sentiment: sentiments[message.id]?.label ?? null,
  }));
  const results = suggestForScorecard(
    version.definition,
    { ...conversation, messages: autoQaMessages },
    { targets, businessSchedule: scheduleFor(conversation.channel), forbiddenPhrases, asOf: now },
  );
  const stored = await saveSuggestions(db, { conversationId: conversation.id, scorecardVersionId: version.id, results });
  const idOf = new Map(stored.map((row) => [row.criterionId, row.id]));
  const shown: Record<string, ReviewSuggestion> = {};
  for (const [criterionId, result] of results) {
    shown[criterionId] = {
      criterionId,
      feature: result.feature,
      status: result.status,
      suggestionId: idOf.get(criterionId) ?? null,
      rating: result.status === "suggested" ? result.rating : null,
      level: result.level,
      reason: result.reason,
      why: result.status === "none" ? result.why : null,
      evidence: result.evidence,
    };
  }
  return shown;
}
