import { describe, expect, it } from "vitest";
import {
  formatIssuePath,
  parseScorecardDefinition,
  type ScorecardDefinition,
  type ScorecardDefinitionInput,
  scalePoints,
  scaleRange,
} from "./scorecard";

const yesNo = { kind: "binary", failLabel: "No", passLabel: "Yes" } as const;

function criterion(id: string, extra: Record<string, unknown> = {}) {
  return { id, title: `Criterion ${id}`, scale: yesNo, ...extra };
}

function definitionWith(categories: unknown[], extra: Record<string, unknown> = {}) {
  return { categories, ...extra };
}

function parsed(input: ScorecardDefinitionInput): ScorecardDefinition {
  const result = parseScorecardDefinition(input);
  if (!result.success) throw new Error(JSON.stringify(result.issues));
  return result.data;
}

describe("parseScorecardDefinition", () => {
  it("fills the defaults of a minimal scorecard", () => {
    const definition = parsed({
      categories: [{ id: "basics", title: "Basics", criteria: [{ id: "greeting", title: "Greeting", scale: yesNo }] }],
    });
    expect(definition).toEqual({
      bonusCap: 100,
      negativeRating: { rule: "below-midpoint" },
      categories: [
        {
          id: "basics",
          title: "Basics",
          description: "",
          criteria: [
            {
              id: "greeting",
              title: "Greeting",
              description: "",
              scale: yesNo,
              weight: 1,
              critical: false,
              naAllowed: false,
              bonus: false,
            },
          ],
        },
      ],
    });
  });

  it("keeps every optional field and reads its own stored JSON back unchanged", () => {
    const definition = parsed({
      language: "es",
      bonusCap: 110,
      negativeRating: { rule: "below-score", score: 40 },
      categories: [
        {
          id: "resolucion",
          title: "Resolución",
          description: "Lo que el cliente necesitaba",
          criteria: [
            {
              id: "sin-redirigir",
              title: "Resuelve sin redirigir a otro canal",
              description: "Nada de «llame al 600…» si se puede resolver aquí.",
              scale: { kind: "binary", failLabel: "Redirige", passLabel: "Resuelve" },
              weight: 3,
              critical: true,
              naAllowed: true,
              rootCauses: ["Falta de permisos", "Desconoce el proceso"],
              autoQaFeature: "redirect-detector",
            },
            {
              id: "extra",
              title: "Va más allá",
              scale: {
                kind: "custom",
                points: [
                  { value: 0, label: "No" },
                  { value: 2, label: "Sí" },
                ],
              },
              bonus: true,
            },
          ],
        },
      ],
    });
    expect(definition.language).toBe("es");
    expect(definition.categories[0].criteria[0].rootCauses).toEqual(["Falta de permisos", "Desconoce el proceso"]);
    expect(definition.categories[0].criteria[0].autoQaFeature).toBe("redirect-detector");
    const storedJson: unknown = JSON.parse(JSON.stringify(definition));
    expect(parseScorecardDefinition(storedJson)).toEqual({ success: true, data: definition });
  });

  it("says where a weight is not positive", () => {
    const result = parseScorecardDefinition(
      definitionWith([
        { id: "a", title: "A", criteria: [criterion("one")] },
        { id: "b", title: "B", criteria: [criterion("two", { weight: 0 })] },
      ]),
    );
    expect(result).toEqual({
      success: false,
      issues: [{ path: "categories[1].criteria[0].weight", message: "must be > 0" }],
    });
  });

  it("rejects duplicate criterion ids across categories and names both places", () => {
    const result = parseScorecardDefinition(
      definitionWith([
        { id: "a", title: "A", criteria: [criterion("greeting")] },
        { id: "b", title: "B", criteria: [criterion("closing"), criterion("greeting")] },
      ]),
    );
    expect(result).toEqual({
      success: false,
      issues: [
        {
          path: "categories[1].criteria[1].id",
          message: 'duplicate criterion id "greeting" (also categories[0].criteria[0])',
        },
      ],
    });
  });

  it("rejects duplicate category ids", () => {
    const result = parseScorecardDefinition(
      definitionWith([
        { id: "a", title: "A", criteria: [criterion("one")] },
        { id: "a", title: "Again", criteria: [criterion("two")] },
      ]),
    );
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.issues).toEqual([
        { path: "categories[1].id", message: 'duplicate category id "a" (also categories[0])' },
      ]);
    }
  });

  it("reports several problems at once, each with its path", () => {
    const result = parseScorecardDefinition({
      bonusCap: 90,
      categories: [
        {
          id: "has space",
          criteria: [
            criterion("labels", { scale: { kind: "four-point", labels: ["a", "b", "c"] } }),
            criterion("unknown-kind", { scale: { kind: "ten-point" } }),
            criterion("custom", { scale: { kind: "custom", points: [{ value: 1, label: "x" }] } }),
            criterion("repeated", {
              scale: {
                kind: "custom",
                points: [
                  { value: 1, label: "x" },
                  { value: 1, label: "y" },
                ],
              },
            }),
            criterion("both", { critical: true, bonus: true }),
            criterion("causes", { rootCauses: ["Rude", "Rude"] }),
          ],
        },
      ],
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const byPath = Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message]));
    expect(byPath).toMatchObject({
      bonusCap: "must be ≥ 100",
      "categories[0].id": expect.stringContaining("must start with a letter or digit"),
      "categories[0].title": "is required",
      "categories[0].criteria[0].scale.labels": "must have exactly 4 labels, lowest first",
      "categories[0].criteria[1].scale.kind": expect.stringContaining("Invalid discriminator value"),
      "categories[0].criteria[2].scale.points": "must have at least 2 points",
      "categories[0].criteria[3].scale.points[1].value": "duplicate point value 1",
      "categories[0].criteria[4].bonus": "a criterion cannot be both critical and bonus",
      "categories[0].criteria[5].rootCauses[1]": 'duplicate root cause "Rude"',
    });
  });

  it("requires at least one criterion that is not a bonus", () => {
    const result = parseScorecardDefinition(
      definitionWith([{ id: "a", title: "A", criteria: [criterion("extra", { bonus: true })] }]),
    );
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues.map((issue) => issue.path)).toEqual(["categories"]);
  });

  it("rejects empty categories and empty scorecards", () => {
    const emptyCategory = parseScorecardDefinition(definitionWith([{ id: "a", title: "A", criteria: [] }]));
    const noCategories = parseScorecardDefinition(definitionWith([]));
    expect(emptyCategory.success || emptyCategory.issues[0]).toEqual({
      path: "categories[0].criteria",
      message: "must have at least 1 criterion",
    });
    expect(noCategories.success || noCategories.issues[0]).toEqual({
      path: "categories",
      message: "must have at least 1 category",
    });
  });

  it("gives an empty path for a problem with the whole value", () => {
    const result = parseScorecardDefinition("not a scorecard");
    expect(result.success || result.issues.map((issue) => issue.path)).toEqual([""]);
  });
});

