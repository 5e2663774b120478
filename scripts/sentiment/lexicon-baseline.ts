/**
 * The lexicon baseline of docs/model-card.md: AFINN word lists, score > 0 positive, < 0 negative, else neutral.
 * English: the `sentiment` npm package (AFINN-165, with its negation rule). Spanish: the Spanish AFINN list of
 * the `sentiment-spanish` package, registered as a language of `sentiment` (that package's own tokenizer drops
 * accented letters, so only its word list is used). The row's `lang` field picks the list.
 *
 * Neither package is a project dependency; install them outside the repository and point at them:
 *   npm install --prefix /tmp/lexicon sentiment@5.0.2 sentiment-spanish@0.0.8
 *   npx tsx scripts/sentiment/lexicon-baseline.ts /tmp/lexicon/node_modules
 * Writes scoring/sentiment/reports/lexicon-afinn.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SentimentLabel } from "../../scoring/sentiment/label-mapping";
import { reportByLanguage, summarize } from "./metrics";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface LexiconAnalyzer {
  registerLanguage(code: string, language: { labels: Record<string, number> }): void;
  analyze(text: string, options?: { language?: string }): { score: number };
}

function readRows(file: string): { text: string; label: SentimentLabel; lang: string }[] {
  return readFileSync(path.join(ROOT, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));
}

function main() {
  const modules = process.argv[2] ?? process.env.LEXICON_MODULES;
  if (!modules || !existsSync(path.join(modules, "sentiment")) || !existsSync(path.join(modules, "sentiment-spanish"))) {
    console.error(
      "usage: lexicon-baseline.ts NODE_MODULES_DIR (with sentiment and sentiment-spanish installed, e.g. npm install --prefix /tmp/lexicon sentiment@5.0.2 sentiment-spanish@0.0.8)",
    );
    process.exit(2);
  }
  const require = createRequire(path.join(path.resolve(modules), "resolver.js"));
  const Sentiment = require("sentiment") as new () => LexiconAnalyzer;
  const spanishList = JSON.parse(readFileSync(path.join(modules, "sentiment-spanish/build/AFINN.json"), "utf8")) as Record<
    string,
    number | number[]
  >;
  // The Spanish list has a few words with several values ([2, 2]); take the first.
  const spanish = Object.fromEntries(Object.entries(spanishList).map(([word, value]) => [word, Array.isArray(value) ? value[0] : value]));
  const analyzer = new Sentiment();
  analyzer.registerLanguage("es", { labels: spanish });

  const classify = (text: string, lang: string): SentimentLabel => {
    const { score } = analyzer.analyze(text, { language: lang === "es" ? "es" : "en" });
    return score > 0 ? "positive" : score < 0 ? "negative" : "neutral";
  };
  const report: Record<string, unknown> = {
    model: "AFINN lexicon: sentiment@5.0.2 (en), sentiment-spanish@0.0.8 word list (es)",
  };
  for (const [name, file] of [
    ["validation", "scoring/sentiment/corpus/clean/validation.jsonl"],
    ["heldout", "scoring/sentiment/corpus/test/heldout.jsonl"],
  ] as const) {
    const rows = readRows(file);
    const metrics = reportByLanguage(
      rows,
      rows.map((row) => classify(row.text, row.lang)),
    );
    console.log(`${name}: ${summarize(metrics)}`);
    report[name] = metrics;
  }
  mkdirSync(path.join(ROOT, "scoring/sentiment/reports"), { recursive: true });
  writeFileSync(path.join(ROOT, "scoring/sentiment/reports/lexicon-afinn.json"), `${JSON.stringify(report, null, 1)}\n`);
}

main();
