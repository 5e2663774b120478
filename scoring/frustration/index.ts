export { detectEscalationCues, findWarmThanks, soundsPleased } from "./cues";
export { CUE_PATTERNS, type CuePattern, WARM_THANKS } from "./lexicon";
export { isNegated, prepareForMatching, quotedRanges } from "./matchable-text";
export { relatedPreviousContacts } from "./previous-contacts";
export { scoreFrustration } from "./score";
export { negativeCustomerMessages, valence, worseningTrajectory } from "./sentiment-signals";
export { findPunctuationRuns, measureShouting } from "./shouting";
export {
  CUE_KINDS,
  type CueKind,
  type CueMatch,
  type FrustrationAssessment,
  type FrustrationConversation,
  type FrustrationMessage,
  type FrustrationOptions,
  type FrustrationReason,
  type FrustrationReasonKind,
  type FrustrationSettings,
  type FrustrationWeights,
  type LocatedEvidence,
  type MessageSentiment,
  type PhraseEvidence,
  type PreviousContact,
  type PreviousContactEvidence,
  type SatisfiedEvidence,
  type SentimentEvidence,
  type SentimentLabel,
  type ShoutingEvidence,
  type TrajectoryEvidence,
  type WaitEvidence,
} from "./types";
export { findLongWaits } from "./waits";
export { DEFAULT_FRUSTRATION_SETTINGS, DEFAULT_FRUSTRATION_THRESHOLD, DEFAULT_FRUSTRATION_WEIGHTS, logistic } from "./weights";
