import type { ScorecardDefinition, ValidationIssue } from "../rubric";
import { AUTOQA_FEATURES, autoQaFeatureOf } from "./features";

/**
 * Links to features this version does not know, as publishing issues. Checked when a draft is saved and
 * published, not when a stored version is read back: a published version stays readable whatever it holds.
 */
export function autoQaLinkIssues(definition: Pick<ScorecardDefinition, "categories">): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  definition.categories.forEach((category, categoryIndex) => {
    category.criteria.forEach((criterion, criterionIndex) => {
      const link = criterion.autoQaFeature;
      if (link === undefined || link === "" || autoQaFeatureOf(link) !== null) return;
      issues.push({
        path: `categories[${categoryIndex}].criteria[${criterionIndex}].autoQaFeature`,
        message: `unknown AutoQA feature "${link}" (one of ${AUTOQA_FEATURES.join(", ")})`,
      });
    });
  });
  return issues;
}

/** Criteria linked to a known feature, in scorecard order. */
export function linkedCriteria(definition: Pick<ScorecardDefinition, "categories">) {
  return definition.categories.flatMap((category) =>
    category.criteria.flatMap((criterion) => {
      const feature = autoQaFeatureOf(criterion.autoQaFeature);
      return feature === null ? [] : [{ criterionId: criterion.id, title: criterion.title, categoryId: category.id, feature }];
    }),
  );
}
