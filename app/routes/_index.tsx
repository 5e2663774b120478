import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireUser } from "../auth/guards.server";

/** Everyone lands where their morning starts: executives on the overview, leads on their team. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (user.role === "executive") return redirect("/dashboards/executive");
  if (user.role === "lead") return redirect("/dashboards/team");
  return redirect("/conversations");
}
