import { describe, expect, it } from "vitest";
import { samplingRuleDefinitionSchema } from "../../scoring/sampling/rule";
import { parseFormData } from "../validation";
import { defaultDefinition, definitionFromForm, ruleFormSchema } from "./rule-form";

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  const base: Record<string, string | string[]> = {
    name: "Weekly QA",
    schedule: "weekly",
    scheduleTime: "06:00",
    timezone: "Europe/Madrid",
    lastDays: "7",
    sizeKind: "perGroup",
    sizeValue: "10",
    allocation: "proportional",
    seed: "w",
    dueDays: "7",
    targetMargin: "6",
  };
  for (const [key, value] of Object.entries({ ...base, ...fields })) {
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, item);
  }
  return data;
}

function definitionOf(fields: Record<string, string | string[]>) {
  const parsed = parseFormData(ruleFormSchema, form(fields));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return samplingRuleDefinitionSchema.parse(definitionFromForm(parsed.data));
}

describe("rule form", () => {
  it("filters on response-time breaches, first response or any reply, and refuses other values", () => {
    expect(definitionOf({ responseBreach: "first" }).filters.responseBreach).toBe("first");
    expect(definitionOf({ responseBreach: "any" }).filters.responseBreach).toBe("any");
    expect(definitionOf({ responseBreach: "" }).filters.responseBreach).toBeUndefined();
    expect(parseFormData(ruleFormSchema, form({ responseBreach: "sometimes" }))).toMatchObject({ ok: false });
  });

  it("filters on frustrated customers and a minimum frustration score given in percent", () => {
    const definition = definitionOf({ onlyFrustrated: "on", frustrationMinPercent: "65" });
    expect(definition.filters.onlyFrustrated).toBe(true);
    expect(definition.filters.frustrationMin).toBeCloseTo(0.65, 12);
    const none = definitionOf({});
    expect(none.filters.onlyFrustrated).toBe(false);
    expect(none.filters.frustrationMin).toBeUndefined();
    expect(parseFormData(ruleFormSchema, form({ frustrationMinPercent: "120" }))).toMatchObject({ ok: false });
  });

  it("oversamples by the flags chosen, and asks for one when a factor is set", () => {
    const definition = definitionOf({ oversamplingFactor: "3", "oversamplingFlags[]": ["frustrated", "lowCsat"] });
    expect(definition.oversamplingFactor).toBe(3);
    expect(definition.oversamplingFlags).toEqual(["frustrated", "lowCsat"]);
    const missing = parseFormData(ruleFormSchema, form({ oversamplingFactor: "3" }));
    expect(missing).toEqual({ ok: false, errors: { "oversamplingFlags[]": "sampling.errors.flagsNeeded" } });
    expect(parseFormData(ruleFormSchema, form({ "oversamplingFlags[]": ["nonsense"] }))).toMatchObject({ ok: false });
  });

  it("spreads over days or weeks, only with a period", () => {
    expect(definitionOf({ spreadBucket: "day", spreadMode: "proportional" }).spread).toEqual({ bucket: "day", mode: "proportional" });
    expect(definitionOf({ spreadBucket: "week" }).spread).toEqual({ bucket: "week", mode: "equal" });
    expect(definitionOf({ spreadBucket: "" }).spread).toBeNull();
    expect(parseFormData(ruleFormSchema, form({ spreadBucket: "day", lastDays: "" }))).toEqual({
      ok: false,
      errors: { spreadBucket: "sampling.errors.spreadNeedsPeriod" },
    });
    expect(definitionOf({ spreadBucket: "day", lastDays: "", createdFrom: "2026-11-01" }).spread).toEqual({ bucket: "day", mode: "equal" });
  });

  it("starts new rules with every flag and no spreading; keeps saved definitions meaning what they meant", () => {
    const fresh = samplingRuleDefinitionSchema.parse(defaultDefinition("s"));
    expect(fresh.oversamplingFlags).toEqual(["lowCsat", "outlier", "frustrated"]);
    expect(fresh.spread).toBeNull();
    // A definition stored before these options existed.
    const legacy = samplingRuleDefinitionSchema.parse({
      filters: { lastDays: 7 },
      size: { kind: "total", total: 10 },
      allocation: "proportional",
      oversamplingFactor: 2,
      seed: "s",
    });
    expect(legacy.oversamplingFlags).toEqual(["lowCsat", "outlier"]);
    expect(legacy.spread).toBeNull();
    expect(legacy.filters.onlyFrustrated).toBe(false);
    expect(() =>
      samplingRuleDefinitionSchema.parse({
        ...legacy,
        filters: { ...legacy.filters, lastDays: undefined },
        spread: { bucket: "day", mode: "equal" },
      }),
    ).toThrow();
  });
});
