/**
 * Whether a viewer may see the others' ratings and the agreement results of a session.
 *
 * Blind sessions keep each participant from anchoring on the others: a participant sees the results only once
 * they submitted every conversation of the session, or once it is closed. That holds for a lead or admin who
 * takes part too (a reference reviewer who peeked would no longer be a reference). Someone who runs the session
 * without rating in it may watch the results grow. A session that is not blind shows them to everyone in it.
 */
export function mayViewResults(session: {
  canManage: boolean;
  isParticipant: boolean;
  blind: boolean;
  status: "open" | "closed";
  /** Conversations of the session the viewer has submitted. */
  mySubmitted: number;
  conversationCount: number;
}): boolean {
  if (session.status === "closed" || !session.blind) return true;
  if (session.isParticipant) return session.conversationCount > 0 && session.mySubmitted >= session.conversationCount;
  return session.canManage;
}
