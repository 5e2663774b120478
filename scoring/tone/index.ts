export {
  type AgentMessageTone,
  analyzeAgentMessage,
  analyzeConversationTone,
  type ConversationTone,
  type LocatedMatch,
  type ToneOptions,
} from "./analyze";
export {
  type CannedResponseCandidate,
  type CannedResponseGroup,
  type CannedResponseMember,
  type CannedResponseOptions,
  findCannedResponses,
  jaccard,
  normalizeForDuplicateDetection,
} from "./canned-responses";
export { detectApology, detectClosing, detectEmpathy, detectGreeting } from "./courtesy";
export { customerNameTokens, detectCustomerName } from "./customer-name";
export { DEFAULT_FORBIDDEN_PHRASES, detectForbiddenPhrases } from "./forbidden-phrases";
export {
  type EnglishReadability,
  fernandezHuerta,
  fleschReadingEase,
  type InfleszBand,
  infleszBand,
  measureReadability,
  type Readability,
  readabilityFromCounts,
  type SpanishReadability,
  szigrisztPazos,
  type TextCounts,
} from "./readability";
export { type ChannelRedirect, detectChannelRedirects, type RedirectFeature, type RedirectTarget } from "./redirects";
export {
  decideRegister,
  detectRegister,
  type MarkerStrength,
  type Register,
  type RegisterConsistency,
  type RegisterMarker,
  type RegisterResult,
  type RegisterShift,
  type RegisterVerdict,
  registerConsistency,
} from "./register";
export { measureStyle, type StyleFeatures } from "./style";
export { countEnglishSyllables, countSpanishSyllables } from "./syllables";
export { type FoldedText, findEmoji, foldText, sentences, words } from "./text";
export { type Evidence, type Language, LANGUAGES, type PhraseFeature, type PhraseMatch } from "./types";
