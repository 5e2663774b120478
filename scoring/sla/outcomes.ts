import type { ConversationResponseTimes, TargetCheck } from "./response-times";
import type { Channel } from "./types";

const MS_PER_DAY = 86_400_000;

/** A percentage 0–100, or null when nothing was measured (never a misleading 0 % or 100 %). */
export function percentage(part: number, whole: number): number | null {
  return whole === 0 ? null : (100 * part) / whole;
}

/**
 * - "first_response": one measurement per conversation (its first reply).
 * - "every_reply": every reply, the first included (judged against the first-response target).
 * - "resolution": one per conversation with a resolution time.
 */
export type ComplianceScope = "first_response" | "every_reply" | "resolution";

export interface ComplianceSummary {
  /** Measurements with a standard target. */
  measured: number;
  withinStandard: number;
  standardPct: number | null;
  /** Measurements with a world-class target (Twitter has none by default). */
  worldClassMeasured: number;
  withinWorldClass: number;
  worldClassPct: number | null;
}

interface TargetChecks {
  standard: TargetCheck;
  worldClass: TargetCheck;
}

function checksInScope(conversation: ConversationResponseTimes, scope: ComplianceScope): TargetChecks[] {
  if (scope === "resolution") return [conversation.resolution];
  const checks: TargetChecks[] = scope === "every_reply" ? [...conversation.replies] : conversation.replies.slice(0, 1);
  // A wait already past its target is a known breach; one still within it is not decided yet.
  const pending = conversation.pending;
  if (pending !== null && (scope === "every_reply" || pending.isFirstResponse)) checks.push(pending);
  return checks;
}

/**
 * Share of measurements that met the standard and the world-class targets. Undecided checks (no target,
 * or a wait still running within its target) are left out of both numerator and denominator.
 */
export function responseTimeCompliance(
  conversations: readonly ConversationResponseTimes[],
  scope: ComplianceScope = "every_reply",
): ComplianceSummary {
  let measured = 0;
  let withinStandard = 0;
  let worldClassMeasured = 0;
  let withinWorldClass = 0;
  for (const conversation of conversations) {
    for (const { standard, worldClass } of checksInScope(conversation, scope)) {
      if (standard.met !== null) {
        measured += 1;
        if (standard.met) withinStandard += 1;
      }
      if (worldClass.met !== null) {
        worldClassMeasured += 1;
        if (worldClass.met) withinWorldClass += 1;
      }
    }
  }
  return {
    measured,
    withinStandard,
    standardPct: percentage(withinStandard, measured),
    worldClassMeasured,
    withinWorldClass,
    worldClassPct: percentage(withinWorldClass, worldClassMeasured),
  };
}

/** responseTimeCompliance per channel, for the channels present in the input. */
export function responseTimeComplianceByChannel(
  conversations: readonly ConversationResponseTimes[],
  scope: ComplianceScope = "every_reply",
): Partial<Record<Channel, ComplianceSummary>> {
  const byChannel = new Map<Channel, ConversationResponseTimes[]>();
  for (const conversation of conversations) {
    const group = byChannel.get(conversation.channel) ?? [];
    group.push(conversation);
    byChannel.set(conversation.channel, group);
  }
  const result: Partial<Record<Channel, ComplianceSummary>> = {};
  for (const [channel, group] of byChannel) result[channel] = responseTimeCompliance(group, scope);
  return result;
}

export interface DurationDistribution {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
  p90Ms: number | null;
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sortedAscending: readonly number[], fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sortedAscending.length));
  return sortedAscending[rank - 1];
}

/** Mean, median and 90th percentile of completed reply (or resolution) times; pending waits are left out. */
export function responseTimeDistribution(
  conversations: readonly ConversationResponseTimes[],
  scope: ComplianceScope = "every_reply",
): DurationDistribution {
  const durations: number[] = [];
  for (const conversation of conversations) {
    if (scope === "resolution") {
      if (conversation.resolutionMs !== null) durations.push(conversation.resolutionMs);
    } else if (scope === "first_response") {
      if (conversation.firstResponseMs !== null) durations.push(conversation.firstResponseMs);
    } else {
      for (const reply of conversation.replies) durations.push(reply.elapsedMs);
    }
  }
  if (durations.length === 0) return { count: 0, meanMs: null, medianMs: null, p90Ms: null };
  durations.sort((a, b) => a - b);
  const total = durations.reduce((sum, duration) => sum + duration, 0);
  return {
    count: durations.length,
    meanMs: total / durations.length,
    medianMs: percentile(durations, 0.5),
    p90Ms: percentile(durations, 0.9),
  };
}

export interface UnansweredSummary {
  conversations: number;
  unanswered: number;
  unansweredPct: number | null;
  noAgentReply: number;
  customerWroteLast: number;
}

/** Seed 003 rule 8, "always answer". Conversations without any customer message are not counted. */
export function unansweredRate(conversations: readonly ConversationResponseTimes[]): UnansweredSummary {
  let counted = 0;
  let noAgentReply = 0;
  let customerWroteLast = 0;
  for (const conversation of conversations) {
    const hasCustomerMessage = conversation.replies.length > 0 || conversation.pending !== null;
    if (!hasCustomerMessage) continue;
    counted += 1;
    if (conversation.unansweredReason === "no_agent_reply") noAgentReply += 1;
    if (conversation.unansweredReason === "customer_wrote_last") customerWroteLast += 1;
  }
  const unanswered = noAgentReply + customerWroteLast;
  return {
    conversations: counted,
    unanswered,
    unansweredPct: percentage(unanswered, counted),
    noAgentReply,
    customerWroteLast,
  };
}

