import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";
import { openTextFile } from "./decode";
import { FileRejectedError } from "./errors";
import type { ParsedItem } from "./events";
import { parseJsonl } from "./jsonl";

const dir = mkdtempSync(path.join(tmpdir(), "qa-parse-"));
let fileCounter = 0;
function fileWith(content: string | Buffer, extension = ".csv"): string {
  const file = path.join(dir, `f${fileCounter++}${extension}`);
  writeFileSync(file, content);
  return file;
}

async function parseFile(file: string, options: { timeZone?: string; channel?: string; startLine?: number } = {}): Promise<ParsedItem[]> {
  const opened = await openTextFile(file);
  const parseOptions = { source: "csv", timeZone: options.timeZone ?? "Europe/Madrid", channel: options.channel, startLine: options.startLine };
  const items: ParsedItem[] = [];
  for await (const item of opened.format === "csv" ? parseCsv(opened.chunks, parseOptions) : parseJsonl(opened.chunks, parseOptions)) items.push(item);
  return items;
}

const conversations = (items: ParsedItem[]) => items.flatMap((item) => (item.kind === "conversation" ? [item.conversation] : []));
const errors = (items: ParsedItem[]) => items.flatMap((item) => (item.kind === "rejected" ? item.errors : []));

const SPANISH_CSV = [
  "conversación;canal;agente;cliente;rol;fecha;mensaje",
  '7;WhatsApp;Javier Ortega;Ana Ruiz;cliente;05/03/2026 10:15;"Hola,\nno me llega el pedido"',
  "7;WhatsApp;;;agente;05/03/2026 10:18;<p>Lo reviso <b>ahora</b></p>",
].join("\r\n");

describe("CSV import parsing", () => {
  it("reads the sample file with all documented columns", async () => {
    const items = await parseFile(path.resolve("public/samples/conversations.csv"));
    expect(errors(items)).toEqual([]);
    const [first, second] = conversations(items);
    expect(first).toMatchObject({
      externalId: "T-1001",
      channel: "email",
      status: "solved",
      language: "es",
      csat: 5,
      tags: ["facturación", "reembolso"],
      agent: { email: "lucia.perez@example.com", externalId: "501", name: "Lucía Pérez" },
      customer: { externalId: "C-77", phone: "+34600111222" },
    });
    expect(first.messages.map((m) => m.authorRole)).toEqual(["customer", "agent", "customer"]);
    expect(first.messages[1].body).toBe("Hola Marta,\n\nTienes razón: el segundo cargo es un error. Ya he pedido la devolución; la verás en 3-5 días.");
    expect(first.messages[2].body).toBe("Perfecto, muchas gracias.\nUn saludo.");
    expect(second.messages.map((m) => m.authorRole)).toEqual(["customer", "agent", "note"]);
  });

  it("reads Spanish column names, ';', quoted newlines, DD/MM/YYYY in the import's zone and HTML bodies", async () => {
    const [conversation] = conversations(await parseFile(fileWith(SPANISH_CSV)));
    expect(conversation).toMatchObject({ externalId: "7", channel: "whatsapp", agent: { name: "Javier Ortega" }, customer: { name: "Ana Ruiz" } });
    expect(conversation.createdAt.toISOString()).toBe("2026-03-05T09:15:00.000Z");
    expect(conversation.messages.map((m) => m.body)).toEqual(["Hola,\nno me llega el pedido", "Lo reviso ahora"]);
  });

  it.each([
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SPANISH_CSV)])],
    ["UTF-16 LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SPANISH_CSV, "utf16le")])],
    ["UTF-16 BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(SPANISH_CSV, "utf16be")])],
    ["Windows-1252 (a spreadsheet's 'CSV')", iconv.encode(SPANISH_CSV, "win1252")],
  ])("decodes %s", async (_name, bytes) => {
    const [conversation] = conversations(await parseFile(fileWith(bytes)));
    expect(conversation.agent?.name).toBe("Javier Ortega");
    expect(conversation.messages[0].body).toBe("Hola,\nno me llega el pedido");
  });

  it("reports each bad row with its file line, field and reason, and keeps the good conversations", async () => {
    const csv = [
      "conversation_id,channel,author_role,sent_at,body",
      "A,email,customer,2026-03-02T09:00:00Z,Hola",
      "B,email,customer,2026-03-02T09:00:00Z,\"Una línea",
      "con salto\"",
      "B,fax,cliente,ayer,Hola",
      "C,chat,robot,2026-03-02T09:00:00Z,",
      ",chat,customer,2026-03-02T09:00:00Z,Sin id",
    ].join("\n");
    const items = await parseFile(fileWith(csv));
    expect(conversations(items).map((c) => c.externalId)).toEqual(["A"]);
    expect(errors(items)).toEqual([
      { line: 7, field: "conversation_id", reason: "empty conversation id" },
      { line: 5, field: "channel", reason: expect.stringContaining('unknown channel "fax"'), externalId: "B" },
      { line: 5, field: "sent_at", reason: expect.stringContaining('"ayer" is not a date'), externalId: "B" },
      { line: 6, field: "author_role", reason: expect.stringContaining('unknown author role "robot"'), externalId: "C" },
      { line: 6, field: "body", reason: "empty message", externalId: "C" },
    ]);
  });

  it("uses the default channel when the file has no channel column", async () => {
    const csv = "conversation_id,author_role,sent_at,body\nA,customer,2026-03-02 09:00,Hola";
    const [conversation] = conversations(await parseFile(fileWith(csv), { channel: "phone", timeZone: "UTC" }));
    expect(conversation.channel).toBe("phone");
    expect(conversation.createdAt.toISOString()).toBe("2026-03-02T09:00:00.000Z");
  });

  it("rejects a conversation whose rows come back after it was handed over, rather than splitting it", async () => {
    const rows = ["conversation_id,channel,author_role,sent_at,body", "X,chat,customer,2026-03-02T09:00:00Z,uno"];
    for (let i = 0; i < 250; i++) rows.push(`Y${i},chat,customer,2026-03-02T09:00:00Z,hola`);
    rows.push("X,chat,agent,2026-03-02T09:05:00Z,tarde");
    const items = await parseFile(fileWith(rows.join("\n")));
    expect(conversations(items)).toHaveLength(251);
    expect(errors(items)).toEqual([{ line: 253, field: "conversation_id", reason: expect.stringContaining("must be together"), externalId: "X" }]);
  });

  it("skips rows before the resume line", async () => {
    const csv = "conversation_id,channel,author_role,sent_at,body\nA,email,customer,2026-03-02T09:00:00Z,uno\nB,email,customer,2026-03-02T09:00:00Z,dos";
    expect(conversations(await parseFile(fileWith(csv), { startLine: 3 })).map((c) => c.externalId)).toEqual(["B"]);
  });
});

