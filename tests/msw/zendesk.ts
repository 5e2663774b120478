import { http, HttpResponse } from "msw";

/**
 * A fake Zendesk Support account for msw, shaped like the documented responses: the cursor-based incremental
 * ticket export ({tickets, after_cursor, after_url, before_cursor, before_url, end_of_stream}) and ticket
 * comments with cursor pagination ({comments, users, meta: {has_more, after_cursor, before_cursor}, links}).
 * Rate limits answer 429 with Retry-After and a text/plain body, as Zendesk does.
 */

export interface ZendeskUser {
  id: number;
  name: string;
  email: string;
  role: "end-user" | "agent" | "admin";
}

export interface ZendeskComment {
  id: number;
  type: "Comment";
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  audit_id: number;
  attachments: [];
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
  via: { channel: string; source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: null } };
  created_at?: string;
}

export type ZendeskTicket = Record<string, unknown> & { id?: number; updated_at: string };

export interface ZendeskAccount {
  subdomain: string;
  email: string;
  apiToken: string;
  tickets: ZendeskTicket[];
  comments: Map<number, ZendeskComment[]>;
  users: ZendeskUser[];
  /** Tickets per export page (Zendesk's default is 1000; small here so pagination is exercised). */
  pageSize: number;
  /** Requests to answer with 429 (by URL substring, once each). */
  rateLimitOnce: Set<string>;
  /** Requests to answer with 503 (by URL substring): a count of failures each. */
  failTimes: Map<string, number>;
  requests: string[];
}

export const ZENDESK_USERS: ZendeskUser[] = [
  { id: 20978392, name: "Marta Gil", email: "marta.gil@example.net", role: "end-user" },
  { id: 235323, name: "Lucía Pérez", email: "lucia.perez@acme.test", role: "agent" },
  { id: 235324, name: "Diego Romero", email: "diego.romero@acme.test", role: "admin" },
];

export function zendeskComment(id: number, authorId: number, text: string, createdAt: string, options: { public?: boolean; html?: string } = {}): ZendeskComment {
  return {
    id,
    type: "Comment",
    author_id: authorId,
    body: text,
    html_body: options.html ?? `<div class="zd-comment"><p dir="auto">${text}</p></div>`,
    plain_body: text,
    public: options.public ?? true,
    audit_id: id - 20,
    attachments: [],
    metadata: { system: {}, custom: {} },
    via: { channel: "web", source: { from: {}, to: {}, rel: null } },
    created_at: createdAt,
  };
}

export function zendeskTicket(id: number, overrides: Record<string, unknown> = {}): ZendeskTicket {
  return {
    id,
    url: `https://acme.zendesk.com/api/v2/tickets/${id}.json`,
    external_id: null,
    created_at: "2026-03-02T09:00:00Z",
    updated_at: "2026-03-02T10:00:00Z",
    generated_timestamp: 1772445600,
    type: "incident",
    subject: "No me llega el pedido",
    raw_subject: "No me llega el pedido",
    description: "Hola, no me llega el pedido",
    priority: "normal",
    status: "open",
    recipient: null,
    requester_id: 20978392,
    submitter_id: 20978392,
    assignee_id: 235323,
    organization_id: null,
    group_id: 98738,
    collaborator_ids: [],
    follower_ids: [],
    has_incidents: false,
    due_at: null,
    tags: ["pedido"],
    custom_fields: [],
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    via: { channel: "email", source: { from: { address: "marta.gil@example.net", name: "Marta Gil" }, to: {}, rel: null } },
    ...overrides,
  };
}

export function zendeskAccount(): ZendeskAccount {
  return {
    subdomain: "acme",
    email: "admin@acme.test",
    apiToken: "zd-token-123",
    tickets: [],
    comments: new Map(),
    users: ZENDESK_USERS,
    pageSize: 2,
    rateLimitOnce: new Set(),
    failTimes: new Map(),
    requests: [],
  };
}

// Like Zendesk's, the cursor encodes the position in (updated time, id) order, so tickets updated later come after it.
const sortKey = (ticket: ZendeskTicket) => `${ticket.updated_at}|${String(ticket.id ?? -1).padStart(12, "0")}`;
const encodeCursor = (key: string) => Buffer.from(key).toString("base64url");
const decodeCursor = (cursor: string) => Buffer.from(cursor, "base64url").toString();

export function zendeskHandlers(account: ZendeskAccount) {
  const base = `https://${account.subdomain}.zendesk.com`;
  const expectedAuth = `Basic ${Buffer.from(`${account.email}/token:${account.apiToken}`).toString("base64")}`;
  const guard = (request: Request): Response | null => {
    account.requests.push(request.url);
    if (request.headers.get("Authorization") !== expectedAuth) {
      return HttpResponse.json({ error: "Couldn't authenticate you" }, { status: 401 });
    }
    for (const key of account.rateLimitOnce) {
      if (request.url.includes(key)) {
        account.rateLimitOnce.delete(key);
        return new HttpResponse("Rate limit exceeded", {
          status: 429,
          headers: { "Content-Type": "text/plain", "retry-after": "7", "x-rate-limit": "700", "x-rate-limit-remaining": "0" },
        });
      }
    }
    for (const [key, times] of account.failTimes) {
      if (request.url.includes(key) && times > 0) {
        account.failTimes.set(key, times - 1);
        return HttpResponse.json({ error: "ServiceUnavailable" }, { status: 503 });
      }
    }
    return null;
  };

  return [
    http.get(`${base}/api/v2/incremental/tickets/cursor.json`, ({ request }) => {
      const refused = guard(request);
      if (refused) return refused;
      const url = new URL(request.url);
      const cursor = url.searchParams.get("cursor");
      const ordered = [...account.tickets].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      const startTime = Number(url.searchParams.get("start_time") ?? 0);
      const remaining = cursor
        ? ordered.filter((ticket) => sortKey(ticket) > decodeCursor(cursor))
        : ordered.filter((ticket) => Date.parse(ticket.updated_at) / 1000 >= startTime);
      const tickets = remaining.slice(0, account.pageSize);
      const last = tickets.at(-1);
      const afterCursor = last ? encodeCursor(sortKey(last)) : (cursor ?? encodeCursor(`${new Date(startTime * 1000).toISOString()}|`));
      return HttpResponse.json({
        tickets,
        after_cursor: afterCursor,
        after_url: `${base}/api/v2/incremental/tickets/cursor.json?cursor=${afterCursor}`,
        before_cursor: null,
        before_url: null,
        end_of_stream: remaining.length <= account.pageSize,
      });
    }),
    http.get(`${base}/api/v2/tickets/:ticketId/comments.json`, ({ request, params }) => {
      const refused = guard(request);
      if (refused) return refused;
      const url = new URL(request.url);
      const size = Number(url.searchParams.get("page[size]") ?? 100);
      const after = Number(url.searchParams.get("page[after]") ?? 0);
      const all = account.comments.get(Number(params.ticketId)) ?? [];
      const comments = all.slice(after, after + size);
      const hasMore = after + size < all.length;
      const authors = new Set(comments.map((comment) => comment.author_id));
      const next = `${base}/api/v2/tickets/${params.ticketId}/comments.json?page[size]=${size}&include=users&page[after]=${after + size}`;
      return HttpResponse.json({
        comments,
        users: account.users.filter((user) => authors.has(user.id)),
        meta: { has_more: hasMore, after_cursor: hasMore ? String(after + size) : null, before_cursor: after ? String(after) : null },
        links: { next: hasMore ? next : null, prev: null },
      });
    }),
  ];
}
