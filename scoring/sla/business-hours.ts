import { z } from "zod";

export const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times "HH:MM"; close may be "24:00" (end of the day). */
export interface OpeningInterval {
  open: string;
  close: string;
}

/**
 * A weekly schedule in one IANA time zone. A weekday left out (or with no intervals) is closed.
 * Several intervals per day model split shifts (09:00–14:00 and 16:00–19:00). A shift past midnight is
 * written as two intervals, one on each day.
 */
export interface BusinessSchedule {
  timeZone: string;
  weekly: Partial<Record<Weekday, readonly OpeningInterval[]>>;
  /** Closed local dates, "YYYY-MM-DD" in the schedule's time zone. */
  holidays?: readonly string[];
}

const HOURS_MINUTES = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTES_PER_DAY = 24 * 60;
const MS_PER_DAY = 86_400_000;

function minutesOfDay(hoursMinutes: string): number {
  const match = HOURS_MINUTES.exec(hoursMinutes);
  if (match === null) throw new RangeError(`not a wall-clock time "HH:MM": ${hoursMinutes}`);
  const hours = Number(match[1] ?? match[3]);
  const minutes = Number(match[2] ?? match[4]);
  return hours * 60 + minutes;
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const openingIntervalSchema = z
  .object({ open: z.string().regex(HOURS_MINUTES), close: z.string().regex(HOURS_MINUTES) })
  .refine((interval) => minutesOfDay(interval.open) < minutesOfDay(interval.close), {
    message: "close must be after open (split a shift past midnight into two days)",
  });

/** Validates a schedule an admin saved. */
export const businessScheduleSchema = z.object({
  timeZone: z.string().refine(isKnownTimeZone, { message: "unknown IANA time zone" }),
  weekly: z.partialRecord(z.enum(WEEKDAYS), z.array(openingIntervalSchema)),
  holidays: z.array(z.string().regex(LOCAL_DATE)).optional(),
});

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

interface CompiledSchedule {
  timeZone: string;
  /** Index 0 = Sunday, as Date#getUTCDay; each entry sorted, merged [openMinute, closeMinute) ranges. */
  minutesByWeekday: Array<Array<[number, number]>>;
  holidays: Set<string>;
}

const compiledSchedules = new WeakMap<BusinessSchedule, CompiledSchedule>();

function compile(schedule: BusinessSchedule): CompiledSchedule {
  const cached = compiledSchedules.get(schedule);
  if (cached !== undefined) return cached;
  if (!isKnownTimeZone(schedule.timeZone)) throw new RangeError(`unknown IANA time zone: ${schedule.timeZone}`);
  const minutesByWeekday = WEEKDAYS.map((weekday) => {
    const ranges = (schedule.weekly[weekday] ?? []).map((interval): [number, number] => {
      const open = minutesOfDay(interval.open);
      const close = minutesOfDay(interval.close);
      if (close <= open) throw new RangeError(`${weekday}: close ${interval.close} is not after open ${interval.open}`);
      return [open, close];
    });
    ranges.sort((a, b) => a[0] - b[0]);
    // Overlapping intervals would otherwise count the same minutes twice.
    const merged: Array<[number, number]> = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push([range[0], range[1]]);
    }
    return merged;
  });
  const compiled: CompiledSchedule = {
    timeZone: schedule.timeZone,
    minutesByWeekday,
    holidays: new Set(schedule.holidays ?? []),
  };
  compiledSchedules.set(schedule, compiled);
  return compiled;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return {
    year: values.year,
    month: values.month,
    day: values.day,
    hour: values.hour === 24 ? 0 : values.hour,
    minute: values.minute,
    second: values.second,
  };
}

/** UTC offset of `timeZone` at an instant, in ms (Europe/Madrid: +3 600 000 in winter, +7 200 000 in summer). */
function utcOffsetMs(instantMs: number, timeZone: string): number {
  const wall = wallClockAt(instantMs, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant of a local wall-clock time. Like Temporal's "compatible" disambiguation: a time repeated
 * when clocks go back resolves to its first occurrence; a time skipped when clocks go forward resolves
 * to the same distance after the jump (02:30 on a spring-forward night in Madrid → 03:30 CEST).
 */
function instantOfLocalTime(date: CivilDate, minuteOfDay: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const offsetBefore = utcOffsetMs(wallAsUtc - MS_PER_DAY, timeZone);
  const offsetAfter = utcOffsetMs(wallAsUtc + MS_PER_DAY, timeZone);
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].filter(
    (candidate) => wallAsUtc - utcOffsetMs(candidate, timeZone) === candidate,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return wallAsUtc - offsetBefore;
}

function civilDateKey(date: CivilDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

function civilDateFromUtcMidnight(utcMidnightMs: number): CivilDate {
  const date = new Date(utcMidnightMs);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function assertValidInstant(instant: Date, name: string): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${name} is not a valid date`);
}

/**
 * Milliseconds between two instants that fall inside opening hours. Without a schedule the clock runs
 * 24/7 and this is plain elapsed time. Opening times are local wall-clock times, so a 09:00–18:00 day
 * is 9 h on either side of a daylight-saving change, and a 00:00–24:00 day is 23 h or 25 h on the
 * change days themselves.
 */
export function businessMillisecondsBetween(start: Date, end: Date, schedule?: BusinessSchedule | null): number {
  assertValidInstant(start, "start");
  assertValidInstant(end, "end");
  const startMs = start.getTime();
  const endMs = end.getTime();
  if (endMs < startMs) throw new RangeError("end is before start");
  if (schedule === undefined || schedule === null) return endMs - startMs;

  const compiled = compile(schedule);
  const firstDay = wallClockAt(startMs, compiled.timeZone);
  const lastDay = wallClockAt(endMs, compiled.timeZone);
  const lastDayMidnight = Date.UTC(lastDay.year, lastDay.month - 1, lastDay.day);
  let total = 0;
  for (
    let dayMidnight = Date.UTC(firstDay.year, firstDay.month - 1, firstDay.day);
    dayMidnight <= lastDayMidnight;
    dayMidnight += MS_PER_DAY
  ) {
    const date = civilDateFromUtcMidnight(dayMidnight);
    if (compiled.holidays.has(civilDateKey(date))) continue;
    for (const [openMinute, closeMinute] of compiled.minutesByWeekday[new Date(dayMidnight).getUTCDay()]) {
      const opensAt = instantOfLocalTime(date, openMinute, compiled.timeZone);
      const closesAt =
        closeMinute === MINUTES_PER_DAY
          ? instantOfLocalTime(civilDateFromUtcMidnight(dayMidnight + MS_PER_DAY), 0, compiled.timeZone)
          : instantOfLocalTime(date, closeMinute, compiled.timeZone);
      const overlap = Math.min(closesAt, endMs) - Math.max(opensAt, startMs);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/** Whether an instant falls inside opening hours (always true without a schedule). */
export function isWithinBusinessHours(instant: Date, schedule?: BusinessSchedule | null): boolean {
  assertValidInstant(instant, "instant");
  if (schedule === undefined || schedule === null) return true;
  const compiled = compile(schedule);
  const wall = wallClockAt(instant.getTime(), compiled.timeZone);
  const date: CivilDate = { year: wall.year, month: wall.month, day: wall.day };
  if (compiled.holidays.has(civilDateKey(date))) return false;
  const weekday = new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay();
  const minute = wall.hour * 60 + wall.minute + wall.second / 60;
  return compiled.minutesByWeekday[weekday].some(([open, close]) => minute >= open && minute < close);
}
