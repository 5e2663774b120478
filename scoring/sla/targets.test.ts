import { describe, expect, it } from "vitest";
import { DEFAULT_SLA_TARGETS, mergeSlaTargets, slaTargetOverridesSchema } from "./targets";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe("DEFAULT_SLA_TARGETS", () => {
  it("matches the table in rule 4 of seed 003", () => {
    expect(DEFAULT_SLA_TARGETS.email.firstResponse).toEqual({ standardMs: HOUR, worldClassMs: 15 * MINUTE });
    expect(DEFAULT_SLA_TARGETS.facebook.firstResponse).toEqual({ standardMs: HOUR, worldClassMs: 15 * MINUTE });
    expect(DEFAULT_SLA_TARGETS.twitter.firstResponse).toEqual({ standardMs: 15 * MINUTE, worldClassMs: null });
    expect(DEFAULT_SLA_TARGETS.chat.firstResponse).toEqual({ standardMs: 30 * SECOND, worldClassMs: 15 * SECOND });
    expect(DEFAULT_SLA_TARGETS.whatsapp.firstResponse).toEqual({ standardMs: 30 * SECOND, worldClassMs: 15 * SECOND });
  });

  it("has a target for every channel, world class never slower than standard", () => {
    for (const targets of Object.values(DEFAULT_SLA_TARGETS)) {
      for (const target of [targets.firstResponse, targets.everyReply, targets.resolution]) {
        if (target === null) continue;
        expect(target.standardMs).toBeGreaterThan(0);
        if (target.worldClassMs !== null) expect(target.worldClassMs).toBeLessThanOrEqual(target.standardMs);
      }
    }
  });
});

describe("mergeSlaTargets", () => {
  it("returns the defaults without overrides", () => {
    expect(mergeSlaTargets()).toEqual(DEFAULT_SLA_TARGETS);
  });

  it("overrides only the fields given and leaves the defaults untouched", () => {
    const merged = mergeSlaTargets({
      email: { everyReply: { standardMs: 4 * HOUR, worldClassMs: HOUR } },
      whatsapp: { firstResponse: { worldClassMs: null } },
    });
    expect(merged.email.everyReply).toEqual({ standardMs: 4 * HOUR, worldClassMs: HOUR });
    expect(merged.email.firstResponse).toEqual({ standardMs: HOUR, worldClassMs: 15 * MINUTE });
    expect(merged.whatsapp.firstResponse).toEqual({ standardMs: 30 * SECOND, worldClassMs: null });
    expect(merged.chat).toBe(DEFAULT_SLA_TARGETS.chat);
    expect(DEFAULT_SLA_TARGETS.email.everyReply.standardMs).toBe(HOUR);
  });

  it("removes a resolution target with null", () => {
    expect(mergeSlaTargets({ phone: { resolution: null } }).phone.resolution).toBeNull();
  });

  it("rejects a world-class goal slower than the standard", () => {
    expect(() => mergeSlaTargets({ email: { firstResponse: { standardMs: 10 * MINUTE } } })).toThrow(/email\.firstResponse: world class/);
  });
});

describe("slaTargetOverridesSchema", () => {
  it("accepts a partial admin setting", () => {
    const parsed = slaTargetOverridesSchema.parse({ sms: { firstResponse: { standardMs: 600_000 } } });
    expect(parsed.sms?.firstResponse?.standardMs).toBe(600_000);
  });

  it("rejects unknown channels and non-positive durations", () => {
    expect(slaTargetOverridesSchema.safeParse({ telegram: {} }).success).toBe(false);
    expect(slaTargetOverridesSchema.safeParse({ email: { firstResponse: { standardMs: 0 } } }).success).toBe(false);
  });
});
