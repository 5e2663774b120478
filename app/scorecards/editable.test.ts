import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScorecardDefinition } from "../../scoring/rubric";
import { createI18n } from "../i18n/i18n";
import { defaultScale, freeId, starterDefinition, toDefinitionInput, toEditable } from "./editable";

const golden = JSON.parse(readFileSync("scoring/rubric/golden/11-support-scorecard.json", "utf8")).scorecard;

describe("the builder's working copy", () => {
  it("round-trips a published definition without changing what it means", () => {
    const parsed = parseScorecardDefinition(golden);
    if (!parsed.success) throw new Error("golden scorecard does not parse");
    const again = parseScorecardDefinition(toDefinitionInput(toEditable(parsed.data)));
    expect(again).toEqual(parsed);
  });

  it("reads a broken draft without throwing, filling defaults", () => {
    const editable = toEditable({
      categories: [{ title: "Apertura", criteria: [{ title: "Saludo", scale: { kind: "nonsense" } }] }],
      bonusCap: "x",
    });
    expect(editable.bonusCap).toBe(100);
    expect(editable.categories[0].criteria[0]).toMatchObject({ id: "", weight: 1, scale: { kind: "binary" } });
  });

  it("starts new scorecards valid, in the scorecard's language", () => {
    const { t } = createI18n("es");
    const starter = starterDefinition("es", t);
    expect(parseScorecardDefinition(toDefinitionInput(starter)).success).toBe(true);
    expect(defaultScale("binary", t)).toEqual({ kind: "binary", failLabel: "No cumple", passLabel: "Cumple" });
    for (const kind of ["three-point", "four-point", "five-point", "custom"] as const) {
      const definition = {
        ...starter,
        categories: [{ ...starter.categories[0], criteria: [{ ...starter.categories[0].criteria[0], scale: defaultScale(kind, t) }] }],
      };
      expect(parseScorecardDefinition(toDefinitionInput(definition)).success, kind).toBe(true);
    }
  });

  it("finds a free id", () => {
    expect(freeId("criterion", ["criterion-1", "criterion-2", "greeting"])).toBe("criterion-3");
  });
});
