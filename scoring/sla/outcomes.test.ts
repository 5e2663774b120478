import { describe, expect, it } from "vitest";
import {
  csatSatisfaction,
  firstContactResolution,
  reopenRate,
  responseTimeCompliance,
  responseTimeComplianceByChannel,
  responseTimeDistribution,
  unansweredRate,
} from "./outcomes";
import { measureResponseTimes } from "./response-times";
import type { AuthorRole, Channel, ConversationMessage } from "./types";

const message = (authorRole: AuthorRole, iso: string): ConversationMessage => ({
  authorRole,
  sentAt: new Date(iso),
  body: "…",
});

/** A conversation whose agent answers each customer message after the given number of seconds. */
function conversationWithReplyDelays(channel: Channel, delaysSeconds: number[]) {
  const messages: ConversationMessage[] = [];
  let clock = Date.parse("2025-06-02T10:00:00Z");
  for (const delay of delaysSeconds) {
    messages.push(message("customer", new Date(clock).toISOString()));
    clock += delay * 1000;
    messages.push(message("agent", new Date(clock).toISOString()));
    clock += 60_000;
  }
  return measureResponseTimes(messages, { channel });
}

describe("responseTimeCompliance", () => {
  const chats = [
    conversationWithReplyDelays("chat", [10, 20, 40]),
    conversationWithReplyDelays("chat", [25]),
    conversationWithReplyDelays("twitter", [600]),
  ];

  it("counts every reply against standard and world class", () => {
    expect(responseTimeCompliance(chats.slice(0, 2))).toEqual({
      measured: 4,
      withinStandard: 3,
      standardPct: 75,
      worldClassMeasured: 4,
      withinWorldClass: 1,
      worldClassPct: 25,
    });
  });

  it("counts one first response per conversation", () => {
    const summary = responseTimeCompliance(chats.slice(0, 2), "first_response");
    expect(summary.measured).toBe(2);
    expect(summary.standardPct).toBe(100);
    expect(summary.worldClassPct).toBe(50);
  });

  it("leaves channels without a world-class target out of the world-class rate", () => {
    const summary = responseTimeCompliance(chats);
    expect(summary.measured).toBe(5);
    expect(summary.worldClassMeasured).toBe(4);
  });

  it("counts a wait already past target as a breach and leaves an unexpired one out", () => {
    const waiting = [message("customer", "2025-06-02T10:00:00Z")];
    const breached = measureResponseTimes(waiting, { channel: "whatsapp", asOf: new Date("2025-06-02T10:05:00Z") });
    const stillInTime = measureResponseTimes(waiting, { channel: "whatsapp", asOf: new Date("2025-06-02T10:00:10Z") });
    expect(responseTimeCompliance([breached, stillInTime], "first_response")).toMatchObject({
      measured: 1,
      withinStandard: 0,
      standardPct: 0,
    });
  });

  it("returns null percentages when nothing was measured", () => {
    expect(responseTimeCompliance([]).standardPct).toBeNull();
  });

  it("splits by channel", () => {
    const byChannel = responseTimeComplianceByChannel(chats);
    expect(Object.keys(byChannel).sort()).toEqual(["chat", "twitter"]);
    expect(byChannel.twitter?.standardPct).toBe(100);
    expect(byChannel.chat?.measured).toBe(4);
  });
});

describe("responseTimeDistribution", () => {
  it("gives mean, median and p90 of completed replies", () => {
    const distribution = responseTimeDistribution([conversationWithReplyDelays("chat", [10, 20, 30, 40, 50, 60, 70, 80, 90, 100])]);
    expect(distribution).toEqual({ count: 10, meanMs: 55_000, medianMs: 50_000, p90Ms: 90_000 });
    expect(responseTimeDistribution([]).medianMs).toBeNull();
  });
});

