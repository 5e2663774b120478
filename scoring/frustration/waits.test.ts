import { describe, expect, it } from "vitest";
import { type ConversationMessage, DEFAULT_SLA_TARGETS, mergeSlaTargets } from "../sla";
import { findLongWaits } from "./waits";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const start = new Date("2025-03-03T09:00:00Z").getTime();
const message = (authorRole: ConversationMessage["authorRole"], offsetMs: number): ConversationMessage => ({
  authorRole,
  sentAt: new Date(start + offsetMs),
  body: "…",
});
const factors = { longWaitFactor: 4, veryLongWaitFactor: 24 };

describe("findLongWaits", () => {
  it("judges each wait against the channel's standard target: minutes are long in a chat", () => {
    const messages = [message("customer", 0), message("agent", 20_000), message("customer", MINUTE), message("agent", 8 * MINUTE)];
    const { waits, severity } = findLongWaits(messages, { channel: "chat", ...factors });
    expect(severity).toBe("long");
    expect(waits).toEqual([{ customerMessageIndex: 2, agentMessageIndex: 3, elapsedMs: 7 * MINUTE, targetMs: 30_000, ratio: 14 }]);
  });

  it("and nothing in an email, where a day is very long", () => {
    const quick = [message("customer", 0), message("agent", 3 * HOUR)];
    expect(findLongWaits(quick, { channel: "email", ...factors }).severity).toBeNull();
    const slow = [message("customer", 0), message("agent", 31 * HOUR)];
    expect(findLongWaits(slow, { channel: "email", ...factors })).toMatchObject({ severity: "very_long", waits: [{ ratio: 31 }] });
  });

  it("counts a wait still running at asOf, and not without it", () => {
    const messages = [message("customer", 0)];
    expect(findLongWaits(messages, { channel: "email", ...factors }).severity).toBeNull();
    const running = findLongWaits(messages, { channel: "email", asOf: new Date(start + 52 * HOUR), ...factors });
    expect(running.waits).toEqual([{ customerMessageIndex: 0, agentMessageIndex: null, elapsedMs: 52 * HOUR, targetMs: HOUR, ratio: 52 }]);
  });

  it("uses the targets an admin set", () => {
    const messages = [message("customer", 0), message("agent", 3 * HOUR)];
    const relaxed = mergeSlaTargets({ email: { firstResponse: { standardMs: 4 * HOUR } } }, DEFAULT_SLA_TARGETS);
    expect(findLongWaits(messages, { channel: "email", ...factors }).severity).toBeNull();
    const strict = mergeSlaTargets({ email: { firstResponse: { standardMs: 5 * MINUTE, worldClassMs: 2 * MINUTE } } });
    expect(findLongWaits(messages, { channel: "email", targets: strict, ...factors }).severity).toBe("very_long");
    expect(findLongWaits(messages, { channel: "email", targets: relaxed, ...factors }).severity).toBeNull();
  });

  it("sorts by ratio and ignores bot replies, which do not stop the clock", () => {
    const messages = [
      message("customer", 0),
      message("bot", 1_000),
      message("agent", 3 * MINUTE),
      message("customer", 4 * MINUTE),
      message("agent", 20 * MINUTE),
    ];
    const { waits, severity } = findLongWaits(messages, { channel: "whatsapp", ...factors });
    expect(waits.map((wait) => wait.customerMessageIndex)).toEqual([3, 0]);
    expect(severity).toBe("very_long");
  });
});
