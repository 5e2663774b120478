import { type BusinessSchedule, type Channel, type ConversationMessage, measureResponseTimes, type SlaTargets } from "../sla";
import type { WaitEvidence } from "./types";

export interface LongWaits {
  /** Every wait of at least `longWaitFactor` × the standard target, longest ratio first. */
  waits: WaitEvidence[];
  severity: "long" | "very_long" | null;
}

export interface LongWaitOptions {
  channel: Channel;
  targets?: SlaTargets;
  businessSchedule?: BusinessSchedule | null;
  asOf?: Date | null;
  longWaitFactor: number;
  veryLongWaitFactor: number;
}

/**
 * Waits for an agent reply measured by scoring/sla against the channel's standard target (first response
 * or every reply), including a wait still running at `asOf`. A factor rather than a fixed duration, so a
 * two-minute silence is long in a chat and nothing in an email.
 */
export function findLongWaits(messages: readonly ConversationMessage[], options: LongWaitOptions): LongWaits {
  const times = measureResponseTimes(messages, {
    channel: options.channel,
    targets: options.targets,
    businessSchedule: options.businessSchedule,
    asOf: options.asOf,
  });
  const candidates: WaitEvidence[] = times.replies.flatMap((reply) =>
    reply.standard.targetMs === null
      ? []
      : [
          {
            customerMessageIndex: reply.customerMessageIndex,
            agentMessageIndex: reply.agentMessageIndex,
            elapsedMs: reply.elapsedMs,
            targetMs: reply.standard.targetMs,
            ratio: reply.elapsedMs / reply.standard.targetMs,
          },
        ],
  );
  const pending = times.pending;
  if (pending !== null && pending.elapsedMs !== null && pending.standard.targetMs !== null) {
    candidates.push({
      customerMessageIndex: pending.customerMessageIndex,
      agentMessageIndex: null,
      elapsedMs: pending.elapsedMs,
      targetMs: pending.standard.targetMs,
      ratio: pending.elapsedMs / pending.standard.targetMs,
    });
  }
  const waits = candidates.filter((wait) => wait.ratio >= options.longWaitFactor).sort((a, b) => b.ratio - a.ratio);
  const worst = waits[0]?.ratio ?? 0;
  const severity = worst >= options.veryLongWaitFactor ? "very_long" : worst >= options.longWaitFactor ? "long" : null;
  return { waits, severity };
}
