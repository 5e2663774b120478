import type { ConversationMessage } from "../sla";
import { detectWithText, findWarmThanks, soundsPleased } from "./cues";
import { quotedRanges } from "./matchable-text";
import { relatedPreviousContacts } from "./previous-contacts";
import { type IndexedCustomerMessage, negativeCustomerMessages, worseningTrajectory } from "./sentiment-signals";
import { findPunctuationRuns, measureShouting } from "./shouting";
import {
  CUE_KINDS,
  type CueKind,
  type FrustrationAssessment,
  type FrustrationConversation,
  type FrustrationOptions,
  type FrustrationReason,
  type FrustrationSettings,
  type FrustrationWeights,
  type LocatedEvidence,
  type PhraseEvidence,
  type SatisfiedEvidence,
  type ShoutingEvidence,
} from "./types";
import { findLongWaits } from "./waits";
import { DEFAULT_FRUSTRATION_SETTINGS, DEFAULT_FRUSTRATION_WEIGHTS, logistic } from "./weights";

const CUE_WEIGHT: Record<CueKind, keyof FrustrationWeights> = {
  repeat_contact: "repeatContact",
  still_waiting: "stillWaiting",
  supervisor_request: "supervisorRequest",
  churn_threat: "churnThreat",
  authority_complaint: "authorityComplaint",
  complaint_threat: "complaintThreat",
  insult: "insult",
  exasperation: "exasperation",
};

function assertValidSettings(settings: FrustrationSettings): void {
  if (!(settings.threshold > 0 && settings.threshold < 1)) throw new RangeError("threshold must be between 0 and 1");
  if (!(settings.longWaitFactor > 0 && settings.veryLongWaitFactor >= settings.longWaitFactor)) {
    throw new RangeError("wait factors must be positive, the very long one at least the long one");
  }
  if (!(settings.previousContactWindowDays > 0)) throw new RangeError("previousContactWindowDays must be positive");
  if (!(settings.maxNegativeMessages >= 1)) throw new RangeError("maxNegativeMessages must be at least 1");
}

/** Customer messages in time order (stable), keeping the caller's indexes. */
function customerMessagesInTimeOrder(conversation: FrustrationConversation): IndexedCustomerMessage[] {
  return conversation.messages
    .map((message, messageIndex) => ({ messageIndex, message }))
    .filter(({ message }) => message.authorRole === "customer")
    .sort((a, b) => a.message.sentAt.getTime() - b.message.sentAt.getTime() || a.messageIndex - b.messageIndex);
}

/**
 * How frustrated the customer of one conversation looks, 0–1, with every reason and its evidence.
 *
 * Only the customer's own words count (agents, bots, system messages and notes are skipped, and so is
 * text the customer quotes). Capitals and "!!!" in a message that also thanks or smiles are excitement. Each kind of reason counts once however often it appears: repetition shows
 * up as more kinds of evidence, not as the same phrase typed twice. Negative customer messages are the
 * exception: each counts, weighted by the model's probability, up to `maxNegativeMessages`.
 *
 * score = logistic(bias + Σ weight × strength); flagged when score ≥ threshold.
 */
