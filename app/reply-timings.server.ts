import { measureResponseTimes } from "../scoring/sla";
import type { Channel } from "../scoring/domain";
import type { ReplyTiming } from "./components/Transcript";

/** Each agent reply's wait and the channel's standard target, keyed by message id, for the Transcript. */
export function replyTimingsFor(
  messages: { id: number; authorRole: Parameters<typeof measureResponseTimes>[0][number]["authorRole"]; sentAt: Date; body: string }[],
  conversation: { channel: Channel; resolvedAt: Date | null },
): Record<number, ReplyTiming> {
  const times = measureResponseTimes(messages, { channel: conversation.channel, resolvedAt: conversation.resolvedAt });
  const timings: Record<number, ReplyTiming> = {};
  for (const reply of times.replies) {
    timings[messages[reply.agentMessageIndex].id] = {
      elapsedMs: reply.elapsedMs,
      targetMs: reply.standard.targetMs,
      met: reply.standard.met,
    };
  }
  return timings;
}
