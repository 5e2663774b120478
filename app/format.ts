/** Formats shared by server and client render; the time zone is fixed per installation so both agree. */
export function formatDateTime(value: Date | string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(value));
}

export function formatTime(value: Date | string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-GB", { timeStyle: "short", timeZone }).format(new Date(value));
}

/** 42 s, 7 min, 3.5 h, 2 d: the unit people would say out loud. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 90) return `${seconds} s`;
  const minutes = seconds / 60;
  if (minutes < 90) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 36) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}
