import { closeDatabase, getDatabaseHandle } from "../db/client";
import { countStaleFacts, refreshStaleFacts } from "../db/facts";
import { parseArgs } from "./args";

const USAGE = "npm run facts:refresh -- [--after-id N] [--until-id M]";

/**
 * Recomputes missing or stale conversation facts and their daily rollups: after a migration on a database
 * loaded before the facts existed, or to finish a recompute the app started after the response-time
 * settings changed. Safe to stop and run again. An id range lets two processes share a large backfill.
 */
async function main() {
  const args = parseArgs(process.argv.slice(2), { "after-id": "string", "until-id": "string" });
  const afterId = args["after-id"] === undefined ? 0 : Number(args["after-id"]);
  const untilId = args["until-id"] === undefined ? undefined : Number(args["until-id"]);
  if (!Number.isInteger(afterId) || (untilId !== undefined && !Number.isInteger(untilId))) throw new Error(`Ids must be integers. Usage: ${USAGE}`);
  const handle = await getDatabaseHandle();
  const stale = await countStaleFacts(handle.db);
  console.log(`${handle.location}: ${stale} conversations need their facts (re)computed.`);
  if (stale === 0) return;
  const started = Date.now();
  const done = await refreshStaleFacts(handle.db, {
    afterId,
    untilId,
    onProgress: (count) => process.stdout.write(`\r  ${count} refreshed (${((Date.now() - started) / 1000).toFixed(0)} s)   `),
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
