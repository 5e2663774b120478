import type { ReviewKind, Role } from "../../scoring/domain";

export interface Reviewer {
  role: Role;
  /** The agent record linked to the login, if any. */
  agentId: number | null;
  teamIds: number[];
}

export interface ReviewedConversation {
  agentId: number | null;
  teamId: number | null;
}

export interface ReviewPolicy {
  selfReview: boolean;
  peerReview: boolean;
}

export type ReviewPermission =
  | { allowed: true; kind: ReviewKind }
  | { allowed: false; reason: "role" | "own_conversation" | "not_peer" | "calibration_closed" };

/** Roles that build and publish scorecards. */
export const SCORECARD_EDITOR_ROLES: readonly Role[] = ["admin", "lead"];

/** Roles that review other people's conversations as their job. */
export const REVIEWER_ROLES: readonly Role[] = ["admin", "reviewer", "lead"];

/**
 * Who may review a conversation, and as which kind of review. Nobody grades their own work in a
 * standard review; self-review and peer review exist only when an admin turned them on.
 */
export function reviewPermission(user: Reviewer, conversation: ReviewedConversation, policy: ReviewPolicy): ReviewPermission {
  const own = user.agentId !== null && conversation.agentId === user.agentId;
  if (own) return policy.selfReview ? { allowed: true, kind: "self" } : { allowed: false, reason: "own_conversation" };
  if (REVIEWER_ROLES.includes(user.role)) return { allowed: true, kind: "standard" };
  if (user.role !== "agent") return { allowed: false, reason: "role" };
  const teammate = conversation.teamId !== null && user.teamIds.includes(conversation.teamId);
  return policy.peerReview && teammate ? { allowed: true, kind: "peer" } : { allowed: false, reason: "not_peer" };
}

/** Whether the user has a review queue: reviewers always; agents once self or peer review is turned on. */
export function hasReviewQueue(role: Role, policy: ReviewPolicy): boolean {
  return REVIEWER_ROLES.includes(role) || (role === "agent" && (policy.selfReview || policy.peerReview));
}
