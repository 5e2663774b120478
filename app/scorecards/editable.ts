import type { TFunction } from "i18next";
import type { NegativeRatingRule, Scale, ScaleKind } from "../../scoring/rubric";

/**
 * The scorecard builder's working copy: the shape of a ScorecardDefinition with every field
 * present, so forms can bind to it. It may be invalid while being edited; publishing runs
 * parseScorecardDefinition on it.
 */
export interface EditableCriterion {
  /** A key for the editor's lists only; never saved. */
  uid: string;
  id: string;
  title: string;
  description: string;
  scale: Scale;
  weight: number;
  critical: boolean;
  naAllowed: boolean;
  bonus: boolean;
  rootCauses: string[];
  autoQaFeature?: string;
}

export interface EditableCategory {
  uid: string;
  id: string;
  title: string;
  description: string;
  criteria: EditableCriterion[];
}

export interface EditableDefinition {
  language?: string;
  bonusCap: number;
  negativeRating: NegativeRatingRule;
  categories: EditableCategory[];
}

type Translate = TFunction;

/** Keys that survive reordering, so an input keeps its focus when its row moves. */
export function editorKey(): string {
  return Math.random().toString(36).slice(2, 10);
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
const text = (value: unknown, fallback = "") => (typeof value === "string" ? value : fallback);
const numberOr = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

function toScale(value: unknown): Scale {
  const scale = record(value);
  switch (scale.kind) {
    case "binary":
      return { kind: "binary", failLabel: text(scale.failLabel), passLabel: text(scale.passLabel) };
    case "three-point":
    case "four-point":
    case "five-point":
      return { kind: scale.kind, labels: strings(scale.labels) };
    case "custom":
      return {
        kind: "custom",
        points: (Array.isArray(scale.points) ? scale.points : []).map((point) => ({
          value: numberOr(record(point).value, 0),
          label: text(record(point).label),
        })),
      };
    default:
      return { kind: "binary", failLabel: "", passLabel: "" };
  }
}

/** Reads a stored draft or published definition into the builder's shape, filling what is missing. */
export function toEditable(value: unknown): EditableDefinition {
  const definition = record(value);
  const rule = record(definition.negativeRating);
  const negativeRating: NegativeRatingRule =
    rule.rule === "at-minimum"
      ? { rule: "at-minimum" }
      : rule.rule === "below-score"
        ? { rule: "below-score", score: numberOr(rule.score, 50) }
        : { rule: "below-midpoint" };
  return {
    ...(typeof definition.language === "string" ? { language: definition.language } : {}),
    bonusCap: numberOr(definition.bonusCap, 100),
    negativeRating,
    categories: (Array.isArray(definition.categories) ? definition.categories : []).map((categoryValue) => {
      const category = record(categoryValue);
      return {
        uid: editorKey(),
        id: text(category.id),
        title: text(category.title),
        description: text(category.description),
        criteria: (Array.isArray(category.criteria) ? category.criteria : []).map((criterionValue) => {
          const criterion = record(criterionValue);
          return {
            uid: editorKey(),
            id: text(criterion.id),
            title: text(criterion.title),
            description: text(criterion.description),
            scale: toScale(criterion.scale),
            weight: numberOr(criterion.weight, 1),
            critical: criterion.critical === true,
            naAllowed: criterion.naAllowed === true,
            bonus: criterion.bonus === true,
            rootCauses: strings(criterion.rootCauses),
            ...(typeof criterion.autoQaFeature === "string" ? { autoQaFeature: criterion.autoQaFeature } : {}),
          };
        }),
      };
    }),
  };
}

/** What is saved and published: the editable copy without empty optional parts. */
export function toDefinitionInput(editable: EditableDefinition): unknown {
  return {
    ...editable,
    categories: editable.categories.map(({ uid: _category, ...category }) => ({
      ...category,
      criteria: category.criteria.map(({ uid: _criterion, rootCauses, ...criterion }) => ({
        ...criterion,
        ...(rootCauses.filter((cause) => cause.trim()).length
          ? { rootCauses: rootCauses.map((cause) => cause.trim()).filter(Boolean) }
          : {}),
      })),
    })),
  };
}

/** A scale of the given kind with labels in the scorecard's language. */
export function defaultScale(kind: ScaleKind, t: Translate): Scale {
  switch (kind) {
    case "binary":
      return { kind, failLabel: t("builder.defaults.fail"), passLabel: t("builder.defaults.pass") };
    case "three-point":
      return { kind, labels: [t("builder.defaults.poor"), t("builder.defaults.fair"), t("builder.defaults.good")] };
    case "four-point":
      return {
        kind,
        labels: [t("builder.defaults.poor"), t("builder.defaults.fair"), t("builder.defaults.good"), t("builder.defaults.excellent")],
      };
    case "five-point":
      return {
        kind,
        labels: [
          t("builder.defaults.veryPoor"),
          t("builder.defaults.poor"),
          t("builder.defaults.fair"),
          t("builder.defaults.good"),
          t("builder.defaults.excellent"),
        ],
      };
    case "custom":
      return {
        kind,
        points: [
          { value: -2, label: t("builder.defaults.breach") },
          { value: 0, label: t("builder.defaults.slip") },
          { value: 2, label: t("builder.defaults.compliant") },
        ],
      };
  }
}

/** The first free id of the form `prefix-n`. */
export function freeId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

export function allIds(definition: EditableDefinition): { categories: string[]; criteria: string[] } {
  return {
    categories: definition.categories.map((category) => category.id),
    criteria: definition.categories.flatMap((category) => category.criteria.map((criterion) => criterion.id)),
  };
}

export function newCriterion(t: Translate, definition: EditableDefinition): EditableCriterion {
  return {
    uid: editorKey(),
    id: freeId("criterion", allIds(definition).criteria),
    title: "",
    description: "",
    scale: defaultScale("three-point", t),
    weight: 1,
    critical: false,
    naAllowed: false,
    bonus: false,
    rootCauses: [],
  };
}

export function newCategory(t: Translate, definition: EditableDefinition): EditableCategory {
  return {
    uid: editorKey(),
    id: freeId("category", allIds(definition).categories),
    title: "",
    description: "",
    criteria: [newCriterion(t, definition)],
  };
}

/** A new scorecard starts with one category and one criterion to fill in. */
export function starterDefinition(language: "es" | "en", t: Translate): EditableDefinition {
  return {
    language,
    bonusCap: 100,
    negativeRating: { rule: "below-midpoint" },
    categories: [
      {
        uid: editorKey(),
        id: "category-1",
        title: t("builder.defaults.firstCategory"),
        description: "",
        criteria: [
          {
            uid: editorKey(),
            id: "criterion-1",
            title: t("builder.defaults.firstCriterion"),
            description: "",
            scale: defaultScale("three-point", t),
            weight: 1,
            critical: false,
            naAllowed: false,
            bonus: false,
            rootCauses: [],
          },
        ],
      },
    ],
  };
}
