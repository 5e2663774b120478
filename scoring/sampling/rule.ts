import { z } from "zod";
import { CHANNELS, CONVERSATION_STATUSES } from "../domain";

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
});
export type SamplingFilters = z.infer<typeof samplingFiltersSchema>;

export const samplingRuleDefinitionSchema = z.object({
  filters: samplingFiltersSchema,
  size: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("total"), total: z.number().int().min(1).max(100_000) }),
    z.object({ kind: z.literal("perGroup"), perGroup: z.number().int().min(1).max(10_000) }),
    z.object({ kind: z.literal("percentage"), percent: z.number().gt(0).max(100) }),
  ]),
  allocation: z.enum(["proportional", "equal", "neyman"]),
  /** Flagged (CSAT ≤ 2 or more messages than Tukey's upper fence) drawn `factor` times as often; null: no oversampling. */
  oversamplingFactor: z.number().min(1).max(20).nullable().default(null),
  seed: z.string().min(1).max(200),
  reviewerIds: z.array(z.string().min(1)).default([]),
  /** At most this many conversations of one sample per reviewer; null: no cap. */
  capPerReviewer: z.number().int().min(1).nullable().default(null),
  dueDays: z.number().int().min(0).max(90).default(7),
  /** The margin (points) the page computes the required size for. */
  targetMargin: z.number().gt(0).max(50).default(6),
});
export type SamplingRuleDefinition = z.infer<typeof samplingRuleDefinitionSchema>;
