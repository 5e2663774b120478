import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db/client";
import { updateUser } from "../../db/queries/users";
import { LOCALES } from "../../scoring/domain";
import { assertSameOrigin, getOptionalUser } from "../auth/guards.server";
import { localeCookie } from "../locale.server";
import { safeRedirectPath } from "../validation";

const languageSchema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

// Anyone may switch the interface language (the login page has the switch too); a signed-in user's choice is saved.
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const parsed = languageSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return new Response("Unknown language", { status: 400 });
  const user = await getOptionalUser(request, { allowUninstalled: true });
  if (user) await updateUser(await getDb(), user.id, { locale: parsed.data.locale });
  return redirect(safeRedirectPath(parsed.data.redirectTo), { headers: { "Set-Cookie": localeCookie(parsed.data.locale) } });
}

export function loader() {
  return redirect("/");
}
