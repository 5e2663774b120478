import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireUser } from "../auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return redirect("/conversations");
}
