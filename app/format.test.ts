import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration } from "./format";

describe("formatDuration", () => {
  it("picks the unit a person would say", () => {
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(7 * 60_000)).toBe("7 min");
    expect(formatDuration(3.5 * 3_600_000)).toBe("3.5 h");
    expect(formatDuration(50 * 3_600_000)).toBe("2.1 d");
    expect(formatDuration(-5)).toBe("0 s");
  });
});

describe("formatDateTime", () => {
  it("uses the installation time zone and the user's language", () => {
    const instant = new Date("2026-03-29T00:30:00Z");
    expect(formatDateTime(instant, "es", "Europe/Madrid")).toContain("1:30");
    expect(formatDateTime(instant, "en", "UTC")).toContain("00:30");
    expect(formatDateTime(instant, "es", "UTC")).toMatch(/mar/);
  });
});
