import { detectEscalationCues } from "../frustration";
import { measureResponseTimes, type ReplyMeasurement } from "../sla";
import { type AgentMessageTone, analyzeAgentMessage, DEFAULT_FORBIDDEN_PHRASES, type Language, type PhraseMatch } from "../tone";
import type { AutoQaFeature } from "./features";
import type { AutoQaConversation, AutoQaEvidence, AutoQaMessage, AutoQaOptions, FeatureVerdict, PhraseSignal } from "./types";

/** Statuses in which the agent is expected to have closed the conversation. */
const CLOSED_STATUSES = new Set(["solved", "closed"]);
/** Evidence lists are for a person to read: the first few of each kind are enough. */
const MAX_PHRASES = 5;
const MAX_UPSET_CUES = 3;

/**
 * One conversation prepared for every feature: agent messages analysed once, lazily, and shared by the
 * criteria of a scorecard that look at the same messages.
 */
export class PreparedConversation {
  readonly lang: Language | null;
  readonly agentMessages: AutoQaMessage[];
  private readonly tones = new Map<number, AgentMessageTone>();

  constructor(
    readonly conversation: AutoQaConversation,
    readonly options: AutoQaOptions = {},
  ) {
    const own = conversation.language;
    this.lang = own === "es" || own === "en" ? own : (options.fallbackLanguage ?? null);
    this.agentMessages = conversation.messages.filter((message) => message.authorRole === "agent");
  }

  tone(message: AutoQaMessage): AgentMessageTone {
    let tone = this.tones.get(message.id);
    if (tone === undefined) {
      if (this.lang === null) throw new Error("tone needs a language");
      tone = analyzeAgentMessage(message.body, {
        lang: this.lang,
        channel: this.conversation.channel,
        customerName: this.conversation.customerName,
        forbiddenPhrases: this.options.forbiddenPhrases?.[this.lang] ?? DEFAULT_FORBIDDEN_PHRASES[this.lang],
      });
      this.tones.set(message.id, tone);
    }
    return tone;
  }
}

function phrases(messageId: number, signal: PhraseSignal, matches: readonly PhraseMatch[]): AutoQaEvidence[] {
  return matches.map(({ start, end, text, rule }) => ({ kind: "phrase", signal, messageId, start, end, text, rule }));
}

/** Phrase features read agent messages in Spanish or English; without either, or without an agent message, they cannot judge. */
function cannotReadAgent(feature: AutoQaFeature, prepared: PreparedConversation): FeatureVerdict | null {
  if (prepared.agentMessages.length === 0) return { feature, level: "unavailable", reason: "no_agent_messages", evidence: [] };
  if (prepared.lang === null) return { feature, level: "unavailable", reason: "unsupported_language", evidence: [] };
  return null;
}

/**
 * Greeting: the agent's first message opens with a greeting. With the customer's name in that message it
 * is a personal greeting (pass); without it, a generic one (partial, a pass on a two-point scale); when
 * the customer's name is unknown a greeting is all that can be asked for (pass).
 */
function greeting(prepared: PreparedConversation): FeatureVerdict {
  const feature = "greeting";
  const unreadable = cannotReadAgent(feature, prepared);
  if (unreadable) return unreadable;
  const first = prepared.agentMessages[0];
  const tone = prepared.tone(first);
  if (!tone.greeting.present) {
    return { feature, level: "fail", reason: "no_greeting", evidence: [{ kind: "message", signal: "no_greeting", messageId: first.id }] };
  }
  const evidence = phrases(first.id, "greeting", tone.greeting.matches);
  if (prepared.conversation.customerName === null) return { feature, level: "pass", reason: "greeting_name_unknown", evidence };
  if (tone.customerName.present) {
    return {
      feature,
      level: "pass",
      reason: "greeting_with_name",
      evidence: [...evidence, ...phrases(first.id, "customer_name", tone.customerName.matches.slice(0, 1))],
    };
  }
  return {
    feature,
    level: "partial",
    reason: "greeting_without_name",
    partialOnTwoPoints: "pass",
    evidence: [...evidence, { kind: "message", signal: "no_customer_name", messageId: first.id }],
  };
}

/**
 * Closing: only expected once the conversation is solved or closed (not applicable while it is open). The
 * agent's last message closes («Un saludo», «¿Algo más en lo que pueda ayudarle?», "Kind regards"); with
 * the customer's name in it, a personal closing (pass), otherwise a generic one (partial).
 */
