import { closeDatabase, getDatabaseHandle } from "../db/client";
import { SCORING_JOB_KEY } from "../db/ingest/jobs";
import { putSetting } from "../db/queries/settings";
import { type ScoringProgress, runScoring } from "../db/scoring/run-scoring";
import { parseArgs } from "./args";

const USAGE = "npm run score -- [--batch-size N]";

/** Scores every message the configured sentiment model has not scored yet, then their conversations' frustration. */
async function main() {
  const args = parseArgs(process.argv.slice(2), { "batch-size": "string" });
  const batchSize = Number(args["batch-size"] ?? 512);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch-size must be a positive integer. Usage: ${USAGE}`);
  const handle = await getDatabaseHandle();
  const started = Date.now();
  let lastPrint = 0;
  const onProgress = (progress: ScoringProgress) => {
    const now = Date.now();
    if (now - lastPrint < 1000 && progress.done !== progress.total) return;
    lastPrint = now;
    const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 100;
    const rate = progress.done / Math.max((now - started) / 1000, 0.001);
    process.stdout.write(`\r  scored ${String(progress.done).padStart(9)} / ${progress.total} messages (${percent}%), ${rate.toFixed(0)}/s   `);
  };
  await putSetting(handle.db, SCORING_JOB_KEY, "running");
  const result = await runScoring(handle.db, { batchSize, onProgress });
  await putSetting(handle.db, SCORING_JOB_KEY, "done");
  process.stdout.write("\n");
  console.log(
    `${result.model.modelId} ${result.model.version}: ${result.done} messages (${result.classified} distinct texts through the model) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

main()
  .catch((error: unknown) => {
    process.exitCode = 1;
    console.error(error instanceof Error ? error.message : error);
  })
  .finally(() => closeDatabase());