describe("scales", () => {
  it("numbers binary scales 0 and 1 and n-point scales 1 to n", () => {
    expect(scalePoints(yesNo)).toEqual([
      { value: 0, label: "No" },
      { value: 1, label: "Yes" },
    ]);
    expect(scalePoints({ kind: "five-point", labels: ["a", "b", "c", "d", "e"] }).map((point) => point.value)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(scaleRange({ kind: "three-point", labels: ["a", "b", "c"] })).toEqual({ min: 1, max: 3 });
  });

  it("sorts custom points by value", () => {
    const scale = {
      kind: "custom" as const,
      points: [
        { value: 5, label: "Good" },
        { value: -1, label: "Harmful" },
        { value: 2, label: "Weak" },
      ],
    };
    expect(scalePoints(scale).map((point) => point.label)).toEqual(["Harmful", "Weak", "Good"]);
    expect(scaleRange(scale)).toEqual({ min: -1, max: 5 });
  });
});

describe("formatIssuePath", () => {
  it("writes array indexes in brackets and keys with dots", () => {
    expect(formatIssuePath(["categories", 1, "criteria", 0, "weight"])).toBe("categories[1].criteria[0].weight");
    expect(formatIssuePath([])).toBe("");
    expect(formatIssuePath([0, "id"])).toBe("[0].id");
  });
});
