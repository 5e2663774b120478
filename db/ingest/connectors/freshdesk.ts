import type { Channel, ConversationStatus } from "../../schema/enums";
import { htmlToText } from "../files/html";
import { requestJson } from "./http";
import { type PullContext, type PulledPage, type PulledRecord, idString, isRecord } from "./types";

/** Freshdesk ticket `source` codes onto our channels (WhatsApp's code is not documented: it falls to web_form). */
export function freshdeskChannel(source: unknown): Channel {
  const map: Record<number, Channel> = {
    1: "email",
    2: "web_form",
    3: "phone",
    4: "web_form",
    5: "twitter",
    6: "facebook",
    7: "chat",
    8: "chat",
    9: "web_form",
    10: "email",
    11: "web_form",
    12: "chat",
  };
  return map[Number(source)] ?? "web_form";
}

export function freshdeskStatus(status: unknown): ConversationStatus {
  const map: Record<number, ConversationStatus> = { 2: "open", 3: "pending", 4: "solved", 5: "closed" };
  // Custom statuses have other numbers; they are open work until resolved.
  return map[Number(status)] ?? "open";
}

const PER_PAGE = 100;
/** Freshdesk returns at most 300 pages per query; past that we restart from the last updated_at seen. */
const MAX_PAGES = 300;

function nextLink(headers: Headers): string | null {
  const link = headers.get("link");
  const match = link ? /<([^>]+)>;\s*rel="?next"?/.exec(link) : null;
  return match ? match[1] : null;
}

export function mapFreshdeskTicket(ticket: Record<string, unknown>, conversations: Record<string, unknown>[], agents: Map<string, { name?: string; email?: string }>): unknown {
  const ticketId = idString(ticket.id)!;
  const requester = isRecord(ticket.requester) ? ticket.requester : {};
  const requesterId = idString(ticket.requester_id) ?? idString(requester.id);
  const responderId = idString(ticket.responder_id);
  const stats = isRecord(ticket.stats) ? ticket.stats : {};
  const agentRef = (id: string | undefined) => (id ? { externalId: id, ...agents.get(id) } : undefined);
  const description =
    typeof ticket.description_text === "string" ? ticket.description_text : typeof ticket.description === "string" ? htmlToText(ticket.description) : "";
  const messages = [
    ...(description.trim()
      ? [{ externalId: `ticket-${ticketId}`, authorRole: "customer", authorName: typeof requester.name === "string" ? requester.name : undefined, sentAt: ticket.created_at, body: description }]
      : []),
    ...conversations.map((entry) => {
      const role = entry.private === true ? "note" : entry.incoming === true ? "customer" : "agent";
      const userId = idString(entry.user_id);
      return {
        externalId: idString(entry.id),
        authorRole: role,
        agent: role === "customer" ? undefined : agentRef(userId),
        sentAt: entry.created_at,
        body: typeof entry.body_text === "string" ? entry.body_text : htmlToText(String(entry.body ?? "")),
      };
    }),
  ];
  return {
    source: "freshdesk",
    externalId: ticketId,
    channel: freshdeskChannel(ticket.source),
    subject: typeof ticket.subject === "string" ? ticket.subject : undefined,
    status: freshdeskStatus(ticket.status),
    createdAt: ticket.created_at,
    firstResponseAt: typeof stats.first_responded_at === "string" ? stats.first_responded_at : undefined,
    resolvedAt: typeof stats.resolved_at === "string" ? stats.resolved_at : undefined,
    agent: agentRef(responderId),
    customer: requesterId
      ? {
          externalId: requesterId,
          name: typeof requester.name === "string" ? requester.name : undefined,
          email: typeof requester.email === "string" ? requester.email : undefined,
          phone: typeof requester.phone === "string" ? requester.phone : typeof requester.mobile === "string" ? requester.mobile : undefined,
        }
      : undefined,
    tags: Array.isArray(ticket.tags) ? ticket.tags.filter((tag): tag is string => typeof tag === "string") : [],
    messages,
  };
}

