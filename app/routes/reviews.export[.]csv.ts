import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { getReviewSettings, listReviews } from "../../db/queries/reviews";
import { conversationScope, requireUser } from "../auth/guards.server";
import { toCsv } from "../csv";
import { parseReviewFilters } from "../reviews/filters.server";
import { visibleReviewerName } from "../reviews/visibility";

const HEADER = [
  "review_id",
  "submitted_at",
  "conversation_id",
  "subject",
  "channel",
  "team",
  "agent",
  "reviewer",
  "kind",
  "scorecard",
  "scorecard_version",
  "score",
  "auto_failed",
  "highlights",
] as const;

/** The reviews list as CSV, with the same filters and the same scope: leads their teams, agents their own reviews. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { filters } = parseReviewFilters(new URL(request.url));
  const db = await getDb();
  const [{ reviews }, settings] = await Promise.all([
    listReviews(db, { scope: conversationScope(user), viewerId: user.id, filters, limit: null }),
    getReviewSettings(db),
  ]);
  const rows = reviews.map((review) => [
    review.id,
    review.submittedAt,
    review.conversationId,
    review.subject,
    review.channel,
    review.teamName,
    review.agentName,
    visibleReviewerName(user, review, settings) ?? "",
    review.kind,
    review.scorecardName,
    review.scorecardVersion,
    review.score,
    review.autoFailed,
    review.highlightCount,
  ]);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(toCsv(HEADER, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="reviews-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
