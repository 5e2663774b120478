import type { AuthorRole, Channel, ConversationStatus } from "../domain";
import type { Criterion, Rating } from "../rubric";
import type { BusinessSchedule, SlaTargets } from "../sla";
import type { Language } from "../tone";
import type { AutoQaFeature } from "./features";

export interface AutoQaMessage {
  /** The message's id: evidence points at it. */
  id: number;
  authorRole: AuthorRole;
  sentAt: Date;
  body: string;
  /** The sentiment model's label for a customer message, when it has been scored. */
  sentiment?: "negative" | "neutral" | "positive" | null;
}

export interface AutoQaConversation {
  channel: Channel;
  /** The conversation's language; the phrase features know Spanish and English only. */
  language: string | null;
  status: ConversationStatus;
  customerName: string | null;
  resolvedAt: Date | null;
  /** In conversation order. */
  messages: readonly AutoQaMessage[];
}

export interface AutoQaOptions {
  /** Resolved response-time targets; the seeds' defaults when left out. */
  targets?: SlaTargets;
  /** Opening hours the channel is measured in; the 24/7 clock when null or left out. */
  businessSchedule?: BusinessSchedule | null;
  /** Admin's forbidden-phrase lists; DEFAULT_FORBIDDEN_PHRASES per language when left out. */
  forbiddenPhrases?: Partial<Record<Language, readonly string[]>>;
  /** "Now", so a customer still waiting past the target counts as a miss. */
  asOf?: Date | null;
  /** The language to read a conversation in when its own is not Spanish or English (the scorecard's). */
  fallbackLanguage?: Language | null;
}

export type AutoQaCriterion = Pick<Criterion, "id" | "scale" | "naAllowed" | "autoQaFeature">;

/** What the evidence shows, for the reviewer's eyes (an i18n key on the review page). */
export type PhraseSignal =
  | "greeting"
  | "closing"
  | "customer_name"
  | "empathy"
  | "apology"
  | "forbidden"
  | "redirect"
  | "soft_redirect"
  | "upset";

export type MessageSignal = "no_greeting" | "no_closing" | "no_empathy" | "no_customer_name" | "negative_sentiment";

export type AutoQaEvidence =
  /** A phrase in a message: `body.slice(start, end) === text` (UTF-16 offsets, end exclusive). */
  | { kind: "phrase"; signal: PhraseSignal; messageId: number; start: number; end: number; text: string; rule: string }
  /** A whole message, for something it lacks (no greeting) or as a whole (a negative customer message). */
  | { kind: "message"; signal: MessageSignal; messageId: number }
  /**
   * One customer wait against the channel's standard target: ended by the agent message `messageId`, or
   * still running (`pending`, `messageId` null) and already past the target.
   */
  | {
      kind: "response_time";
      messageId: number | null;
      customerMessageId: number;
      turn: "first" | "reply";
      elapsedMs: number;
      targetMs: number;
      met: boolean;
      pending: boolean;
    };

/**
 * The feature's reading of the conversation, before the criterion's scale: pass, partial, fail; not
 * applicable (no closing is expected while the conversation is open); nothing found (a fault-only detector
 * found no fault); unavailable (it cannot judge: no agent message, a language it does not read).
 */
export type AutoQaLevel = "pass" | "partial" | "fail" | "not_applicable" | "nothing_found" | "unavailable";

export type AutoQaReason =
  | "greeting_with_name"
  | "greeting_without_name"
  | "greeting_name_unknown"
  | "no_greeting"
  | "closing_with_name"
  | "closing_without_name"
  | "closing_name_unknown"
  | "no_closing"
  | "conversation_open"
  | "empathy_shown"
  | "apology_only"
  | "no_empathy_customer_upset"
  | "no_empathy_not_needed"
  | "forbidden_phrase"
  | "no_forbidden_phrase"
  | "redirected"
  | "soft_redirect_offer"
  | "no_redirect"
  | "name_used"
  | "name_not_used"
  | "name_unknown"
  | "all_within_target"
  | "some_late"
  | "all_late"
  | "no_replies_measured"
  | "unsupported_language"
  | "no_agent_messages";

export interface FeatureVerdict {
  feature: AutoQaFeature;
  level: AutoQaLevel;
  reason: AutoQaReason;
  /** On a two-point scale, a partial result is rounded this way (a late reply fails "within target"). */
  partialOnTwoPoints?: "pass" | "fail" | "not_applicable";
  evidence: AutoQaEvidence[];
}

/** Why a linked criterion gets no suggestion. */
export type NoSuggestionWhy = "na_not_allowed" | "nothing_found" | "cannot_judge";

export type AutoQaResult =
  | (FeatureVerdict & { status: "suggested"; rating: Rating })
  | (FeatureVerdict & { status: "none"; why: NoSuggestionWhy });
