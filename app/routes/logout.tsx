import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getDb } from "../../db/client";
import { assertSameOrigin } from "../auth/guards.server";
import { logOut } from "../auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const cookie = await logOut(await getDb(), request);
  return redirect("/login", { headers: { "Set-Cookie": cookie } });
}

export function loader() {
  return redirect("/");
}
