import { describe, expect, it } from "vitest";
import { formatResultLine, parseInputLine } from "./jsonl";

describe("parseInputLine", () => {
  it("reads the text and ignores other fields", () => {
    expect(parseInputLine('{"text": "hola", "id": 3}', 1)).toBe("hola");
  });

  it("skips blank lines", () => {
    expect(parseInputLine("   ", 4)).toBeNull();
  });

  it.each([
    ["{nope", /line 9: not valid JSON/],
    ['"hola"', /line 9: expected an object/],
    ['["hola"]', /line 9: expected an object/],
    ['{"message": "hola"}', /line 9: "text" must be a string/],
  ])("names the line of %s", (line, message) => {
    expect(() => parseInputLine(line, 9)).toThrow(message);
  });
});

describe("formatResultLine", () => {
  it("writes label, score and scores", () => {
    expect(formatResultLine({ label: "neutral", score: 0.5, scores: { negative: 0.25, neutral: 0.5, positive: 0.25 } })).toBe(
      '{"label":"neutral","score":0.5,"scores":{"negative":0.25,"neutral":0.5,"positive":0.25}}',
    );
  });
});
