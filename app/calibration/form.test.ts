import { describe, expect, it } from "vitest";
import { createSessionSchema, dueAtOf, parseConversationIds } from "./form";

describe("parseConversationIds", () => {
  it("reads numbers, #numbers and conversation links, in order, once each", () => {
    expect(
      parseConversationIds("12, #7\n http://qa.test/conversations/301/review ;/conversations/44 12 https://x.test/conversations/9?tab=1"),
    ).toEqual({ ids: [12, 7, 301, 44, 9], invalid: [] });
  });

  it("names what it cannot read", () => {
    expect(parseConversationIds("5 abc -3 0 /reviews/8")).toEqual({ ids: [5], invalid: ["abc", "-3", "0", "/reviews/8"] });
    expect(parseConversationIds("   ")).toEqual({ ids: [], invalid: [] });
  });
});

describe("createSessionSchema", () => {
  const form = {
    intent: "create",
    name: " Noviembre ",
    scorecardVersionId: "3",
    teamId: "",
    "reviewerIds[]": ["u1", "u2"],
    referenceReviewerId: "",
    dueDate: "2026-12-01",
    conversationIds: "1 2",
    randomCount: "",
  };

  it("parses a form, with blind unchecked meaning false", () => {
    expect(createSessionSchema.parse(form)).toEqual({
      intent: "create",
      name: "Noviembre",
      scorecardVersionId: 3,
      teamId: null,
      "reviewerIds[]": ["u1", "u2"],
      referenceReviewerId: null,
      dueDate: "2026-12-01",
      blind: false,
      conversationIds: "1 2",
      randomCount: 0,
    });
    expect(createSessionSchema.parse({ ...form, blind: "on" }).blind).toBe(true);
  });

  it("rejects a bad date, too many random conversations, or no name", () => {
    expect(createSessionSchema.safeParse({ ...form, dueDate: "2026-13-01" }).success).toBe(false);
    expect(createSessionSchema.safeParse({ ...form, randomCount: "51" }).success).toBe(false);
    expect(createSessionSchema.safeParse({ ...form, name: "  " }).success).toBe(false);
  });

  it("makes a due date the end of that day", () => {
    expect(dueAtOf("2026-12-01")?.toISOString()).toBe("2026-12-01T23:59:59.999Z");
    expect(dueAtOf(null)).toBeNull();
  });
});
