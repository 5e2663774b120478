import { z } from "zod";

export const MAX_CALIBRATION_CONVERSATIONS = 50;

/**
 * Conversation ids pasted by a lead: numbers, "#123", or links to conversation pages, separated by spaces,
 * commas, semicolons or new lines. Unreadable pieces come back in `invalid` so the form can name them.
 */
export function parseConversationIds(text: string): { ids: number[]; invalid: string[] } {
  const ids: number[] = [];
  const invalid: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const match = /^#?(\d{1,15})$/.exec(token) ?? /\/conversations\/(\d{1,15})(?:[/?#]|$)/.exec(token);
    const id = match ? Number(match[1]) : Number.NaN;
    if (Number.isSafeInteger(id) && id > 0) {
      if (!ids.includes(id)) ids.push(id);
    } else {
      invalid.push(token);
    }
  }
  return { ids, invalid };
}

const emptyToNull = (value: unknown) => (value === "" || value === undefined ? null : value);

export const createSessionSchema = z.object({
  intent: z.literal("create"),
  name: z.string().trim().min(1).max(120),
  scorecardVersionId: z.coerce.number().int().positive(),
  teamId: z.preprocess(emptyToNull, z.coerce.number().int().positive().nullable()),
  "reviewerIds[]": z.array(z.string().min(1).max(100)).max(50).default([]),
  referenceReviewerId: z.preprocess(emptyToNull, z.string().min(1).max(100).nullable()),
  dueDate: z.preprocess(emptyToNull, z.iso.date().nullable()),
  blind: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
  conversationIds: z.string().max(20_000).default(""),
  randomCount: z.preprocess(
    (value) => (value === "" || value === undefined ? 0 : value),
    z.coerce.number().int().min(0).max(MAX_CALIBRATION_CONVERSATIONS),
  ),
});

export type CreateSessionForm = z.infer<typeof createSessionSchema>;

/** A due date is the end of that day (UTC). */
export function dueAtOf(date: string | null): Date | null {
  return date === null ? null : new Date(`${date}T23:59:59.999Z`);
}
