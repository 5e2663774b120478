/**
 * Estimates from a weighted (stratified) sample of reviews, and how precise they
 * are: margins of error before and after drawing, and the sample size a target
 * margin needs.
 */
import { assertCount, assertNonNegativeFinite } from "./assertions";
import { studentTQuantile } from "../stats/student-t";

export const DEFAULT_CONFIDENCE = 0.95;
/**
 * Assumed standard deviation of review scores on a 0–100 scale when there is
 * not enough history. Deliberately cautious: QA scores usually spread less, so
 * margins computed with it err on the wide side until real scores exist.
 */
export const DEFAULT_ASSUMED_SD = 20;
/** Past scores needed before their standard deviation replaces the assumption. */
export const DEFAULT_MIN_SCORES_FOR_SD = 10;

/** What the database can return cheaply: `count(*)` and `stddev_samp(score)`. */
export interface ScoreHistory {
  count: number;
  sd: number;
}

export interface ScoreSummary extends ScoreHistory {
  mean: number;
}

/** Count, mean and sample standard deviation (n − 1); NaN where undefined. */
export function summarizeScores(scores: readonly number[]): ScoreSummary {
  const count = scores.length;
  if (count === 0) return { count, mean: Number.NaN, sd: Number.NaN };
  const mean = scores.reduce((sum, score) => sum + score, 0) / count;
  if (count === 1) return { count, mean, sd: Number.NaN };
  const squares = scores.reduce((sum, score) => sum + (score - mean) ** 2, 0);
  return { count, mean, sd: Math.sqrt(squares / (count - 1)) };
}

export interface SdOptions {
  assumedSd?: number;
  minScoresForSd?: number;
}

export type SdSource = "history" | "assumed";

export interface ResolvedSd {
  sd: number;
  source: SdSource;
}

/** The history's SD when it rests on enough scores, otherwise the stated assumption. */
export function resolveScoreSd(history: ScoreHistory | undefined, options: SdOptions = {}): ResolvedSd {
  const assumedSd = options.assumedSd ?? DEFAULT_ASSUMED_SD;
  const minScoresForSd = options.minScoresForSd ?? DEFAULT_MIN_SCORES_FOR_SD;
  assertNonNegativeFinite(assumedSd, "assumedSd");
  if (!Number.isInteger(minScoresForSd) || minScoresForSd < 2) {
    throw new RangeError(`minScoresForSd must be an integer of at least 2, got ${minScoresForSd}`);
  }
  if (history !== undefined && history.count >= minScoresForSd && Number.isFinite(history.sd) && history.sd >= 0) {
    return { sd: history.sd, source: "history" };
  }
  return { sd: assumedSd, source: "assumed" };
}

/** A reviewed value with its design weight (1 / inclusion probability). */
export interface WeightedValue {
  value: number;
  weight: number;
}

/** Horvitz–Thompson estimate of the population total: Σ wᵢ·yᵢ. */
export function horvitzThompsonTotal(values: readonly WeightedValue[]): number {
  return values.reduce((sum, { value, weight }) => sum + weight * value, 0);
}

/** Hájek estimate of the population mean: Σ wᵢ·yᵢ / Σ wᵢ. */
export function hajekMean(values: readonly WeightedValue[]): number {
  const weightSum = values.reduce((sum, { weight }) => sum + weight, 0);
  if (!(weightSum > 0)) {
    throw new RangeError("hajekMean needs at least one positive weight");
  }
  return horvitzThompsonTotal(values) / weightSum;
}

/** The reviewed values of one design stratum and the size it was drawn from. */
export interface StratumObservations {
  key: string;
  population: number;
  values: readonly number[];
}

export interface StratifiedEstimateOptions {
  confidence?: number;
  /** SD used for a stratum with one review out of several, where none can be estimated. */
  fallbackSd?: number;
}

export interface StratifiedEstimate {
  mean: number;
  total: number;
  standardErrorOfMean: number;
  standardErrorOfTotal: number;
  marginOfErrorOfMean: number;
  confidence: number;
  degreesOfFreedom: number;
  sampleSize: number;
  /** Conversations in strata with at least one review: what the estimate describes. */
  population: number;
  /** Strata with conversations but no reviews: the estimate says nothing about them. */
  uncoveredStrata: string[];
  uncoveredPopulation: number;
}

/**
 * Stratified estimator with simple random sampling inside each stratum (what
 * drawStratified produces). The mean equals the Hájek mean with weights Nₕ/nₕ;
 * Var(total) = Σ Nₕ²·(1 − nₕ/Nₕ)·sₕ²/nₕ; degrees of freedom n − H.
 */
