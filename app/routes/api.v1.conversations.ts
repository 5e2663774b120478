import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { ingestConversations } from "../../db/ingest/api";
import { apiError, requireApiToken } from "../auth/api-token.server";

/** 500 long conversations fit; anything larger is a mistake or an attack. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function action({ request }: ActionFunctionArgs) {
  await requireApiToken(request);
  if (request.method !== "POST") return apiError(405, "Use POST.", {}, { Allow: "POST" });
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_BODY_BYTES) return apiError(413, `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB; send fewer conversations per request.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return apiError(413, "The body is too large; send fewer conversations per request.");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return apiError(400, "The body is not valid JSON.");
  }
  const result = await ingestConversations(await getDb(), body);
  if (!result.ok) return apiError(400, "Expected {\"conversations\": [...]} with 1 to 500 conversations.", { problems: result.problems });
  return Response.json(result.response, { headers: { "Cache-Control": "no-store" } });
}
