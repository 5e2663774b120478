import os from "node:os";
import { count, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "../../db/client";
import { drawPart } from "../../db/queries/sampling";
import * as schema from "../../db/schema";
import { conversations } from "../../db/schema";
import { planStratifiedDraw, seedOffset, stratumKeyOf } from "../../scoring/sampling";
import { machineLine, measure, timingTable } from "./lib/measure";

/**
 * A seeded draw of 400 conversations from a large table: the keyset walk on the sample_key index (what the app
 * does) against `ORDER BY random() LIMIT n` (the naive baseline), in the same run on the same database.
 * Read-only: connects without migrating, so it can point at a shared benchmark database
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/qa_bench).
 */
const SAMPLE_SIZE = 400;
const SEED = "bench-2026-W47";

async function main() {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/qa_bench";
  const client = postgres(url, { max: 2, onnotice: () => {} });
  const db = drizzle(client, { schema }) as unknown as Database;
  await db.execute(sql`set default_transaction_read_only = on`);
  const [{ n }] = await db.select({ n: count() }).from(conversations);

  const oneStratum = () => drawPart(db, sql`true`, seedOffset(SEED, "all"), SAMPLE_SIZE);
  const first = await oneStratum();
  const again = await oneStratum();
  if (first.length !== SAMPLE_SIZE || first.join() !== again.join()) throw new Error("the seeded draw is not reproducible");

  /** The app's whole draw: counts per agent × channel, the shared plan, then two keyset queries per stratum. */
  const stratified = async () => {
    const strata = await db
      .select({ agentId: conversations.agentId, channel: conversations.channel, population: count() })
      .from(conversations)
      .groupBy(conversations.agentId, conversations.channel);
    const byKey = new Map(strata.map((row) => [stratumKeyOf({ agent: String(row.agentId), channel: row.channel }), row]));
    const plan = planStratifiedDraw(
      [...byKey].map(([key, row]) => ({ key, group: String(row.agentId), population: Number(row.population) })),
      { seed: SEED, size: { kind: "total", total: SAMPLE_SIZE }, method: "proportional" },
    );
    const ids: number[] = [];
    for (const part of plan.parts) {
      const row = byKey.get(part.stratumKey);
      if (!row || part.sampleSize === 0) continue;
      const condition = sql`${conversations.agentId} is not distinct from ${row.agentId} and ${conversations.channel} = ${row.channel}`;
      ids.push(...(await drawPart(db, condition, part.offset, part.sampleSize)));
    }
    return ids;
  };
  const stratifiedIds = await stratified();
  if (new Set(stratifiedIds).size !== SAMPLE_SIZE) throw new Error(`stratified draw returned ${stratifiedIds.length} ids`);

  const rows = [
    await measure(`seeded draw of ${SAMPLE_SIZE}, one stratum (sample_key index)`, oneStratum),
    await measure(`seeded draw of ${SAMPLE_SIZE}, agent × channel strata (counts + keyset per stratum)`, stratified, { runs: 10 }),
    await measure(
      `ORDER BY random() LIMIT ${SAMPLE_SIZE} (naive baseline)`,
      () => db.execute(sql`select id from conversations order by random() limit ${SAMPLE_SIZE}`),
      { runs: 10 },
    ),
  ];
  console.log(
    `Sampling on ${Number(n).toLocaleString("en")} conversations, ${machineLine()}, load average ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(" ")}`,
  );
  console.log(timingTable(rows));
  await client.end({ timeout: 5 });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
