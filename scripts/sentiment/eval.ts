/**
 * Evaluates a sentiment model through the Transformers.js pipeline on the validation split of train and
 * on the held-out test file, per language, and writes scoring/sentiment/reports/<model>-<dtype>.json
 * (metrics, confusion matrices, per channel / author, and every held-out mistake).
 *   npm run -s eval:sentiment                       (the shipped model, its default dtype)
 *   npm run -s eval:sentiment -- --dtype fp32
 *   npm run -s eval:sentiment -- --split validation      (model selection looks at this one only)
 *   SENTIMENT_MODEL=Xenova/bert-base-multilingual-uncased-sentiment ALLOW_REMOTE_MODELS=1 npm run -s eval:sentiment
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  classify,
  classifyWithFrustration,
  type SentimentDtype,
  resolveModel,
  sentimentModelInfo,
  sentimentSettingsFromEnv,
} from "../../scoring/sentiment/classifier";
import type { SentimentLabel } from "../../scoring/sentiment/label-mapping";
import { reportByLanguage, summarize } from "./metrics";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CORPUS = path.join(ROOT, "scoring/sentiment/corpus");
const REPORTS = path.join(ROOT, "scoring/sentiment/reports");

interface Row {
  text: string;
  label: SentimentLabel;
  lang: string;
  channel: string;
  author: string;
  frustrated: boolean;
}

function readRows(file: string): Row[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Row);
}

interface FlagReport {
  precision: number;
  recall: number;
  f1: number;
  flagged: number;
  actual: number;
}

function frustrationReport(rows: Row[], probabilities: (number | null)[], threshold = 0.5) {
  const byLanguage: Record<string, FlagReport> = {};
  for (const lang of ["all", ...new Set(rows.map((r) => r.lang))]) {
    const indices = rows.map((r, i) => (lang === "all" || r.lang === lang ? i : -1)).filter((i) => i >= 0);
    const flagged = indices.filter((i) => (probabilities[i] ?? 0) >= threshold);
    const actual = indices.filter((i) => rows[i].frustrated);
    const hits = flagged.filter((i) => rows[i].frustrated).length;
    const precision = flagged.length ? hits / flagged.length : 0;
    const recall = actual.length ? hits / actual.length : 0;
    byLanguage[lang] = {
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
      flagged: flagged.length,
      actual: actual.length,
    };
  }
  return { threshold, all: byLanguage.all, byLanguage };
}

function breakdown(rows: Row[], predicted: SentimentLabel[], key: "channel" | "author") {
  const groups: Record<string, { n: number; correct: number }> = {};
  rows.forEach((row, i) => {
    groups[row[key]] ??= { n: 0, correct: 0 };
    groups[row[key]].n += 1;
    if (predicted[i] === row.label) groups[row[key]].correct += 1;
  });
  return Object.fromEntries(Object.entries(groups).map(([name, g]) => [name, { n: g.n, accuracy: g.correct / g.n }]));
}

async function main() {
  const args = process.argv.slice(2);
  const dtypeIndex = args.indexOf("--dtype");
  const settings = sentimentSettingsFromEnv();
  if (dtypeIndex >= 0) settings.dtype = args[dtypeIndex + 1] as SentimentDtype;
  const info = sentimentModelInfo(settings);
  const splitIndex = args.indexOf("--split");
  const only = splitIndex >= 0 ? args[splitIndex + 1] : null;
  const allSplits = {
    validation: path.join(CORPUS, "clean/validation.jsonl"),
    heldout: path.join(CORPUS, "test/heldout.jsonl"),
  };
  const splits = Object.fromEntries(
    Object.entries(allSplits)
      .filter(([name]) => only === null || name === only)
      .map(([name, file]) => [name, readRows(file)]),
  );
  const report: Record<string, unknown> = {
    model: info.modelId,
    version: info.version,
    dtype: settings.dtype ?? "model default",
    evaluated_at: new Date().toISOString(),
  };
  for (const [name, rows] of Object.entries(splits)) {
    const started = performance.now();
    const results = await classify(
      rows.map((r) => r.text),
      { settings },
    );
    const seconds = (performance.now() - started) / 1000;
    const predicted = results.map((r) => r.label);
    const metrics = reportByLanguage(rows, predicted);
    console.log(`${name}: ${summarize(metrics)} (${(rows.length / seconds).toFixed(0)} texts/s incl. load)`);
    const frustration = (
      await classifyWithFrustration(
        rows.map((r) => r.text),
        { settings },
      )
    ).map((r) => r.frustrated);
    const frustrationMetrics = frustration.some((p) => p !== null) ? frustrationReport(rows, frustration) : null;
    if (frustrationMetrics) {
      const { all } = frustrationMetrics;
      console.log(`${name} frustrated flag (p >= 0.5): precision ${all.precision.toFixed(3)} recall ${all.recall.toFixed(3)}`);
    }
    report[name] = {
      metrics,
      frustration: frustrationMetrics,
      by_channel: breakdown(rows, predicted, "channel"),
      by_author: breakdown(rows, predicted, "author"),
      ...(name === "heldout"
        ? {
            mistakes: rows.flatMap((row, i) =>
              predicted[i] === row.label
                ? []
                : [{ text: row.text, lang: row.lang, gold: row.label, predicted: predicted[i], scores: results[i].scores }],
            ),
          }
        : {}),
    };
  }
  mkdirSync(REPORTS, { recursive: true });
  const dtypeName = settings.dtype ?? "default";
  const suffix = only ? `-${only}` : "";
  const file = path.join(REPORTS, `${resolveModel(settings.model).modelId.replaceAll("/", "__")}-${dtypeName}${suffix}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 1)}\n`);
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
