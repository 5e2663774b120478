import { describe, expect, it } from "vitest";
import { type BusinessSchedule, businessMillisecondsBetween, businessScheduleSchema, isWithinBusinessHours } from "./business-hours";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const weekdays = [{ open: "09:00", close: "18:00" }];
const madridOffice: BusinessSchedule = {
  timeZone: "Europe/Madrid",
  weekly: { monday: weekdays, tuesday: weekdays, wednesday: weekdays, thursday: weekdays, friday: weekdays },
  holidays: ["2025-01-06"],
};
const allDay = [{ open: "00:00", close: "24:00" }];
const madridAroundTheClock: BusinessSchedule = {
  timeZone: "Europe/Madrid",
  weekly: {
    sunday: allDay,
    monday: allDay,
    tuesday: allDay,
    wednesday: allDay,
    thursday: allDay,
    friday: allDay,
    saturday: allDay,
  },
};

const at = (iso: string) => new Date(iso);

describe("businessMillisecondsBetween", () => {
  it("is plain elapsed time without a schedule (24/7)", () => {
    expect(businessMillisecondsBetween(at("2025-03-28T16:30:00Z"), at("2025-03-31T07:30:00Z"))).toBe(63 * HOUR);
  });

  it("skips the spring-forward weekend in Madrid: Friday 17:30 CET → Monday 09:30 CEST is one business hour", () => {
    // 30 March 2025, 02:00 CET → 03:00 CEST. Monday opens at 09:00 CEST = 07:00Z, not 08:00Z.
    expect(businessMillisecondsBetween(at("2025-03-28T16:30:00Z"), at("2025-03-31T07:30:00Z"), madridOffice)).toBe(HOUR);
  });

  it("skips the fall-back weekend in Madrid: Friday 17:30 CEST → Monday 09:30 CET is one business hour", () => {
    // 26 October 2025, 03:00 CEST → 02:00 CET. Monday opens at 09:00 CET = 08:00Z.
    expect(businessMillisecondsBetween(at("2025-10-24T15:30:00Z"), at("2025-10-27T08:30:00Z"), madridOffice)).toBe(HOUR);
  });

  it("counts the spring-forward Sunday as 23 hours and the fall-back Sunday as 25 on a 24/7 schedule", () => {
    const springWeekend = businessMillisecondsBetween(at("2025-03-29T00:00:00Z"), at("2025-04-01T00:00:00Z"), madridAroundTheClock);
    expect(springWeekend).toBe(72 * HOUR);
    const sundayOnly: BusinessSchedule = { timeZone: "Europe/Madrid", weekly: { sunday: allDay } };
    expect(businessMillisecondsBetween(at("2025-03-28T00:00:00Z"), at("2025-04-01T00:00:00Z"), sundayOnly)).toBe(23 * HOUR);
    expect(businessMillisecondsBetween(at("2025-10-24T00:00:00Z"), at("2025-10-28T00:00:00Z"), sundayOnly)).toBe(25 * HOUR);
  });

  it("resolves an opening time skipped by the clock change to the same distance after the jump", () => {
    // 02:30 does not exist on 30 March 2025 in Madrid: it opens at 03:30 CEST (01:30Z), closes 05:00 CEST (03:00Z).
    const nightShift: BusinessSchedule = { timeZone: "Europe/Madrid", weekly: { sunday: [{ open: "02:30", close: "05:00" }] } };
    expect(businessMillisecondsBetween(at("2025-03-29T20:00:00Z"), at("2025-03-30T12:00:00Z"), nightShift)).toBe(90 * MINUTE);
  });

  it("resolves an opening time repeated by the clock change to its first occurrence", () => {
    // 02:30 happens twice on 26 October 2025: first at 00:30Z (CEST). 03:30 CET is 02:30Z.
    const nightShift: BusinessSchedule = { timeZone: "Europe/Madrid", weekly: { sunday: [{ open: "02:30", close: "03:30" }] } };
    expect(businessMillisecondsBetween(at("2025-10-25T20:00:00Z"), at("2025-10-26T12:00:00Z"), nightShift)).toBe(2 * HOUR);
  });

  it("skips holidays (Epiphany, 6 January)", () => {
    // Friday 3 Jan 17:00 CET → Tuesday 7 Jan 10:00 CET: one hour on Friday, none on Monday, one on Tuesday.
    expect(businessMillisecondsBetween(at("2025-01-03T16:00:00Z"), at("2025-01-07T09:00:00Z"), madridOffice)).toBe(2 * HOUR);
  });

  it("handles split shifts and ignores the lunch break", () => {
    const splitShift: BusinessSchedule = {
      timeZone: "Europe/Madrid",
      weekly: {
        monday: [
          { open: "16:00", close: "19:00" },
          { open: "09:00", close: "14:00" },
        ],
      },
    };
    // Monday 3 Feb 2025, 13:30 → 16:30 CET.
    expect(businessMillisecondsBetween(at("2025-02-03T12:30:00Z"), at("2025-02-03T15:30:00Z"), splitShift)).toBe(HOUR);
  });

  it("counts overlapping intervals once", () => {
    const overlapping: BusinessSchedule = {
      timeZone: "UTC",
      weekly: {
        monday: [
          { open: "09:00", close: "13:00" },
          { open: "12:00", close: "14:00" },
        ],
      },
    };
    expect(businessMillisecondsBetween(at("2025-02-03T00:00:00Z"), at("2025-02-04T00:00:00Z"), overlapping)).toBe(5 * HOUR);
  });

  it("is zero inside closed hours and rejects a reversed range or an unknown time zone", () => {
    expect(businessMillisecondsBetween(at("2025-02-08T10:00:00Z"), at("2025-02-08T12:00:00Z"), madridOffice)).toBe(0);
    expect(() => businessMillisecondsBetween(at("2025-02-03T12:00:00Z"), at("2025-02-03T10:00:00Z"))).toThrow(RangeError);
    expect(() =>
      businessMillisecondsBetween(at("2025-02-03T10:00:00Z"), at("2025-02-03T12:00:00Z"), {
        timeZone: "Europe/Atlantis",
        weekly: {},
      }),
    ).toThrow(/time zone/);
  });
});

describe("isWithinBusinessHours", () => {
  it("uses local time on both sides of the clock change", () => {
    expect(isWithinBusinessHours(at("2025-03-31T06:30:00Z"), madridOffice)).toBe(false); // 08:30 CEST
    expect(isWithinBusinessHours(at("2025-03-31T07:00:00Z"), madridOffice)).toBe(true); // 09:00 CEST
    expect(isWithinBusinessHours(at("2025-03-28T16:59:00Z"), madridOffice)).toBe(true); // 17:59 CET
    expect(isWithinBusinessHours(at("2025-01-06T10:00:00Z"), madridOffice)).toBe(false); // holiday
    expect(isWithinBusinessHours(at("2025-01-06T10:00:00Z"))).toBe(true);
  });
});

describe("businessScheduleSchema", () => {
  it("accepts a valid schedule and rejects reversed intervals and unknown zones", () => {
    expect(businessScheduleSchema.safeParse(madridOffice).success).toBe(true);
    expect(
      businessScheduleSchema.safeParse({
        timeZone: "Europe/Madrid",
        weekly: { monday: [{ open: "18:00", close: "09:00" }] },
      }).success,
    ).toBe(false);
    expect(businessScheduleSchema.safeParse({ timeZone: "Mars/Olympus", weekly: {} }).success).toBe(false);
    expect(businessScheduleSchema.safeParse({ timeZone: "UTC", weekly: {}, holidays: ["6 de enero"] }).success).toBe(false);
  });
});
