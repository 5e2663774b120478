import os from "node:os";
import { prepareSentimentBench } from "../sentiment/bench";
import { type Timing, machineLine, measure } from "./lib/measure";

/**
 * Messages per second of the sentiment scoring path on the shipped model, against a raw onnxruntime-node session
 * on the same ONNX file, same texts and same length-sorted batches, in the same run (scripts/sentiment/bench.ts).
 *   npm run bench -- sentiment [--texts 3000] [--batch-size 64] [--runs 5] [--dtype q8|fp32]
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

async function main() {
  const count = Number(option("texts", "3000"));
  const batchSize = Number(option("batch-size", "64"));
  const runs = Number(option("runs", "5"));
  const dtype = option("dtype", "q8") as "q8" | "fp32";
  const bench = await prepareSentimentBench({ dtype, batchSize, count });
  const timings: Timing[] = [
    await measure("raw onnxruntime-node session (tokenizer + session.run + softmax, baseline)", bench.raw, { runs, warmup: 1 }),
    await measure("pipeline: classify() (text-classification pipeline)", bench.viaPipeline, { runs, warmup: 1 }),
    await measure("scoring job path: classifyWithFrustration() (sentiment + frustration head)", bench.scoringPath, { runs, warmup: 1 }),
  ];
  const raw = timings[0].medianMs;
  console.log(`${machineLine()}, load average ${os.loadavg().map((n) => n.toFixed(1)).join(" / ")}`);
  console.log(`model ${bench.modelId} (${dtype}), ${count} texts per run, batch size ${batchSize}, first load ${bench.loadSeconds.toFixed(2)} s\n`);
  console.log("| path | median ms | p95 ms | messages/s (median) | vs raw | runs |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const timing of timings) {
    const perSecond = count / (timing.medianMs / 1000);
    console.log(
      `| ${timing.name} | ${timing.medianMs.toFixed(0)} | ${timing.p95Ms.toFixed(0)} | ${perSecond.toFixed(0)} | ${(raw / timing.medianMs).toFixed(2)} | ${timing.runs} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
