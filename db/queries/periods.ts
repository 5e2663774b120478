import type { Channel } from "../../scoring/domain";

/** Days are UTC calendar days "YYYY-MM-DD"; `to` is inclusive. */
export interface DashboardFilters {
  from: string;
  to: string;
  teamId?: number;
  channel?: Channel;
  agentId?: number;
}

const DAY_MS = 86_400_000;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The same number of days right before the period. */
export function previousPeriod(filters: DashboardFilters): DashboardFilters {
  const length = daysBetween(filters.from, filters.to);
  return { ...filters, from: addDays(filters.from, -length), to: addDays(filters.from, -1) };
}

/**
 * Seven-day windows ending on the period's last day and going back, oldest first; the first can be shorter.
 * `weeksBack` is the window's distance from the end: 0 for the last seven days.
 */
export function weeklyWindows(filters: DashboardFilters): Array<{ from: string; to: string; weeksBack: number }> {
  const weeks = Math.ceil(daysBetween(filters.from, filters.to) / 7);
  return Array.from({ length: weeks }, (_, index) => {
    const weeksBack = weeks - 1 - index;
    const to = addDays(filters.to, -7 * weeksBack);
    const from = addDays(to, -6) < filters.from ? filters.from : addDays(to, -6);
    return { from, to, weeksBack };
  });
}
