import { readFileSync } from "node:fs";
import { z } from "zod";
import { AUTHOR_ROLES, CHANNELS } from "../sla";
import { LANGUAGES } from "../tone";
import type { FrustrationConversation, FrustrationOptions } from "./types";

const sentimentLabel = z.enum(["negative", "neutral", "positive"]);
const probability = z.number().min(0).max(1);
const isoDate = z.iso.datetime().transform((value) => new Date(value));

const goldenConversationSchema = z.strictObject({
  id: z.string().regex(/^(es|en|res|ren|hes|hen)-\d{3}$/),
  language: z.enum(LANGUAGES),
  channel: z.enum(CHANNELS),
  /** The label: would a reviewer reading the whole conversation call this customer frustrated? */
  frustrated: z.boolean(),
  /** Why, in a line, so a reviewer can disagree with the label rather than guess at it. */
  why: z.string().min(10),
  subject: z.string().optional(),
  topicHint: z.string().optional(),
  asOf: isoDate.optional(),
  previousContacts: z
    .array(
      z.strictObject({
        channel: z.enum(CHANNELS),
        createdAt: isoDate,
        topicHint: z.string().optional(),
        subject: z.string().optional(),
      }),
    )
    .optional(),
  messages: z
    .array(
      z.strictObject({
        authorRole: z.enum(AUTHOR_ROLES),
        sentAt: isoDate,
        body: z.string().min(1),
        sentiment: z
          .strictObject({ label: sentimentLabel, score: probability, scores: z.partialRecord(sentimentLabel, probability) })
          .optional(),
      }),
    )
    .min(1),
});

export interface GoldenConversation {
  id: string;
  frustrated: boolean;
  why: string;
  conversation: FrustrationConversation;
  options: FrustrationOptions;
}

/** Reads a golden JSONL file (one conversation a line), validating every line. */
export function readGoldenConversations(url: URL): GoldenConversation[] {
  const lines = readFileSync(url, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0);
  return lines.map((line, index) => {
    const parsed = goldenConversationSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${url.pathname}:${index + 1}: ${parsed.error.message}`);
    const { id, frustrated, why, language, channel, subject, topicHint, messages, previousContacts, asOf } = parsed.data;
    return {
      id,
      frustrated,
      why,
      conversation: { language, channel, subject, topicHint, messages },
      options: { previousContacts, asOf },
    };
  });
}

export interface FlagQuality {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export function flagQuality(outcomes: readonly { expected: boolean; flagged: boolean }[]): FlagQuality {
  const count = (expected: boolean, flagged: boolean) =>
    outcomes.filter((outcome) => outcome.expected === expected && outcome.flagged === flagged).length;
  const truePositives = count(true, true);
  const falsePositives = count(false, true);
  const falseNegatives = count(true, false);
  const trueNegatives = count(false, false);
  const precision = truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 0 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, trueNegatives, precision, recall, f1 };
}
