import { z } from "zod";
import {
  type BusinessSchedule,
  businessScheduleSchema,
  CHANNELS,
  type Channel,
  mergeSlaTargets,
  type SlaTargetOverrides,
  type SlaTargets,
  slaTargetOverridesSchema,
} from "../../scoring/sla";
import type { Database } from "../client";
import { getSetting, putSetting } from "../queries/settings";

/**
 * The response-time settings admins edit: per-channel overrides of the seeds' targets
 * (DEFAULT_SLA_TARGETS), and an optional opening-hours schedule that the channels listed in
 * `businessHoursChannels` are measured in. Every save bumps `version`; facts computed with an older
 * version are stale and get recomputed (see refreshStaleFacts).
 */
export interface SlaConfig {
  version: number;
  overrides: SlaTargetOverrides;
  schedule: BusinessSchedule | null;
  businessHoursChannels: Channel[];
}

export const SLA_CONFIG_KEY = "sla_config";

export const DEFAULT_SLA_CONFIG: SlaConfig = { version: 1, overrides: {}, schedule: null, businessHoursChannels: [] };

const storedSlaConfigSchema = z.object({
  version: z.number().int().positive(),
  overrides: slaTargetOverridesSchema,
  schedule: businessScheduleSchema.nullable(),
  businessHoursChannels: z.array(z.enum(CHANNELS)),
});

export interface ResolvedSlaConfig {
  version: number;
  targets: SlaTargets;
  /** The schedule a channel is measured in, or null for the 24/7 clock. */
  scheduleFor(channel: Channel): BusinessSchedule | null;
}

export function resolveSlaConfig(config: SlaConfig): ResolvedSlaConfig {
  const targets = mergeSlaTargets(config.overrides);
  const businessChannels = new Set(config.businessHoursChannels);
  return {
    version: config.version,
    targets,
    scheduleFor: (channel) => (config.schedule !== null && businessChannels.has(channel) ? config.schedule : null),
  };
}

export async function loadSlaConfig(db: Database): Promise<SlaConfig> {
  const stored = await getSetting<unknown>(db, SLA_CONFIG_KEY);
  if (stored === null) return DEFAULT_SLA_CONFIG;
  const parsed = storedSlaConfigSchema.safeParse(stored);
  // A setting that no longer parses would silently measure against the wrong targets; fail loudly instead.
  if (!parsed.success) throw new Error(`The saved response-time settings are invalid: ${parsed.error.message}`);
  return parsed.data as SlaConfig;
}

/**
 * Saves new settings with the next version and returns them. Throws a RangeError (from mergeSlaTargets)
 * when a world-class target would be slower than the standard one, before anything is saved.
 */
export async function saveSlaConfig(db: Database, changes: Omit<SlaConfig, "version">): Promise<SlaConfig> {
  mergeSlaTargets(changes.overrides);
  return db.transaction(async (tx) => {
    const current = await loadSlaConfig(tx);
    const next: SlaConfig = { ...changes, version: current.version + 1 };
    await putSetting(tx, SLA_CONFIG_KEY, next);
    return next;
  });
}