function closing(prepared: PreparedConversation): FeatureVerdict {
  const feature = "closing";
  if (!CLOSED_STATUSES.has(prepared.conversation.status)) {
    return { feature, level: "not_applicable", reason: "conversation_open", evidence: [] };
  }
  const unreadable = cannotReadAgent(feature, prepared);
  if (unreadable) return unreadable;
  const last = prepared.agentMessages[prepared.agentMessages.length - 1];
  const tone = prepared.tone(last);
  if (!tone.closing.present) {
    return { feature, level: "fail", reason: "no_closing", evidence: [{ kind: "message", signal: "no_closing", messageId: last.id }] };
  }
  const evidence = phrases(last.id, "closing", tone.closing.matches);
  if (prepared.conversation.customerName === null) return { feature, level: "pass", reason: "closing_name_unknown", evidence };
  if (tone.customerName.present) {
    return {
      feature,
      level: "pass",
      reason: "closing_with_name",
      evidence: [...evidence, ...phrases(last.id, "customer_name", tone.customerName.matches.slice(-1))],
    };
  }
  return {
    feature,
    level: "partial",
    reason: "closing_without_name",
    partialOnTwoPoints: "pass",
    evidence: [...evidence, { kind: "message", signal: "no_customer_name", messageId: last.id }],
  };
}

/** Why empathy was called for: the customer's escalation cues, or messages the sentiment model read as negative. */
function upsetEvidence(prepared: PreparedConversation, lang: Language): AutoQaEvidence[] {
  const evidence: AutoQaEvidence[] = [];
  for (const message of prepared.conversation.messages) {
    if (message.authorRole !== "customer") continue;
    const cues = detectEscalationCues(message.body, lang);
    if (cues.length > 0) evidence.push(...phrases(message.id, "upset", cues));
    else if (message.sentiment === "negative") evidence.push({ kind: "message", signal: "negative_sentiment", messageId: message.id });
  }
  return evidence.slice(0, MAX_UPSET_CUES);
}

/**
 * Empathy: an empathy phrase in any agent message (pass); only an apology (partial). Without either, it
 * fails when the customer was upset (escalation cues, or a message the sentiment model read as negative),
 * and is "correct but not warm" (partial; not applicable on a two-point scale) when nothing called for it.
 */
function empathy(prepared: PreparedConversation): FeatureVerdict {
  const feature = "empathy";
  const unreadable = cannotReadAgent(feature, prepared);
  if (unreadable) return unreadable;
  const lang = prepared.lang as Language;
  const shown = prepared.agentMessages.flatMap((message) => phrases(message.id, "empathy", prepared.tone(message).empathy.matches));
  if (shown.length > 0) return { feature, level: "pass", reason: "empathy_shown", evidence: shown.slice(0, MAX_PHRASES) };
  const apologies = prepared.agentMessages.flatMap((message) => phrases(message.id, "apology", prepared.tone(message).apology.matches));
  if (apologies.length > 0) {
    return { feature, level: "partial", reason: "apology_only", partialOnTwoPoints: "pass", evidence: apologies.slice(0, MAX_PHRASES) };
  }
  const upset = upsetEvidence(prepared, lang);
  const noEmpathy: AutoQaEvidence = { kind: "message", signal: "no_empathy", messageId: prepared.agentMessages[0].id };
  if (upset.length > 0) return { feature, level: "fail", reason: "no_empathy_customer_upset", evidence: [...upset, noEmpathy] };
  return { feature, level: "partial", reason: "no_empathy_not_needed", partialOnTwoPoints: "not_applicable", evidence: [] };
}

/** Forbidden phrases: any occurrence in an agent message fails; finding none says nothing about the rest of the tone. */
function forbiddenPhrases(prepared: PreparedConversation): FeatureVerdict {
  const feature = "forbidden-phrases";
  const unreadable = cannotReadAgent(feature, prepared);
  if (unreadable) return unreadable;
  const found = prepared.agentMessages.flatMap((message) =>
    phrases(message.id, "forbidden", prepared.tone(message).forbiddenPhrases.matches),
  );
  if (found.length > 0) return { feature, level: "fail", reason: "forbidden_phrase", evidence: found.slice(0, MAX_PHRASES) };
  return { feature, level: "nothing_found", reason: "no_forbidden_phrase", evidence: [] };
}

/**
 * Redirect to another channel (seed 003 rule 1): an instruction to continue elsewhere («llame al 600…»,
 * "please email us") fails; only an offer («si lo prefiere, también puede llamarnos») is partial, a pass on
 * a two-point scale, since offering another channel after solving the problem is not sending the customer
 * away. Phrases pointing at the conversation's own channel are not redirects (scoring/tone/redirects.ts).
 */
function channelRedirect(prepared: PreparedConversation): FeatureVerdict {
  const feature = "channel-redirect";
  const unreadable = cannotReadAgent(feature, prepared);
  if (unreadable) return unreadable;
  const hard: AutoQaEvidence[] = [];
  const soft: AutoQaEvidence[] = [];
  for (const message of prepared.agentMessages) {
    for (const match of prepared.tone(message).redirects.matches) {
      (match.softOffer ? soft : hard).push(...phrases(message.id, match.softOffer ? "soft_redirect" : "redirect", [match]));
    }
  }
  if (hard.length > 0) return { feature, level: "fail", reason: "redirected", evidence: [...hard, ...soft].slice(0, MAX_PHRASES) };
  if (soft.length > 0) {
    return { feature, level: "partial", reason: "soft_redirect_offer", partialOnTwoPoints: "pass", evidence: soft.slice(0, MAX_PHRASES) };
  }
  return { feature, level: "nothing_found", reason: "no_redirect", evidence: [] };
}

