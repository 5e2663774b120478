/**
 * When a scheduled rule draws and which period a draw belongs to, in the rule's IANA timezone. Weekly rules draw on
 * Mondays, monthly rules on the 1st. The period key (`2026-11-22`, `2026-W47`, `2026-11`) is unique per rule in the
 * database, so a period can never be drawn twice.
 */
export type Schedule = "once" | "daily" | "weekly" | "monthly";

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function localParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: value("year"),
    month: value("month"),
    day: value("day"),
    hour: value("hour"),
    minute: value("minute"),
    second: value("second"),
  };
}

function offsetAt(instantMs: number, timeZone: string): number {
  const local = localParts(new Date(instantMs), timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows this date and time (the later one after a DST gap). */
export function zonedTime(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(second);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function parseTimeOfDay(time: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`time of day must be HH:MM, got ${time}`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The first scheduled draw strictly after `after`; null for a rule that runs once. */
export function nextRunAfter(schedule: Schedule, time: string, timeZone: string, after: Date): Date | null {
  if (schedule === "once") return null;
  const { hour, minute } = parseTimeOfDay(time);
  const today = localParts(after, timeZone);
  for (let days = 0; days <= 40; days++) {
    const date = addDays(today, days);
    if (schedule === "weekly" && weekday(date) !== 1) continue;
    if (schedule === "monthly" && date.day !== 1) continue;
    const candidate = zonedTime(date, hour, minute, timeZone);
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  throw new Error("no scheduled run found within 40 days");
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** ISO 8601 week-numbering year and week of a date. */
function isoWeek(date: LocalDate): { year: number; week: number } {
  const day = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const dayOfWeek = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - dayOfWeek);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return { year: day.getUTCFullYear(), week: Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

/** The period a scheduled draw at `runAt` belongs to, by the rule's local calendar. */
export function periodKeyFor(schedule: Schedule, runAt: Date, timeZone: string): string {
  const local = localParts(runAt, timeZone);
  switch (schedule) {
    case "once":
      return "once";
    case "daily":
      return `${local.year}-${pad(local.month)}-${pad(local.day)}`;
    case "weekly": {
      const { year, week } = isoWeek(local);
      return `${year}-W${pad(week)}`;
    }
    case "monthly":
      return `${local.year}-${pad(local.month)}`;
  }
}
