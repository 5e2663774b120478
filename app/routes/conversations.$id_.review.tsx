import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "../../db/client";
import { nextCalibrationItem } from "../../db/queries/calibration";
import { sentimentsByMessage } from "../../db/queries/predictions";
import { customerHistory } from "../../db/queries/conversations";
import {
  addHighlight,
  changeDraftScorecard,
  deleteDraft,
  deleteHighlight,
  listHighlights,
  nextAssignment,
  saveDraft,
  startReview,
  submitReview,
  updateHighlightNote,
} from "../../db/queries/reviews";
import { getScorecardVersion, listPublishedScorecards } from "../../db/queries/scorecards";
import { HIGHLIGHT_KINDS } from "../../scoring/domain";
import { checkRatings, reviewContentSchema } from "../../scoring/rubric";
import { suggestionsForReview } from "../autoqa/suggestions.server";
import { requireUser } from "../auth/guards.server";
import { ReviewWorkspace } from "../components/review/ReviewWorkspace";
import { resolveLocale } from "../locale.server";
import { replyTimingsFor } from "../reply-timings.server";
import { type ReviewContext, loadReviewContext } from "../reviews/context.server";
import { parseFormData } from "../validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Calidad QA · ${data?.conversation.subject ?? `#${data?.conversation.id ?? ""}`}` },
];

const conversationIdSchema = z.coerce.number().int().positive();

function conversationIdOf(params: LoaderFunctionArgs["params"]): number {
  const id = conversationIdSchema.safeParse(params.id);
  if (!id.success) throw new Response("Not found", { status: 404 });
  return id.data;
}

/** `?calibration=<session id>`: the page reviews the conversation as an item of that calibration session. */
function calibrationSessionIdOf(request: Request): number | undefined {
  const value = new URL(request.url).searchParams.get("calibration");
  if (value === null) return undefined;
  const id = conversationIdSchema.safeParse(value);
  if (!id.success) throw new Response("Not found", { status: 404 });
  return id.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const conversationId = conversationIdOf(params);
  const db = await getDb();
  const context = await loadReviewContext(db, user, conversationId, calibrationSessionIdOf(request));
  const { conversation, messages, review, version, permission, scope, calibration } = context;
  const [history, highlights, next, scorecardOptions, sentiments] = await Promise.all([
    conversation.customerId ? customerHistory(db, { customerId: conversation.customerId, excludeId: conversationId, scope }) : [],
    review ? listHighlights(db, review.id) : [],
    calibration
      ? nextCalibrationItem(db, { sessionId: calibration.sessionId, reviewerId: user.id, after: conversationId })
      : nextAssignment(db, { reviewerId: user.id, after: conversationId }),
    // A calibration session pins its scorecard version.
    review?.status === "submitted" || calibration ? [] : listPublishedScorecards(db),
    sentimentsByMessage(
      db,
      messages.map((message) => message.id),
    ),
  ]);
  const autoQa =
    version && (review !== null || permission.allowed)
      ? await suggestionsForReview(db, { conversation, messages, version, sentiments })
      : {};
  return {
    conversation,
    messages,
    history,
    autoQa,
    replyTimings: replyTimingsFor(messages, conversation),
    sentiments,
    review: review
      ? {
          id: review.id,
          status: review.status,
          kind: review.kind,
          content: review.content,
          score: review.score,
          submittedAt: review.submittedAt,
          updatedAt: review.updatedAt,
        }
      : null,
    kind: review?.kind ?? (permission.allowed ? permission.kind : "standard"),
    version: version ? { id: version.id, name: version.scorecardName, version: version.version, definition: version.definition } : null,
    scorecardOptions,
    highlights,
    nextConversationId: next?.conversationId ?? null,
    calibration,
  };
}

// Autosaves change nothing the page shows; reloading the transcript after each one would be waste.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "save" ? false : defaultShouldRevalidate;

const contentField = z
  .string()
  .max(200_000)
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: "custom", message: "invalid JSON" });
      return z.NEVER;
    }
  })
  .pipe(reviewContentSchema);

const optionalOffset = z.union([z.literal("").transform(() => null), z.coerce.number().int().min(0)]).optional();
const highlightId = z.coerce.number().int().positive();

export const reviewActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), content: contentField }),
  z.object({ intent: z.literal("submit"), content: contentField }),
  z.object({ intent: z.literal("scorecard"), versionId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal("highlight"),
    messageId: z.coerce.number().int().positive(),
    kind: z.enum(HIGHLIGHT_KINDS),
    spanStart: optionalOffset,
    spanEnd: optionalOffset,
    note: z.string().max(2000).optional(),
  }),
  z.object({ intent: z.literal("highlightNote"), highlightId, note: z.string().max(2000), kind: z.enum(HIGHLIGHT_KINDS).optional() }),
  z.object({ intent: z.literal("unhighlight"), highlightId }),
  z.object({ intent: z.literal("discard") }),
]);