describe("JSONL import parsing", () => {
  it("reads the sample file", async () => {
    const items = await parseFile(path.resolve("public/samples/conversations.jsonl"));
    expect(errors(items)).toEqual([]);
    expect(conversations(items).map((c) => [c.source, c.externalId, c.messages.length])).toEqual([
      ["crm", "CRM-5001", 3],
      ["crm", "CRM-5002", 2],
    ]);
  });

  it("reports bad lines with their number and the field at fault", async () => {
    const good = JSON.stringify({ externalId: "1", channel: "chat", createdAt: "2026-03-02T09:00:00Z", messages: [{ authorRole: "customer", sentAt: "2026-03-02T09:00:00Z", body: "hola" }] });
    const badChannel = good.replace('"chat"', '"fax"').replace('"1"', '"2"');
    const items = await parseFile(fileWith([good, "{not json", badChannel, ""].join("\n"), ".jsonl"));
    expect(conversations(items).map((c) => [c.source, c.externalId])).toEqual([["csv", "1"]]);
    expect(errors(items)).toEqual([
      { line: 2, field: "(line)", reason: expect.stringContaining("not valid JSON") },
      { line: 3, field: "channel", reason: expect.any(String), externalId: "2" },
    ]);
  });
});

describe("files that cannot be imported at all", () => {
  const rejection = async (file: string, options: { maxBytes?: number } = {}) => {
    try {
      const opened = await openTextFile(file, options);
      for await (const _ of parseCsv(opened.chunks, { source: "csv", timeZone: "UTC" })) {
        // reading the header is enough to reject it
      }
    } catch (error) {
      if (error instanceof FileRejectedError) return { problem: error.problem, message: error.message };
      throw error;
    }
    return null;
  };

  it("gives one clear error for each kind of unusable file", async () => {
    expect(await rejection(fileWith(""))).toMatchObject({ problem: "empty" });
    expect(await rejection(fileWith("\n \n"))).toMatchObject({ problem: "empty" });
    expect(await rejection(fileWith("a,b\n1,2"), { maxBytes: 3 })).toMatchObject({ problem: "too_large", message: expect.stringContaining("limit") });
    expect(await rejection(fileWith(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2]), ".xlsx"))).toMatchObject({ problem: "not_csv_or_jsonl", message: expect.stringContaining("Excel") });
    expect(await rejection(fileWith(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x41, 0x00, 0x00, 0x10])))).toMatchObject({ problem: "not_text" });
    expect(await rejection(fileWith('[{"a":1}]', ".json"))).toMatchObject({ problem: "not_csv_or_jsonl", message: expect.stringContaining("JSONL") });
    expect(await rejection(fileWith("nombre,apellido\nAna,Ruiz"))).toMatchObject({ problem: "no_columns" });
    expect(await rejection(fileWith("conversation_id,body\n1,hola"))).toMatchObject({ problem: "missing_columns", message: expect.stringContaining("author_role") });
  });
});
