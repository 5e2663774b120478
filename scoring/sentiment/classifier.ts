/**
 * Sentiment of customer-support messages with a Transformers.js `text-classification` pipeline,
 * loaded once per process (a lazy singleton that survives hot reload), CPU, offline by default.
 *
 * Settings (environment):
 * - SENTIMENT_MODEL: a model folder (absolute, or relative to the working directory) or a model id.
 *   Default: our shipped model, scoring/sentiment/models/calidad-sentiment-es-en. A model id is looked
 *   up in scoring/sentiment/models/<id>, and on the Hugging Face hub only when ALLOW_REMOTE_MODELS=1.
 * - ALLOW_REMOTE_MODELS=1: allow downloads (e.g. SENTIMENT_MODEL=Xenova/bert-base-multilingual-uncased-sentiment).
 * - SENTIMENT_DTYPE: which ONNX file to load (fp32 → model.onnx, q8 → model_quantized.onnx, …);
 *   default: the model's own `transformers.js_config.dtype` (q8 for ours), else fp32.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { env, pipeline } from "@huggingface/transformers";
import { type RawLabelScore, type SentimentResult, toSentimentResult } from "./label-mapping";

/**
 * Beside this file when run from source; in the Remix server build this module lives in build/server, so the
 * shipped models are found from the working directory (the app starts in the repository root).
 */
export const MODELS_DIR =
  [fileURLToPath(new URL("./models", import.meta.url)), path.resolve("scoring/sentiment/models")].find((candidate) =>
    existsSync(candidate),
  ) ?? fileURLToPath(new URL("./models", import.meta.url));
export const DEFAULT_SENTIMENT_MODEL = "calidad-sentiment-es-en";
export const DEFAULT_BATCH_SIZE = 64;

const DTYPES = ["auto", "fp32", "fp16", "q8", "int8", "uint8", "q4", "bnb4", "q4f16"] as const;
export type SentimentDtype = (typeof DTYPES)[number];

export interface SentimentSettings {
  model: string;
  allowRemoteModels: boolean;
  dtype?: SentimentDtype;
}

export interface ResolvedModel {
  /** Folder that holds the model folder (Transformers.js `env.localModelPath`). */
  localModelPath: string;
  /** Folder name under localModelPath, or a hub id. */
  modelId: string;
  /** The model's folder when it exists locally. */
  folder: string | null;
}

export function sentimentSettingsFromEnv(environment: Record<string, string | undefined> = process.env): SentimentSettings {
  const dtype = environment.SENTIMENT_DTYPE?.trim();
  if (dtype && !DTYPES.includes(dtype as SentimentDtype)) {
    throw new Error(`SENTIMENT_DTYPE must be one of ${DTYPES.join(", ")}; got "${dtype}"`);
  }
  return {
    model: environment.SENTIMENT_MODEL?.trim() || DEFAULT_SENTIMENT_MODEL,
    allowRemoteModels: environment.ALLOW_REMOTE_MODELS === "1",
    dtype: (dtype || undefined) as SentimentDtype | undefined,
  };
}

function isDirectory(candidate: string): boolean {
  return existsSync(candidate) && statSync(candidate).isDirectory();
}

export function resolveModel(model: string, modelsDir: string = MODELS_DIR): ResolvedModel {
  const looksLikePath = path.isAbsolute(model) || model.startsWith("./") || model.startsWith("../");
  if (looksLikePath || existsSync(path.join(model, "config.json"))) {
    const folder = path.resolve(model);
    if (!isDirectory(folder)) throw new Error(`SENTIMENT_MODEL folder not found: ${folder}`);
    return { localModelPath: path.dirname(folder), modelId: path.basename(folder), folder };
  }
  const local = path.join(modelsDir, model);
  return { localModelPath: modelsDir, modelId: model, folder: isDirectory(local) ? local : null };
}

export interface SentimentModelInfo {
  modelId: string;
  /** `calidad.version` in our config.json; for other models the hub id stands for the version. */
  version: string;
}

export function sentimentModelInfo(settings: SentimentSettings = sentimentSettingsFromEnv()): SentimentModelInfo {
  const resolved = resolveModel(settings.model);
  if (resolved.folder) {
    const config = JSON.parse(readFileSync(path.join(resolved.folder, "config.json"), "utf8")) as {
      calidad?: { model_id?: string; version?: string };
    };
    return {
      modelId: config.calidad?.model_id ?? resolved.modelId,
      version: config.calidad?.version ?? "unversioned",
    };
  }
  return { modelId: resolved.modelId, version: "hub" };
}