export function scoreFrustration(conversation: FrustrationConversation, options: FrustrationOptions = {}): FrustrationAssessment {
  const weights: FrustrationWeights = { ...DEFAULT_FRUSTRATION_WEIGHTS, ...options.weights };
  const settings: FrustrationSettings = { ...DEFAULT_FRUSTRATION_SETTINGS, ...options.settings };
  assertValidSettings(settings);
  const { language } = conversation;
  const customerMessages = customerMessagesInTimeOrder(conversation);
  const reasons: FrustrationReason[] = [];

  const cuesByKind = new Map<CueKind, PhraseEvidence[]>();
  const shouting: ShoutingEvidence[] = [];
  const punctuationRuns: LocatedEvidence[] = [];
  const messagesWithCues = new Set<number>();
  for (const { messageIndex, message } of customerMessages) {
    const { cues } = detectWithText(message.body, language);
    for (const { kind, rule, start, end, text } of cues) {
      const evidence = cuesByKind.get(kind) ?? [];
      evidence.push({ messageIndex, rule, start, end, text });
      cuesByKind.set(kind, evidence);
      messagesWithCues.add(messageIndex);
    }
    if (soundsPleased(message.body, language) !== null) continue;
    const quoted = quotedRanges(message.body);
    const shout = measureShouting(message.body, messageIndex, quoted);
    if (shout !== null) shouting.push(shout);
    punctuationRuns.push(...findPunctuationRuns(message.body, messageIndex, quoted));
  }
  for (const kind of CUE_KINDS) {
    const evidence = cuesByKind.get(kind);
    if (evidence !== undefined) reasons.push({ kind, contribution: weights[CUE_WEIGHT[kind]], evidence });
  }
  if (shouting.length > 0) reasons.push({ kind: "shouting", contribution: weights.shouting, evidence: shouting });
  if (punctuationRuns.length > 0) {
    reasons.push({ kind: "punctuation_runs", contribution: weights.punctuationRun, evidence: punctuationRuns });
  }

  const sentimentAvailable = customerMessages.some(({ message }) => message.sentiment != null);
  const negatives = negativeCustomerMessages(customerMessages, settings.maxNegativeMessages);
  if (negatives.length > 0) {
    const strength = negatives.reduce((sum, negative) => sum + negative.score, 0);
    reasons.push({ kind: "negative_messages", contribution: weights.negativeMessage * strength, evidence: negatives });
  }
  const trajectory = worseningTrajectory(customerMessages, settings.worseningDrop);
  if (trajectory !== null) reasons.push({ kind: "worsening_trajectory", contribution: weights.worseningTrajectory, evidence: trajectory });

  const plainMessages: ConversationMessage[] = conversation.messages.map(({ authorRole, sentAt, body }) => ({ authorRole, sentAt, body }));
  const longWaits = findLongWaits(plainMessages, {
    channel: conversation.channel,
    targets: options.targets,
    businessSchedule: options.businessSchedule,
    asOf: options.asOf,
    longWaitFactor: settings.longWaitFactor,
    veryLongWaitFactor: settings.veryLongWaitFactor,
  });
  if (longWaits.severity !== null) {
    reasons.push({
      kind: "long_wait",
      severity: longWaits.severity,
      contribution: longWaits.severity === "very_long" ? weights.veryLongWait : weights.longWait,
      evidence: longWaits.waits,
    });
  }

  const firstCustomerMessage = customerMessages[0];
  if (firstCustomerMessage !== undefined && options.previousContacts !== undefined && options.previousContacts.length > 0) {
    const related = relatedPreviousContacts(options.previousContacts, {
      channel: conversation.channel,
      startedAt: firstCustomerMessage.message.sentAt,
      topicHint: conversation.topicHint,
      issueText: `${conversation.subject ?? ""}\n${firstCustomerMessage.message.body}`,
      windowDays: settings.previousContactWindowDays,
    });
    if (related.length > 0) {
      const otherChannel = related.some((contact) => contact.otherChannel);
      reasons.push({
        kind: "previous_contact",
        contribution: otherChannel ? weights.previousContactOtherChannel : weights.previousContactSameChannel,
        evidence: related,
      });
    }
  }

  const satisfied = endsSatisfied(customerMessages, messagesWithCues, conversation, settings);
  if (satisfied !== null) reasons.push({ kind: "ends_satisfied", contribution: weights.endsSatisfied, evidence: satisfied });

  const logit = reasons.reduce((sum, reason) => sum + reason.contribution, weights.bias);
  const score = logistic(logit);
  reasons.sort((a, b) => b.contribution - a.contribution);
  return { score, logit, flagged: score >= settings.threshold, threshold: settings.threshold, reasons, sentimentAvailable };
}

/**
 * The customer's last message thanks warmly or reads positive, and carries no cue of its own (so
 * «gracias por nada» or "thanks, I'm still cancelling" do not count) and no negative prediction.
 */
function endsSatisfied(
  customerMessages: readonly IndexedCustomerMessage[],
  messagesWithCues: ReadonlySet<number>,
  conversation: FrustrationConversation,
  settings: FrustrationSettings,
): SatisfiedEvidence | null {
  const last = customerMessages[customerMessages.length - 1];
  if (last === undefined || messagesWithCues.has(last.messageIndex)) return null;
  const sentiment = last.message.sentiment ?? null;
  if (sentiment?.label === "negative") return null;
  const phrase = findWarmThanks(last.message.body, conversation.language);
  const positive = sentiment?.label === "positive" && sentiment.score >= settings.satisfiedMinScore;
  if (phrase === null && !positive) return null;
  return {
    messageIndex: last.messageIndex,
    phrase,
    sentiment: positive && sentiment !== null ? { messageIndex: last.messageIndex, label: "positive", score: sentiment.score } : null,
  };
}
