import { z } from "zod";

/**
 * The definition of one published scorecard version: the JSON stored with the version and never
 * changed afterwards. Reviews pin the version, so this shape is read back for as long as the
 * reviews exist.
 */

const identifierPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const identifierSchema = z
  .string()
  .max(64, "must be at most 64 characters")
  .regex(identifierPattern, "must start with a letter or digit and contain only letters, digits, '_', '.' or '-'");

const requiredTextSchema = z.string().trim().min(1, "must not be empty");

const labelsSchema = (pointCount: number) =>
  z.array(requiredTextSchema).length(pointCount, `must have exactly ${pointCount} labels, lowest first`);

export const binaryScaleSchema = z.object({
  kind: z.literal("binary"),
  failLabel: requiredTextSchema,
  passLabel: requiredTextSchema,
});

export const threePointScaleSchema = z.object({ kind: z.literal("three-point"), labels: labelsSchema(3) });
export const fourPointScaleSchema = z.object({ kind: z.literal("four-point"), labels: labelsSchema(4) });
export const fivePointScaleSchema = z.object({ kind: z.literal("five-point"), labels: labelsSchema(5) });

export const scalePointSchema = z.object({ value: z.number(), label: requiredTextSchema });

export const customScaleSchema = z.object({
  kind: z.literal("custom"),
  points: z
    .array(scalePointSchema)
    .min(2, "must have at least 2 points")
    .superRefine((points, context) => {
      const seen = new Set<number>();
      points.forEach((point, index) => {
        if (seen.has(point.value)) {
          context.addIssue({ code: "custom", path: [index, "value"], message: `duplicate point value ${point.value}` });
        }
        seen.add(point.value);
      });
    }),
});

export const scaleSchema = z.discriminatedUnion("kind", [
  binaryScaleSchema,
  threePointScaleSchema,
  fourPointScaleSchema,
  fivePointScaleSchema,
  customScaleSchema,
]);

export const criterionSchema = z
  .object({
    id: identifierSchema,
    title: requiredTextSchema,
    description: z.string().default(""),
    scale: scaleSchema,
    weight: z.number().gt(0, "must be > 0").default(1),
    critical: z.boolean().default(false),
    naAllowed: z.boolean().default(false),
    bonus: z.boolean().default(false),
    rootCauses: z.array(requiredTextSchema).optional(),
    autoQaFeature: z.string().optional(),
  })
  .superRefine((criterion, context) => {
    if (criterion.critical && criterion.bonus) {
      // A bonus can only add points; letting it also zero the review would make "bonus" meaningless.
      context.addIssue({ code: "custom", path: ["bonus"], message: "a criterion cannot be both critical and bonus" });
    }
    const causes = criterion.rootCauses ?? [];
    causes.forEach((cause, index) => {
      if (causes.indexOf(cause) !== index) {
        context.addIssue({ code: "custom", path: ["rootCauses", index], message: `duplicate root cause "${cause}"` });
      }
    });
  });

export const categorySchema = z.object({
  id: identifierSchema,
  title: requiredTextSchema,
  description: z.string().default(""),
  criteria: z.array(criterionSchema).min(1, "must have at least 1 criterion"),
});

/**
 * Which ratings count as negative (the form then asks for root causes), expressed on the
 * normalised 0–100 criterion score so that one rule works for every scale.
 */
export const negativeRatingRuleSchema = z.discriminatedUnion("rule", [
  z.object({ rule: z.literal("below-midpoint") }),
  z.object({ rule: z.literal("at-minimum") }),
  z.object({ rule: z.literal("below-score"), score: z.number().gt(0, "must be > 0").max(100, "must be ≤ 100") }),
]);

