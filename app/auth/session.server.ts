import type { Database } from "../../db/client";
import { countRecentFailures, findUserByEmail, recordLoginAttempt } from "../../db/queries/users";
import { luciaFor } from "./lucia.server";
import { verifyPassword } from "./password.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export type LoginResult =
  | { ok: true; setCookie: string }
  | { ok: false; reason: "invalid" | "rate_limited" | "inactive" };

// A real hash to verify against when the account does not exist, so timing does not reveal which emails exist.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$j4Q8XKii35OXHl0a1408mA$N3VloMo0qvpxLWLozerEV2IhwoSOzK4cQ3CV/Fm7G6M";

export async function logIn(
  db: Database,
  { email, password, ip }: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const failures = await countRecentFailures(db, { email, ip, since: new Date(Date.now() - LOGIN_WINDOW_MS) });
  if (failures.email >= MAX_FAILURES_PER_ACCOUNT || failures.ip >= MAX_FAILURES_PER_IP) {
    return { ok: false, reason: "rate_limited" };
  }
  const user = await findUserByEmail(db, email);
  const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  await recordLoginAttempt(db, { email, ip, succeeded: Boolean(user && valid) });
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (!user.active) return { ok: false, reason: "inactive" };
  const lucia = luciaFor(db);
  const session = await lucia.createSession(user.id, {});
  return { ok: true, setCookie: lucia.createSessionCookie(session.id).serialize() };
}

export async function logOut(db: Database, request: Request): Promise<string> {
  const lucia = luciaFor(db);
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

export async function createSessionCookieFor(db: Database, userId: string): Promise<string> {
  const lucia = luciaFor(db);
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

export async function readSession(db: Database, request: Request) {
  const lucia = luciaFor(db);
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  return {
    session,
    user,
    refreshedCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

/** The socket address the server saw (set by scripts/start.ts); forwarded headers are not trusted. */
export function clientIp(context: unknown): string {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}
