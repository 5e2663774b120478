import type { BusinessSchedule, Channel, ConversationMessage, SlaTargets } from "../sla";
import type { Evidence, Language } from "../tone";

export type SentimentLabel = "negative" | "neutral" | "positive";

/** One message's prediction from the sentiment model (see the `sentiment` CLI's output lines). */
export interface MessageSentiment {
  label: SentimentLabel;
  /** Probability of `label`. */
  score: number;
  /** Probability of every label; labels the model does not have may be missing. */
  scores: Partial<Record<SentimentLabel, number>>;
}

/** A message as frustration scoring sees it: sentiment is optional because the model may not have run. */
export interface FrustrationMessage extends ConversationMessage {
  sentiment?: MessageSentiment | null;
}

export interface FrustrationConversation {
  channel: Channel;
  /** Which lexicon the cues are read with; nothing here guesses the language. */
  language: Language;
  /** Indexes in every piece of evidence point into this array. */
  messages: readonly FrustrationMessage[];
  /** Email subject or ticket title, used to tell whether a previous contact was about the same issue. */
  subject?: string | null;
  /** A topic or category from the helpdesk (e.g. "refund"), compared as is with previous contacts' hints. */
  topicHint?: string | null;
}

/** An earlier conversation of the same customer. */
export interface PreviousContact {
  channel: Channel;
  createdAt: Date;
  topicHint?: string | null;
  subject?: string | null;
}

/** The cues read from the customer's own words. */
export const CUE_KINDS = [
  "repeat_contact",
  "still_waiting",
  "supervisor_request",
  "churn_threat",
  "authority_complaint",
  "complaint_threat",
  "insult",
  "exasperation",
] as const;
export type CueKind = (typeof CUE_KINDS)[number];

/** A phrase in one message: `start`/`end` are UTF-16 offsets into that message's body, `rule` the lexicon entry. */
export interface PhraseEvidence extends Evidence {
  messageIndex: number;
  rule: string;
}

export interface CueMatch extends Evidence {
  kind: CueKind;
  rule: string;
}

export interface SentimentEvidence {
  messageIndex: number;
  label: SentimentLabel;
  score: number;
}

export interface TrajectoryEvidence {
  /** Valence (P(positive) − P(negative), −1…1) of each customer message with a prediction, in time order. */
  points: Array<{ messageIndex: number; valence: number }>;
  earlierMean: number;
  laterMean: number;
  /** earlierMean − laterMean. */
  drop: number;
}

export interface ShoutingEvidence {
  messageIndex: number;
  /** Uppercase letters / letters over the words that count (≥ 3 letters, acronyms and ids left out). */
  uppercaseShare: number;
  countedWords: number;
  /** Longest run of consecutive all-caps words. */
  longestCapsRun: number;
  spans: Evidence[];
}

export interface LocatedEvidence extends Evidence {
  messageIndex: number;
}

export interface WaitEvidence {
  customerMessageIndex: number;
  /** The reply that ended the wait; null for a wait still running at `asOf`. */
  agentMessageIndex: number | null;
  elapsedMs: number;
  targetMs: number;
  /** elapsedMs / targetMs. */
  ratio: number;
}

export interface PreviousContactEvidence {
  /** Index into the caller's `previousContacts`. */
  contactIndex: number;
  channel: Channel;
  createdAt: Date;
  daysBefore: number;
  otherChannel: boolean;
  matchedBy: "topic" | "subject";
  /** Word stems both texts share (empty when matched by topic). */
  sharedWords: string[];
}

export interface SatisfiedEvidence {
  messageIndex: number;
  /** The warm thanks found, if any. */
  phrase: Evidence | null;
  /** The model's positive prediction, if that is what counted. */
  sentiment: SentimentEvidence | null;
}

interface ReasonBase {
  /** Added to the logit: weight × strength (negative for `ends_satisfied`). */
  contribution: number;
}

export type FrustrationReason =
  | (ReasonBase & { kind: CueKind; evidence: PhraseEvidence[] })
  | (ReasonBase & { kind: "negative_messages"; evidence: SentimentEvidence[] })
  | (ReasonBase & { kind: "worsening_trajectory"; evidence: TrajectoryEvidence })
  | (ReasonBase & { kind: "shouting"; evidence: ShoutingEvidence[] })
  | (ReasonBase & { kind: "punctuation_runs"; evidence: LocatedEvidence[] })
  | (ReasonBase & { kind: "long_wait"; severity: "long" | "very_long"; evidence: WaitEvidence[] })
  | (ReasonBase & { kind: "previous_contact"; evidence: PreviousContactEvidence[] })
  | (ReasonBase & { kind: "ends_satisfied"; evidence: SatisfiedEvidence });

export type FrustrationReasonKind = FrustrationReason["kind"];

export interface FrustrationAssessment {
  /** logistic(logit), 0–1. */
  score: number;
  /** bias + the sum of the reasons' contributions. */
  logit: number;
  flagged: boolean;
  threshold: number;
  /** Largest contribution first; `ends_satisfied` (negative) last. */
  reasons: FrustrationReason[];
  /** Whether any customer message carried a sentiment prediction (without one, sentiment reasons cannot appear). */
  sentimentAvailable: boolean;
}

export interface FrustrationWeights {
  /** Logit with no evidence at all: logistic(−2.5) ≈ 0.08. */
  bias: number;
  /** Per negative customer message, times the model's probability (at most `maxNegativeMessages` count). */
  negativeMessage: number;
  worseningTrajectory: number;
  repeatContact: number;
  stillWaiting: number;
  supervisorRequest: number;
  churnThreat: number;
  authorityComplaint: number;
  /** A formal complaint to the company, a bad review or going public on social media. */
  complaintThreat: number;
  insult: number;
  exasperation: number;
  shouting: number;
  punctuationRun: number;
  longWait: number;
  veryLongWait: number;
  previousContactOtherChannel: number;
  previousContactSameChannel: number;
  /** Negative: the customer's last message thanks warmly or reads positive. */
  endsSatisfied: number;
}

export interface FrustrationSettings {
  /** Flag at or above this score. */
  threshold: number;
  /** A wait counts as long from this many times the channel's standard target… */
  longWaitFactor: number;
  /** …and as very long from this many times. */
  veryLongWaitFactor: number;
  /** Previous contacts older than this (before the first message) are ignored. */
  previousContactWindowDays: number;
  /** Valence drop (earlier half − later half of the customer's messages) that counts as worsening. */
  worseningDrop: number;
  maxNegativeMessages: number;
  /** A positive last message ends satisfied from this probability. */
  satisfiedMinScore: number;
}

export interface FrustrationOptions {
  previousContacts?: readonly PreviousContact[];
  /** Resolved SLA targets (see mergeSlaTargets); the seeds' defaults when left out. */
  targets?: SlaTargets;
  businessSchedule?: BusinessSchedule | null;
  /** "Now", so that a customer still waiting counts; without it only answered waits count. */
  asOf?: Date | null;
  weights?: Partial<FrustrationWeights>;
  settings?: Partial<FrustrationSettings>;
}
