import { describe, expect, it } from "vitest";
import { relatedPreviousContacts } from "./previous-contacts";

const startedAt = new Date("2025-02-13T08:00:00Z");
const daysBefore = (days: number) => new Date(startedAt.getTime() - days * 86_400_000);
const base = { channel: "email" as const, startedAt, windowDays: 7 };

describe("relatedPreviousContacts", () => {
  it("matches by topic hint when both sides have one, and says whether the channel differs", () => {
    const related = relatedPreviousContacts(
      [
        { channel: "phone", createdAt: daysBefore(2), topicHint: "Boiler-repair" },
        { channel: "email", createdAt: daysBefore(1), topicHint: "boiler-repair" },
        { channel: "chat", createdAt: daysBefore(1), topicHint: "invoice", subject: "Boiler engineer no-show" },
      ],
      { ...base, topicHint: "boiler-repair", issueText: "Boiler engineer no-show" },
    );
    expect(related.map(({ contactIndex, otherChannel, matchedBy }) => ({ contactIndex, otherChannel, matchedBy }))).toEqual([
      { contactIndex: 0, otherChannel: true, matchedBy: "topic" },
      { contactIndex: 1, otherChannel: false, matchedBy: "topic" },
    ]);
    expect(related[0].daysBefore).toBe(2);
  });

  it("otherwise needs two content words in common between the subject and this conversation", () => {
    const [related] = relatedPreviousContacts([{ channel: "phone", createdAt: daysBefore(3), subject: "Factura duplicada de marzo" }], {
      ...base,
      issueText: "Hola, me habéis cobrado dos veces: las facturas de marzo salen duplicadas",
    });
    expect(related.matchedBy).toBe("subject");
    expect(related.sharedWords.sort()).toEqual(["duplic", "factu", "marzo"].map((word) => word.slice(0, 5)).sort());
    const unrelated = relatedPreviousContacts([{ channel: "phone", createdAt: daysBefore(3), subject: "Hola, consulta sobre mi pedido" }], {
      ...base,
      issueText: "Hola, tengo una consulta sobre mi pedido de marzo",
    });
    expect(unrelated).toEqual([]);
  });

  it("leaves out contacts outside the window, after the start, or with nothing to compare", () => {
    const contacts = [
      { channel: "phone" as const, createdAt: daysBefore(8), topicHint: "refund" },
      { channel: "phone" as const, createdAt: daysBefore(-1), topicHint: "refund" },
      { channel: "phone" as const, createdAt: daysBefore(1) },
    ];
    expect(relatedPreviousContacts(contacts, { ...base, topicHint: "refund", issueText: "Refund" })).toEqual([]);
  });
});
