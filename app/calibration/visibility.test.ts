import { describe, expect, it } from "vitest";
import { mayViewResults } from "./visibility";

const base = { canManage: false, isParticipant: true, blind: true, status: "open" as const, mySubmitted: 2, conversationCount: 5 };

describe("mayViewResults", () => {
  it("keeps a participant blind until they submitted every conversation", () => {
    expect(mayViewResults(base)).toBe(false);
    expect(mayViewResults({ ...base, mySubmitted: 5 })).toBe(true);
  });

  it("keeps a lead who rates in the session blind too, but not one who only runs it", () => {
    expect(mayViewResults({ ...base, canManage: true })).toBe(false);
    expect(mayViewResults({ ...base, canManage: true, isParticipant: false })).toBe(true);
  });

  it("shows everything once the session is closed, or when it is not blind", () => {
    expect(mayViewResults({ ...base, status: "closed" })).toBe(true);
    expect(mayViewResults({ ...base, blind: false })).toBe(true);
  });

  it("shows nothing to someone who neither runs nor rates an open blind session", () => {
    expect(mayViewResults({ ...base, isParticipant: false })).toBe(false);
  });
});
