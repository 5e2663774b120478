import type { AuthorRole, Channel } from "../../scoring/domain";
import { type BusinessSchedule, measureResponseTimes, responseTimeCompliance, type SlaTargets } from "../../scoring/sla";
import { type AgentMessageTone, analyzeConversationTone, type Language, type Readability } from "../../scoring/tone";

/**
 * Pure: one conversation (as stored) in, its fact rows out. refreshFacts feeds it from the database;
 * tests feed it directly. Response times come from scoring/sla, tone from scoring/tone.
 */

export interface FactMessage {
  id: number;
  authorRole: AuthorRole;
  sentAt: Date;
  body: string;
}

export interface FactConversation {
  id: number;
  channel: Channel;
  teamId: number | null;
  agentId: number | null;
  customerId: number | null;
  customerName: string | null;
  language: "es" | "en" | "other" | null;
  createdAt: Date;
  resolvedAt: Date | null;
  csat: number | null;
  reopenCount: number;
  messages: FactMessage[];
}

export interface FactSettings {
  version: number;
  targets: SlaTargets;
  schedule: BusinessSchedule | null;
  /** The tone settings: the version and the admin's forbidden phrases per language (the defaults when left out). */
  tone?: { version: number; forbiddenPhrases: Readonly<Record<Language, readonly string[]>> };
  /** "Now": a customer already waiting longer than the target counts as a breach. */
  asOf: Date;
}

export interface ConversationFactRow {
  conversationId: number;
  channel: Channel;
  teamId: number | null;
  agentId: number | null;
  customerId: number | null;
  language: "es" | "en" | "other" | null;
  createdAt: string;
  createdDay: string;
  hasCustomerMessage: boolean;
  firstResponseMs: number | null;
  firstResponseMetStandard: boolean | null;
  firstResponseMetWorldClass: boolean | null;
  repliesMeasured: number;
  repliesWithinStandard: number;
  repliesWorldClassMeasured: number;
  repliesWithinWorldClass: number;
  replyElapsedMs: number[];
  breachedStandard: boolean;
  unanswered: boolean;
  unansweredReason: "no_agent_reply" | "customer_wrote_last" | null;
  resolutionMs: number | null;
  csat: number | null;
  reopenCount: number;
  agentMessageCount: number;
  greeting: boolean;
  closing: boolean;
  usesName: boolean;
  empathy: boolean;
  apology: boolean;
  register: "formal" | "informal" | null;
  registerConsistent: boolean;
  exclamationRate: number | null;
  emojiPer100Words: number | null;
  wordCount: number;
  meanWordsPerMessage: number | null;
  readability: number | null;
  forbiddenHits: number;
  redirectHits: number;
  slaConfigVersion: number;
  toneConfigVersion: number;
}

export interface MessageEvidence {
  kind: "forbidden" | "redirect";
  rule: string;
  start: number;
  end: number;
  text: string;
  /** Redirects: the channels the customer was sent to. */
  targets?: string[];
  softOffer?: boolean;
}

export interface AgentMessageFactRow {
  messageId: number;
  conversationId: number;
  channel: Channel;
  teamId: number | null;
  agentId: number | null;
  createdDay: string;
  sentAt: string;
  greeting: boolean;
  closing: boolean;
  usesName: boolean;
  empathy: boolean;
  apology: boolean;
  register: "formal" | "informal" | "mixed" | "undetermined";
  exclamationRate: number | null;
  emojiPer100Words: number | null;
  wordCount: number;
  readability: number | null;
  forbiddenHits: number;
  redirectHits: number;
  evidence: MessageEvidence[] | null;
}

export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The one readability score we chart per language: Szigriszt-Pazos (INFLESZ) for Spanish, Flesch for English. */
export function readabilityScore(readability: Readability): number | null {
  return readability.lang === "es" ? readability.szigrisztPazos : readability.fleschReadingEase;
}

function evidenceOf(tone: AgentMessageTone): MessageEvidence[] | null {
  const evidence: MessageEvidence[] = [
    ...tone.forbiddenPhrases.matches.map(({ rule, start, end, text }) => ({ kind: "forbidden" as const, rule, start, end, text })),
    ...tone.redirects.matches.map(({ rule, start, end, text, targets, softOffer }) => ({
      kind: "redirect" as const,
      rule,
      start,
      end,
      text,
      targets: [...targets],
      softOffer,
    })),
  ];
  return evidence.length > 0 ? evidence : null;
}

/** The conversation's first customer message, so a resolvedAt before it (bad import data) is ignored rather than fatal. */
function firstCustomerMessageAt(messages: readonly FactMessage[]): number | null {
  let first: number | null = null;
  for (const message of messages) {
    if (message.authorRole !== "customer") continue;
    const at = message.sentAt.getTime();
    if (first === null || at < first) first = at;
  }
  return first;
}

/**
 * A resolved conversation whose customer wrote last («¡Gracias!», then closed) is not waiting for an
 * answer: the messages after the last agent reply are left out of response times and of "unanswered".
 * A conversation closed without any agent reply keeps them, so it still counts as unanswered.
 */