export function estimateStratified(strata: readonly StratumObservations[], options: StratifiedEstimateOptions = {}): StratifiedEstimate {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const fallbackSd = options.fallbackSd ?? DEFAULT_ASSUMED_SD;
  assertConfidence(confidence);
  let total = 0;
  let varianceOfTotal = 0;
  let population = 0;
  let sampleSize = 0;
  let coveredStrata = 0;
  let uncoveredPopulation = 0;
  const uncoveredStrata: string[] = [];

  for (const stratum of strata) {
    const n = stratum.values.length;
    const bigN = stratum.population;
    assertCount(bigN, `population of stratum ${stratum.key}`);
    if (n > bigN) {
      throw new RangeError(`stratum ${stratum.key} has ${n} values but a population of ${bigN}`);
    }
    if (n === 0) {
      if (bigN > 0) {
        uncoveredStrata.push(stratum.key);
        uncoveredPopulation += bigN;
      }
      continue;
    }
    const summary = summarizeScores(stratum.values);
    const sd = n >= 2 ? summary.sd : fallbackSd;
    total += bigN * summary.mean;
    varianceOfTotal += (bigN * bigN * (1 - n / bigN) * sd * sd) / n;
    population += bigN;
    sampleSize += n;
    coveredStrata += 1;
  }

  if (population === 0) {
    throw new RangeError("estimateStratified needs at least one reviewed value");
  }
  const degreesOfFreedom = Math.max(1, sampleSize - coveredStrata);
  const standardErrorOfTotal = Math.sqrt(varianceOfTotal);
  const standardErrorOfMean = standardErrorOfTotal / population;
  return {
    mean: total / population,
    total,
    standardErrorOfMean,
    standardErrorOfTotal,
    marginOfErrorOfMean: standardErrorOfMean === 0 ? 0 : tCritical(confidence, degreesOfFreedom) * standardErrorOfMean,
    confidence,
    degreesOfFreedom,
    sampleSize,
    population,
    uncoveredStrata,
    uncoveredPopulation,
  };
}

export interface MarginOfErrorInput {
  /** Reviews in the sample. */
  n: number;
  /** Conversations the sample is drawn from; Infinity for no finite population correction. */
  N: number;
  /** Standard deviation of scores (from history or assumed). */
  sd: number;
  confidence?: number;
}

/**
 * Half-width of the confidence interval for a mean score from a simple random
 * sample: t(1 − α/2, n − 1) · sd · √((1 − n/N) / n). Zero for a census (n = N);
 * infinite below two reviews, where no spread can be estimated.
 */
export function marginOfError({ n, N, sd, confidence = DEFAULT_CONFIDENCE }: MarginOfErrorInput): number {
  assertConfidence(confidence);
  assertNonNegativeFinite(sd, "sd");
  assertPopulation(N);
  assertCount(n, "n");
  if (n > N) throw new RangeError(`n (${n}) cannot exceed N (${N})`);
  if (n === N || sd === 0) return 0;
  if (n < 2) return Number.POSITIVE_INFINITY;
  const finitePopulationCorrection = Number.isFinite(N) ? 1 - n / N : 1;
  return tCritical(confidence, n - 1) * sd * Math.sqrt(finitePopulationCorrection / n);
}

export interface RequiredSampleSizeInput {
  targetMargin: number;
  sd: number;
  /** Conversations available; Infinity when the population is unbounded. */
  N?: number;
  confidence?: number;
}

/** The smallest n whose margin of error is at most targetMargin (never more than N). */
export function requiredSampleSize({
  targetMargin,
  sd,
  N = Number.POSITIVE_INFINITY,
  confidence = DEFAULT_CONFIDENCE,
}: RequiredSampleSizeInput): number {
  assertConfidence(confidence);
  assertNonNegativeFinite(sd, "sd");
  assertPopulation(N);
  if (!(targetMargin >= 0)) {
    throw new RangeError(`targetMargin must be non-negative, got ${targetMargin}`);
  }
  const achieves = (n: number) => marginOfError({ n, N, sd, confidence }) <= targetMargin;
  if (achieves(Math.min(1, N))) return Math.min(1, N);
  if (targetMargin === 0 && !Number.isFinite(N)) {
    throw new RangeError("a zero margin needs a census, which an unbounded population cannot give");
  }

  // The margin never grows with n, so the answer is the first n that achieves it.
  let low = 1;
  let high: number;
  if (Number.isFinite(N)) {
    high = N;
  } else {
    const z = tCritical(confidence, Number.POSITIVE_INFINITY);
    high = Math.max(2, Math.ceil(((z * sd) / targetMargin) ** 2));
    while (!achieves(high)) {
      low = high;
      high *= 2;
    }
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (achieves(middle)) high = middle;
    else low = middle;
  }
  return high;
}

export interface AgentPrecisionInput {
  agentKey: string;
  /** Conversations of this agent that the sample is drawn from. */
  population: number;
  /** Reviews planned (before drawing) or done (after). */
  sampleSize: number;
  scoreHistory?: ScoreHistory;
}

