import { z } from "zod";
import { CHANNELS, CONVERSATION_STATUSES } from "../../scoring/domain";
import { OVERSAMPLING_FLAGS, SPREAD_BUCKETS, SPREAD_MODES } from "../../scoring/sampling";
import type { SamplingRuleDefinition } from "../../scoring/sampling/rule";
import { isValidTimeZone } from "../../scoring/sampling/schedule";

const blankToUndefined = (value: unknown) => (value === "" || value === undefined ? undefined : value);
const optionalNumber = (schema: z.ZodNumber) =>
  z.preprocess((value) => (blankToUndefined(value) === undefined ? undefined : Number(value)), schema.optional());
const optionalDate = z.preprocess(blankToUndefined, z.iso.date().optional());

/** The rule editor's fields as the form sends them; list fields end in `[]`. */
export const ruleFormSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    teamId: optionalNumber(z.number().int()),
    schedule: z.enum(["once", "daily", "weekly", "monthly"]),
    scheduleTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    timezone: z.string().refine(isValidTimeZone, "Unknown timezone"),
    createdFrom: optionalDate,
    createdTo: optionalDate,
    lastDays: optionalNumber(z.number().int().min(1).max(366)),
    "channels[]": z.array(z.enum(CHANNELS)).default([]),
    "teamIds[]": z.array(z.coerce.number().int()).default([]),
    "agentIds[]": z.array(z.coerce.number().int()).default([]),
    "statuses[]": z.array(z.enum(CONVERSATION_STATUSES)).default([]),
    "languages[]": z.array(z.enum(["es", "en", "other"])).default([]),
    tags: z.string().default(""),
    csatMin: optionalNumber(z.number().int().min(1).max(5)),
    csatMax: optionalNumber(z.number().int().min(1).max(5)),
    messagesMin: optionalNumber(z.number().int().min(0)),
    messagesMax: optionalNumber(z.number().int().min(0)),
    onlyWithAgentReply: z.literal("on").optional(),
    onlyFrustrated: z.literal("on").optional(),
    /** Minimum frustration score in percent, as the frustrated customers page shows it. */
    frustrationMinPercent: optionalNumber(z.number().min(0).max(100)),
    responseBreach: z.preprocess((value) => (value === "" ? undefined : value), z.enum(["first", "any"]).optional()),
    sizeKind: z.enum(["total", "perGroup", "percentage"]),
    sizeValue: z.coerce.number().positive(),
    allocation: z.enum(["proportional", "equal", "neyman"]),
    oversamplingFactor: optionalNumber(z.number().min(1).max(20)),
    "oversamplingFlags[]": z.array(z.enum(OVERSAMPLING_FLAGS)).default([]),
    spreadBucket: z.preprocess(blankToUndefined, z.enum(SPREAD_BUCKETS).optional()),
    spreadMode: z.enum(SPREAD_MODES).default("equal"),
    seed: z.string().trim().min(1).max(200),
    "reviewerIds[]": z.array(z.string().min(1)).default([]),
    capPerReviewer: optionalNumber(z.number().int().min(1)),
    dueDays: z.coerce.number().int().min(0).max(90),
    targetMargin: z.coerce.number().gt(0).max(50),
  })
  .refine((form) => (form.sizeKind === "percentage" ? form.sizeValue <= 100 : Number.isInteger(form.sizeValue)), {
    path: ["sizeValue"],
    message: "Out of range",
  })
  .refine((form) => form.oversamplingFactor === undefined || form["oversamplingFlags[]"].length > 0, {
    path: ["oversamplingFlags[]"],
    message: "sampling.errors.flagsNeeded",
  })
  .refine((form) => form.spreadBucket === undefined || form.lastDays !== undefined || form.createdFrom !== undefined, {
    path: ["spreadBucket"],
    message: "sampling.errors.spreadNeedsPeriod",
  });
export type RuleForm = z.infer<typeof ruleFormSchema>;

export function definitionFromForm(form: RuleForm): SamplingRuleDefinition {
  const size: SamplingRuleDefinition["size"] =
    form.sizeKind === "total"
      ? { kind: "total", total: form.sizeValue }
      : form.sizeKind === "perGroup"
        ? { kind: "perGroup", perGroup: form.sizeValue }
        : { kind: "percentage", percent: form.sizeValue };
  return {
    filters: {
      createdFrom: form.createdFrom,
      createdTo: form.createdTo,
      lastDays: form.lastDays,
      channels: form["channels[]"],
      teamIds: form["teamIds[]"],
      agentIds: form["agentIds[]"],
      statuses: form["statuses[]"],
      languages: form["languages[]"],
      tags: form.tags
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
      csatMin: form.csatMin,
      csatMax: form.csatMax,
      messagesMin: form.messagesMin,
      messagesMax: form.messagesMax,
      onlyWithAgentReply: form.onlyWithAgentReply === "on",
      onlyFrustrated: form.onlyFrustrated === "on",
      frustrationMin: form.frustrationMinPercent === undefined ? undefined : form.frustrationMinPercent / 100,
      responseBreach: form.responseBreach,
    },
    size,
    allocation: form.allocation,
    oversamplingFactor: form.oversamplingFactor ?? null,
    // Without oversampling the flags do nothing; keep a complete set so that turning it on later starts from all.
    oversamplingFlags: form["oversamplingFlags[]"].length ? form["oversamplingFlags[]"] : [...OVERSAMPLING_FLAGS],
    spread: form.spreadBucket ? { bucket: form.spreadBucket, mode: form.spreadMode } : null,
    seed: form.seed,
    reviewerIds: form["reviewerIds[]"],
    capPerReviewer: form.capPerReviewer ?? null,
    dueDays: form.dueDays,
    targetMargin: form.targetMargin,
  };
}

export function sizeValueOf(size: SamplingRuleDefinition["size"]): number {
  return size.kind === "total" ? size.total : size.kind === "perGroup" ? size.perGroup : size.percent;
}

/** A new rule's starting point: 10 reviews per agent over the last 7 days, proportional, ±6 target, no spreading. */
export function defaultDefinition(seed: string): SamplingRuleDefinition {
  return {
    filters: {
      lastDays: 7,
      channels: [],
      teamIds: [],
      agentIds: [],
      statuses: [],
      languages: [],
      tags: [],
      onlyWithAgentReply: true,
      onlyFrustrated: false,
    },
    size: { kind: "perGroup", perGroup: 10 },
    allocation: "proportional",
    oversamplingFactor: null,
    oversamplingFlags: [...OVERSAMPLING_FLAGS],
    spread: null,
    seed,
    reviewerIds: [],
    capPerReviewer: null,
    dueDays: 7,
    targetMargin: 6,
  };
}
