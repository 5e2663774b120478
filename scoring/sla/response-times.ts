import { type BusinessSchedule, businessMillisecondsBetween } from "./business-hours";
import { DEFAULT_SLA_TARGETS, type ResponseTimeTarget, type SlaTargets } from "./targets";
import type { Channel, ConversationMessage } from "./types";

export interface ResponseTimeOptions {
  channel: Channel;
  /** Resolved targets for every channel (see mergeSlaTargets); the seeds' defaults when left out. */
  targets?: SlaTargets;
  /** Count only opening hours; plain elapsed time (24/7) when left out. */
  businessSchedule?: BusinessSchedule | null;
  /** When the conversation was resolved (closed), if known. */
  resolvedAt?: Date | null;
  /** "Now" for a conversation still waiting on the agent; lets a wait that already exceeds a target count. */
  asOf?: Date | null;
}

/** `met` is null when there is no such target (or, for a wait still running, when it is not yet over it). */
export interface TargetCheck {
  targetMs: number | null;
  met: boolean | null;
}

export interface ReplyMeasurement {
  /** Index in the caller's array of the customer message that started the wait. */
  customerMessageIndex: number;
  /** Index in the caller's array of the agent message that ended it. */
  agentMessageIndex: number;
  waitingSince: Date;
  repliedAt: Date;
  elapsedMs: number;
  /** The first reply is judged against the first-response target, later ones against every-reply. */
  isFirstResponse: boolean;
  standard: TargetCheck;
  worldClass: TargetCheck;
}

/** A customer turn the agent has not answered (yet). */
export interface PendingTurn {
  customerMessageIndex: number;
  waitingSince: Date;
  /** Wait until `asOf`; null without `asOf`. */
  elapsedMs: number | null;
  isFirstResponse: boolean;
  /** `met` is false once the wait already exceeds the target, otherwise null (undecided). */
  standard: TargetCheck;
  worldClass: TargetCheck;
}

export type UnansweredReason = "no_agent_reply" | "customer_wrote_last";
export type ResolutionSource = "resolved_at" | "last_agent_message";

export interface ConversationResponseTimes {
  channel: Channel;
  /** "business" when a schedule was given: every elapsed figure then counts opening hours only. */
  clock: "calendar" | "business";
  firstResponseMs: number | null;
  replies: ReplyMeasurement[];
  pending: PendingTurn | null;
  /** Seed 003 rule 8 ("always answer"): the agent never replied, or the customer has the last word. */
  unanswered: boolean;
  unansweredReason: UnansweredReason | null;
  resolutionMs: number | null;
  resolutionSource: ResolutionSource | null;
  resolution: { standard: TargetCheck; worldClass: TargetCheck };
  /** True when the messages were not in time order and had to be sorted. */
  wasReordered: boolean;
}

interface IndexedMessage {
  message: ConversationMessage;
  inputIndex: number;
}

function checkCompleted(elapsedMs: number, limitMs: number | null | undefined): TargetCheck {
  if (limitMs === null || limitMs === undefined) return { targetMs: null, met: null };
  return { targetMs: limitMs, met: elapsedMs <= limitMs };
}

function checkRunning(elapsedMs: number | null, limitMs: number | null | undefined): TargetCheck {
  if (limitMs === null || limitMs === undefined) return { targetMs: null, met: null };
  return { targetMs: limitMs, met: elapsedMs !== null && elapsedMs > limitMs ? false : null };
}

/**
 * Messages are sorted by `sentAt` (stable: equal timestamps keep the caller's order) rather than rejected,
 * because helpdesk exports often interleave channels' clocks or page backwards; `wasReordered` tells the
 * caller it happened, and every index in the result still points into the caller's array.
 */
function inTimeOrder(messages: readonly ConversationMessage[]): { ordered: IndexedMessage[]; wasReordered: boolean } {
  const indexed = messages.map((message, inputIndex) => {
    if (!(message.sentAt instanceof Date) || Number.isNaN(message.sentAt.getTime())) {
      throw new RangeError(`message ${inputIndex} has an invalid sentAt`);
    }
    return { message, inputIndex };
  });
  const ordered = [...indexed].sort((a, b) => a.message.sentAt.getTime() - b.message.sentAt.getTime() || a.inputIndex - b.inputIndex);
  const wasReordered = ordered.some((entry, position) => entry.inputIndex !== position);
  return { ordered, wasReordered };
}

