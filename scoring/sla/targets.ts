import { z } from "zod";
import { CHANNELS, type Channel } from "./types";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A time target: "standard" is the floor every team should meet, "world class" the stretch goal (null: none set). */
export interface ResponseTimeTarget {
  standardMs: number;
  worldClassMs: number | null;
}

/** What admins edit per channel. */
export interface ChannelSlaTargets {
  /** First customer message → first agent reply. */
  firstResponse: ResponseTimeTarget;
  /** Every later customer turn → the next agent reply. */
  everyReply: ResponseTimeTarget;
  /** First customer message → resolution; null when the channel has no resolution target. */
  resolution: ResponseTimeTarget | null;
}

export type SlaTargets = Record<Channel, ChannelSlaTargets>;

function sameForEveryReply(response: ResponseTimeTarget, resolution: ResponseTimeTarget | null): ChannelSlaTargets {
  return { firstResponse: response, everyReply: response, resolution };
}

const HOUR_OR_QUARTER: ResponseTimeTarget = { standardMs: HOUR, worldClassMs: 15 * MINUTE };
const LIVE_MESSAGING: ResponseTimeTarget = { standardMs: 30 * SECOND, worldClassMs: 15 * SECOND };
const ASYNC_RESOLUTION: ResponseTimeTarget = { standardMs: 24 * HOUR, worldClassMs: null };
const SESSION_RESOLUTION: ResponseTimeTarget = { standardMs: 30 * MINUTE, worldClassMs: null };

/**
 * Defaults. email, facebook, twitter, chat and whatsapp come from the table in rule 4 of seed 003
 * ("Las 10 reglas de oro del servicio al cliente digital"). The other four have no figure in the seeds:
 * - phone: 20 s standard / 10 s world class, the contact-centre "80/20" service level (answer within 20 s)
 *   and its stricter variant; a transcript's reply gaps are judged the same way.
 * - instagram: same as facebook (same Meta inbox, same customer expectation of a social DM).
 * - sms: 15 min / 5 min, asynchronous like a Twitter DM rather than a live chat.
 * - web_form: same as email (a form lands in the email queue).
 * Resolution targets have no seed table either: seed 001 quotes ~20 h as the cross-industry average
 * resolution time, so asynchronous channels (whatsapp included: customers leave and come back) default
 * to 24 h, live channels (chat, phone) to 30 min (one session), and none has a world-class resolution
 * target until an admin sets one.
 */
export const DEFAULT_SLA_TARGETS: SlaTargets = {
  email: sameForEveryReply(HOUR_OR_QUARTER, ASYNC_RESOLUTION),
  facebook: sameForEveryReply(HOUR_OR_QUARTER, ASYNC_RESOLUTION),
  twitter: sameForEveryReply({ standardMs: 15 * MINUTE, worldClassMs: null }, ASYNC_RESOLUTION),
  chat: sameForEveryReply(LIVE_MESSAGING, SESSION_RESOLUTION),
  whatsapp: sameForEveryReply(LIVE_MESSAGING, ASYNC_RESOLUTION),
  phone: sameForEveryReply({ standardMs: 20 * SECOND, worldClassMs: 10 * SECOND }, SESSION_RESOLUTION),
  instagram: sameForEveryReply(HOUR_OR_QUARTER, ASYNC_RESOLUTION),
  sms: sameForEveryReply({ standardMs: 15 * MINUTE, worldClassMs: 5 * MINUTE }, ASYNC_RESOLUTION),
  web_form: sameForEveryReply(HOUR_OR_QUARTER, ASYNC_RESOLUTION),
};

const durationMs = z.number().int().positive();

const targetOverrideSchema = z.object({
  standardMs: durationMs.optional(),
  /** null removes the world-class goal. */
  worldClassMs: durationMs.nullable().optional(),
});

const channelOverrideSchema = z.object({
  firstResponse: targetOverrideSchema.optional(),
  everyReply: targetOverrideSchema.optional(),
  /** null removes the resolution target. */
  resolution: targetOverrideSchema.nullable().optional(),
});

/** Parses what an admin saved: any subset of channels and fields, durations in milliseconds. */
export const slaTargetOverridesSchema = z.partialRecord(z.enum(CHANNELS), channelOverrideSchema);

export type ResponseTimeTargetOverride = z.infer<typeof targetOverrideSchema>;
export type ChannelSlaTargetOverride = z.infer<typeof channelOverrideSchema>;
export type SlaTargetOverrides = z.infer<typeof slaTargetOverridesSchema>;

function mergeTarget(
  base: ResponseTimeTarget | null,
  override: ResponseTimeTargetOverride | undefined,
  where: string,
): ResponseTimeTarget | null {
  if (override === undefined) return base;
  const standardMs = override.standardMs ?? base?.standardMs;
  if (standardMs === undefined) {
    throw new RangeError(`${where}: a standard target is required when the default has none`);
  }
  const worldClassMs = override.worldClassMs === undefined ? (base?.worldClassMs ?? null) : override.worldClassMs;
  // Silently capping would hide a contradictory setting from the admin who made it.
  if (worldClassMs !== null && worldClassMs > standardMs) {
    throw new RangeError(`${where}: world class (${worldClassMs} ms) must not be slower than standard (${standardMs} ms)`);
  }
  return { standardMs, worldClassMs };
}

/**
 * Applies admin overrides on top of `base` (the seeds' defaults unless given). Fields left out keep the
 * base value. Throws a RangeError when the result would have a world-class goal slower than the standard.
 */
export function mergeSlaTargets(overrides: SlaTargetOverrides = {}, base: SlaTargets = DEFAULT_SLA_TARGETS): SlaTargets {
  const merged = { ...base };
  for (const channel of CHANNELS) {
    const override = overrides[channel];
    if (override === undefined) continue;
    const current = base[channel];
    const firstResponse = mergeTarget(current.firstResponse, override.firstResponse, `${channel}.firstResponse`);
    const everyReply = mergeTarget(current.everyReply, override.everyReply, `${channel}.everyReply`);
    const resolution = override.resolution === null ? null : mergeTarget(current.resolution, override.resolution, `${channel}.resolution`);
    if (firstResponse === null || everyReply === null) {
      throw new RangeError(`${channel}: first-response and every-reply targets cannot be removed`);
    }
    merged[channel] = { firstResponse, everyReply, resolution };
  }
  return merged;
}