export interface CustomerContact {
  id: string;
  customerId: string;
  createdAt: Date;
}

export interface FirstContactResolutionOptions {
  /** A new conversation from the same customer within this many days means the first did not resolve it. */
  windowDays?: number;
  /**
   * End of the data. A conversation whose window is still open at `asOf` and has no follow-up yet is
   * undecided and left out of the rate. Without it, every conversation is treated as decided.
   */
  asOf?: Date | null;
}

export interface FirstContactVerdict {
  id: string;
  /** null: undecided (window still open at `asOf`). */
  resolvedOnFirstContact: boolean | null;
  /** The later conversation that shows the customer had to come back. */
  followUpConversationId: string | null;
}

export interface FirstContactResolutionSummary {
  evaluated: number;
  resolvedOnFirstContact: number;
  fcrPct: number | null;
  verdicts: FirstContactVerdict[];
}

export const DEFAULT_FCR_WINDOW_DAYS = 7;

/**
 * First-contact resolution: a conversation counts as resolved on first contact when the same customer
 * opens no other conversation, on any channel (seed 003 rule 3: one history across channels), within
 * `windowDays` after it. Without topic data, any new conversation counts as coming back about it.
 * Conversations created at the same instant are ordered by id, so one of them is the other's follow-up.
 * Verdicts are returned in the input order.
 */
export function firstContactResolution(
  contacts: readonly CustomerContact[],
  options: FirstContactResolutionOptions = {},
): FirstContactResolutionSummary {
  const windowDays = options.windowDays ?? DEFAULT_FCR_WINDOW_DAYS;
  if (!(windowDays > 0)) throw new RangeError("windowDays must be positive");
  const windowMs = windowDays * MS_PER_DAY;
  const asOfMs = options.asOf?.getTime() ?? null;

  const byCustomer = new Map<string, number[]>();
  contacts.forEach((contact, index) => {
    if (Number.isNaN(contact.createdAt.getTime())) {
      throw new RangeError(`conversation ${contact.id} has an invalid createdAt`);
    }
    const history = byCustomer.get(contact.customerId) ?? [];
    history.push(index);
    byCustomer.set(contact.customerId, history);
  });

  const verdicts: FirstContactVerdict[] = new Array(contacts.length);
  for (const history of byCustomer.values()) {
    history.sort((a, b) => {
      const byTime = contacts[a].createdAt.getTime() - contacts[b].createdAt.getTime();
      if (byTime !== 0) return byTime;
      return contacts[a].id < contacts[b].id ? -1 : contacts[a].id > contacts[b].id ? 1 : 0;
    });
    history.forEach((index, position) => {
      const contact = contacts[index];
      const next = position + 1 < history.length ? contacts[history[position + 1]] : null;
      const createdMs = contact.createdAt.getTime();
      if (next !== null && next.createdAt.getTime() - createdMs <= windowMs) {
        verdicts[index] = { id: contact.id, resolvedOnFirstContact: false, followUpConversationId: next.id };
      } else {
        const windowStillOpen = asOfMs !== null && createdMs + windowMs > asOfMs;
        verdicts[index] = {
          id: contact.id,
          resolvedOnFirstContact: windowStillOpen ? null : true,
          followUpConversationId: null,
        };
      }
    });
  }

  const decided = verdicts.filter((verdict) => verdict.resolvedOnFirstContact !== null);
  const resolved = decided.filter((verdict) => verdict.resolvedOnFirstContact === true).length;
  return {
    evaluated: decided.length,
    resolvedOnFirstContact: resolved,
    fcrPct: percentage(resolved, decided.length),
    verdicts,
  };
}

export interface ReopenRecord {
  id: string;
  /** How many times the conversation went from resolved back to open. */
  reopenCount: number;
}

export interface ReopenSummary {
  conversations: number;
  reopened: number;
  reopenPct: number | null;
}

/** Share of conversations reopened at least once. */
export function reopenRate(conversations: readonly ReopenRecord[]): ReopenSummary {
  const reopened = conversations.filter((conversation) => conversation.reopenCount > 0).length;
  return { conversations: conversations.length, reopened, reopenPct: percentage(reopened, conversations.length) };
}

export interface CsatSummary {
  responses: number;
  satisfied: number;
  /** % of responses rating 4 or 5 on the 1–5 scale. */
  satisfiedPct: number | null;
}

/**
 * CSAT as % satisfied. null/undefined mean "no survey answer" and are skipped; anything else off the
 * 1–5 integer scale throws, since it means the import mapped the wrong field or scale.
 */
export function csatSatisfaction(scores: readonly (number | null | undefined)[]): CsatSummary {
  let responses = 0;
  let satisfied = 0;
  for (const score of scores) {
    if (score === null || score === undefined) continue;
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      throw new RangeError(`CSAT score ${score} is not an integer 1–5`);
    }
    responses += 1;
    if (score >= 4) satisfied += 1;
  }
  return { responses, satisfied, satisfiedPct: percentage(satisfied, responses) };
}
