/**
 * Throughput of the sentiment model: the Transformers.js pipeline path (`classify`) against a raw
 * onnxruntime-node session on the same ONNX file, the same tokenizer, the same length-sorted batches,
 * in the same run, after a warm-up.
 *   npx tsx scripts/sentiment/bench.ts [--dtype q8|fp32] [--batch-size 64] [--texts 3000] [--rounds 3]
 * Texts: the held-out and validation texts (only their text), cycled to the requested count.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as ort from "onnxruntime-node";
import {
  classify,
  classifyWithFrustration,
  getSentimentPipeline,
  resolveModel,
  type SentimentDtype,
  sentimentSettingsFromEnv,
} from "../../scoring/sentiment/classifier";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FILE_FOR_DTYPE: Record<string, string> = { fp32: "model.onnx", q8: "model_quantized.onnx" };

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

function loadTexts(count: number): string[] {
  const files = ["scoring/sentiment/corpus/test/heldout.jsonl", "scoring/sentiment/corpus/clean/validation.jsonl"];
  const texts = files.flatMap((file) =>
    readFileSync(path.join(ROOT, file), "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { text: string }).text),
  );
  return Array.from({ length: count }, (_, i) => texts[i % texts.length]);
}

function softmaxRows(data: Float32Array, columns: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let row = 0; row < data.length / columns; row++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < columns; c++) max = Math.max(max, data[row * columns + c]);
    let sum = 0;
    for (let c = 0; c < columns; c++) {
      out[row * columns + c] = Math.exp(data[row * columns + c] - max);
      sum += out[row * columns + c];
    }
    for (let c = 0; c < columns; c++) out[row * columns + c] /= sum;
  }
  return out;
}

export interface SentimentBenchOptions {
  dtype: SentimentDtype;
  batchSize: number;
  count: number;
}

/**
 * The paths to compare, ready to run on the same texts and batches: the pipeline (`classify`), the scoring job's
 * path (`classifyWithFrustration`) and a raw onnxruntime-node session on the same ONNX file. `raw` also reports
 * the seconds spent inside `session.run` alone.
 */
export async function prepareSentimentBench({ dtype, batchSize, count }: SentimentBenchOptions) {
  const settings = { ...sentimentSettingsFromEnv(), dtype };
  const resolved = resolveModel(settings.model);
  if (!resolved.folder) throw new Error("bench needs a local model folder");
  const texts = loadTexts(count);

  const loadStarted = performance.now();
  const classifier = await getSentimentPipeline(settings);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const session = await ort.InferenceSession.create(path.join(resolved.folder, "onnx", FILE_FOR_DTYPE[dtype]));
  const tokenizer = classifier.tokenizer;

  const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
  const batches: string[][] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    batches.push(order.slice(start, start + batchSize).map((i) => texts[i]));
  }

  const raw = async (): Promise<number> => {
    let inferenceOnlySeconds = 0;
    for (const batch of batches) {
      const encoded = tokenizer(batch, { padding: true, truncation: true });
      const feeds: Record<string, ort.Tensor> = {};
      for (const name of ["input_ids", "attention_mask", "token_type_ids"] as const) {
        const tensor = encoded[name] as { data: BigInt64Array; dims: number[] };
        feeds[name] = new ort.Tensor("int64", tensor.data, tensor.dims);
      }
      const started = performance.now();
      const output = await session.run(feeds);
      inferenceOnlySeconds += (performance.now() - started) / 1000;
      softmaxRows(output.logits.data as Float32Array, output.logits.dims[1] as number);
    }
    return inferenceOnlySeconds;
  };
  const viaPipeline = async () => {
    await classify(texts, { batchSize, settings });
  };
  const scoringPath = async () => {
    await classifyWithFrustration(texts, { batchSize, settings });
  };
  return { modelId: resolved.modelId, texts, loadSeconds, raw, viaPipeline, scoringPath };
}

async function main() {
  const dtype = option("dtype", "q8") as SentimentDtype;
  const batchSize = Number(option("batch-size", "64"));
  const count = Number(option("texts", "3000"));
  const rounds = Number(option("rounds", "3"));
  const bench = await prepareSentimentBench({ dtype, batchSize, count });
  const { raw, viaPipeline } = bench;
  const loadSeconds = bench.loadSeconds;
  const resolved = { modelId: bench.modelId };
  let inferenceOnlySeconds = 0;

  await raw();
  await viaPipeline();
  const timings: Record<string, number[]> = { pipeline: [], raw: [], inference_only: [] };
  for (let round = 0; round < rounds; round++) {
    let started = performance.now();
    await viaPipeline();
    timings.pipeline.push(count / ((performance.now() - started) / 1000));
    started = performance.now();
    inferenceOnlySeconds = await raw();
    timings.raw.push(count / ((performance.now() - started) / 1000));
    timings.inference_only.push(count / inferenceOnlySeconds);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const result = {
    model: resolved.modelId,
    dtype,
    batch_size: batchSize,
    texts: count,
    rounds,
    first_load_seconds: Number(loadSeconds.toFixed(2)),
    texts_per_second: Object.fromEntries(
      Object.entries(timings).map(([name, values]) => [name, { median: Math.round(median(values)), all: values.map(Math.round) }]),
    ),
    pipeline_vs_raw: Number((median(timings.pipeline) / median(timings.raw)).toFixed(3)),
    cpus: (await import("node:os")).cpus().length,
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 1));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
