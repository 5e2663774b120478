import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { readConversation } from "../../db/ingest/api";
import { apiError, requireApiToken } from "../auth/api-token.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireApiToken(request);
  const conversation = await readConversation(await getDb(), params.source ?? "", params.externalId ?? "");
  if (!conversation) return apiError(404, `No conversation ${params.source}/${params.externalId}.`);
  return Response.json(conversation, { headers: { "Cache-Control": "no-store" } });
}
