import type { SentimentResult } from "./label-mapping";

export class InputLineError extends Error {
  constructor(
    readonly lineNumber: number,
    reason: string,
  ) {
    super(`line ${lineNumber}: ${reason}`);
    this.name = "InputLineError";
  }
}

/** The text of one `{"text": ...}` input line; blank lines give null (they are not inputs). */
export function parseInputLine(line: string, lineNumber: number): string | null {
  if (line.trim() === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InputLineError(lineNumber, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputLineError(lineNumber, 'expected an object like {"text": "..."}');
  }
  const text = (value as { text?: unknown }).text;
  if (typeof text !== "string") {
    throw new InputLineError(lineNumber, '"text" must be a string');
  }
  return text;
}

export function formatResultLine(result: SentimentResult): string {
  return JSON.stringify({ label: result.label, score: result.score, scores: result.scores });
}
