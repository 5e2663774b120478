import type { Database } from "../../db/client";
import { getConversation } from "../../db/queries/conversations";
import { findReviewFor, getReviewSettings } from "../../db/queries/reviews";
import type { ConversationScope } from "../../db/queries/scope";
import { applicableScorecardVersion, getScorecardVersion } from "../../db/queries/scorecards";
import { type SessionUser, conversationScope } from "../auth/guards.server";
import { reviewPermission } from "./permissions";

/**
 * Everything the review page and its actions need to know before doing anything: the conversation
 * (within what the user may see), whether they may review it and as which kind, their own review if
 * they started one, and the scorecard version it uses.
 */
export async function loadReviewContext(db: Database, user: SessionUser, conversationId: number) {
  const settings = await getReviewSettings(db);
  // Peer reviewers read their teammates' conversations through the review page only.
  const scope: ConversationScope =
    user.role === "agent" && settings.peerReview ? { kind: "teams", teamIds: user.teamIds } : conversationScope(user);
  const [found, existing] = await Promise.all([
    getConversation(db, { id: conversationId, scope }),
    findReviewFor(db, { conversationId, reviewerId: user.id }),
  ]);
  if (!found) throw new Response("Not found", { status: 404 });
  const permission = reviewPermission(user, { agentId: found.conversation.agentId, teamId: found.conversation.teamId }, settings);
  // The author of an existing review may always come back to it (to finish or to edit it).
  if (!permission.allowed && !existing) throw new Response(permission.reason, { status: 403 });
  const version = existing
    ? await getScorecardVersion(db, existing.scorecardVersionId)
    : await applicableScorecardVersion(db, found.conversation);
  return { ...found, settings, scope, permission, review: existing, version };
}

export type ReviewContext = Awaited<ReturnType<typeof loadReviewContext>>;
