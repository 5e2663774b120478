import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";

// Public on purpose: load balancers call it without a session. It reveals nothing but up/down.
export async function loader() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return new Response("ok", { status: 200, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  }
}
