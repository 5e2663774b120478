import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../auth/guards.server";

/** The sentiment model's card (docs/model-card.md), as plain Markdown, for anyone signed in. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const text = await readFile(path.resolve("docs/model-card.md"), "utf8");
  return new Response(text, { headers: { "Content-Type": "text/markdown; charset=utf-8" } });
}
