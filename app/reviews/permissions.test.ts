import { describe, expect, it } from "vitest";
import { hasReviewQueue, reviewPermission } from "./permissions";

const off = { selfReview: false, peerReview: false };
const on = { selfReview: true, peerReview: true };
const conversation = { agentId: 7, teamId: 1 };

describe("reviewPermission", () => {
  it("lets reviewers, leads and admins review other people's conversations", () => {
    for (const role of ["admin", "reviewer", "lead"] as const) {
      expect(reviewPermission({ role, agentId: null, teamIds: [1] }, conversation, off)).toEqual({ allowed: true, kind: "standard" });
    }
    expect(reviewPermission({ role: "executive", agentId: null, teamIds: [] }, conversation, on)).toEqual({
      allowed: false,
      reason: "role",
    });
  });

  it("never lets anyone grade their own conversation in a standard review", () => {
    expect(reviewPermission({ role: "reviewer", agentId: 7, teamIds: [] }, conversation, off)).toEqual({
      allowed: false,
      reason: "own_conversation",
    });
    expect(reviewPermission({ role: "agent", agentId: 7, teamIds: [1] }, conversation, off)).toEqual({
      allowed: false,
      reason: "own_conversation",
    });
    expect(reviewPermission({ role: "agent", agentId: 7, teamIds: [1] }, conversation, on)).toEqual({ allowed: true, kind: "self" });
  });

  it("allows peer review among teammates only when it is turned on", () => {
    const teammate = { role: "agent" as const, agentId: 8, teamIds: [1] };
    expect(reviewPermission(teammate, conversation, off)).toEqual({ allowed: false, reason: "not_peer" });
    expect(reviewPermission(teammate, conversation, on)).toEqual({ allowed: true, kind: "peer" });
    expect(reviewPermission({ ...teammate, teamIds: [2] }, conversation, on)).toEqual({ allowed: false, reason: "not_peer" });
  });
});

describe("hasReviewQueue", () => {
  it("gives reviewers a queue, agents only with self or peer review, executives never", () => {
    expect(hasReviewQueue("lead", off)).toBe(true);
    expect(hasReviewQueue("agent", off)).toBe(false);
    expect(hasReviewQueue("agent", { selfReview: false, peerReview: true })).toBe(true);
    expect(hasReviewQueue("executive", on)).toBe(false);
  });
});
