import path from "node:path";
import { closeDatabase, getDatabaseHandle } from "../db/client";
import { isTimeZone } from "../db/ingest/files/dates";
import { errorReportCsv } from "../db/ingest/files/error-report";
import { type LiveProgress, runFileImport } from "../db/ingest/files/run-import";
import { createImport, getImport, listImportErrors } from "../db/queries/imports";
import { CHANNELS } from "../db/schema/enums";
import { sourceSchema } from "../db/ingest/schema";
import { parseArgs } from "./args";

const USAGE = `Usage:
  npm run import -- FILE [--source csv] [--timezone Europe/Madrid] [--channel email] [--all-or-nothing] [--max-bytes N]
  npm run import -- --resume IMPORT_ID      continue an interrupted run where it stopped
  npm run import -- --errors IMPORT_ID      print a run's rejected rows as CSV

FILE is CSV (one row per message) or JSONL (one conversation per line); see docs/data-formats.md.
Running the same file again is safe: unchanged conversations are skipped, changed ones updated.`;

function printProgress(progress: LiveProgress) {
  const percent = progress.totalBytes ? Math.floor((progress.bytes / progress.totalBytes) * 100) : 0;
  const { created, updated, unchanged, rejected } = progress.counts;
  process.stdout.write(
    `\r${percent}% · ${progress.rows} rows · created ${created}, updated ${updated}, unchanged ${unchanged}, rejected ${rejected}   `,
  );
}

async function main() {
  const argv = process.argv.slice(2);
  const file = argv[0] && !argv[0].startsWith("--") ? argv.shift() : undefined;
  const args = parseArgs(argv, {
    source: "string",
    timezone: "string",
    channel: "string",
    "all-or-nothing": "boolean",
    "max-bytes": "string",
    resume: "string",
    errors: "string",
    help: "boolean",
  });
  if (args.help || (!file && !args.resume && !args.errors)) {
    console.log(USAGE);
    process.exit(args.help ? 0 : 1);
  }
  const handle = await getDatabaseHandle();
  const db = handle.db;

  if (typeof args.errors === "string") {
    process.stdout.write(errorReportCsv(await listImportErrors(db, Number(args.errors))));
    return;
  }

  let importId: number;
  if (typeof args.resume === "string") {
    const previous = await getImport(db, Number(args.resume));
    if (!previous?.filePath) throw new Error(`No file import with id ${args.resume}.`);
    if (previous.status === "succeeded") throw new Error(`Import ${previous.id} already finished.`);
    importId = previous.id;
    console.log(`Resuming import ${importId} (${previous.fileName}) from line ${previous.resumeLine}…`);
  } else {
    const source = sourceSchema.parse(args.source ?? "csv");
    const timeZone = String(args.timezone ?? process.env.APP_TIMEZONE ?? "UTC");
    if (!isTimeZone(timeZone)) throw new Error(`--timezone: "${timeZone}" is not an IANA time zone such as Europe/Madrid.`);
    const channel = typeof args.channel === "string" ? args.channel : undefined;
    if (channel && !(CHANNELS as readonly string[]).includes(channel)) throw new Error(`--channel must be one of ${CHANNELS.join(", ")}.`);
    const maxBytes = typeof args["max-bytes"] === "string" ? Number(args["max-bytes"]) : undefined;
    const filePath = path.resolve(file!);
    const created = await createImport(db, {
      kind: filePath.endsWith(".jsonl") || filePath.endsWith(".ndjson") ? "jsonl" : "csv",
      fileName: path.basename(filePath),
      filePath,
      options: { source, timeZone, channel, maxBytes },
      allOrNothing: args["all-or-nothing"] === true,
    });
    importId = created.id;
    console.log(`Import ${importId}: ${filePath} into ${handle.driver} (${handle.location})`);
  }

  const started = Date.now();
  let lastPrint = 0;
  const result = await runFileImport(db, importId, {
    onProgress: (progress) => {
      if (Date.now() - lastPrint > 500) {
        lastPrint = Date.now();
        printProgress(progress);
      }
    },
  });
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write("\n");
  console.log(
    `${result.status === "succeeded" ? "Done" : "Failed"} in ${seconds.toFixed(1)} s: ${result.rowsProcessed} rows; conversations created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, rejected ${result.rejected}.`,
  );
  if (result.failure) console.log(result.failure);
  if (result.errorCount) console.log(`${result.errorCount} rejected row(s): npm run import -- --errors ${importId} > errors.csv`);
  if (result.status !== "succeeded") process.exitCode = 2;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