/** The user's review of this conversation, started on the applicable scorecard if they had none. */
async function ensureReview(context: ReviewContext, userId: string, versionId?: number) {
  if (context.review) return context.review;
  const scorecardVersionId = versionId ?? context.version?.id;
  if (!context.permission.allowed || scorecardVersionId === undefined) throw new Response("Cannot start a review", { status: 403 });
  const db = await getDb();
  return startReview(db, {
    conversationId: context.conversation.id,
    reviewerId: userId,
    agentId: context.conversation.agentId,
    scorecardVersionId,
    kind: context.permission.kind,
    calibrationSessionId: context.calibration?.sessionId ?? null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const conversationId = conversationIdOf(params);
  const db = await getDb();
  const context = await loadReviewContext(db, user, conversationId, calibrationSessionIdOf(request));
  const parsed = parseFormData(reviewActionSchema, await request.formData(), resolveLocale(request, user.locale));
  if (!parsed.ok) return data({ ok: false as const, intent: null, reason: "invalid" as const, errors: parsed.errors }, { status: 400 });
  const input = parsed.data;
  switch (input.intent) {
    case "save":
    case "submit": {
      if (!context.version) throw new Response("No scorecard", { status: 409 });
      const ratingIssues = checkRatings(context.version.definition, input.content.ratings);
      if (ratingIssues.length > 0)
        return data({ ok: false as const, intent: input.intent, reason: "invalid" as const, issues: ratingIssues }, { status: 400 });
      // A closed session takes no more ratings; a submitted calibration review is final.
      if (context.calibration?.locked) return { ok: false as const, intent: input.intent, reason: "locked" as const, issues: [] };
      const review = await ensureReview(context, user.id);
      if (input.intent === "save") {
        if (review.status === "submitted") return { ok: false as const, intent: input.intent, reason: "submitted" as const };
        const saved = await saveDraft(db, { reviewId: review.id, content: input.content });
        return { ok: true as const, intent: input.intent, savedAt: saved?.updatedAt ?? null };
      }
      const result = await submitReview(db, { reviewId: review.id, actorId: user.id, content: input.content });
      if (!result.ok)
        return { ok: false as const, intent: input.intent, reason: result.reason, issues: "issues" in result ? result.issues : [] };
      return {
        ok: true as const,
        intent: input.intent,
        score: result.score,
        autoFailed: result.autoFailed,
        edited: review.status === "submitted",
      };
    }
    case "scorecard": {
      if (context.calibration) return { ok: false as const, intent: input.intent, reason: "calibration" as const };
      const version = await getScorecardVersion(db, input.versionId);
      if (!version) throw new Response("Unknown scorecard version", { status: 400 });
      if (!context.review) {
        await ensureReview(context, user.id, version.id);
      } else if (context.review.status !== "draft" || Object.keys(context.review.content.ratings).length > 0) {
        return { ok: false as const, intent: input.intent, reason: "already_rated" as const };
      } else {
        await changeDraftScorecard(db, { reviewId: context.review.id, scorecardVersionId: version.id });
      }
      return { ok: true as const, intent: input.intent };
    }
    case "highlight": {
      const review = await ensureReview(context, user.id);
      const result = await addHighlight(db, {
        reviewId: review.id,
        messageId: input.messageId,
        kind: input.kind,
        spanStart: input.spanStart,
        spanEnd: input.spanEnd,
        note: input.note,
        actorId: user.id,
      });
      if (!result.ok) return data({ ok: false as const, intent: input.intent, reason: result.reason }, { status: 400 });
      return { ok: true as const, intent: input.intent, highlightId: result.id };
    }
    case "highlightNote":
    case "unhighlight": {
      if (!context.review) throw new Response("Not found", { status: 404 });
      const changed =
        input.intent === "unhighlight"
          ? await deleteHighlight(db, { reviewId: context.review.id, highlightId: input.highlightId, actorId: user.id })
          : await updateHighlightNote(db, {
              reviewId: context.review.id,
              highlightId: input.highlightId,
              note: input.note,
              kind: input.kind,
              actorId: user.id,
            });
      if (!changed) throw new Response("Not found", { status: 404 });
      return { ok: true as const, intent: input.intent };
    }
    case "discard": {
      if (!context.review || !(await deleteDraft(db, context.review.id))) throw new Response("Not found", { status: 404 });
      return { ok: true as const, intent: input.intent };
    }
  }
}

export default function ReviewPage() {
  const loaded = useLoaderData<typeof loader>();
  // A new scorecard (or another conversation) starts a fresh form; anything else keeps what the reviewer typed.
  return <ReviewWorkspace key={`${loaded.conversation.id}-${loaded.version?.id ?? "none"}`} data={loaded} />;
}

export type ReviewLoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
export type ReviewAction = typeof action;