export const scorecardDefinitionSchema = z
  .object({
    language: z.string().trim().min(2, "must be a language tag such as 'en' or 'es'").optional(),
    bonusCap: z.number().min(100, "must be ≥ 100").default(100),
    negativeRating: negativeRatingRuleSchema.default({ rule: "below-midpoint" }),
    categories: z.array(categorySchema).min(1, "must have at least 1 category"),
  })
  .superRefine((definition, context) => {
    const categoryIds = new Map<string, number>();
    const criterionIds = new Map<string, string>();
    definition.categories.forEach((category, categoryIndex) => {
      const earlierCategory = categoryIds.get(category.id);
      if (earlierCategory !== undefined) {
        context.addIssue({
          code: "custom",
          path: ["categories", categoryIndex, "id"],
          message: `duplicate category id "${category.id}" (also categories[${earlierCategory}])`,
        });
      } else {
        categoryIds.set(category.id, categoryIndex);
      }
      category.criteria.forEach((criterion, criterionIndex) => {
        const here = `categories[${categoryIndex}].criteria[${criterionIndex}]`;
        const earlier = criterionIds.get(criterion.id);
        if (earlier !== undefined) {
          context.addIssue({
            code: "custom",
            path: ["categories", categoryIndex, "criteria", criterionIndex, "id"],
            message: `duplicate criterion id "${criterion.id}" (also ${earlier})`,
          });
        } else {
          criterionIds.set(criterion.id, here);
        }
      });
    });
    const hasRegularCriterion = definition.categories.some((category) =>
      category.criteria.some((criterion) => !criterion.bonus),
    );
    if (!hasRegularCriterion) {
      context.addIssue({
        code: "custom",
        path: ["categories"],
        message: "must have at least 1 criterion that is not a bonus (bonus points are added on top of a score)",
      });
    }
  });

export type BinaryScale = z.output<typeof binaryScaleSchema>;
export type CustomScale = z.output<typeof customScaleSchema>;
export type ScalePoint = z.output<typeof scalePointSchema>;
export type Scale = z.output<typeof scaleSchema>;
export type ScaleKind = Scale["kind"];
export type Criterion = z.output<typeof criterionSchema>;
export type Category = z.output<typeof categorySchema>;
export type NegativeRatingRule = z.output<typeof negativeRatingRuleSchema>;
export type ScorecardDefinition = z.output<typeof scorecardDefinitionSchema>;
/** What a scorecard builder may send: fields with defaults can be left out. */
export type ScorecardDefinitionInput = z.input<typeof scorecardDefinitionSchema>;

export interface ValidationIssue {
  /** Where the problem is, e.g. `categories[1].criteria[0].weight`; empty for the whole value. */
  path: string;
  message: string;
}

export type ParseResult<T> = { success: true; data: T } | { success: false; issues: ValidationIssue[] };

export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let formatted = "";
  for (const segment of path) {
    if (typeof segment === "number") {
      formatted += `[${segment}]`;
    } else {
      const name = String(segment);
      formatted += formatted === "" ? name : `.${name}`;
    }
  }
  return formatted;
}

function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

const missingFieldMessage: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && issue.input === undefined ? "is required" : undefined;

export function parseScorecardDefinition(input: unknown): ParseResult<ScorecardDefinition> {
  const result = scorecardDefinitionSchema.safeParse(input, { error: missingFieldMessage });
  return result.success
    ? { success: true, data: result.data }
    : { success: false, issues: toValidationIssues(result.error) };
}

/** A scale's points, lowest value first. Binary scales are fail = 0, pass = 1; n-point scales are 1…n. */
export function scalePoints(scale: Scale): ScalePoint[] {
  switch (scale.kind) {
    case "binary":
      return [
        { value: 0, label: scale.failLabel },
        { value: 1, label: scale.passLabel },
      ];
    case "three-point":
    case "four-point":
    case "five-point":
      return scale.labels.map((label, index) => ({ value: index + 1, label }));
    case "custom":
      return [...scale.points].sort((left, right) => left.value - right.value);
  }
}

export function scaleRange(scale: Scale): { min: number; max: number } {
  const points = scalePoints(scale);
  return { min: points[0].value, max: points[points.length - 1].value };
}

export function allCriteria(definition: ScorecardDefinition): Array<{ category: Category; criterion: Criterion }> {
  return definition.categories.flatMap((category) => category.criteria.map((criterion) => ({ category, criterion })));
}
