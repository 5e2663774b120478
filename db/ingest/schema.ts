import { z } from "zod";
import { AUTHOR_ROLES, CHANNELS, CONVERSATION_STATUSES } from "../schema/enums";

/**
 * The canonical shape of an incoming conversation, whatever it came from (CSV, JSONL, the ingest API,
 * a helpdesk connector). Every path validates with these schemas before anything is written, and the
 * OpenAPI document of the ingest API is generated from them.
 */

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : undefined));

/** ISO 8601 with a zone; file parsers turn their local date formats into this first. */
export const timestampSchema = z.iso
  .datetime({ offset: true, message: "not an ISO 8601 date-time with a time zone" })
  .meta({ description: "ISO 8601 with a time zone, e.g. 2026-03-02T09:15:00Z" })
  .transform((value) => new Date(value));

export const sourceSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, "lowercase letters, digits, '.', '_' or '-'")
  .meta({ description: "Where the conversation comes from, e.g. zendesk, csv, crm. With externalId it identifies the conversation." });

export const externalIdSchema = trimmed(200).meta({ description: "The conversation's id in its source." });

export const agentRefSchema = z
  .object({
    externalId: optionalText(200).meta({ description: "The agent's id in the source (kept as an identity, so email and id refer to one agent)." }),
    email: z.email().max(254).nullish().transform((value) => value?.toLowerCase() ?? undefined),
    name: optionalText(200),
  })
  .refine((agent) => agent.externalId || agent.email || agent.name, "an agent needs an externalId, an email or a name")
  .meta({ id: "AgentRef" });

export const customerRefSchema = z
  .object({
    externalId: optionalText(200),
    name: optionalText(200),
    email: z.email().max(254).nullish().transform((value) => value?.toLowerCase() ?? undefined),
    phone: optionalText(64),
    handle: optionalText(200),
  })
  .meta({ id: "CustomerRef" });

export const incomingMessageSchema = z
  .object({
    externalId: optionalText(200).meta({ description: "The message's id in the source; without it messages are matched by position." }),
    authorRole: z.enum(AUTHOR_ROLES),
    authorName: optionalText(200),
    /** Who wrote an agent message when it was not the conversation's agent. */
    agent: agentRefSchema.optional(),
    sentAt: timestampSchema,
    body: z.string().max(100_000).transform((body) => body.replaceAll("\u0000", "").trim()).pipe(z.string().min(1, "empty message body")),
  })
  .meta({ id: "IncomingMessage" });

export const incomingConversationSchema = z
  .object({
    source: sourceSchema,
    externalId: externalIdSchema,
    channel: z.enum(CHANNELS),
    subject: optionalText(1000),
    status: z.enum(CONVERSATION_STATUSES).default("open"),
    language: z.enum(["es", "en", "other"]).optional().meta({ description: "Detected from the text when not given." }),
    createdAt: timestampSchema,
    firstResponseAt: timestampSchema.optional(),
    resolvedAt: timestampSchema.optional(),
    agent: agentRefSchema.optional(),
    team: optionalText(200).meta({ description: "Team name; unknown teams are created." }),
    customer: customerRefSchema.optional(),
    csat: z.number().int().min(1).max(5).optional(),
    tags: z.array(trimmed(100)).max(100).default([]),
    reopenCount: z.number().int().min(0).default(0),
    messages: z.array(incomingMessageSchema).min(1, "a conversation needs at least one message").max(5000),
  })
  .superRefine((conversation, context) => {
    const seen = new Set<string>();
    conversation.messages.forEach((message, index) => {
      if (!message.externalId) return;
      if (seen.has(message.externalId)) {
        context.addIssue({ code: "custom", path: ["messages", index, "externalId"], message: `duplicate message id ${message.externalId}` });
      }
      seen.add(message.externalId);
    });
  })
  .meta({ id: "IncomingConversation" });

export type IncomingConversationInput = z.input<typeof incomingConversationSchema>;
export type IncomingConversation = z.output<typeof incomingConversationSchema>;
export type IncomingMessage = z.output<typeof incomingMessageSchema>;
export type AgentRef = z.output<typeof agentRefSchema>;
export type CustomerRef = z.output<typeof customerRefSchema>;

export interface FieldProblem {
  field: string;
  reason: string;
}

/** zod issues as field + reason pairs, the shape every rejection report uses. */
export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "(row)", reason: issue.message }));
}
