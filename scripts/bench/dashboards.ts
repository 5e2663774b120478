import { count, sql } from "drizzle-orm";
import { openPostgres } from "../../db/client";
import { loadSlaConfig, resolveSlaConfig } from "../../db/facts";
import { addDays, executiveDashboard, teamDashboard } from "../../db/queries/dashboards";
import { conversations, dailyRollups, messages } from "../../db/schema";
import { CHANNELS } from "../../scoring/domain";
import { machineLine, measure, timingTable } from "./lib/measure";

/**
 * The dashboards at scale: the executive and team-lead dashboards as the app computes them (from the
 * daily rollups), against the same core numbers computed from the raw conversations and messages (the
 * baseline a dashboard without facts would run) and from conversation_facts without rollups, in the same
 * run on the same database. Needs DATABASE_URL pointing at a database seeded with
 * `npm run seed -- --conversations 1000000` whose facts are computed (`npm run facts:refresh`).
 */
async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to a PostgreSQL database seeded with demo data (npm run seed -- --conversations 1000000).");
  const handle = await openPostgres(url, { max: 4 });
  const { db } = handle;
  const [[{ n }], [{ m }], [{ r }], [latest]] = await Promise.all([
    db.select({ n: count() }).from(conversations),
    db.select({ m: count() }).from(messages),
    db.select({ r: count() }).from(dailyRollups),
    db.select({ day: sql<string>`max(${dailyRollups.day})::text` }).from(dailyRollups),
  ]);
  if (!latest?.day) throw new Error("No daily rollups: run `npm run facts:refresh` on this database first.");
  const to = latest.day;
  const asOf = new Date(`${addDays(to, 1)}T00:00:00Z`);
  const quarter = { from: addDays(to, -89), to };
  const all = { kind: "all" } as const;
  const targets = resolveSlaConfig(await loadSlaConfig(db)).targets;
  const targetRows = sql.join(
    CHANNELS.map((channel) => sql`(${channel}::channel, ${targets[channel].firstResponse.standardMs}::bigint)`),
    sql`, `,
  );
  const start = `${quarter.from}T00:00:00Z`;
  const end = `${addDays(quarter.to, 1)}T00:00:00Z`;

  const rows = [
    await measure("executive dashboard, 90 days, all teams (rollups: what the page runs)", () =>
      executiveDashboard(db, { scope: all, filters: quarter, asOf }),
    ),
    await measure("team-lead dashboard, 90 days, all teams (rollups)", () => teamDashboard(db, { scope: all, filters: quarter, asOf })),
    await measure("team-lead dashboard, 90 days, one team (lead scope)", () =>
      teamDashboard(db, { scope: { kind: "teams", teamIds: [1] }, filters: quarter, asOf }),
    ),
    await measure(
      "baseline: per channel × day first-response compliance, CSAT, unanswered from conversation_facts (no rollups)",
      () =>
        db.execute(sql`select channel, created_day, count(*), count(*) filter (where first_response_met_standard),
            count(first_response_met_standard), count(*) filter (where csat >= 4), count(csat),
            count(*) filter (where has_customer_message and unanswered)
          from conversation_facts where created_day between ${quarter.from}::date and ${quarter.to}::date group by 1, 2`),
      { runs: 5, warmup: 1 },
    ),
    await measure(
      "baseline: the same numbers from raw conversations and messages",
      () =>
        db.execute(sql`with period as (
              select id, channel, csat, created_at from conversations where created_at >= ${start}::timestamptz and created_at < ${end}::timestamptz
            ), firsts as (
              select m.conversation_id,
                min(m.sent_at) filter (where m.author_role = 'customer') as first_customer,
                min(m.sent_at) filter (where m.author_role = 'agent') as first_agent
              from messages m join period p on p.id = m.conversation_id group by 1
            ), targets(channel, standard_ms) as (values ${targetRows})
            select p.channel, (p.created_at at time zone 'UTC')::date as day, count(*),
              count(*) filter (where f.first_agent > f.first_customer
                and extract(epoch from f.first_agent - f.first_customer) * 1000 <= t.standard_ms),
              count(*) filter (where f.first_agent > f.first_customer),
              count(*) filter (where p.csat >= 4), count(p.csat),
              count(*) filter (where f.first_customer is not null and f.first_agent is null)
            from period p left join firsts f on f.conversation_id = p.id join targets t on t.channel = p.channel
            group by 1, 2`),
      { runs: 3, warmup: 1 },
    ),
  ];
  console.log(
    `Dashboards on ${Number(n).toLocaleString("en")} conversations, ${Number(m).toLocaleString("en")} messages, ` +
      `${Number(r).toLocaleString("en")} daily rollup rows; period ${quarter.from} – ${quarter.to} — ${machineLine()}\n`,
  );
  console.log(timingTable(rows));
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
