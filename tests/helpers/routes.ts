import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { createSessionCookieFor } from "../../app/auth/session.server";
import type { Database } from "../../db/client";

export const ORIGIN = "http://qa.test";

export type Outcome = "ok" | "login" | "forbidden" | "notFound" | "redirect" | "badRequest" | "unauthorized";

export interface RouteModule {
  loader?: LoaderFunction;
  action?: ActionFunction;
}

export async function sessionCookie(db: Database, userId: string): Promise<string> {
  return (await createSessionCookieFor(db, userId)).split(";")[0];
}

export function buildRequest(path: string, init: { method?: string; cookie?: string; form?: Record<string, string | string[]>; origin?: string | null } = {}) {
  const headers = new Headers({ Host: new URL(ORIGIN).host });
  if (init.cookie) headers.set("Cookie", init.cookie);
  const method = init.method ?? "GET";
  let body: FormData | undefined;
  if (method !== "GET") {
    if (init.origin !== null) headers.set("Origin", init.origin ?? ORIGIN);
    body = new FormData();
    for (const [key, value] of Object.entries(init.form ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
  }
  return new Request(`${ORIGIN}${path}`, { method, headers, body });
}

/** Runs a loader or action the way Remix would and returns the response, thrown or returned. */
export async function runRoute(
  module: RouteModule,
  request: Request,
  params: Record<string, string> = {},
): Promise<{ response: Response | null; data: unknown }> {
  const handler = request.method === "GET" ? module.loader : module.action;
  if (!handler) throw new Error(`route has no ${request.method === "GET" ? "loader" : "action"}`);
  try {
    const result = await handler({ request, params, context: { clientIp: "203.0.113.9" } });
    return result instanceof Response ? { response: result, data: null } : { response: null, data: result };
  } catch (thrown) {
    if (thrown instanceof Response) return { response: thrown, data: null };
    throw thrown;
  }
}

export function classify({ response }: { response: Response | null }): Outcome {
  if (!response) return "ok";
  const { status } = response;
  if (status >= 300 && status < 400) {
    const location = response.headers.get("Location") ?? "";
    return location.startsWith("/login") ? "login" : "redirect";
  }
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "notFound";
  if (status === 400) return "badRequest";
  if (status >= 200 && status < 300) return "ok";
  throw new Error(`unexpected status ${status}`);
}
