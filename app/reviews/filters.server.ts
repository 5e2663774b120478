import { z } from "zod";
import type { ReviewFilters } from "../../db/queries/reviews";
import { CHANNELS, REVIEW_KINDS } from "../../scoring/domain";

const optionalId = z.coerce.number().int().positive().optional().catch(undefined);
const optionalScore = z.coerce.number().min(0).max(1000).optional().catch(undefined);
const optionalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

// Filters arrive as query parameters; a malformed one is ignored rather than failing the page.
export const reviewFiltersSchema = z.object({
  reviewer: z.string().uuid().optional().catch(undefined),
  agent: optionalId,
  team: optionalId,
  channel: z.enum(CHANNELS).optional().catch(undefined),
  scorecard: optionalId,
  kind: z.enum(REVIEW_KINDS).optional().catch(undefined),
  min: optionalScore,
  max: optionalScore,
  from: optionalDate,
  to: optionalDate,
  cursor: z.string().max(100).optional().catch(undefined),
});

export type ReviewFilterParams = z.infer<typeof reviewFiltersSchema>;

function dayAfter(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

export function parseReviewFilters(url: URL): { params: ReviewFilterParams; filters: ReviewFilters; filtered: boolean } {
  const params = reviewFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const filters: ReviewFilters = {
    reviewerId: params.reviewer,
    agentId: params.agent,
    teamId: params.team,
    channel: params.channel,
    scorecardId: params.scorecard,
    kind: params.kind,
    minScore: params.min,
    maxScore: params.max,
    from: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
    to: params.to ? dayAfter(params.to) : undefined,
  };
  const filtered = Object.entries(params).some(([key, value]) => key !== "cursor" && value !== undefined);
  return { params, filters, filtered };
}

export function encodeReviewCursor(cursor: { submittedAt: Date; id: number }): string {
  return `${cursor.submittedAt.toISOString()}_${cursor.id}`;
}

export function decodeReviewCursor(value: string | undefined): { submittedAt: Date; id: number } | undefined {
  const match = value ? /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_(\d+)$/.exec(value) : null;
  if (!match) return undefined;
  const submittedAt = new Date(match[1]);
  return Number.isNaN(submittedAt.getTime()) ? undefined : { submittedAt, id: Number(match[2]) };
}
