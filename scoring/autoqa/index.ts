export {
  type DecisionOutcome,
  decideOne,
  decideSuggestions,
  type OverrideDirection,
  type SuggestionDecision,
} from "./decisions";
export {
  AUTOQA_FEATURES,
  AUTOQA_MODEL,
  type AutoQaFeature,
  autoQaFeatureOf,
  FAULT_ONLY_FEATURES,
  FEATURE_ALIASES,
  RESPONSE_TIME_FEATURES,
} from "./features";
export { autoQaLinkIssues, linkedCriteria } from "./links";
export { isFaultOnly, ratingOnScale, suggestForCriterion, suggestForScorecard } from "./suggest";
export type {
  AutoQaConversation,
  AutoQaCriterion,
  AutoQaEvidence,
  AutoQaLevel,
  AutoQaMessage,
  AutoQaOptions,
  AutoQaReason,
  AutoQaResult,
  FeatureVerdict,
  MessageSignal,
  NoSuggestionWhy,
  PhraseSignal,
} from "./types";
export {
  type AcceptanceCounts,
  type AcceptanceSummary,
  addCounts,
  emptyCounts,
  MIN_DECISIONS_TO_JUDGE,
  summariseAcceptance,
  WEAK_ACCEPTANCE,
} from "./acceptance";
