import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { openPostgres, redactUrl } from "../../db/client";
import { runFileImport } from "../../db/ingest/files/run-import";
import { createImport } from "../../db/queries/imports";
import { parseArgs } from "../args";

/**
 * Import throughput on the PostgreSQL server at DATABASE_URL: a generated CSV of N messages (default 1,000,000)
 * through `runFileImport` (the path of `npm run import` and the Imports page), against PostgreSQL's own COPY of the
 * same file into a table with the CSV's columns, measured in the same run on a fresh database that is dropped after.
 */
const args = parseArgs(process.argv.slice(2), { messages: "string", keep: "boolean" });
const totalMessages = Number(args.messages ?? 1_000_000);
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error("Set DATABASE_URL to a PostgreSQL server (a fresh database is created on it and dropped afterwards).");
  process.exit(1);
}

const CUSTOMER_LINES = {
  es: [
    "Hola, me habéis cobrado dos veces la factura de este mes.",
    "No me ha llegado el pedido y el seguimiento no se actualiza.",
    "¿Puedo cambiar la dirección de entrega?",
    "Gracias, ya funciona.",
  ],
  en: [
    "Hi, I was charged twice on this month's invoice.",
    "My order has not arrived and tracking is not updating.",
    "Can I change the delivery address?",
    "Thanks, it works now.",
  ],
};
const AGENT_LINES = {
  es: [
    "<p>Lo siento mucho, ya he pedido la <b>devolución</b> del cargo.</p>",
    "Lo reviso ahora mismo con el transportista.",
    "Claro, dime la nueva dirección y la actualizo.",
  ],
  en: [
    "<p>Sorry about that, I have requested a <b>refund</b> of the charge.</p>",
    "Let me check with the carrier right away.",
    "Of course, send me the new address and I will update it.",
  ],
};
const CHANNELS = ["email", "chat", "whatsapp", "phone", "web_form"];

function csvCell(value: string): string {
  return /[",\n;]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Conversations of 2 to 8 messages (5 on average), in conversation order, as a support tool would export them. */
async function generateCsv(file: string, messages: number): Promise<{ conversations: number }> {
  const out = createWriteStream(file);
  const write = (line: string) =>
    out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve()));
  await write(
    "conversation_id,channel,subject,agent_email,agent_name,team,customer_id,customer_name,message_id,author_role,sent_at,body\n",
  );
  let written = 0;
  let conversation = 0;
  const start = Date.UTC(2026, 0, 1);
  while (written < messages) {
    conversation++;
    const size = Math.min(2 + (conversation % 7), messages - written);
    const language = conversation % 3 === 0 ? "en" : "es";
    const agent = conversation % 40;
    const createdAt = start + conversation * 37_000;
    for (let i = 0; i < size; i++) {
      const customer = i % 2 === 0;
      const lines = customer ? CUSTOMER_LINES[language] : AGENT_LINES[language];
      const body = `${lines[(conversation + i) % lines.length]} (#${conversation})`;
      const first = i === 0;
      const cells = [
        `B-${conversation}`,
        CHANNELS[conversation % CHANNELS.length],
        first ? csvCell(language === "es" ? `Consulta ${conversation}` : `Request ${conversation}`) : "",
        first ? `agent${agent}@acme.test` : "",
        first ? `Agent ${agent}` : "",
        first ? `Team ${agent % 4}` : "",
        first ? `C-${conversation % 50_000}` : "",
        first ? `Customer ${conversation % 50_000}` : "",
        `m${i}`,
        customer ? "customer" : "agent",
        new Date(createdAt + i * 240_000).toISOString(),
        csvCell(body),
      ];
      await write(`${cells.join(",")}\n`);
      written++;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { conversations: conversation };
}

async function main() {
  const name = `qa_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "qa-bench-"));
  const file = path.join(dir, "messages.csv");
  try {
    const [serverVersion] = await admin`show server_version`;
    console.log(
      `Server: ${redactUrl(serverUrl!)} (PostgreSQL ${serverVersion.server_version}), ${os.cpus().length} CPUs, Node ${process.version}`,
    );
    let started = performance.now();
    const { conversations } = await generateCsv(file, totalMessages);
    console.log(
      `Generated ${totalMessages.toLocaleString("en")} messages in ${conversations.toLocaleString("en")} conversations (${(statSync(file).size / 1024 ** 2).toFixed(0)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const handle = await openPostgres(url.toString(), { max: 4 });
    const raw = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await raw.unsafe(`CREATE TABLE bench_copy (conversation_id text, channel text, subject text, agent_email text, agent_name text, team text,
      customer_id text, customer_name text, message_id text, author_role text, sent_at timestamptz, body text)`);
    started = performance.now();
    const sink = await raw.unsafe("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)").writable();
    await pipeline(createReadStream(file), sink);
    const copySeconds = (performance.now() - started) / 1000;
    const [{ n }] = await raw`select count(*)::int as n from bench_copy`;
    if (n !== totalMessages) throw new Error(`COPY loaded ${n} rows, expected ${totalMessages}`);
    await raw.unsafe("DROP TABLE bench_copy");
    await raw.end();
    console.log(`COPY baseline: ${copySeconds.toFixed(1)} s, ${Math.round(totalMessages / copySeconds).toLocaleString("en")} messages/s`);

    let peakRss = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 250);
    const run = await createImport(handle.db, {
      kind: "csv",
      fileName: "messages.csv",
      filePath: file,
      options: { source: "bench", timeZone: "UTC" },
    });
    started = performance.now();
    const result = await runFileImport(handle.db, run.id);
    const importSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (result.status !== "succeeded" || result.created !== conversations || result.rowsProcessed !== totalMessages) {
      throw new Error(`import did not finish as expected: ${JSON.stringify(result)}`);
    }
    const importRate = totalMessages / importSeconds;
    console.log(
      `Import (parse, validate, detect language, upsert in batches of 500 conversations): ${importSeconds.toFixed(1)} s, ${Math.round(importRate).toLocaleString("en")} messages/s, peak RSS ${(peakRss / 1024 ** 2).toFixed(0)} MiB`,
    );

    started = performance.now();
    const again = await runFileImport(
      handle.db,
      (
        await createImport(handle.db, {
          kind: "csv",
          fileName: "messages.csv",
          filePath: file,
          options: { source: "bench", timeZone: "UTC" },
        })
      ).id,
    );
    const rerunSeconds = (performance.now() - started) / 1000;
    if (again.unchanged !== conversations) throw new Error(`re-import changed data: ${JSON.stringify(again)}`);
    console.log(
      `Re-import of the same file (all unchanged): ${rerunSeconds.toFixed(1)} s, ${Math.round(totalMessages / rerunSeconds).toLocaleString("en")} messages/s`,
    );
    console.log(
      `\n| ${new Date().toISOString().slice(0, 10)} | ${os.cpus().length} | ${totalMessages.toLocaleString("en")} | ${Math.round(totalMessages / copySeconds).toLocaleString("en")} | ${Math.round(importRate).toLocaleString("en")} | ${(importRate / (totalMessages / copySeconds)).toFixed(3)} | ${Math.round(totalMessages / rerunSeconds).toLocaleString("en")} | ${(peakRss / 1024 ** 2).toFixed(0)} MiB |`,
    );
    await handle.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!args.keep) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
