export {
  type AlphaMetric,
  type AlphaResult,
  type AlphaUndefinedReason,
  type ReliabilityMatrix,
  type Value,
  alphaOfPrepared,
  krippendorffAlpha,
  prepareReliabilityData,
} from "./krippendorff";
export {
  type AlphaInterval,
  type BootstrapOptions,
  DEFAULT_REPLICATES,
  MIN_UNITS_FOR_INTERVAL,
  bootstrapAlphaInterval,
  quantileSorted,
} from "./bootstrap";
export { type Category, type KappaResult, cohenKappa, fleissKappa, fleissKappaOfRatings } from "./kappa";
export { type PercentAgreement, percentAgreement } from "./percent";
export { type ReviewerDeviation, type UnitSpread, consensusFor, reviewerDeviations, unitConsensus, unitSpread } from "./consensus";
export { ALPHA_GOOD, ALPHA_TENTATIVE, type AlphaLevel, type AlphaReading, alphaLevel, readAlpha } from "./interpret";
export {
  type AlphaSummary,
  type CalibrationInput,
  type CalibrationResults,
  type CalibrationReview,
  type ConversationSpread,
  type CriterionAgreement,
  type ReviewerCalibration,
  calibrationResults,
} from "./session";
