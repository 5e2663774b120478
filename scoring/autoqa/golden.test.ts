import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AUTHOR_ROLES, CHANNELS, CONVERSATION_STATUSES } from "../domain";
import { type Scale, scaleSchema } from "../rubric";
import { mergeSlaTargets, slaTargetOverridesSchema } from "../sla";
import { AUTOQA_FEATURES } from "./features";
import { suggestForCriterion } from "./suggest";
import type { AutoQaEvidence, AutoQaMessage } from "./types";

/**
 * Golden cases: a conversation, a criterion linked to a feature, and the rating and evidence a reviewer
 * should be offered, worked out by hand (see each case's `why`). Messages are [role, seconds after the
 * start, body]; message ids are their position, from 1. Evidence is written compactly:
 * - a phrase: `signal:text`, e.g. `greeting:Hola`;
 * - a whole message: `signal@id`, e.g. `no_greeting@2`;
 * - a wait: `turn elapsed/target met|late`, in seconds, e.g. `first 20/30 met`, `reply 140/30 late pending`.
 */
const START = Date.parse("2026-03-02T10:00:00Z");

const scaleShorthand = z.union([z.enum(["binary", "three-point", "four-point", "five-point"]), scaleSchema]);

const goldenCaseSchema = z.strictObject({
  name: z.string().min(1),
  feature: z.enum(AUTOQA_FEATURES),
  scale: scaleShorthand,
  naAllowed: z.boolean().default(false),
  conversation: z.strictObject({
    channel: z.enum(CHANNELS),
    language: z.string().nullable(),
    status: z.enum(CONVERSATION_STATUSES).default("solved"),
    customerName: z.string().nullable().default("Marta Gil"),
    asOfSeconds: z.number().optional(),
    targets: slaTargetOverridesSchema.optional(),
    messages: z.array(z.tuple([z.enum(AUTHOR_ROLES), z.number(), z.string()])),
    sentiments: z.record(z.string(), z.enum(["negative", "neutral", "positive"])).optional(),
  }),
  expected: z.strictObject({
    /** null: no suggestion. */
    rating: z.union([z.number(), z.literal("na"), z.null()]),
    reason: z.string(),
    evidence: z.array(z.string()),
  }),
  why: z.string().min(10),
});

const goldenFileSchema = z.strictObject({ description: z.string().min(1), cases: z.array(goldenCaseSchema).min(1) });

function toScale(shorthand: z.infer<typeof scaleShorthand>): Scale {
  if (typeof shorthand !== "string") return shorthand;
  const count = { binary: 2, "three-point": 3, "four-point": 4, "five-point": 5 }[shorthand];
  if (shorthand === "binary") return { kind: "binary", failLabel: "No", passLabel: "Yes" };
  return { kind: shorthand, labels: Array.from({ length: count }, (_, index) => `Point ${index + 1}`) } as Scale;
}

function describeEvidence(item: AutoQaEvidence): string {
  switch (item.kind) {
    case "phrase":
      return `${item.signal}:${item.text}`;
    case "message":
      return `${item.signal}@${item.messageId}`;
    case "response_time":
      return `${item.turn} ${item.elapsedMs / 1000}/${item.targetMs / 1000} ${item.met ? "met" : "late"}${item.pending ? " pending" : ""}`;
  }
}

const directory = new URL("./golden/", import.meta.url);
const files = readdirSync(directory).filter((file) => file.endsWith(".json"));

describe.each(files)("AutoQA golden cases %s", (file) => {
  const golden = goldenFileSchema.parse(JSON.parse(readFileSync(new URL(file, directory), "utf8")));
  it.each(golden.cases.map((goldenCase) => [goldenCase.name, goldenCase] as const))("%s", (_name, goldenCase) => {
    const { conversation } = goldenCase;
    const messages: AutoQaMessage[] = conversation.messages.map(([authorRole, seconds, body], index) => ({
      id: index + 1,
      authorRole,
      sentAt: new Date(START + seconds * 1000),
      body,
      sentiment: conversation.sentiments?.[String(index + 1)] ?? null,
    }));
    const result = suggestForCriterion(
      { id: "criterion", scale: toScale(goldenCase.scale), naAllowed: goldenCase.naAllowed, autoQaFeature: goldenCase.feature },
      {
        channel: conversation.channel,
        language: conversation.language,
        status: conversation.status,
        customerName: conversation.customerName,
        resolvedAt: null,
        messages,
      },
      {
        targets: conversation.targets ? mergeSlaTargets(conversation.targets) : undefined,
        asOf: conversation.asOfSeconds === undefined ? null : new Date(START + conversation.asOfSeconds * 1000),
      },
    );
    expect(result).not.toBeNull();
    if (result === null) return;
    for (const item of result.evidence) {
      if (item.kind === "phrase") expect(messages[item.messageId - 1].body.slice(item.start, item.end)).toBe(item.text);
    }
    expect({
      rating: result.status === "suggested" ? result.rating : null,
      reason: result.reason,
      evidence: result.evidence.map(describeEvidence),
    }).toEqual(goldenCase.expected);
  });
});