/** The customer's name in any agent message; not applicable when the name is unknown. */
function customerName(prepared: PreparedConversation): FeatureVerdict {
  const feature = "customer-name";
  if (prepared.conversation.customerName === null || prepared.conversation.customerName.trim() === "") {
    return { feature, level: "not_applicable", reason: "name_unknown", evidence: [] };
  }
  const unreadable = cannotReadAgent(feature, prepared);
  if (unreadable) return unreadable;
  const found = prepared.agentMessages.flatMap((message) =>
    phrases(message.id, "customer_name", prepared.tone(message).customerName.matches),
  );
  if (found.length > 0) return { feature, level: "pass", reason: "name_used", evidence: found.slice(0, MAX_PHRASES) };
  return {
    feature,
    level: "fail",
    reason: "name_not_used",
    evidence: prepared.agentMessages.slice(0, 1).map((message) => ({ kind: "message", signal: "no_customer_name", messageId: message.id })),
  };
}

/**
 * A resolved conversation whose customer wrote last («¡Gracias!», then closed) is not waiting for an
 * answer: customer messages after the last agent message are left out (as the analytics facts do).
 */
function messagesForResponseTimes(conversation: AutoQaConversation): readonly AutoQaMessage[] {
  const resolved = conversation.resolvedAt !== null || CLOSED_STATUSES.has(conversation.status);
  if (!resolved) return conversation.messages;
  let lastAgentAt = -1;
  for (const message of conversation.messages) {
    if (message.authorRole === "agent") lastAgentAt = Math.max(lastAgentAt, message.sentAt.getTime());
  }
  if (lastAgentAt < 0) return conversation.messages;
  return conversation.messages.filter((message) => message.authorRole !== "customer" || message.sentAt.getTime() <= lastAgentAt);
}

/**
 * Response time against the channel's standard target (seed 003 rule 4): the first response, every later
 * reply, or both. All waits within target pass, none fail, a mix is partial (a fail on a two-point scale:
 * one late reply is not "within target"). A customer still waiting past the target counts as a late
 * reply; a conversation with no wait to measure is not applicable.
 */
function responseTime(prepared: PreparedConversation, feature: AutoQaFeature): FeatureVerdict {
  const { conversation, options } = prepared;
  const messages = messagesForResponseTimes(conversation);
  // Resolution time is not judged here, so the resolution timestamp is not needed.
  const times = measureResponseTimes(messages, {
    channel: conversation.channel,
    targets: options.targets,
    businessSchedule: options.businessSchedule ?? null,
    asOf: options.asOf ?? null,
  });
  const wanted = (isFirstResponse: boolean) =>
    feature === "response-time" || (feature === "first-response-time" ? isFirstResponse : !isFirstResponse);
  const evidence: AutoQaEvidence[] = [];
  const include = (reply: ReplyMeasurement) => {
    if (!wanted(reply.isFirstResponse) || reply.standard.met === null || reply.standard.targetMs === null) return;
    evidence.push({
      kind: "response_time",
      messageId: messages[reply.agentMessageIndex].id,
      customerMessageId: messages[reply.customerMessageIndex].id,
      turn: reply.isFirstResponse ? "first" : "reply",
      elapsedMs: reply.elapsedMs,
      targetMs: reply.standard.targetMs,
      met: reply.standard.met,
      pending: false,
    });
  };
  for (const reply of times.replies) include(reply);
  const pending = times.pending;
  if (pending !== null && wanted(pending.isFirstResponse) && pending.standard.met === false && pending.elapsedMs !== null) {
    evidence.push({
      kind: "response_time",
      messageId: null,
      customerMessageId: messages[pending.customerMessageIndex].id,
      turn: pending.isFirstResponse ? "first" : "reply",
      elapsedMs: pending.elapsedMs,
      targetMs: pending.standard.targetMs as number,
      met: false,
      pending: true,
    });
  }
  if (evidence.length === 0) return { feature, level: "not_applicable", reason: "no_replies_measured", evidence };
  const late = evidence.filter((item) => item.kind === "response_time" && !item.met);
  // Late waits first: they are what a reviewer checks.
  const ordered = [...late, ...evidence.filter((item) => !late.includes(item))];
  if (late.length === 0) return { feature, level: "pass", reason: "all_within_target", evidence: ordered };
  if (late.length === evidence.length) return { feature, level: "fail", reason: "all_late", evidence: ordered };
  return { feature, level: "partial", reason: "some_late", partialOnTwoPoints: "fail", evidence: ordered };
}

export function featureVerdict(feature: AutoQaFeature, prepared: PreparedConversation): FeatureVerdict {
  switch (feature) {
    case "greeting":
      return greeting(prepared);
    case "closing":
      return closing(prepared);
    case "empathy":
      return empathy(prepared);
    case "forbidden-phrases":
      return forbiddenPhrases(prepared);
    case "channel-redirect":
      return channelRedirect(prepared);
    case "customer-name":
      return customerName(prepared);
    case "first-response-time":
    case "every-reply-time":
    case "response-time":
      return responseTime(prepared, feature);
  }
}