/**
 * Tickets updated since the cursor (oldest first, `include=requester,stats,description`) and each ticket's
 * conversations. The cursor saved after each page is the last ticket's `updated_at` (inclusive on the next
 * run: the re-read tickets come back unchanged).
 */
export async function* pullFreshdesk(context: PullContext): AsyncGenerator<PulledPage> {
  if (!context.subdomain) throw new Error("Freshdesk needs a subdomain");
  const base = `https://${context.subdomain}.freshdesk.com`;
  const headers = { Authorization: `Basic ${Buffer.from(`${context.credentials.apiKey}:X`).toString("base64")}` };
  const agents = new Map<string, { name?: string; email?: string }>();
  let updatedSince = String(context.cursor?.updatedSince ?? "1970-01-01T00:00:00Z");
  let page = 1;
  while (true) {
    const query = new URLSearchParams({
      updated_since: updatedSince,
      include: "requester,stats,description",
      order_by: "updated_at",
      order_type: "asc",
      per_page: String(PER_PAGE),
      page: String(page),
    });
    const url = `${base}/api/v2/tickets?${query}`;
    const { body, headers: responseHeaders } = await requestJson(url, { headers }, context.http);
    if (!Array.isArray(body)) throw new Error(`${url}: unexpected response (not a list of tickets)`);
    const records: PulledRecord[] = [];
    let lastUpdated = updatedSince;
    for (const ticket of body) {
      const ticketId = isRecord(ticket) ? idString(ticket.id) : undefined;
      if (!isRecord(ticket) || !ticketId) {
        records.push({ externalId: "?", error: "ticket without an id" });
        continue;
      }
      if (typeof ticket.updated_at === "string") lastUpdated = ticket.updated_at;
      const conversations = await pullConversations(base, headers, ticketId, context);
      if ("error" in conversations) {
        records.push({ externalId: ticketId, error: conversations.error });
        continue;
      }
      await loadAgents(base, headers, [ticket.responder_id, ...conversations.list.filter((c) => c.incoming !== true).map((c) => c.user_id)], agents, context);
      records.push({ externalId: ticketId, input: mapFreshdeskTicket(ticket, conversations.list, agents) });
    }
    yield { records, cursor: { updatedSince: lastUpdated } };
    const more = nextLink(responseHeaders) !== null || body.length === PER_PAGE;
    if (!more) return;
    if (page >= MAX_PAGES) {
      updatedSince = lastUpdated;
      page = 1;
    } else page++;
  }
}

async function pullConversations(
  base: string,
  headers: Record<string, string>,
  ticketId: string,
  context: PullContext,
): Promise<{ list: Record<string, unknown>[] } | { error: string }> {
  const list: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const { body, headers: responseHeaders } = await requestJson(`${base}/api/v2/tickets/${ticketId}/conversations?per_page=${PER_PAGE}&page=${page}`, { headers }, context.http);
    if (!Array.isArray(body)) return { error: "conversations response is not a list" };
    for (const entry of body) if (isRecord(entry)) list.push(entry);
    if (nextLink(responseHeaders) === null && body.length < PER_PAGE) return { list };
  }
}

/** Agent names and emails (GET /api/v2/agents/{id}), once per agent per sync; an agent that cannot be read stays an id. */
async function loadAgents(base: string, headers: Record<string, string>, ids: unknown[], agents: Map<string, { name?: string; email?: string }>, context: PullContext) {
  for (const raw of ids) {
    const id = idString(raw);
    if (!id || agents.has(id)) continue;
    try {
      const { body } = await requestJson(`${base}/api/v2/agents/${id}`, { headers }, context.http);
      const contact = isRecord(body) && isRecord(body.contact) ? body.contact : {};
      agents.set(id, {
        name: typeof contact.name === "string" ? contact.name : undefined,
        email: typeof contact.email === "string" ? contact.email.toLowerCase() : undefined,
      });
    } catch {
      agents.set(id, {});
    }
  }
}