async function loadPipeline(settings: SentimentSettings) {
  const resolved = resolveModel(settings.model);
  if (!resolved.folder && !settings.allowRemoteModels) {
    throw new Error(`sentiment model "${settings.model}" is not in ${resolved.localModelPath} and ALLOW_REMOTE_MODELS is not 1`);
  }
  env.allowLocalModels = true;
  env.allowRemoteModels = settings.allowRemoteModels;
  env.localModelPath = resolved.localModelPath;
  return pipeline("text-classification", resolved.modelId, {
    device: "cpu",
    ...(settings.dtype ? { dtype: settings.dtype } : {}),
  });
}

export type SentimentPipeline = Awaited<ReturnType<typeof loadPipeline>>;

const CACHE = Symbol.for("calidad.sentiment.pipelines");
type PipelineCache = Map<string, Promise<SentimentPipeline>>;

function pipelineCache(): PipelineCache {
  const holder = globalThis as typeof globalThis & { [CACHE]?: PipelineCache };
  holder[CACHE] ??= new Map();
  return holder[CACHE];
}

/** The loaded pipeline for these settings; loaded on first use, then shared. */
export function getSentimentPipeline(settings: SentimentSettings = sentimentSettingsFromEnv()): Promise<SentimentPipeline> {
  const key = JSON.stringify(settings);
  const cache = pipelineCache();
  let loading = cache.get(key);
  if (!loading) {
    loading = loadPipeline(settings);
    loading.catch(() => cache.delete(key));
    cache.set(key, loading);
  }
  return loading;
}

export interface ClassifyOptions {
  batchSize?: number;
  settings?: SentimentSettings;
}

/**
 * Classifies texts in batches; results come back in input order. Texts are batched by length so a
 * batch pads to similar lengths (the tokenizer pads to the longest text and truncates to the model's
 * maximum length).
 */
export async function classify(texts: string[], options: ClassifyOptions = {}): Promise<SentimentResult[]> {
  if (texts.length === 0) return [];
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive integer: ${batchSize}`);
  const classifier = await getSentimentPipeline(options.settings);
  const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
  const results = new Array<SentimentResult>(texts.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const indices = order.slice(start, start + batchSize);
    const output = (await classifier(
      indices.map((i) => texts[i]),
      { top_k: null },
    )) as unknown as RawLabelScore[][];
    indices.forEach((textIndex, j) => {
      results[textIndex] = toSentimentResult(output[j]);
    });
  }
  return results;
}

export interface SentimentWithFrustration extends SentimentResult {
  /** P(frustrated customer) from the model's `frustration_logits` output; null for models without one. */
  frustrated: number | null;
}

interface ModelOutputTensor {
  data: Float32Array;
  dims: number[];
}

function softmax(values: Float32Array): number[] {
  const max = Math.max(...values);
  const exps = Array.from(values, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/**
 * `classify` plus the frustration probability, from one model run per batch: the pipeline's own tokenizer
 * and model, called directly because the pipeline keeps only `logits`.
 */
export async function classifyWithFrustration(texts: string[], options: ClassifyOptions = {}): Promise<SentimentWithFrustration[]> {
  if (texts.length === 0) return [];
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const classifier = await getSentimentPipeline(options.settings);
  const id2label = (classifier.model.config as { id2label?: Record<string, string> }).id2label ?? {};
  const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length);
  const results = new Array<SentimentWithFrustration>(texts.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const indices = order.slice(start, start + batchSize);
    const inputs = classifier.tokenizer(
      indices.map((i) => texts[i]),
      { padding: true, truncation: true },
    );
    const outputs = (await classifier.model.forward(inputs)) as Record<string, ModelOutputTensor | undefined>;
    const logits = outputs.logits;
    if (!logits) throw new Error("the sentiment model has no `logits` output");
    const labelCount = logits.dims[1];
    indices.forEach((textIndex, j) => {
      const probabilities = softmax(logits.data.subarray(j * labelCount, (j + 1) * labelCount));
      const raw = probabilities.map((score, k) => ({ label: id2label[k] ?? `LABEL_${k}`, score }));
      const frustration = outputs.frustration_logits?.data[j];
      results[textIndex] = {
        ...toSentimentResult(raw),
        frustrated: frustration === undefined ? null : 1 / (1 + Math.exp(-frustration)),
      };
    });
  }
  return results;
}
