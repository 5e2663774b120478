import { describe, expect, it } from "vitest";
import { isValidTimeZone, nextRunAfter, periodKeyFor, zonedTime } from "./schedule";

describe("schedule", () => {
  it("finds the next daily run at the local time of the timezone", () => {
    const next = nextRunAfter("daily", "06:00", "Europe/Madrid", new Date("2026-11-22T10:00:00Z"));
    expect(next?.toISOString()).toBe("2026-11-23T05:00:00.000Z");
    expect(nextRunAfter("daily", "06:00", "Europe/Madrid", new Date("2026-11-22T04:00:00Z"))?.toISOString()).toBe(
      "2026-11-22T05:00:00.000Z",
    );
  });

  it("follows summer time", () => {
    expect(zonedTime({ year: 2026, month: 7, day: 1 }, 6, 0, "Europe/Madrid").toISOString()).toBe("2026-07-01T04:00:00.000Z");
    expect(zonedTime({ year: 2026, month: 3, day: 29 }, 2, 30, "Europe/Madrid").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("runs weekly rules on Mondays and monthly rules on the 1st", () => {
    expect(nextRunAfter("weekly", "08:30", "America/Mexico_City", new Date("2026-11-22T10:00:00Z"))?.toISOString()).toBe(
      "2026-11-23T14:30:00.000Z",
    );
    expect(nextRunAfter("monthly", "00:00", "UTC", new Date("2026-11-22T10:00:00Z"))?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(nextRunAfter("once", "00:00", "UTC", new Date())).toBeNull();
  });

  it("names periods by the local calendar", () => {
    const lateSunday = new Date("2026-11-22T23:30:00Z");
    expect(periodKeyFor("daily", lateSunday, "UTC")).toBe("2026-11-22");
    expect(periodKeyFor("daily", lateSunday, "Europe/Madrid")).toBe("2026-11-23");
    expect(periodKeyFor("weekly", lateSunday, "UTC")).toBe("2026-W47");
    expect(periodKeyFor("weekly", lateSunday, "Europe/Madrid")).toBe("2026-W48");
    expect(periodKeyFor("weekly", new Date("2027-01-01T12:00:00Z"), "UTC")).toBe("2026-W53");
    expect(periodKeyFor("monthly", lateSunday, "UTC")).toBe("2026-11");
  });

  it("recognises IANA timezones", () => {
    expect(isValidTimeZone("Europe/Madrid")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
