/**
 * Batch sentiment for JSON lines.
 *   npm run -s sentiment -- FILE.jsonl        (or "-" for standard input)
 *   npm run -s sentiment -- --batch-size 128 FILE.jsonl
 * Each input line is {"text": "..."} (other fields are ignored, blank lines skipped); each output line,
 * in input order, is {"label": "negative"|"neutral"|"positive", "score": p(label), "scores": {...}}.
 * The model comes from SENTIMENT_MODEL / ALLOW_REMOTE_MODELS / SENTIMENT_DTYPE (see scoring/sentiment).
 * A bad input line stops the run with its line number and exit status 1; lines before it are written.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { DEFAULT_BATCH_SIZE, classify } from "../../scoring/sentiment/classifier";
import { formatResultLine, parseInputLine } from "../../scoring/sentiment/jsonl";

const USAGE = "usage: npm run -s sentiment -- [--batch-size N] FILE.jsonl|-";
/** Lines read before classifying: large enough for length-sorted batches to pad little. */
const CHUNK_LINES = 2048;

function parseArguments(argv: string[]): { file: string; batchSize: number } {
  let file: string | undefined;
  let batchSize = DEFAULT_BATCH_SIZE;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === "--batch-size") {
      batchSize = Number(argv[++i]);
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch-size needs a positive integer\n${USAGE}`);
    } else if (argument === "-h" || argument === "--help") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (file === undefined) {
      file = argument;
    } else {
      throw new Error(`unexpected argument "${argument}"\n${USAGE}`);
    }
  }
  if (file === undefined) throw new Error(USAGE);
  return { file, batchSize };
}

async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text)) {
    await new Promise<void>((resolve) => process.stdout.once("drain", () => resolve()));
  }
}

async function main() {
  const { file, batchSize } = parseArguments(process.argv.slice(2));
  const input = file === "-" ? process.stdin : createReadStream(file, { encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const results = await classify(pending, { batchSize });
    pending = [];
    await writeOut(`${results.map(formatResultLine).join("\n")}\n`);
  };
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    let text: string | null;
    try {
      text = parseInputLine(line, lineNumber);
    } catch (error) {
      await flush();
      throw error;
    }
    if (text === null) continue;
    pending.push(text);
    if (pending.length >= CHUNK_LINES) await flush();
  }
  await flush();
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sentiment: ${message}\n`);
  process.exit(1);
});
