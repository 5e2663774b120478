import type { Database } from "../../db/client";
import { calibrationItem } from "../../db/queries/calibration";
import { getConversation } from "../../db/queries/conversations";
import { findReviewFor, getReviewSettings } from "../../db/queries/reviews";
import type { ConversationScope } from "../../db/queries/scope";
import { applicableScorecardVersion, getScorecardVersion } from "../../db/queries/scorecards";
import { type SessionUser, conversationScope } from "../auth/guards.server";
import { REVIEWER_ROLES, type ReviewPermission, reviewPermission } from "./permissions";

/**
 * Everything the review page and its actions need to know before doing anything: the conversation
 * (within what the user may see), whether they may review it and as which kind, their own review if
 * they started one, and the scorecard version it uses. With a calibration session id, the same for the
 * user's calibration review of the conversation in that session.
 */
export async function loadReviewContext(db: Database, user: SessionUser, conversationId: number, calibrationSessionId?: number) {
  if (calibrationSessionId !== undefined) return loadCalibrationContext(db, user, conversationId, calibrationSessionId);
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
  return { ...found, settings, scope, permission, review: existing, version, calibration: null };
}

/**
 * A calibration item: taking part in the session is what gives access to its conversations (a lead may be asked
 * to rate another team's), the version is the session's, and no rating is taken once the session is closed.
 */
async function loadCalibrationContext(db: Database, user: SessionUser, conversationId: number, sessionId: number) {
  if (!REVIEWER_ROLES.includes(user.role)) throw new Response("role", { status: 403 });
  const item = await calibrationItem(db, { sessionId, conversationId, reviewerId: user.id });
  if (!item) throw new Response("Not found", { status: 404 });
  const [settings, found, existing, version] = await Promise.all([
    getReviewSettings(db),
    getConversation(db, { id: conversationId, scope: { kind: "all" } }),
    findReviewFor(db, { conversationId, reviewerId: user.id, calibrationSessionId: sessionId }),
    getScorecardVersion(db, item.scorecardVersionId),
  ]);
  if (!found) throw new Response("Not found", { status: 404 });
  const own = user.agentId !== null && found.conversation.agentId === user.agentId;
  const permission: ReviewPermission = own
    ? { allowed: false, reason: "own_conversation" }
    : item.status === "open"
      ? { allowed: true, kind: "standard" }
      : { allowed: false, reason: "calibration_closed" };
  if (!permission.allowed && !existing) throw new Response(permission.reason, { status: 403 });
  const locked = item.status !== "open" || existing?.status === "submitted";
  return {
    ...found,
    settings,
    scope: conversationScope(user),
    permission,
    review: existing,
    version,
    calibration: { sessionId: item.id, name: item.name, status: item.status, blind: item.blind, locked },
  };
}

export type ReviewContext = Awaited<ReturnType<typeof loadReviewContext>>;
