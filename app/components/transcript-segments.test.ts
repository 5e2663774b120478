import { describe, expect, it } from "vitest";
import { highlightSegments } from "./Transcript";

describe("highlightSegments with AutoQA evidence", () => {
  const body = "Hola Marta, tiene que llamar al 600 123 456.";
  const highlight = { id: 1, messageId: 7, kind: "needs_work" as const, spanStart: 12, spanEnd: 28, note: "" };

  it("cuts the body at the evidence span without changing the text", () => {
    const segments = highlightSegments(body, [], { start: 0, end: 4 });
    expect(segments.map((s) => s.text).join("")).toBe(body);
    expect(segments.filter((s) => s.evidence).map((s) => s.text)).toEqual(["Hola"]);
  });

  it("marks evidence inside and across a reviewer's highlight", () => {
    const segments = highlightSegments(body, [highlight], { start: 24, end: 44 });
    expect(segments.map((s) => s.text).join("")).toBe(body);
    expect(segments.filter((s) => s.evidence).map((s) => s.text)).toEqual(["amar", " al 600 123 456."]);
    expect(segments.find((s) => s.text === "amar")?.highlight?.id).toBe(1);
  });

  it("ignores a span outside the body", () => {
    expect(highlightSegments("Hola", [], { start: 2, end: 40 })).toEqual([{ text: "Hola", highlight: null, evidence: false }]);
  });
});
