import { z } from "zod";
import { CHANNELS, CONVERSATION_STATUSES } from "../domain";
import { OVERSAMPLING_FLAGS } from "./oversampling";
import { SPREAD_BUCKETS, SPREAD_MODES } from "./spread";

/** Which conversations a rule draws from; every field optional, empty lists mean "any". */
export const samplingFiltersSchema = z.object({
  createdFrom: z.string().date().optional(),
  createdTo: z.string().date().optional(),
  /** For scheduled rules: only conversations created in the last N days before the draw. */
  lastDays: z.number().int().min(1).max(366).optional(),
  channels: z.array(z.enum(CHANNELS)).default([]),
  teamIds: z.array(z.number().int()).default([]),
  agentIds: z.array(z.number().int()).default([]),
  statuses: z.array(z.enum(CONVERSATION_STATUSES)).default([]),
  languages: z.array(z.enum(["es", "en", "other"])).default([]),
  tags: z.array(z.string().min(1)).default([]),
  csatMin: z.number().int().min(1).max(5).optional(),
  csatMax: z.number().int().min(1).max(5).optional(),
  messagesMin: z.number().int().min(0).optional(),
  messagesMax: z.number().int().min(0).optional(),
  onlyWithAgentReply: z.boolean().default(false),
  /** Only conversations the frustration score flags (conversation_frustration.flagged); unscored ones are left out. */
  onlyFrustrated: z.boolean().default(false),
  /** Only conversations whose frustration score (0–1) is at least this; unscored ones are left out. */
  frustrationMin: z.number().min(0).max(1).optional(),
  /**
   * Only conversations whose response times broke the channel's standard target (conversation_facts):
   * `first` the first response, `any` the first or any later reply (or a wait still running past it).
   */
  responseBreach: z.enum(["first", "any"]).optional(),
});
export type SamplingFilters = z.infer<typeof samplingFiltersSchema>;

/** Flags of definitions saved before `oversamplingFlags` existed: they keep drawing as they did. */
export const LEGACY_OVERSAMPLING_FLAGS = ["lowCsat", "outlier"] as const;

const ruleDefinitionObject = z.object({
  filters: samplingFiltersSchema,
  size: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("total"), total: z.number().int().min(1).max(100_000) }),
    z.object({ kind: z.literal("perGroup"), perGroup: z.number().int().min(1).max(10_000) }),
    z.object({ kind: z.literal("percentage"), percent: z.number().gt(0).max(100) }),
  ]),
  allocation: z.enum(["proportional", "equal", "neyman"]),
  /** Flagged conversations (see oversamplingFlags) drawn `factor` times as often; null: no oversampling. */
  oversamplingFactor: z.number().min(1).max(20).nullable().default(null),
  /**
   * What flags a conversation for oversampling: CSAT ≤ 2, more messages than Tukey's upper fence of the eligible
   * set, a frustrated customer. Any one of them flags it.
   */
  oversamplingFlags: z
    .array(z.enum(OVERSAMPLING_FLAGS))
    .min(1)
    .default(() => [...LEGACY_OVERSAMPLING_FLAGS]),
  /**
   * Spread the sample evenly over the period: the time bucket (local day or ISO week in the rule's timezone)
   * becomes a stratum dimension, and each bucket gets the same number (`equal`) or a number in proportion to its
   * conversations (`proportional`). Null: one lottery over the whole period.
   */
  spread: z
    .object({ bucket: z.enum(SPREAD_BUCKETS), mode: z.enum(SPREAD_MODES) })
    .nullable()
    .default(null),
  seed: z.string().min(1).max(200),
  reviewerIds: z.array(z.string().min(1)).default([]),
  /** At most this many conversations of one sample per reviewer; null: no cap. */
  capPerReviewer: z.number().int().min(1).nullable().default(null),
  dueDays: z.number().int().min(0).max(90).default(7),
  /** The margin (points) the page computes the required size for. */
  targetMargin: z.number().gt(0).max(50).default(6),
});

export const samplingRuleDefinitionSchema = ruleDefinitionObject.refine(
  (definition) => definition.spread === null || definition.filters.lastDays !== undefined || definition.filters.createdFrom !== undefined,
  {
    path: ["spread"],
    message: "Spreading over the period needs a period: a start date or the last N days",
  },
);
export type SamplingRuleDefinition = z.infer<typeof samplingRuleDefinitionSchema>;