/**
 * Response times of one conversation. A customer turn (one or more customer messages in a row) starts
 * the clock at its first message; the next agent message stops it. Bot, system and note messages are
 * neither replies nor new turns: an auto-reply does not stop the clock. Agent messages sent while no
 * customer is waiting (follow-ups, outbound openers) are not replies.
 *
 * Resolution runs from the first customer message to `resolvedAt`, or, when that is unknown, to the last
 * agent message of a conversation that is not unanswered.
 */
export function measureResponseTimes(messages: readonly ConversationMessage[], options: ResponseTimeOptions): ConversationResponseTimes {
  const { channel, businessSchedule = null, resolvedAt = null, asOf = null } = options;
  const channelTargets = (options.targets ?? DEFAULT_SLA_TARGETS)[channel];
  const elapsed = (from: Date, to: Date): number => businessMillisecondsBetween(from, to, businessSchedule);
  const { ordered, wasReordered } = inTimeOrder(messages);

  const replies: ReplyMeasurement[] = [];
  let waiting: IndexedMessage | null = null;
  let firstCustomerMessage: IndexedMessage | null = null;
  let lastAgentMessage: IndexedMessage | null = null;

  for (const entry of ordered) {
    const role = entry.message.authorRole;
    if (role === "customer") {
      firstCustomerMessage ??= entry;
      waiting ??= entry;
    } else if (role === "agent") {
      lastAgentMessage = entry;
      if (waiting !== null) {
        const isFirstResponse = replies.length === 0;
        const target: ResponseTimeTarget = isFirstResponse ? channelTargets.firstResponse : channelTargets.everyReply;
        const elapsedMs = elapsed(waiting.message.sentAt, entry.message.sentAt);
        replies.push({
          customerMessageIndex: waiting.inputIndex,
          agentMessageIndex: entry.inputIndex,
          waitingSince: waiting.message.sentAt,
          repliedAt: entry.message.sentAt,
          elapsedMs,
          isFirstResponse,
          standard: checkCompleted(elapsedMs, target.standardMs),
          worldClass: checkCompleted(elapsedMs, target.worldClassMs),
        });
        waiting = null;
      }
    }
  }

  let pending: PendingTurn | null = null;
  if (waiting !== null) {
    const isFirstResponse = replies.length === 0;
    const target = isFirstResponse ? channelTargets.firstResponse : channelTargets.everyReply;
    const waitingSince = waiting.message.sentAt;
    const elapsedMs = asOf !== null && asOf.getTime() >= waitingSince.getTime() ? elapsed(waitingSince, asOf) : null;
    pending = {
      customerMessageIndex: waiting.inputIndex,
      waitingSince,
      elapsedMs,
      isFirstResponse,
      standard: checkRunning(elapsedMs, target.standardMs),
      worldClass: checkRunning(elapsedMs, target.worldClassMs),
    };
  }

  const unansweredReason: UnansweredReason | null =
    firstCustomerMessage === null ? null : replies.length === 0 ? "no_agent_reply" : pending !== null ? "customer_wrote_last" : null;

  let resolutionMs: number | null = null;
  let resolutionSource: ResolutionSource | null = null;
  if (firstCustomerMessage !== null) {
    const start = firstCustomerMessage.message.sentAt;
    if (resolvedAt !== null) {
      if (resolvedAt.getTime() < start.getTime()) {
        throw new RangeError("resolvedAt is before the first customer message");
      }
      resolutionMs = elapsed(start, resolvedAt);
      resolutionSource = "resolved_at";
    } else if (unansweredReason === null && lastAgentMessage !== null) {
      resolutionMs = elapsed(start, lastAgentMessage.message.sentAt);
      resolutionSource = "last_agent_message";
    }
  }
  const resolutionTarget = channelTargets.resolution;
  const resolution =
    resolutionMs === null
      ? {
          standard: checkRunning(null, resolutionTarget?.standardMs),
          worldClass: checkRunning(null, resolutionTarget?.worldClassMs),
        }
      : {
          standard: checkCompleted(resolutionMs, resolutionTarget?.standardMs),
          worldClass: checkCompleted(resolutionMs, resolutionTarget?.worldClassMs),
        };

  return {
    channel,
    clock: businessSchedule === null ? "calendar" : "business",
    firstResponseMs: replies.length > 0 ? replies[0].elapsedMs : null,
    replies,
    pending,
    unanswered: unansweredReason !== null,
    unansweredReason,
    resolutionMs,
    resolutionSource,
    resolution,
    wasReordered,
  };
}
