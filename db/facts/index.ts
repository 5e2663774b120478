/**
 * Facts and rollups: what scoring/ says about each conversation, written when conversations are written.
 * Writers call `refreshFacts(db, conversationIds)` in (or right after) the transaction that wrote them.
 */
export { type AgentMessageFactRow, type ConversationFactRow, computeFacts, type FactConversation, utcDay } from "./compute";
export {
  countStaleFacts,
  FCR_WINDOW_DAYS,
  type RefreshFactsOptions,
  type RefreshFactsResult,
  refreshFacts,
  refreshStaleFacts,
  staleFactIds,
} from "./refresh";
export { rebuildAllRollups, refreshDailyRollups } from "./rollups";
export { applySentimentFacts, refreshSentimentFacts } from "./sentiment";
export { DEFAULT_SLA_CONFIG, loadSlaConfig, resolveSlaConfig, type SlaConfig, saveSlaConfig } from "./sla-config";
export {
  DEFAULT_TONE_CONFIG,
  loadToneConfig,
  parsePhraseLines,
  saveToneConfig,
  TONE_LANGUAGES,
  type ToneConfig,
} from "./tone-config";
