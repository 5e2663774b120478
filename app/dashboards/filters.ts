import { z } from "zod";
import type { ConversationFlag } from "../../db/queries/conversations";
import { CHANNELS, type Channel } from "../../scoring/domain";

export const PERIODS = ["7", "30", "90", "custom"] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = "30";

const optionalId = z.coerce.number().int().positive().optional().catch(undefined);
const optionalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
  .optional()
  .catch(undefined);

/** Dashboard filters arrive as query parameters; a malformed one falls back to its default instead of failing. */
export const dashboardParamsSchema = z.object({
  period: z.enum(PERIODS).catch(DEFAULT_PERIOD),
  from: optionalDay,
  to: optionalDay,
  team: optionalId,
  channel: z.enum(CHANNELS).optional().catch(undefined),
  agent: optionalId,
});

export interface ResolvedFilters {
  period: Period;
  from: string;
  to: string;
  teamId?: number;
  channel?: Channel;
  agentId?: number;
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Turns the query parameters into a concrete UTC day range ending today (or the custom one, ordered).
 * Dates given without period=custom still count as a custom range, as the date inputs suggest.
 */
export function resolveDashboardFilters(searchParams: URLSearchParams, now: Date, defaultPeriod: Period = DEFAULT_PERIOD): ResolvedFilters {
  const raw: Record<string, string> = Object.fromEntries(searchParams);
  if (!raw.period && raw.from && raw.to) raw.period = "custom";
  const params = dashboardParamsSchema.parse({ period: defaultPeriod, ...raw });
  const today = day(now.getTime());
  let from: string;
  let to: string;
  if (params.period === "custom" && params.from && params.to) {
    [from, to] = params.from <= params.to ? [params.from, params.to] : [params.to, params.from];
  } else {
    const length = params.period === "custom" ? Number(defaultPeriod === "custom" ? DEFAULT_PERIOD : defaultPeriod) : Number(params.period);
    to = today;
    from = day(Date.parse(`${today}T00:00:00Z`) - (length - 1) * DAY_MS);
  }
  return {
    period: params.period === "custom" && !(params.from && params.to) ? defaultPeriod : params.period,
    from,
    to,
    teamId: params.team,
    channel: params.channel,
    agentId: params.agent,
  };
}

/** The query string of a filter set, e.g. for links that keep the filters. */
export function filterSearch(filters: Partial<ResolvedFilters>, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  if (filters.period) params.set("period", filters.period);
  if (filters.period === "custom") {
    if (filters.from) params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
  }
  if (filters.teamId) params.set("team", String(filters.teamId));
  if (filters.channel) params.set("channel", filters.channel);
  if (filters.agentId) params.set("agent", String(filters.agentId));
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== "") params.set(key, String(value));
  return params.toString();
}

/** The conversation list behind a number: same period and filters, plus what the number counts. */
export function conversationsLink(
  filters: Pick<ResolvedFilters, "from" | "to" | "teamId" | "channel" | "agentId">,
  overrides: { channel?: Channel; agentId?: number; teamId?: number; flag?: ConversationFlag; from?: string; to?: string } = {},
): string {
  const params = new URLSearchParams();
  const teamId = overrides.teamId ?? filters.teamId;
  const channel = overrides.channel ?? filters.channel;
  const agentId = overrides.agentId ?? filters.agentId;
  if (teamId) params.set("team", String(teamId));
  if (agentId) params.set("agent", String(agentId));
  if (channel) params.set("channel", channel);
  params.set("from", overrides.from ?? filters.from);
  params.set("to", overrides.to ?? filters.to);
  if (overrides.flag) params.set("flag", overrides.flag);
  return `/conversations?${params}`;
}
