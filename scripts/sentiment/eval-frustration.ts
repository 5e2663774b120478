/**
 * Precision and recall of the conversation-level frustration flag (scoring/frustration) on the labelled
 * golden conversations, the way the product scores them: every customer message classified by the
 * configured sentiment model (`classifyWithFrustration`, as db/scoring/run-scoring.ts does), the
 * predictions attached to the messages, then `scoreFrustration`. Each set is measured three ways:
 *   - no sentiment (the lexicon cues, style, waits and previous contacts alone),
 *   - as written (the hand-written stand-in predictions some golden conversations carry),
 *   - model sentiment (the shipped model's predictions replace any hand-written ones): the real path.
 * Per language and overall, with default weights and, with --weights FILE.json, with other weights too.
 * Writes scoring/frustration/reports/<model>-<dtype>.json (numbers, and every miss with its reasons).
 *
 *   npm run -s eval:frustration
 *   npm run -s eval:frustration -- --dtype fp32
 *   SENTIMENT_MODEL=... npm run -s eval:frustration
 *
 * The held-out set (golden/holdout.jsonl) is only measured here, never tuned on
 * (scripts/sentiment/tune-frustration.ts reads conversations.jsonl and revision.jsonl only).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type FlagQuality, flagQuality, type GoldenConversation, readGoldenConversations } from "../../scoring/frustration/golden-set";
import { scoreFrustration } from "../../scoring/frustration/score";
import type { FrustrationConversation, FrustrationWeights, MessageSentiment } from "../../scoring/frustration/types";
import {
  classifyWithFrustration,
  resolveModel,
  type SentimentDtype,
  sentimentModelInfo,
  sentimentSettingsFromEnv,
} from "../../scoring/sentiment/classifier";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const GOLDEN = path.join(ROOT, "scoring/frustration/golden");
const REPORTS = path.join(ROOT, "scoring/frustration/reports");

export const GOLDEN_SETS = {
  conversations: "conversations.jsonl",
  revision: "revision.jsonl",
  holdout: "holdout.jsonl",
} as const;
export type GoldenSetName = keyof typeof GOLDEN_SETS;

export function readGoldenSet(name: GoldenSetName): GoldenConversation[] {
  return readGoldenConversations(new URL(`file://${path.join(GOLDEN, GOLDEN_SETS[name])}`));
}

export type SentimentMode = "none" | "as_written" | "model";

/** The conversation with its customer messages' sentiment replaced (model), removed (none) or kept. */
export function withSentiment(
  conversation: FrustrationConversation,
  mode: SentimentMode,
  predictions: ReadonlyMap<string, MessageSentiment>,
): FrustrationConversation {
  if (mode === "as_written") return conversation;
  return {
    ...conversation,
    messages: conversation.messages.map(({ sentiment: _sentiment, ...message }) => {
      if (mode === "none" || message.authorRole !== "customer") return message;
      const prediction = predictions.get(message.body);
      if (prediction === undefined) throw new Error(`no prediction for ${JSON.stringify(message.body)}`);
      return { ...message, sentiment: prediction };
    }),
  };
}

/** Every distinct customer message of these sets, classified by the configured model. */
export async function predictCustomerMessages(
  sets: readonly GoldenConversation[][],
  settings = sentimentSettingsFromEnv(),
): Promise<Map<string, MessageSentiment>> {
  const texts = [
    ...new Set(
      sets.flatMap((set) =>
        set.flatMap(({ conversation }) =>
          conversation.messages.filter((message) => message.authorRole === "customer").map((message) => message.body),
        ),
      ),
    ),
  ];
  const results = await classifyWithFrustration(texts, { settings });
  return new Map(
    texts.map((text, index) => [text, { label: results[index].label, score: results[index].score, scores: results[index].scores }]),
  );
}

export interface SetQuality {
  all: FlagQuality;
  es: FlagQuality;
  en: FlagQuality;
  misses: { id: string; expected: boolean; score: number; reasons: string[] }[];
}

