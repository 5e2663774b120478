export {
  type AgentConsistency,
  analyzeConsistency,
  type CellConsistency,
  type ChannelConsistency,
  type ConsistencyOptions,
  type ConsistencyReport,
  MIN_AGENTS_FOR_INDEX,
  OUTLIER_THRESHOLD,
  type OutlierReason,
  type ToneCell,
} from "./analyze";
export { type Gap, MIN_CONVERSATIONS, pooledScales, profileGap, Z_95 } from "./distance";
export {
  addMoments,
  addProfiles,
  EMPTY_MOMENTS,
  emptyProfile,
  type Moments,
  mean,
  type Profile,
  profileSize,
  subtractMoments,
  subtractProfile,
  TONE_FEATURES,
  type ToneFeature,
  variance,
} from "./moments";
export { type ChannelQualitySums, type QualitySpread, qualitySpreadAcrossChannels } from "./quality-spread";
