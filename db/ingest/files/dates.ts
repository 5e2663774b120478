/**
 * Dates as spreadsheets and helpdesk exports write them: ISO 8601 (with or without a zone),
 * `DD/MM/YYYY HH:mm[:ss]` (the European order: 02/03/2026 is 2 March), `YYYY-MM-DD HH:mm[:ss]`,
 * and a bare date. Times without a zone are wall-clock times in the import's time zone.
 */

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

/** The zone's offset from UTC in milliseconds at a UTC instant; cached per zone and hour, as imports ask millions of times. */
function zoneOffset(utcMillis: number, zone: string): number {
  const hour = Math.floor(utcMillis / 3_600_000);
  const key = `${zone}\u0000${hour}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(hour * 3_600_000))) parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offset = asUtc - hour * 3_600_000;
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** A wall-clock time in a zone as a Date (for times that do not exist or repeat at DST changes, the earlier offset wins). */
export function zonedTime(parts: { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number }, zone: string): Date {
  const naive = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.ms);
  const first = naive - zoneOffset(naive, zone);
  const second = naive - zoneOffset(first, zone);
  return new Date(second);
}

function validParts(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A Date, or null when the text is not a date in one of the accepted forms. */
export function parseDate(text: string, zone: string): Date | null {
  const value = text.trim();
  if (!value) return null;
  if (ISO_WITH_ZONE.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  let match = YMD.exec(value);
  let year: number;
  let month: number;
  let day: number;
  let rest: (string | undefined)[];
  if (match) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    rest = match.slice(4);
  } else {
    match = DMY.exec(value);
    if (!match) return null;
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    rest = [...match.slice(4), undefined];
  }
  const [hour, minute, second] = rest.slice(0, 3).map((part) => Number(part ?? 0));
  const ms = rest[3] ? Math.round(Number(`0.${rest[3]}`) * 1000) : 0;
  if (!validParts(year, month, day, hour, minute, second)) return null;
  return zonedTime({ year, month, day, hour, minute, second, ms }, zone);
}