export function measure(
  golden: readonly GoldenConversation[],
  mode: SentimentMode,
  predictions: ReadonlyMap<string, MessageSentiment>,
  weights?: Partial<FrustrationWeights>,
  threshold?: number,
): SetQuality {
  const outcomes = golden.map((entry) => {
    const result = scoreFrustration(withSentiment(entry.conversation, mode, predictions), {
      ...entry.options,
      weights,
      settings: threshold === undefined ? undefined : { threshold },
    });
    return { entry, expected: entry.frustrated, flagged: result.flagged, result };
  });
  const of = (language: string) => flagQuality(outcomes.filter(({ entry }) => entry.conversation.language === language));
  return {
    all: flagQuality(outcomes),
    es: of("es"),
    en: of("en"),
    misses: outcomes
      .filter(({ expected, flagged }) => expected !== flagged)
      .map(({ entry, expected, result }) => ({
        id: entry.id,
        expected,
        score: Number(result.score.toFixed(3)),
        reasons: result.reasons.map((reason) => `${reason.kind} ${reason.contribution.toFixed(2)}`),
      })),
  };
}

const fmt = (quality: FlagQuality) =>
  `P ${quality.precision.toFixed(2)} R ${quality.recall.toFixed(2)} (TP ${quality.truePositives} FP ${quality.falsePositives} FN ${quality.falseNegatives})`;

export function describe(name: string, quality: SetQuality): string {
  return `${name.padEnd(44)} all ${fmt(quality.all)} | es ${fmt(quality.es)} | en ${fmt(quality.en)}`;
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const settings = sentimentSettingsFromEnv();
  const dtype = option("--dtype");
  if (dtype !== undefined) settings.dtype = dtype as SentimentDtype;
  const weightsFile = option("--weights");
  const alternative = weightsFile
    ? (JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(weightsFile, "utf8"))) as {
        name?: string;
        weights: Partial<FrustrationWeights>;
        threshold?: number;
      })
    : null;

  const info = sentimentModelInfo(settings);
  const sets = Object.fromEntries((Object.keys(GOLDEN_SETS) as GoldenSetName[]).map((name) => [name, readGoldenSet(name)])) as Record<
    GoldenSetName,
    GoldenConversation[]
  >;
  const predictions = await predictCustomerMessages(Object.values(sets), settings);

  const report: Record<string, unknown> = {
    model: info.modelId,
    version: info.version,
    dtype: settings.dtype ?? "model default",
    evaluated_at: new Date().toISOString(),
    customer_messages_classified: predictions.size,
    note: "holdout.jsonl is measured only; weights are tuned on conversations.jsonl + revision.jsonl",
  };
  for (const [name, golden] of Object.entries(sets) as [GoldenSetName, GoldenConversation[]][]) {
    const modes: SentimentMode[] = golden.some((entry) => entry.conversation.messages.some((m) => m.sentiment != null))
      ? ["none", "as_written", "model"]
      : ["none", "model"];
    const setReport: Record<string, SetQuality> = {};
    for (const mode of modes) {
      setReport[mode] = measure(golden, mode, predictions);
      console.log(describe(`${name} (${golden.length}) ${mode}`, setReport[mode]));
    }
    if (alternative) {
      for (const mode of ["none", "model"] as const) {
        const key = `${alternative.name ?? "alternative"}:${mode}`;
        setReport[key] = measure(golden, mode, predictions, alternative.weights, alternative.threshold);
        console.log(describe(`${name} (${golden.length}) ${key}`, setReport[key]));
      }
    }
    report[name] = setReport;
  }
  mkdirSync(REPORTS, { recursive: true });
  const file = path.join(REPORTS, `${resolveModel(settings.model).modelId.replaceAll("/", "__")}-${settings.dtype ?? "default"}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 1)}\n`);
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
