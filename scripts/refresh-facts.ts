import { closeDatabase, getDatabaseHandle } from "../db/client";
import { countStaleFacts, refreshStaleFacts } from "../db/facts";

/**
 * Recomputes missing or stale conversation facts and their daily rollups: after a migration on a database
 * loaded before the facts existed, or to finish a recompute the app started after the response-time
 * settings changed. Safe to stop and run again.
 */
async function main() {
  const handle = await getDatabaseHandle();
  const stale = await countStaleFacts(handle.db);
  console.log(`${handle.location}: ${stale} conversations need their facts (re)computed.`);
  if (stale === 0) return;
  const started = Date.now();
  const done = await refreshStaleFacts(handle.db, {
    onProgress: (count) => process.stdout.write(`\r  ${count} / ${stale} (${Math.round((100 * count) / stale)}%)   `),
  });
  process.stdout.write("\n");
  console.log(`Refreshed ${done} conversations in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main()
  .catch((error: unknown) => {
    process.exitCode = 1;
    console.error(error instanceof Error ? error.message : error);
  })
  .finally(() => closeDatabase());
