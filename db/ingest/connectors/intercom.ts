import type { Channel, ConversationStatus } from "../../schema/enums";
import { htmlToText } from "../files/html";
import { requestJson } from "./http";
import { type PullContext, type PulledPage, type PulledRecord, epochSecondsToIso, idString, isRecord } from "./types";

export const INTERCOM_VERSION = "2.11";

/** Intercom `source.type` onto our channels. */
export function intercomChannel(type: unknown): Channel {
  const map: Record<string, Channel> = {
    conversation: "chat",
    push: "chat",
    email: "email",
    facebook: "facebook",
    instagram: "instagram",
    phone_call: "phone",
    phone_switch: "phone",
    sms: "sms",
    twitter: "twitter",
    whatsapp: "whatsapp",
  };
  return map[String(type)] ?? "chat";
}

export function intercomStatus(state: unknown): ConversationStatus {
  const map: Record<string, ConversationStatus> = { open: "open", closed: "closed", snoozed: "pending" };
  return map[String(state)] ?? "open";
}

function authorRole(author: unknown, partType?: unknown): string {
  if (partType === "note") return "note";
  const type = isRecord(author) ? author.type : undefined;
  if (type === "admin" || type === "team") return "agent";
  if (type === "bot") return "bot";
  return "customer";
}

function personRef(author: unknown) {
  if (!isRecord(author)) return undefined;
  const externalId = idString(author.id);
  if (!externalId) return undefined;
  return { externalId, name: typeof author.name === "string" ? author.name : undefined, email: typeof author.email === "string" ? author.email : undefined };
}

/** A conversation with its parts onto our canonical conversation. Parts without a body (assignments, state changes) are not messages. */
export function mapIntercomConversation(conversation: Record<string, unknown>): unknown {
  const id = idString(conversation.id)!;
  const source = isRecord(conversation.source) ? conversation.source : {};
  const partsList = isRecord(conversation.conversation_parts) ? conversation.conversation_parts.conversation_parts : [];
  const parts = (Array.isArray(partsList) ? partsList : []).filter(isRecord);
  const contacts = Array.isArray(conversation.contacts)
    ? conversation.contacts
    : isRecord(conversation.contacts) && Array.isArray(conversation.contacts.contacts)
      ? conversation.contacts.contacts
      : [];
  const customer = authorRole(source.author) === "customer" ? personRef(source.author) : personRef(contacts[0]);
  const assigneeId = idString(conversation.admin_assignee_id);
  const assigneeAuthor = parts.map((part) => part.author).find((author) => isRecord(author) && author.type === "admin" && idString(author.id) === assigneeId);
  const rating = isRecord(conversation.conversation_rating) ? conversation.conversation_rating.rating : undefined;
  const sourceBody = typeof source.body === "string" ? htmlToText(source.body) : "";
  const messages = [
    ...(sourceBody.trim()
      ? [
          {
            externalId: `source-${idString(source.id) ?? id}`,
            authorRole: authorRole(source.author),
            authorName: isRecord(source.author) && typeof source.author.name === "string" ? source.author.name : undefined,
            agent: authorRole(source.author) === "agent" ? personRef(source.author) : undefined,
            sentAt: epochSecondsToIso(conversation.created_at),
            body: sourceBody,
          },
        ]
      : []),
    ...parts
      .filter((part) => typeof part.body === "string" && htmlToText(part.body).trim() !== "")
      .map((part) => {
        const role = authorRole(part.author, part.part_type);
        return {
          externalId: idString(part.id),
          authorRole: role,
          authorName: isRecord(part.author) && typeof part.author.name === "string" ? part.author.name : undefined,
          agent: role === "agent" || role === "note" ? personRef(part.author) : undefined,
          sentAt: epochSecondsToIso(part.created_at),
          body: htmlToText(String(part.body)),
        };
      }),
  ];
  const tags = isRecord(conversation.tags) && Array.isArray(conversation.tags.tags) ? conversation.tags.tags : [];
  const statistics = isRecord(conversation.statistics) ? conversation.statistics : {};
  return {
    source: "intercom",
    externalId: id,
    channel: intercomChannel(source.type),
    subject: typeof conversation.title === "string" && conversation.title ? conversation.title : typeof source.subject === "string" ? htmlToText(source.subject) : undefined,
    status: intercomStatus(conversation.state),
    createdAt: epochSecondsToIso(conversation.created_at),
    firstResponseAt: epochSecondsToIso(statistics.first_admin_reply_at),
    resolvedAt: conversation.state === "closed" ? epochSecondsToIso(statistics.last_close_at) : undefined,
    agent: assigneeId ? { ...personRef(assigneeAuthor), externalId: assigneeId } : undefined,
    customer,
    csat: typeof rating === "number" && rating >= 1 && rating <= 5 ? rating : undefined,
    tags: tags.flatMap((tag) => (isRecord(tag) && typeof tag.name === "string" ? [tag.name] : [])),
    messages,
  };
}

/**
 * Conversations updated since the cursor (POST /conversations/search on updated_at, 150 per page), each read
 * in full with GET /conversations/{id} for its parts. Mid-pass the cursor keeps the pass's start and the page
 * cursor; at the end it moves to the newest updated_at seen (`>` is inclusive: the boundary comes back unchanged).
 */
export async function* pullIntercom(context: PullContext): AsyncGenerator<PulledPage> {
  const base = "https://api.intercom.io";
  const headers = { Authorization: `Bearer ${context.credentials.accessToken}`, "Intercom-Version": INTERCOM_VERSION, "Content-Type": "application/json" };
  const updatedAfter = Number(context.cursor?.updatedAfter ?? 0);
  let startingAfter = typeof context.cursor?.startingAfter === "string" ? context.cursor.startingAfter : undefined;
  let newest = Number(context.cursor?.newest ?? updatedAfter);
  while (true) {
    const request = {
      query: { field: "updated_at", operator: ">", value: updatedAfter },
      pagination: { per_page: 150, ...(startingAfter ? { starting_after: startingAfter } : {}) },
    };
    const { body } = await requestJson(`${base}/conversations/search`, { method: "POST", headers, body: JSON.stringify(request) }, context.http);
    if (!isRecord(body) || !Array.isArray(body.conversations)) throw new Error("conversations/search: unexpected response (no conversations array)");
    const records: PulledRecord[] = [];
    for (const summary of body.conversations) {
      const id = isRecord(summary) ? idString(summary.id) : undefined;
      if (!isRecord(summary) || !id) {
        records.push({ externalId: "?", error: "conversation without an id" });
        continue;
      }
      if (typeof summary.updated_at === "number") newest = Math.max(newest, summary.updated_at);
      const { body: full } = await requestJson(`${base}/conversations/${encodeURIComponent(id)}`, { headers }, context.http);
      records.push(isRecord(full) ? { externalId: id, input: mapIntercomConversation(full) } : { externalId: id, error: "conversation response is not an object" });
    }
    const pages = isRecord(body.pages) ? body.pages : {};
    const next = isRecord(pages.next) && typeof pages.next.starting_after === "string" ? pages.next.starting_after : undefined;
    if (next && next !== startingAfter) {
      yield { records, cursor: { updatedAfter, startingAfter: next, newest } };
      startingAfter = next;
      continue;
    }
    yield { records, cursor: { updatedAfter: newest } };
    return;
  }
}
