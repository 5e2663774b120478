import { http, HttpResponse } from "msw";

/**
 * A fake Intercom workspace for msw, shaped like the documented responses: POST /conversations/search with
 * {query, pagination: {per_page, starting_after}} answering a conversation.list with
 * pages.next.starting_after, GET /conversations/{id} with conversation_parts, epoch-second timestamps,
 * and 429 rate_limit_exceeded with X-RateLimit-Reset (Intercom documents no Retry-After).
 */

export type IntercomConversation = Record<string, unknown> & { id: string; updated_at: number };

export interface IntercomWorkspace {
  accessToken: string;
  conversations: IntercomConversation[];
  pageSize: number;
  rateLimitOnce: Set<string>;
  failTimes: Map<string, number>;
  requests: { url: string; body?: unknown; version: string | null }[];
  now: () => number;
}

export function intercomConversation(id: string, overrides: Record<string, unknown> = {}): IntercomConversation {
  return {
    type: "conversation",
    id,
    created_at: 1772442000,
    updated_at: 1772445600,
    source: {
      type: "conversation",
      id: `src-${id}`,
      delivered_as: "customer_initiated",
      subject: "",
      body: "<p>Hi, my order has not arrived yet</p>",
      author: { type: "user", id: "536e564f316c83104c000020", name: "John Smith", email: "john@example.org" },
      attachments: [],
      url: null,
      redacted: false,
    },
    contacts: { type: "contact.list", contacts: [{ type: "contact", id: "536e564f316c83104c000020", external_id: null }] },
    teammates: { type: "admin.list", admins: [{ type: "admin", id: "814860" }] },
    title: null,
    admin_assignee_id: 814860,
    team_assignee_id: null,
    open: false,
    state: "closed",
    read: true,
    waiting_since: null,
    snoozed_until: null,
    priority: "not_priority",
    tags: { type: "tag.list", tags: [{ type: "tag", id: "1", name: "delivery" }] },
    conversation_rating: { created_at: 1772449200, contact: { id: "536e564f316c83104c000020", type: "user" }, rating: 4, remark: null, teammate: { id: "814860", type: "admin" } },
    statistics: { type: "conversation_statistics", time_to_admin_reply: 300, first_admin_reply_at: 1772442300, last_close_at: 1772445600 },
    conversation_parts: {
      type: "conversation_part.list",
      conversation_parts: [
        part(`${id}-1`, "comment", "<p>Sorry about that! Let me check the tracking.</p>", 1772442300, { type: "admin", id: "814860", name: "Sam Lee", email: "sam.lee@acme.test" }),
        part(`${id}-2`, "assignment", null, 1772442310, { type: "admin", id: "814860", name: "Sam Lee", email: "sam.lee@acme.test" }),
        part(`${id}-3`, "note", "<p>Carrier says it is stuck in the depot.</p>", 1772442400, { type: "admin", id: "814860", name: "Sam Lee", email: "sam.lee@acme.test" }),
        part(`${id}-4`, "comment", "<p>Thanks, it just arrived!</p>", 1772445000, { type: "user", id: "536e564f316c83104c000020", name: "John Smith" }),
        part(`${id}-5`, "close", null, 1772445600, { type: "admin", id: "814860", name: "Sam Lee", email: "sam.lee@acme.test" }),
      ],
      total_count: 5,
    },
    ...overrides,
  };
}

function part(id: string, partType: string, body: string | null, createdAt: number, author: Record<string, unknown>) {
  return { type: "conversation_part", id, part_type: partType, body, created_at: createdAt, updated_at: createdAt, notified_at: createdAt, assigned_to: null, author, attachments: [], external_id: null, redacted: false };
}

export function intercomWorkspace(): IntercomWorkspace {
  return { accessToken: "ic-token-xyz", conversations: [], pageSize: 2, rateLimitOnce: new Set(), failTimes: new Map(), requests: [], now: () => Date.now() };
}

export function intercomHandlers(workspace: IntercomWorkspace) {
  const base = "https://api.intercom.io";
  const guard = (request: Request, body?: unknown): Response | null => {
    workspace.requests.push({ url: request.url, body, version: request.headers.get("Intercom-Version") });
    if (request.headers.get("Authorization") !== `Bearer ${workspace.accessToken}`) {
      return HttpResponse.json({ type: "error.list", request_id: "r1", errors: [{ code: "unauthorized", message: "Access Token Invalid" }] }, { status: 401 });
    }
    for (const key of workspace.rateLimitOnce) {
      if (request.url.includes(key)) {
        workspace.rateLimitOnce.delete(key);
        const reset = Math.ceil(workspace.now() / 1000) + 10;
        return HttpResponse.json(
          { type: "error.list", request_id: "r2", errors: [{ code: "rate_limit_exceeded", message: "Exceeded rate limit of 167 in 10_seconds" }] },
          { status: 429, headers: { "X-RateLimit-Limit": "167", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(reset) } },
        );
      }
    }
    for (const [key, times] of workspace.failTimes) {
      if (request.url.includes(key) && times > 0) {
        workspace.failTimes.set(key, times - 1);
        return HttpResponse.json({ type: "error.list", errors: [{ code: "server_error", message: "Server Error" }] }, { status: 502 });
      }
    }
    return null;
  };
  const summary = (conversation: IntercomConversation) => {
    const { conversation_parts: _parts, ...rest } = conversation;
    return rest;
  };

  return [
    http.post(`${base}/conversations/search`, async ({ request }) => {
      const body = (await request.json()) as { query: { field: string; operator: string; value: number }; pagination?: { per_page?: number; starting_after?: string } };
      const refused = guard(request, body);
      if (refused) return refused;
      const matching = workspace.conversations.filter((c) => c.updated_at >= body.query.value).sort((a, b) => a.id.localeCompare(b.id));
      const start = body.pagination?.starting_after ? Number(Buffer.from(body.pagination.starting_after, "base64url").toString()) : 0;
      const page = matching.slice(start, start + workspace.pageSize);
      const end = start + page.length;
      const perPage = body.pagination?.per_page ?? 20;
      return HttpResponse.json({
        type: "conversation.list",
        pages: {
          type: "pages",
          page: Math.floor(start / workspace.pageSize) + 1,
          per_page: perPage,
          total_pages: Math.max(1, Math.ceil(matching.length / workspace.pageSize)),
          ...(end < matching.length ? { next: { per_page: perPage, starting_after: Buffer.from(String(end)).toString("base64url") } } : {}),
        },
        total_count: matching.length,
        conversations: page.map(summary),
      });
    }),
    http.get(`${base}/conversations/:id`, ({ request, params }) => {
      const refused = guard(request);
      if (refused) return refused;
      const conversation = workspace.conversations.find((c) => c.id === params.id);
      if (!conversation) return HttpResponse.json({ type: "error.list", errors: [{ code: "not_found", message: "Resource Not Found" }] }, { status: 404 });
      return HttpResponse.json(conversation);
    }),
  ];
}
