import type { Role } from "../../scoring/domain";

/**
 * The reviewer's name as a viewer may see it: agents see "QA reviewer" instead when the admin
 * chose to hide reviewer identity, except on reviews they wrote themselves.
 */
export function visibleReviewerName(
  viewer: { id: string; role: Role },
  review: { reviewerId: string; reviewerName: string | null },
  settings: { hideReviewerFromAgents: boolean },
): string | null {
  if (viewer.role === "agent" && settings.hideReviewerFromAgents && review.reviewerId !== viewer.id) return null;
  return review.reviewerName;
}
