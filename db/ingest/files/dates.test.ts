import { describe, expect, it } from "vitest";
import { parseDate } from "./dates";

describe("parseDate", () => {
  it("reads ISO 8601 with a zone as the instant it names, whatever the import's zone", () => {
    expect(parseDate("2026-03-02T09:15:00Z", "Europe/Madrid")?.toISOString()).toBe("2026-03-02T09:15:00.000Z");
    expect(parseDate("2026-03-02T09:15:00+01:00", "UTC")?.toISOString()).toBe("2026-03-02T08:15:00.000Z");
  });

  it("reads DD/MM/YYYY HH:mm as day first, in the import's zone, across daylight-saving time", () => {
    expect(parseDate("02/03/2026 09:15", "Europe/Madrid")?.toISOString()).toBe("2026-03-02T08:15:00.000Z");
    expect(parseDate("15/07/2026 09:15:30", "Europe/Madrid")?.toISOString()).toBe("2026-07-15T07:15:30.000Z");
    expect(parseDate("2/3/2026 9:05", "America/Mexico_City")?.toISOString()).toBe("2026-03-02T15:05:00.000Z");
    expect(parseDate("02/03/2026", "UTC")?.toISOString()).toBe("2026-03-02T00:00:00.000Z");
  });

  it("reads ISO dates without a zone in the import's zone", () => {
    expect(parseDate("2026-07-15 09:15", "Europe/Madrid")?.toISOString()).toBe("2026-07-15T07:15:00.000Z");
    expect(parseDate("2026-07-15T09:15:00.250", "UTC")?.toISOString()).toBe("2026-07-15T09:15:00.250Z");
  });

  it("rejects what is not a real date", () => {
    for (const text of ["", "ayer", "31/02/2026 10:00", "13/13/2026", "2026-02-30", "02/03/26 10:00", "2026-03-02 25:00"]) {
      expect(parseDate(text, "UTC")).toBeNull();
    }
  });
});