export interface AgentPrecision {
  agentKey: string;
  population: number;
  sampleSize: number;
  sd: number;
  sdSource: SdSource;
  /**
   * Past review scores behind the SD: with source `history` the SD is computed from them; with `assumed` there were
   * fewer than `minScoresForSd` (0 when there is no history yet).
   */
  scoreCount: number;
  /** Null when the agent has no conversations to estimate. */
  marginOfError: number | null;
  /** Reviews needed for the target margin; null without a target or conversations. */
  requiredSampleSize: number | null;
}

export interface TeamPrecision {
  population: number;
  sampleSize: number;
  /** Treats agents as strata; null when no agent has a review. */
  marginOfError: number | null;
  /** Agents with conversations but no reviews: the team margin does not cover them. */
  uncoveredAgents: string[];
  /** Team total for the target margin with proportional allocation; null without a target. */
  requiredSampleSize: number | null;
}

export interface PrecisionOptions extends SdOptions {
  confidence?: number;
  targetMargin?: number;
}

export interface PrecisionSummary {
  confidence: number;
  targetMargin: number | null;
  /** Past scores an agent needs before their own SD replaces the assumption. */
  minScoresForSd: number;
  agents: AgentPrecision[];
  team: TeamPrecision;
}

/**
 * "40 reviews per agent → ±6 points": margins per agent and for the team, with
 * each agent's SD from past scores when there are enough, else the assumption.
 */
export function precisionSummary(agents: readonly AgentPrecisionInput[], options: PrecisionOptions = {}): PrecisionSummary {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const targetMargin = options.targetMargin ?? null;
  assertConfidence(confidence);

  const agentPrecisions = agents.map((agent): AgentPrecision => {
    const { sd, source } = resolveScoreSd(agent.scoreHistory, options);
    const hasConversations = agent.population > 0;
    return {
      agentKey: agent.agentKey,
      population: agent.population,
      sampleSize: agent.sampleSize,
      sd,
      sdSource: source,
      scoreCount: agent.scoreHistory?.count ?? 0,
      marginOfError: hasConversations
        ? marginOfError({
            n: agent.sampleSize,
            N: agent.population,
            sd,
            confidence,
          })
        : null,
      requiredSampleSize:
        hasConversations && targetMargin !== null ? requiredSampleSize({ targetMargin, sd, N: agent.population, confidence }) : null,
    };
  });

  return {
    confidence,
    targetMargin,
    minScoresForSd: options.minScoresForSd ?? DEFAULT_MIN_SCORES_FOR_SD,
    agents: agentPrecisions,
    team: teamPrecision(agentPrecisions, confidence, targetMargin),
  };
}

function teamPrecision(agents: readonly AgentPrecision[], confidence: number, targetMargin: number | null): TeamPrecision {
  let population = 0;
  let sampleSize = 0;
  let coveredPopulation = 0;
  let coveredAgents = 0;
  let varianceOfTotal = 0;
  let weightedVariance = 0;
  const uncoveredAgents: string[] = [];
  for (const agent of agents) {
    const bigN = agent.population;
    const n = agent.sampleSize;
    population += bigN;
    sampleSize += n;
    weightedVariance += bigN * agent.sd * agent.sd;
    if (bigN === 0) continue;
    if (n === 0) {
      uncoveredAgents.push(agent.agentKey);
      continue;
    }
    coveredPopulation += bigN;
    coveredAgents += 1;
    varianceOfTotal += (bigN * bigN * (1 - n / bigN) * agent.sd * agent.sd) / n;
  }

  let margin: number | null = null;
  if (coveredPopulation > 0) {
    const standardError = Math.sqrt(varianceOfTotal) / coveredPopulation;
    margin = standardError === 0 ? 0 : tCritical(confidence, Math.max(1, sampleSize - coveredAgents)) * standardError;
  }

  // Under proportional allocation Var(mean) = (1 − f)·Σ Wₕ·Sₕ² / n: an SRS with a pooled SD.
  const required =
    targetMargin !== null && population > 0
      ? requiredSampleSize({
          targetMargin,
          sd: Math.sqrt(weightedVariance / population),
          N: population,
          confidence,
        })
      : null;

  return {
    population,
    sampleSize,
    marginOfError: margin,
    uncoveredAgents,
    requiredSampleSize: required,
  };
}

/** The two-sided critical value t(1 − α/2, df); the normal one for df = ∞. */
export function tCritical(confidence: number, degreesOfFreedom: number): number {
  return studentTQuantile((1 + confidence) / 2, degreesOfFreedom);
}

function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
}

function assertPopulation(N: number): void {
  if (!(N === Number.POSITIVE_INFINITY || (Number.isInteger(N) && N >= 1))) {
    throw new RangeError(`N must be a positive integer or Infinity, got ${N}`);
  }
}
