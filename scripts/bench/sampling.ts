import os from "node:os";
import { and, count, eq, gte, isNull, max, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "../../db/client";
import { type DrawStrategy, drawConversations, drawPart, eligibilityCondition, eligibleStrata } from "../../db/queries/sampling";
import * as schema from "../../db/schema";
import { conversations } from "../../db/schema";
import { planStratifiedDraw, seedOffset, stratumKeyOf } from "../../scoring/sampling";
import { type SamplingRuleDefinition, samplingRuleDefinitionSchema } from "../../scoring/sampling/rule";
import { machineLine, measure, timingTable } from "./lib/measure";

/**
 * A seeded draw of 400 conversations from a large table: the keyset walk (what the app does) against
 * `ORDER BY random() LIMIT n` (the naive baseline), in the same run on the same database.
 *
 * Before measuring, it makes sure migration 0005's `(agent_id, channel, sample_key)` index exists
 * (`CREATE INDEX CONCURRENTLY IF NOT EXISTS`, the same definition), then measures on a read-only connection, so it
 * can point at a shared benchmark database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/qa_bench).
 * The stratified rows run the app's own read-only draw (`drawConversations`): counts per agent × channel (all the
 * conversations the filters keep, minus the reviewed, assigned or calibration ones among them), score histories, the plan, then the rows: two keyset queries per
 * stratum, or one ranked query for all of them (`DrawStrategy`); the script checks that both return the same ids.
 */
const SAMPLE_SIZE = 400;
const SEED = "bench-2026-W47";
const COMPOSITE_INDEX = "conversations_agent_channel_sample_key_idx";

async function ensureCompositeIndex(url: string): Promise<"existed" | "created"> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [found] = await admin`select 1 as found from pg_indexes where tablename = 'conversations' and indexname = ${COMPOSITE_INDEX}`;
    if (found) return "existed";
    // The definition of migration 0005 (db/migrations/0005_sampling.sql).
    await admin.unsafe(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS "${COMPOSITE_INDEX}" ON "conversations" USING btree ("agent_id","channel","sample_key")`,
    );
    return "created";
  } finally {
    await admin.end({ timeout: 5 });
  }
}

function definition(overrides: Partial<SamplingRuleDefinition>): SamplingRuleDefinition {
  return samplingRuleDefinitionSchema.parse({
    filters: {},
    size: { kind: "total", total: SAMPLE_SIZE },
    allocation: "proportional",
    seed: SEED,
    ...overrides,
  });
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/qa_bench";
  const index = await ensureCompositeIndex(url);
  const client = postgres(url, { max: 1, onnotice: () => {}, connection: { default_transaction_read_only: true, jit: "off" } });
  const db = drizzle(client, { schema }) as unknown as Database;
  const [{ n, latest }] = await db.select({ n: count(), latest: max(conversations.createdAt) }).from(conversations);
  // "Now" is just after the newest conversation, so "the last 7 days" has data however old the database is.
  const now = new Date((latest ?? new Date()).getTime() + 1000);
  const lastWeek = { channels: [], teamIds: [], agentIds: [], statuses: [], languages: [], tags: [], lastDays: 7 };

  const oneStratum = () => drawPart(db, sql`true`, seedOffset(SEED, "all"), SAMPLE_SIZE);
  const first = await oneStratum();
  const again = await oneStratum();
  if (first.length !== SAMPLE_SIZE || first.join() !== again.join()) throw new Error("the seeded draw is not reproducible");

  const whole = definition({});
  const week = definition({ filters: { ...whole.filters, ...lastWeek } });
  const weekSpread = definition({ filters: week.filters, spread: { bucket: "day", mode: "equal" } });
  const draw =
    (rule: SamplingRuleDefinition, strategy: DrawStrategy = "keyset") =>
    () =>
      drawConversations(db, { definition: rule, teamId: null, timeZone: "UTC", now, seed: SEED, strategy });
  // Same seed, same ids, whichever way the rows are fetched.
  for (const [rule, strategies] of [
    [whole, ["keyset"]],
    [week, ["keyset", "window"]],
    [weekSpread, ["keyset", "window"]],
  ] as const) {
    const reference = (await draw(rule)()).drawn.map((row) => row.conversationId);
    if (new Set(reference).size !== SAMPLE_SIZE) throw new Error(`the stratified draw returned ${reference.length} ids`);
    for (const strategy of strategies) {
      const ids = (await draw(rule, strategy)()).drawn.map((row) => row.conversationId);
      if (ids.join() !== reference.join()) throw new Error(`the ${strategy} draw is not reproducible or differs from keyset`);
    }
  }

  // The two halves of the whole-table draw on their own: the counts per stratum, and the keyset queries per stratum.
  const eligible = eligibilityCondition(whole.filters, { teamId: null, now });
  const countStrata = () => eligibleStrata(db, whole.filters, { teamId: null, now });
  const strata = await countStrata();
  const byKey = new Map(strata.map((row) => [stratumKeyOf({ agent: String(row.agentId ?? "none"), channel: row.channel }), row]));
  const plan = planStratifiedDraw(
    [...byKey].map(([key, row]) => ({ key, group: String(row.agentId), population: Number(row.population) })),
    { seed: SEED, size: { kind: "total", total: SAMPLE_SIZE }, method: "proportional" },
  );
  const conditionOf = (row: (typeof strata)[number]) =>
    and(
      eligible,
      row.agentId === null ? isNull(conversations.agentId) : eq(conversations.agentId, row.agentId),
      eq(conversations.channel, row.channel),
    ) ?? sql`true`;
  const keysetOnly = async () => {
    for (const part of plan.parts) {
      const row = byKey.get(part.stratumKey);
      if (row && part.sampleSize > 0) await drawPart(db, conditionOf(row), part.offset, part.sampleSize);
    }
  };
  // Which index the per-stratum query walks.
  const busiest = [...strata].sort((a, b) => Number(b.population) - Number(a.population))[0];
  const explained = await db.execute(
    sql`explain select ${conversations.id} from ${conversations} where ${conditionOf(busiest)} and ${conversations.sampleKey} >= ${0.5} order by ${conversations.sampleKey}, ${conversations.id} limit ${5}`,
  );
  const planText = (explained as unknown as { "QUERY PLAN": string }[]).map((row) => row["QUERY PLAN"]).join("\n");
  const usesComposite = planText.includes(COMPOSITE_INDEX);

  const since = new Date(now.getTime() - 7 * 86_400_000);
  const rows = [
    await measure(`seeded draw of ${SAMPLE_SIZE}, one stratum (sample_key index)`, oneStratum),
    await measure(
      `stratified draw of ${SAMPLE_SIZE}, all conversations (app's drawConversations: counts + plan + keyset per stratum)`,
      draw(whole),
      {
        runs: 10,
      },
    ),
    await measure("  of which: counts per agent × channel (all the filters keep, minus the excluded)", countStrata, { runs: 10 }),
    await measure(
      `  of which: keyset queries, ${plan.parts.filter((part) => part.sampleSize > 0).length} strata (composite index)`,
      keysetOnly,
      {
        runs: 10,
      },
    ),
    await measure(
      `ORDER BY random() LIMIT ${SAMPLE_SIZE}, all conversations (naive baseline)`,
      () => db.execute(sql`select id from conversations order by random() limit ${SAMPLE_SIZE}`),
      { runs: 10 },
    ),
    await measure(`stratified draw of ${SAMPLE_SIZE}, last 7 days, keyset per stratum`, draw(week), { runs: 10 }),
    await measure(`stratified draw of ${SAMPLE_SIZE}, last 7 days, one ranked query`, draw(week, "window"), { runs: 10 }),
    await measure(`stratified draw of ${SAMPLE_SIZE}, last 7 days, spread evenly over the days, keyset per cell`, draw(weekSpread), {
      runs: 3,
      warmup: 1,
    }),
    await measure(
      `stratified draw of ${SAMPLE_SIZE}, last 7 days, spread evenly over the days, one ranked query (the default)`,
      draw(weekSpread, "window"),
      { runs: 10 },
    ),
    await measure(
      `ORDER BY random() LIMIT ${SAMPLE_SIZE}, last 7 days (naive baseline)`,
      () => db.execute(sql`select id from conversations where created_at >= ${since.toISOString()} order by random() limit ${SAMPLE_SIZE}`),
      { runs: 10 },
    ),
  ];
  const [{ inWeek }] = await db.select({ inWeek: count() }).from(conversations).where(gte(conversations.createdAt, since));
  console.log(
    `Sampling on ${Number(n).toLocaleString("en")} conversations (${Number(inWeek).toLocaleString("en")} in the last 7 days, ${strata.length} agent × channel strata), ${machineLine()}, load average ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `Composite index ${COMPOSITE_INDEX}: ${index}; the per-stratum keyset query ${usesComposite ? "uses it" : "does NOT use it"}:`,
  );
  console.log(planText);
  console.log(timingTable(rows));
  await client.end({ timeout: 5 });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
