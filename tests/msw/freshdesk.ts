import { http, HttpResponse } from "msw";

/**
 * A fake Freshdesk account for msw, shaped like the documented v2 responses: list bodies are bare arrays,
 * `per_page` up to 100 with a `link: <…>; rel="next"` header while more pages exist, 429 with Retry-After
 * and the X-RateLimit-* headers, HTTP Basic auth with the API key as user and "X" as password.
 */

export type FreshdeskTicket = Record<string, unknown> & { id?: number; updated_at: string };
export type FreshdeskConversation = Record<string, unknown>;

export interface FreshdeskAccount {
  subdomain: string;
  apiKey: string;
  tickets: FreshdeskTicket[];
  conversations: Map<number, FreshdeskConversation[]>;
  agents: Map<number, { name: string; email: string }>;
  /** Tickets per page the fake answers with, whatever per_page asks (to exercise pagination with few tickets). */
  pageSize: number;
  rateLimitOnce: Set<string>;
  failTimes: Map<string, number>;
  requests: string[];
}

export function freshdeskTicket(id: number, overrides: Record<string, unknown> = {}): FreshdeskTicket {
  return {
    id,
    subject: "Factura duplicada",
    description: "<div>Me habéis cobrado dos veces la factura de marzo.</div>",
    description_text: "Me habéis cobrado dos veces la factura de marzo.",
    status: 2,
    priority: 1,
    source: 1,
    type: "Question",
    requester_id: 6012691534,
    responder_id: 6010396333,
    group_id: null,
    company_id: null,
    email_config_id: null,
    product_id: null,
    cc_emails: [],
    fwd_emails: [],
    reply_cc_emails: [],
    to_emails: null,
    spam: false,
    fr_escalated: false,
    is_escalated: false,
    tags: ["facturación"],
    custom_fields: {},
    created_at: "2026-03-02T09:00:00Z",
    updated_at: "2026-03-02T10:00:00Z",
    due_by: "2026-03-03T09:00:00Z",
    fr_due_by: "2026-03-02T13:00:00Z",
    stats: {
      agent_responded_at: "2026-03-02T09:30:00Z",
      requester_responded_at: null,
      first_responded_at: "2026-03-02T09:30:00Z",
      status_updated_at: "2026-03-02T10:00:00Z",
      reopened_at: null,
      resolved_at: null,
      closed_at: null,
      pending_since: null,
    },
    requester: { id: 6012691534, name: "Pedro Sanz", email: "pedro.sanz@example.net", mobile: null, phone: "+34911222333" },
    ...overrides,
  };
}

export function freshdeskReply(id: number, ticketId: number, text: string, createdAt: string, options: { incoming?: boolean; private?: boolean; userId?: number } = {}): FreshdeskConversation {
  return {
    id,
    body: `<div>${text}</div>`,
    body_text: text,
    incoming: options.incoming ?? false,
    private: options.private ?? false,
    user_id: options.userId ?? 6010396333,
    support_email: null,
    source: options.private ? 2 : 0,
    category: 2,
    ticket_id: ticketId,
    to_emails: ["pedro.sanz@example.net"],
    from_email: "Soporte <soporte@acme.freshdesk.com>",
    cc_emails: null,
    bcc_emails: null,
    email_failure_count: null,
    outgoing_failures: null,
    has_quoted_text: false,
    attachments: [],
    created_at: createdAt,
    updated_at: createdAt,
    last_edited_at: null,
    last_edited_user_id: null,
  };
}

export function freshdeskAccount(): FreshdeskAccount {
  return {
    subdomain: "acme",
    apiKey: "fd-key-abc",
    tickets: [],
    conversations: new Map(),
    agents: new Map([[6010396333, { name: "Rosa Martín", email: "rosa.martin@acme.test" }]]),
    pageSize: 2,
    rateLimitOnce: new Set(),
    failTimes: new Map(),
    requests: [],
  };
}

export function freshdeskHandlers(account: FreshdeskAccount) {
  const base = `https://${account.subdomain}.freshdesk.com`;
  const expectedAuth = `Basic ${Buffer.from(`${account.apiKey}:X`).toString("base64")}`;
  const rateHeaders = { "X-RateLimit-Total": "700", "X-RateLimit-Remaining": "650", "X-RateLimit-Used-CurrentRequest": "1" };
  const guard = (request: Request): Response | null => {
    account.requests.push(request.url);
    if (request.headers.get("Authorization") !== expectedAuth) {
      return HttpResponse.json({ code: "invalid_credentials", message: "You have to be logged in to perform this action." }, { status: 401 });
    }
    for (const key of account.rateLimitOnce) {
      if (request.url.includes(key)) {
        account.rateLimitOnce.delete(key);
        return HttpResponse.json({ message: "You have exceeded the limit of requests per hour" }, { status: 429, headers: { ...rateHeaders, "X-RateLimit-Remaining": "0", "Retry-After": "3" } });
      }
    }
    for (const [key, times] of account.failTimes) {
      if (request.url.includes(key) && times > 0) {
        account.failTimes.set(key, times - 1);
        return new HttpResponse("Internal Server Error", { status: 500 });
      }
    }
    return null;
  };
  const pageOf = <T>(items: T[], url: URL, pageSize: number) => {
    const page = Number(url.searchParams.get("page") ?? 1);
    const slice = items.slice((page - 1) * pageSize, page * pageSize);
    const headers: Record<string, string> = { ...rateHeaders };
    if (page * pageSize < items.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(page + 1));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    return HttpResponse.json(slice, { headers });
  };

  return [
    http.get(`${base}/api/v2/tickets`, ({ request }) => {
      const refused = guard(request);
      if (refused) return refused;
      const url = new URL(request.url);
      const since = url.searchParams.get("updated_since") ?? "1970-01-01T00:00:00Z";
      const matching = account.tickets.filter((ticket) => ticket.updated_at >= since).sort((a, b) => a.updated_at.localeCompare(b.updated_at));
      return pageOf(matching, url, account.pageSize);
    }),
    http.get(`${base}/api/v2/tickets/:ticketId/conversations`, ({ request, params }) => {
      const refused = guard(request);
      if (refused) return refused;
      return pageOf(account.conversations.get(Number(params.ticketId)) ?? [], new URL(request.url), 100);
    }),
    http.get(`${base}/api/v2/agents/:agentId`, ({ request, params }) => {
      const refused = guard(request);
      if (refused) return refused;
      const agent = account.agents.get(Number(params.agentId));
      if (!agent) return HttpResponse.json({ code: "access_denied" }, { status: 404 });
      return HttpResponse.json({ id: Number(params.agentId), available: true, occasional: false, ticket_scope: 1, contact: { active: true, email: agent.email, name: agent.name, language: "es" } });
    }),
  ];
}
