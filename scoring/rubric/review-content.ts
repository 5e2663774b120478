import { z } from "zod";
import { checkRatings, isNegativeRating, ratingSchema } from "./score";
import { allCriteria, type ScorecardDefinition, type ValidationIssue } from "./scorecard";

/**
 * What a reviewer fills in on a scorecard: the same shape is autosaved as a draft, submitted,
 * and validated by the same schema in the browser and on the server.
 */
export const reviewContentSchema = z.object({
  ratings: z.record(z.string().max(64), ratingSchema),
  criterionComments: z.record(z.string().max(64), z.string().max(4000)),
  rootCauses: z.record(z.string().max(64), z.array(z.string().max(300)).max(30)),
  overallComment: z.string().max(10_000),
});

export type ReviewContent = z.output<typeof reviewContentSchema>;

export const EMPTY_REVIEW_CONTENT: ReviewContent = { ratings: {}, criterionComments: {}, rootCauses: {}, overallComment: "" };

/** Reads stored or posted content leniently: missing parts become empty. */
export function reviewContentOf(value: Partial<Record<keyof ReviewContent, unknown>>): ReviewContent {
  const parsed = reviewContentSchema.safeParse({ ...EMPTY_REVIEW_CONTENT, ...value });
  return parsed.success ? parsed.data : { ...EMPTY_REVIEW_CONTENT };
}

export type SubmissionIssueCode = "invalid_rating" | "not_rated" | "root_cause_required" | "unknown_root_cause";

export interface SubmissionIssue extends ValidationIssue {
  code: SubmissionIssueCode;
  criterionId: string;
}

/** Whether a root cause must be picked: the rating is negative and the criterion offers root causes. */
export function rootCauseRequired(definition: ScorecardDefinition, criterionId: string, content: ReviewContent): boolean {
  const found = allCriteria(definition).find(({ criterion }) => criterion.id === criterionId);
  const rating = content.ratings[criterionId];
  if (!found || rating === undefined || !found.criterion.rootCauses?.length) return false;
  return isNegativeRating(definition, found.criterion, rating);
}

/**
 * Why a review cannot be submitted yet: every criterion needs a rating or N/A (docs/scoring.md,
 * "complete"), and a negative rating on a criterion with root causes needs at least one of them.
 */
export function submissionIssues(definition: ScorecardDefinition, content: ReviewContent): SubmissionIssue[] {
  const issues: SubmissionIssue[] = checkRatings(definition, content.ratings).map((issue) => ({
    ...issue,
    code: "invalid_rating",
    criterionId: issue.path.replace(/^ratings\./, ""),
  }));
  for (const { criterion } of allCriteria(definition)) {
    const path = `ratings.${criterion.id}`;
    if (content.ratings[criterion.id] === undefined) {
      issues.push({ path, code: "not_rated", criterionId: criterion.id, message: "not rated yet" });
      continue;
    }
    const picked = content.rootCauses[criterion.id] ?? [];
    const offered = criterion.rootCauses ?? [];
    for (const cause of picked) {
      if (!offered.includes(cause)) {
        issues.push({
          path: `rootCauses.${criterion.id}`,
          code: "unknown_root_cause",
          criterionId: criterion.id,
          message: `unknown root cause "${cause}"`,
        });
      }
    }
    if (rootCauseRequired(definition, criterion.id, content) && picked.length === 0) {
      issues.push({
        path: `rootCauses.${criterion.id}`,
        code: "root_cause_required",
        criterionId: criterion.id,
        message: "pick at least one root cause",
      });
    }
  }
  return issues;
}
