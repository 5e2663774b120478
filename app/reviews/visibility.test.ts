import { describe, expect, it } from "vitest";
import { visibleReviewerName } from "./visibility";

describe("visibleReviewerName", () => {
  const review = { reviewerId: "r1", reviewerName: "Rocío Revisora" };

  it("hides the reviewer from agents only when the admin chose to", () => {
    expect(visibleReviewerName({ id: "a1", role: "agent" }, review, { hideReviewerFromAgents: true })).toBeNull();
    expect(visibleReviewerName({ id: "a1", role: "agent" }, review, { hideReviewerFromAgents: false })).toBe("Rocío Revisora");
    expect(visibleReviewerName({ id: "l1", role: "lead" }, review, { hideReviewerFromAgents: true })).toBe("Rocío Revisora");
  });

  it("always shows agents their own name on the self and peer reviews they wrote", () => {
    expect(visibleReviewerName({ id: "r1", role: "agent" }, review, { hideReviewerFromAgents: true })).toBe("Rocío Revisora");
  });
});