export function messagesForResponseTimes(messages: readonly FactMessage[], resolved: boolean): readonly FactMessage[] {
  if (!resolved) return messages;
  let lastAgentAt = -1;
  for (const message of messages) if (message.authorRole === "agent") lastAgentAt = Math.max(lastAgentAt, message.sentAt.getTime());
  if (lastAgentAt < 0) return messages;
  return messages.filter((message) => message.authorRole !== "customer" || message.sentAt.getTime() <= lastAgentAt);
}

export function computeFacts(
  conversation: FactConversation,
  settings: FactSettings,
): { conversation: ConversationFactRow; messages: AgentMessageFactRow[] } {
  const { channel } = conversation;
  const createdDay = utcDay(conversation.createdAt);
  const firstCustomerAt = firstCustomerMessageAt(conversation.messages);
  const resolvedAt =
    conversation.resolvedAt !== null && firstCustomerAt !== null && conversation.resolvedAt.getTime() >= firstCustomerAt
      ? conversation.resolvedAt
      : null;
  const times = measureResponseTimes(messagesForResponseTimes(conversation.messages, conversation.resolvedAt !== null), {
    channel,
    targets: settings.targets,
    businessSchedule: settings.schedule,
    resolvedAt,
    asOf: settings.asOf,
  });
  const everyReply = responseTimeCompliance([times], "every_reply");
  const firstResponse = responseTimeCompliance([times], "first_response");
  const hasCustomerMessage = times.replies.length > 0 || times.pending !== null;

  const lang = conversation.language === "es" || conversation.language === "en" ? conversation.language : null;
  // Tone lexicons exist for Spanish and English only; other languages get response times but no tone.
  const tone =
    lang === null
      ? null
      : analyzeConversationTone(conversation.messages, {
          lang,
          channel,
          customerName: conversation.customerName,
          forbiddenPhrases: settings.tone?.forbiddenPhrases[lang],
        });

  const messageRows: AgentMessageFactRow[] = (tone?.messages ?? []).map(({ messageIndex, tone: features }) => {
    const message = conversation.messages[messageIndex];
    return {
      messageId: message.id,
      conversationId: conversation.id,
      channel,
      teamId: conversation.teamId,
      agentId: conversation.agentId,
      createdDay,
      sentAt: message.sentAt.toISOString(),
      greeting: features.greeting.present,
      closing: features.closing.present,
      usesName: features.customerName.present,
      empathy: features.empathy.present,
      apology: features.apology.present,
      register: features.register.register,
      exclamationRate: features.style.exclamationRate,
      emojiPer100Words: features.style.emojiPer100Words,
      wordCount: features.style.wordCount,
      readability: readabilityScore(features.readability),
      forbiddenHits: features.forbiddenPhrases.matches.length,
      redirectHits: features.redirects.matches.length,
      evidence: evidenceOf(features),
    };
  });

  return {
    conversation: {
      conversationId: conversation.id,
      channel,
      teamId: conversation.teamId,
      agentId: conversation.agentId,
      customerId: conversation.customerId,
      language: conversation.language,
      createdAt: conversation.createdAt.toISOString(),
      createdDay,
      hasCustomerMessage,
      firstResponseMs: times.firstResponseMs,
      firstResponseMetStandard: firstResponse.measured > 0 ? firstResponse.withinStandard > 0 : null,
      firstResponseMetWorldClass: firstResponse.worldClassMeasured > 0 ? firstResponse.withinWorldClass > 0 : null,
      repliesMeasured: everyReply.measured,
      repliesWithinStandard: everyReply.withinStandard,
      repliesWorldClassMeasured: everyReply.worldClassMeasured,
      repliesWithinWorldClass: everyReply.withinWorldClass,
      replyElapsedMs: times.replies.map((reply) => reply.elapsedMs),
      breachedStandard: everyReply.withinStandard < everyReply.measured,
      unanswered: times.unanswered,
      unansweredReason: times.unansweredReason,
      resolutionMs: times.resolutionMs,
      csat: conversation.csat,
      reopenCount: conversation.reopenCount,
      agentMessageCount: tone?.agentMessageCount ?? 0,
      greeting: tone?.greetingInFirstMessage ?? false,
      closing: tone?.closingInLastMessage ?? false,
      usesName: (tone?.customerNameMentions.length ?? 0) > 0,
      empathy: (tone?.empathy.length ?? 0) > 0,
      apology: (tone?.apologies.length ?? 0) > 0,
      register: tone?.register.dominant ?? null,
      registerConsistent: tone?.register.consistent ?? true,
      exclamationRate: tone?.exclamationRate ?? null,
      emojiPer100Words: tone?.emojiPer100Words ?? null,
      wordCount: tone?.wordCount ?? 0,
      meanWordsPerMessage: tone?.meanWordsPerMessage ?? null,
      readability: tone ? readabilityScore(tone.readability) : null,
      forbiddenHits: tone?.forbiddenPhrases.length ?? 0,
      redirectHits: tone?.redirects.length ?? 0,
      slaConfigVersion: settings.version,
      toneConfigVersion: settings.tone?.version ?? 1,
    },
    messages: messageRows,
  };
}
