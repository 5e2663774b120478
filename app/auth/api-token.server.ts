import { getDb } from "../../db/client";
import { findActiveToken } from "../../db/queries/api-tokens";

export function apiError(status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * The guard of the /api/v1 routes: a bearer token created by an admin. Session cookies are not accepted
 * there, so cross-site requests cannot ride on a browser session (no CSRF surface) and roles do not apply.
 */
export async function requireApiToken(request: Request): Promise<{ id: number; name: string }> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const unauthorized = (message: string) => apiError(401, message, {}, { "WWW-Authenticate": 'Bearer realm="calidad-qa"' });
  if (!match) throw unauthorized("Missing bearer token: send Authorization: Bearer <token> (admins create tokens on the API tokens page).");
  const token = await findActiveToken(await getDb(), match[1]);
  if (!token) throw unauthorized("Invalid or revoked token.");
  return token;
}