describe("unansweredRate", () => {
  it("counts never-answered conversations and ones where the customer wrote last", () => {
    const answered = conversationWithReplyDelays("email", [300]);
    const neverAnswered = measureResponseTimes([message("customer", "2025-06-02T10:00:00Z")], { channel: "email" });
    const customerLast = measureResponseTimes(
      [message("customer", "2025-06-02T10:00:00Z"), message("agent", "2025-06-02T10:10:00Z"), message("customer", "2025-06-02T10:20:00Z")],
      { channel: "email" },
    );
    const outboundOnly = measureResponseTimes([message("agent", "2025-06-02T10:00:00Z")], { channel: "sms" });
    const summary = unansweredRate([answered, neverAnswered, customerLast, outboundOnly]);
    expect(summary).toMatchObject({ conversations: 3, unanswered: 2, noAgentReply: 1, customerWroteLast: 1 });
    expect(summary.unansweredPct).toBeCloseTo(66.67, 2);
  });
});

describe("firstContactResolution", () => {
  const contacts = [
    { id: "c1", customerId: "ana", createdAt: new Date("2025-06-01T10:00:00Z") }, // email
    { id: "c2", customerId: "ana", createdAt: new Date("2025-06-04T09:00:00Z") }, // WhatsApp, 3 days later
    { id: "c3", customerId: "luis", createdAt: new Date("2025-06-01T12:00:00Z") },
    { id: "c4", customerId: "luis", createdAt: new Date("2025-06-20T12:00:00Z") }, // 19 days later
    { id: "c5", customerId: "eva", createdAt: new Date("2025-06-02T08:00:00Z") },
  ];

  it("counts a conversation followed by another one from the same customer within the window as not resolved", () => {
    const summary = firstContactResolution(contacts, { windowDays: 7 });
    expect(summary.verdicts.map((verdict) => verdict.resolvedOnFirstContact)).toEqual([false, true, true, true, true]);
    expect(summary.verdicts[0].followUpConversationId).toBe("c2");
    expect(summary.evaluated).toBe(5);
    expect(summary.fcrPct).toBe(80);
  });

  it("leaves conversations whose window is still open out of the rate", () => {
    const summary = firstContactResolution(contacts, { windowDays: 7, asOf: new Date("2025-06-22T00:00:00Z") });
    expect(summary.verdicts.find((verdict) => verdict.id === "c4")?.resolvedOnFirstContact).toBeNull();
    expect(summary.evaluated).toBe(4);
  });

  it("orders conversations opened at the same instant by id", () => {
    const sameInstant = new Date("2025-06-01T10:00:00Z");
    const summary = firstContactResolution([
      { id: "b", customerId: "ana", createdAt: sameInstant },
      { id: "a", customerId: "ana", createdAt: sameInstant },
    ]);
    expect(summary.verdicts).toEqual([
      { id: "b", resolvedOnFirstContact: true, followUpConversationId: null },
      { id: "a", resolvedOnFirstContact: false, followUpConversationId: "b" },
    ]);
  });

  it("rejects a non-positive window", () => {
    expect(() => firstContactResolution(contacts, { windowDays: 0 })).toThrow(RangeError);
  });
});

describe("reopenRate", () => {
  it("is the share reopened at least once", () => {
    expect(
      reopenRate([
        { id: "a", reopenCount: 0 },
        { id: "b", reopenCount: 2 },
        { id: "c", reopenCount: 0 },
        { id: "d", reopenCount: 1 },
      ]),
    ).toEqual({ conversations: 4, reopened: 2, reopenPct: 50 });
  });
});

describe("csatSatisfaction", () => {
  it("is the % of 4 and 5 among answered surveys", () => {
    expect(csatSatisfaction([5, 4, 3, null, 1, undefined, 5])).toEqual({ responses: 5, satisfied: 3, satisfiedPct: 60 });
    expect(csatSatisfaction([null]).satisfiedPct).toBeNull();
  });

  it("rejects scores off the 1–5 scale", () => {
    expect(() => csatSatisfaction([0])).toThrow(RangeError);
    expect(() => csatSatisfaction([4.5])).toThrow(RangeError);
    expect(() => csatSatisfaction([10])).toThrow(RangeError);
  });
});
