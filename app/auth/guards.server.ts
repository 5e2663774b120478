import { redirect } from "@remix-run/node";
import type { Database } from "../../db/client";
import { getDb } from "../../db/client";
import type { ConversationScope } from "../../db/queries/scope";
import { countUsers, loadUserScope } from "../../db/queries/users";
import type { Locale, Role } from "../../scoring/domain";
import { readSession } from "./session.server";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale | null;
  teamIds: number[];
  /** The agent record linked to this login, for the agent role. */
  agentId: number | null;
}


const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Rejects cross-origin form posts (CSRF): the Origin (or Referer) must match the Host. */
export function assertSameOrigin(request: Request): void {
  if (!MUTATING_METHODS.has(request.method.toUpperCase())) return;
  const host = request.headers.get("X-Forwarded-Host") ?? request.headers.get("Host") ?? new URL(request.url).host;
  const origin = request.headers.get("Origin") ?? request.headers.get("Referer");
  if (!origin) throw new Response("Missing Origin header", { status: 403 });
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new Response("Invalid Origin header", { status: 403 });
  }
  if (originHost !== host) throw new Response("Cross-origin request rejected", { status: 403 });
}

const installedDatabases = new WeakSet<Database>();

/** Until the first admin exists, only the setup page is reachable. */
async function requireInstalled(db: Database): Promise<void> {
  if (installedDatabases.has(db)) return;
  if ((await countUsers(db)) === 0) throw redirect("/setup");
  installedDatabases.add(db);
}

export async function getOptionalUser(
  request: Request,
  { allowUninstalled = false }: { allowUninstalled?: boolean } = {},
): Promise<SessionUser | null> {
  const db = await getDb();
  if (!allowUninstalled) await requireInstalled(db);
  const found = await readSession(db, request);
  if (!found?.user.active) return null;
  const scope = await loadUserScope(db, found.user.id);
  const { user } = found;
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale, ...scope };
}

export async function requireUser(request: Request): Promise<SessionUser> {
  assertSameOrigin(request);
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const next = `${url.pathname}${url.search}`;
    throw redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  return user;
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

export function conversationScope(user: SessionUser): ConversationScope {
  switch (user.role) {
    case "admin":
    case "reviewer":
    case "executive":
      return { kind: "all" };
    case "lead":
      return { kind: "teams", teamIds: user.teamIds };
    case "agent":
      return { kind: "agent", agentId: user.agentId };
  }
}

/** Role groups used by routes, named for what they may do. */
export const ROLE_GROUPS = {
  everyone: ["admin", "reviewer", "lead", "executive", "agent"],
  admins: ["admin"],
  /** Dashboards: executives read them, leads see their own teams, admins everything. */
  dashboards: ["admin", "executive", "lead"],
  /** The reviewer dashboard: reviewers see their own work, admins, leads (their teams) and executives everyone's. */
  reviewerDashboard: ["admin", "reviewer", "lead", "executive"],
} as const satisfies Record<string, readonly Role[]>;
