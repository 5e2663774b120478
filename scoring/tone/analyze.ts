import type { Channel, ConversationMessage } from "../sla/types";
import { detectApology, detectClosing, detectEmpathy, detectGreeting } from "./courtesy";
import { detectCustomerName } from "./customer-name";
import { DEFAULT_FORBIDDEN_PHRASES, detectForbiddenPhrases } from "./forbidden-phrases";
import { type Readability, readabilityFromCounts, measureReadability } from "./readability";
import { type ChannelRedirect, detectChannelRedirects, type RedirectFeature } from "./redirects";
import { type Register, type RegisterResult, detectRegister, registerConsistency } from "./register";
import { measureStyle, type StyleFeatures } from "./style";
import { foldText } from "./text";
import type { Language, PhraseFeature, PhraseMatch } from "./types";

export interface ToneOptions {
  lang: Language;
  /** The conversation's channel: a redirect is only a redirect to a different one. */
  channel: Channel;
  customerName?: string | null;
  /** The admin's list for `lang`; DEFAULT_FORBIDDEN_PHRASES[lang] when left out. */
  forbiddenPhrases?: readonly string[];
}

export interface AgentMessageTone {
  greeting: PhraseFeature;
  closing: PhraseFeature;
  customerName: PhraseFeature;
  empathy: PhraseFeature;
  apology: PhraseFeature;
  register: RegisterResult;
  style: StyleFeatures;
  readability: Readability;
  forbiddenPhrases: PhraseFeature;
  redirects: RedirectFeature;
}

/** Every tone feature of one agent message, each with its evidence. */
export function analyzeAgentMessage(body: string, options: ToneOptions): AgentMessageTone {
  const { lang } = options;
  const folded = foldText(body);
  return {
    greeting: detectGreeting(body, lang, folded),
    closing: detectClosing(body, lang, folded),
    customerName: detectCustomerName(body, options.customerName, folded),
    empathy: detectEmpathy(body, lang, folded),
    apology: detectApology(body, lang, folded),
    register: detectRegister(body, lang, folded),
    style: measureStyle(body),
    readability: measureReadability(body, lang),
    forbiddenPhrases: detectForbiddenPhrases(body, lang, options.forbiddenPhrases ?? DEFAULT_FORBIDDEN_PHRASES[lang], folded),
    redirects: detectChannelRedirects(body, lang, options.channel),
  };
}

/** A piece of evidence located in the conversation: `messageIndex` points into the caller's array. */
export interface LocatedMatch<T extends PhraseMatch = PhraseMatch> {
  messageIndex: number;
  match: T;
}

export interface ConversationTone {
  agentMessageCount: number;
  /** Per agent message, in conversation order. */
  messages: Array<{ messageIndex: number; tone: AgentMessageTone }>;
  /** The agent's first message greets. */
  greetingInFirstMessage: boolean;
  /** The agent's last message closes. */
  closingInLastMessage: boolean;
  customerNameMentions: LocatedMatch[];
  empathy: LocatedMatch[];
  apologies: LocatedMatch[];
  register: {
    dominant: Register | null;
    consistent: boolean;
    shifts: Array<{ messageIndex: number; from: Register; to: Register }>;
    mixedMessageIndexes: number[];
  };
  /** Over all agent sentences / words, so one long email does not weigh like one short chat line. */
  exclamationRate: number | null;
  emojiPer100Words: number | null;
  wordCount: number;
  meanWordsPerMessage: number | null;
  readability: Readability;
  forbiddenPhrases: LocatedMatch[];
  redirects: Array<LocatedMatch<ChannelRedirect>>;
}

function locate<T extends PhraseMatch>(messageIndex: number, matches: readonly T[]): Array<LocatedMatch<T>> {
  return matches.map((match) => ({ messageIndex, match }));
}

/**
 * Tone of the agent's side of a conversation (messages in conversation order; only `agent` messages
 * are the agent's tone: bots, system messages and internal notes are skipped).
 */
export function analyzeConversationTone(messages: readonly ConversationMessage[], options: ToneOptions): ConversationTone {
  const analysed = messages.flatMap((message, messageIndex) =>
    message.authorRole === "agent" ? [{ messageIndex, tone: analyzeAgentMessage(message.body, options) }] : [],
  );
  const first = analysed[0];
  const last = analysed[analysed.length - 1];
  const consistency = registerConsistency(analysed.map(({ tone }) => tone.register.register));
  const total = (pick: (tone: AgentMessageTone) => number) => analysed.reduce((sum, { tone }) => sum + pick(tone), 0);
  const sentenceCount = total((tone) => tone.style.sentenceCount);
  const wordCount = total((tone) => tone.style.wordCount);
  const counts = {
    words: total((tone) => tone.readability.words),
    sentences: total((tone) => tone.readability.sentences),
    syllables: total((tone) => tone.readability.syllables),
  };
  return {
    agentMessageCount: analysed.length,
    messages: analysed,
    greetingInFirstMessage: first?.tone.greeting.present ?? false,
    closingInLastMessage: last?.tone.closing.present ?? false,
    customerNameMentions: analysed.flatMap(({ messageIndex, tone }) => locate(messageIndex, tone.customerName.matches)),
    empathy: analysed.flatMap(({ messageIndex, tone }) => locate(messageIndex, tone.empathy.matches)),
    apologies: analysed.flatMap(({ messageIndex, tone }) => locate(messageIndex, tone.apology.matches)),
    register: {
      dominant: consistency.dominant,
      consistent: consistency.consistent,
      shifts: consistency.shifts.map(({ position, from, to }) => ({ messageIndex: analysed[position].messageIndex, from, to })),
      mixedMessageIndexes: consistency.mixedPositions.map((position) => analysed[position].messageIndex),
    },
    exclamationRate: sentenceCount === 0 ? null : total((tone) => tone.style.exclamatorySentenceCount) / sentenceCount,
    emojiPer100Words: wordCount === 0 ? null : (100 * total((tone) => tone.style.emojiCount)) / wordCount,
    wordCount,
    meanWordsPerMessage: analysed.length === 0 ? null : wordCount / analysed.length,
    readability: readabilityFromCounts(counts, options.lang),
    forbiddenPhrases: analysed.flatMap(({ messageIndex, tone }) => locate(messageIndex, tone.forbiddenPhrases.matches)),
    redirects: analysed.flatMap(({ messageIndex, tone }) => locate(messageIndex, tone.redirects.matches)),
  };
}
