import type { HttpOptions } from "./http";

export type ConnectorCursor = Record<string, string | number>;

/** One record pulled from a helpdesk: mapped onto our canonical input, or why it could not be. */
export type PulledRecord = { externalId: string; input: unknown } | { externalId: string; error: string };

export interface PulledPage {
  records: PulledRecord[];
  /** Where to continue after this page; saved with the page's conversations in one transaction. */
  cursor: ConnectorCursor;
}

export interface PullContext {
  subdomain: string | null;
  credentials: Record<string, string>;
  cursor: ConnectorCursor | null;
  http: HttpOptions;
}

export type Puller = (context: PullContext) => AsyncGenerator<PulledPage>;

export function epochSecondsToIso(value: unknown): string | undefined {
  return typeof value === "number" && Number.isFinite(value) ? new Date(value * 1000).toISOString() : undefined;
}

export function idString(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim()) return value.trim();
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
