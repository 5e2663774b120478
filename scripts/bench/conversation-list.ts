import { count, desc, sql } from "drizzle-orm";
import { openPostgres } from "../../db/client";
import { decodeCursor, encodeCursor, listConversations } from "../../db/queries/conversations";
import { conversations } from "../../db/schema";
import { machineLine, measure, timingTable } from "./lib/measure";

/**
 * The conversations page at scale: keyset pagination (what the app does) against OFFSET pagination
 * (the naive baseline), measured in the same run on the same database.
 * Needs DATABASE_URL pointing at a database seeded with `npm run seed -- --conversations 1000000`.
 */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to a PostgreSQL database seeded with demo data (npm run seed -- --conversations 1000000).");
  const handle = await openPostgres(url, { max: 2 });
  const { db } = handle;
  const [{ n }] = await db.select({ n: count() }).from(conversations);
  const all = { kind: "all" } as const;
  const deepPage = 1000;

  // The cursor a reader holds after paging 1,000 pages deep, found once outside the timing.
  const [deepRow] = await db
    .select({ createdAt: conversations.createdAt, id: conversations.id })
    .from(conversations)
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .offset(deepPage * 50 - 1)
    .limit(1);
  const deepCursor = decodeCursor(encodeCursor(deepRow));

  const rows = [
    await measure("first page (keyset)", () => listConversations(db, { scope: all, filters: {} })),
    await measure(`page ${deepPage} (keyset cursor)`, () => listConversations(db, { scope: all, filters: {}, cursor: deepCursor })),
    await measure(`page ${deepPage} (OFFSET ${deepPage * 50}, same columns and joins, baseline)`, () =>
      db.execute(sql`select c.id, c.channel, c.subject, c.status, c.language, c.created_at, c.first_response_at, c.csat,
          c.message_count, a.name, t.name, cu.name
        from conversations c left join agents a on a.id = c.agent_id left join teams t on t.id = c.team_id
          left join customers cu on cu.id = c.customer_id
        order by c.created_at desc, c.id desc offset ${deepPage * 50} limit 51`),
    ),
    await measure("channel = whatsapp, first page", () => listConversations(db, { scope: all, filters: { channel: "whatsapp" } })),
    await measure("one team (lead scope), first page", () => listConversations(db, { scope: { kind: "teams", teamIds: [1] }, filters: {} })),
    await measure("one agent (agent scope), first page", () => listConversations(db, { scope: { kind: "agent", agentId: 2 }, filters: {} })),
    await measure("text search 'factura' (common word), first page", () => listConversations(db, { scope: all, filters: { text: "factura" } })),
    await measure("text search 'hoja de reclamaciones' (rarer phrase), first page", () =>
      listConversations(db, { scope: all, filters: { text: "hoja de reclamaciones" } }),
    ),
    await measure("count(*) of all conversations (baseline)", () => db.execute(sql`select count(*) from conversations`), { runs: 5 }),
  ];
  console.log(`Conversation list on ${Number(n).toLocaleString("en")} conversations — ${machineLine()}\n`);
  console.log(timingTable(rows));
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
