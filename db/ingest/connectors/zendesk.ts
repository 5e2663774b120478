import type { Channel, ConversationStatus } from "../../schema/enums";
import { htmlToText } from "../files/html";
import { requestJson } from "./http";
import { type PullContext, type PulledPage, type PulledRecord, idString, isRecord } from "./types";

/** Zendesk `via.channel` (string form, or the numeric via id) onto our channels. */
export function zendeskChannel(channel: unknown): Channel {
  const byId: Record<number, Channel> = { 0: "web_form", 4: "email", 5: "web_form", 29: "chat", 44: "phone", 45: "phone", 46: "phone" };
  if (typeof channel === "number") return byId[channel] ?? "web_form";
  switch (String(channel ?? "").toLowerCase()) {
    case "email":
    case "mail":
      return "email";
    case "chat":
    case "chat_transcript":
    case "native_messaging":
    case "messaging":
    case "web_widget":
    case "mobile_sdk":
    case "mobile":
    case "any_channel":
      return "chat";
    case "voice":
    case "phone":
    case "voicemail":
      return "phone";
    case "twitter":
    case "twitter_dm":
      return "twitter";
    case "facebook":
    case "facebook_messenger":
      return "facebook";
    case "instagram":
    case "instagram_dm":
      return "instagram";
    case "whatsapp":
      return "whatsapp";
    case "sms":
    case "text":
      return "sms";
    default:
      return "web_form";
  }
}

export function zendeskStatus(status: unknown): ConversationStatus {
  const map: Record<string, ConversationStatus> = { new: "new", open: "open", pending: "pending", hold: "on_hold", solved: "solved", closed: "closed" };
  return map[String(status)] ?? "open";
}

interface ZendeskUser {
  id: number;
  name?: string;
  email?: string | null;
  role?: string;
}

/** A ticket with its comments onto our canonical conversation (validated later with the shared zod schema). */
export function mapZendeskTicket(ticket: Record<string, unknown>, comments: Record<string, unknown>[], users: Map<string, ZendeskUser>): unknown {
  const ticketId = idString(ticket.id)!;
  const requesterId = idString(ticket.requester_id);
  const assigneeId = idString(ticket.assignee_id);
  const requester = requesterId ? users.get(requesterId) : undefined;
  const assignee = assigneeId ? users.get(assigneeId) : undefined;
  const rating = isRecord(ticket.satisfaction_rating) ? ticket.satisfaction_rating.score : undefined;
  return {
    source: "zendesk",
    externalId: ticketId,
    channel: zendeskChannel(isRecord(ticket.via) ? ticket.via.channel : undefined),
    subject: typeof ticket.subject === "string" ? ticket.subject : undefined,
    status: zendeskStatus(ticket.status),
    createdAt: ticket.created_at,
    agent: assigneeId ? { externalId: assigneeId, email: assignee?.email ?? undefined, name: assignee?.name } : undefined,
    customer: requesterId ? { externalId: requesterId, name: requester?.name, email: requester?.email ?? undefined } : undefined,
    // Zendesk ratings are good/bad: the ends of our 1-5 scale.
    csat: rating === "good" ? 5 : rating === "bad" ? 1 : undefined,
    tags: Array.isArray(ticket.tags) ? ticket.tags.filter((tag): tag is string => typeof tag === "string") : [],
    messages: comments.map((comment) => {
      const authorId = idString(comment.author_id);
      const author = authorId ? users.get(authorId) : undefined;
      const role =
        comment.public === false
          ? "note"
          : authorId === requesterId || author?.role === "end-user"
            ? "customer"
            : author?.role === "agent" || author?.role === "admin"
              ? "agent"
              : authorId && Number(authorId) < 0
                ? "system"
                : "agent";
      return {
        externalId: idString(comment.id),
        authorRole: role,
        authorName: author?.name,
        agent: role === "agent" || role === "note" ? (authorId ? { externalId: authorId, email: author?.email ?? undefined, name: author?.name } : undefined) : undefined,
        sentAt: comment.created_at,
        body: typeof comment.plain_body === "string" ? comment.plain_body : htmlToText(String(comment.html_body ?? comment.body ?? "")),
      };
    }),
  };
}

function basicAuth(context: PullContext): Record<string, string> {
  const { email, apiToken } = context.credentials;
  return { Authorization: `Basic ${Buffer.from(`${email}/token:${apiToken}`).toString("base64")}` };
}

/**
 * Incremental ticket export (cursor based) and the comments of each ticket. The cursor saved after each page
 * is Zendesk's `after_cursor`; the first run starts at `start_time` (0: the whole history).
 */
export async function* pullZendesk(context: PullContext): AsyncGenerator<PulledPage> {
  if (!context.subdomain) throw new Error("Zendesk needs a subdomain");
  const base = `https://${context.subdomain}.zendesk.com`;
  const headers = basicAuth(context);
  let cursor = typeof context.cursor?.afterCursor === "string" ? context.cursor.afterCursor : undefined;
  const startTime = Number(context.cursor?.startTime ?? 0);
  while (true) {
    const url = cursor
      ? `${base}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}`
      : `${base}/api/v2/incremental/tickets/cursor.json?start_time=${startTime}`;
    const { body } = await requestJson(url, { headers }, context.http);
    if (!isRecord(body) || !Array.isArray(body.tickets)) throw new Error(`${url}: unexpected response (no tickets array)`);
    const records: PulledRecord[] = [];
    const seen = new Set<string>();
    for (const ticket of body.tickets) {
      const ticketId = isRecord(ticket) ? idString(ticket.id) : undefined;
      if (!isRecord(ticket) || !ticketId) {
        records.push({ externalId: "?", error: "ticket without an id" });
        continue;
      }
      if (seen.has(ticketId)) continue;
      seen.add(ticketId);
      // Deleted tickets stay in the export with status "deleted" and have no comments to read.
      if (ticket.status === "deleted") continue;
      records.push(await pullTicket(base, headers, ticket, ticketId, context));
    }
    const next = typeof body.after_cursor === "string" ? body.after_cursor : cursor;
    yield { records, cursor: next ? { afterCursor: next } : { startTime } };
    if (body.end_of_stream === true || !next || next === cursor) return;
    cursor = next;
  }
}

async function pullTicket(base: string, headers: Record<string, string>, ticket: Record<string, unknown>, ticketId: string, context: PullContext): Promise<PulledRecord> {
  const comments: Record<string, unknown>[] = [];
  const users = new Map<string, ZendeskUser>();
  let url: string | null = `${base}/api/v2/tickets/${ticketId}/comments.json?page[size]=100&include=users`;
  while (url) {
    const { body }: { body: unknown } = await requestJson(url, { headers }, context.http);
    if (!isRecord(body) || !Array.isArray(body.comments)) return { externalId: ticketId, error: "comments response without a comments array" };
    for (const comment of body.comments) if (isRecord(comment)) comments.push(comment);
    if (Array.isArray(body.users)) {
      for (const user of body.users) if (isRecord(user) && idString(user.id)) users.set(idString(user.id)!, user as unknown as ZendeskUser);
    }
    const meta = isRecord(body.meta) ? body.meta : {};
    const links = isRecord(body.links) ? body.links : {};
    url = meta.has_more === true && typeof links.next === "string" ? links.next : null;
  }
  return { externalId: ticketId, input: mapZendeskTicket(ticket, comments, users) };
}
