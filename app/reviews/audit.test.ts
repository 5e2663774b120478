import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScorecardDefinition } from "../../scoring/rubric";
import { auditChanges } from "./audit";

const parsed = parseScorecardDefinition(JSON.parse(readFileSync("scoring/rubric/golden/11-support-scorecard.json", "utf8")).scorecard);
if (!parsed.success) throw new Error("golden scorecard does not parse");
const definition = parsed.data;

describe("auditChanges", () => {
  it("names changed ratings by their labels, and the score change", () => {
    const before = { ratings: { "correct-information": 4, greeting: 2 }, score: 97.2, overallComment: "" };
    const after = { ratings: { "correct-information": 1, greeting: 2 }, score: 0, overallComment: "Dato erróneo" };
    expect(auditChanges(definition, before, after)).toEqual([
      { kind: "rating", criterion: "Correct and complete information", before: "Mostly right", after: "Wrong" },
      { kind: "comment", criterion: null },
      { kind: "score", before: 97.2, after: 0 },
    ]);
  });

  it("summarises highlight edits and reports nothing when nothing changed", () => {
    expect(auditChanges(definition, { highlights: [1] }, { highlights: [1, 2] })).toEqual([{ kind: "highlights", before: 1, after: 2 }]);
    const same = { ratings: { greeting: 3 }, rootCauses: { empathy: ["b", "a"] }, score: 50 };
    expect(auditChanges(definition, same, { ...same, rootCauses: { empathy: ["a", "b"] } })).toEqual([]);
  });
});
