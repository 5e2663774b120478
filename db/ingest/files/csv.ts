import { parse } from "csv-parse";
import { type IncomingConversationInput, incomingConversationSchema } from "../schema";
import { AUTHOR_ROLES, CHANNELS, CONVERSATION_STATUSES } from "../../schema/enums";
import { parseDate } from "./dates";
import { FileRejectedError, type RowError } from "./errors";
import type { ParseOptions, ParsedItem } from "./events";
import { htmlToText } from "./html";

/** The documented columns (docs/data-formats.md) and the other names they are recognised by, Spanish included. */
export const CSV_COLUMNS = {
  conversation_id: ["conversation_id", "conversation", "ticket_id", "ticket", "id_conversacion", "conversacion", "id_ticket", "id_caso", "caso"],
  source: ["source", "origen", "fuente"],
  channel: ["channel", "canal"],
  subject: ["subject", "asunto", "titulo"],
  status: ["status", "estado"],
  language: ["language", "idioma", "lang"],
  created_at: ["created_at", "created", "fecha_creacion", "fecha_de_creacion", "creado", "creada"],
  resolved_at: ["resolved_at", "resolved", "fecha_resolucion", "fecha_de_resolucion", "resuelto", "resuelta"],
  agent_email: ["agent_email", "email_agente", "correo_agente"],
  agent_id: ["agent_id", "id_agente"],
  agent_name: ["agent_name", "agent", "agente", "nombre_agente"],
  team: ["team", "equipo"],
  customer_id: ["customer_id", "id_cliente"],
  customer_name: ["customer_name", "customer", "cliente", "nombre_cliente"],
  customer_email: ["customer_email", "email_cliente", "correo_cliente"],
  customer_phone: ["customer_phone", "telefono_cliente", "telefono", "phone"],
  csat: ["csat", "satisfaccion", "valoracion"],
  tags: ["tags", "etiquetas"],
  message_id: ["message_id", "id_mensaje"],
  author_role: ["author_role", "role", "rol", "rol_autor", "tipo_autor"],
  author: ["author", "author_name", "autor", "nombre_autor"],
  sent_at: ["sent_at", "fecha", "date", "fecha_envio", "fecha_mensaje", "enviado", "timestamp"],
  body: ["body", "message", "mensaje", "texto", "text", "cuerpo", "contenido"],
} as const;

export type CsvColumn = keyof typeof CSV_COLUMNS;
export const REQUIRED_CSV_COLUMNS: CsvColumn[] = ["conversation_id", "author_role", "sent_at", "body"];

const VALUE_ALIASES = {
  channel: {
    correo: "email", mail: "email", "e-mail": "email", telefono: "phone", llamada: "phone", voice: "phone", voz: "phone",
    web: "web_form", formulario: "web_form", webform: "web_form", x: "twitter", messenger: "facebook", wa: "whatsapp",
  },
  author_role: {
    cliente: "customer", user: "customer", "end-user": "customer", end_user: "customer", usuario: "customer", requester: "customer",
    agente: "agent", admin: "agent", staff: "agent", sistema: "system", nota: "note", internal: "note", interna: "note", private: "note",
  },
  status: {
    nuevo: "new", abierto: "open", pendiente: "pending", hold: "on_hold", "on-hold": "on_hold", en_espera: "on_hold",
    resuelto: "solved", resolved: "solved", cerrado: "closed",
  },
  language: { espanol: "es", spanish: "es", castellano: "es", ingles: "en", english: "en", otro: "other" },
} as const;

function normaliseName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Which CSV column is in which position; an error for headers with nothing recognisable or required columns missing. */
export function mapHeader(header: string[], { hasDefaultChannel }: { hasDefaultChannel: boolean }): Map<CsvColumn, number> {
  const lookup = new Map<string, CsvColumn>();
  for (const [column, aliases] of Object.entries(CSV_COLUMNS) as [CsvColumn, readonly string[]][]) for (const alias of aliases) lookup.set(alias, column);
  const positions = new Map<CsvColumn, number>();
  header.forEach((name, index) => {
    const column = lookup.get(normaliseName(name));
    if (column && !positions.has(column)) positions.set(column, index);
  });
  if (positions.size === 0) {
    throw new FileRejectedError(
      "no_columns",
      `No recognisable columns in the first line (${header.slice(0, 6).join(", ")}…). Expected a header such as ${REQUIRED_CSV_COLUMNS.join(", ")}; see the data formats page.`,
    );
  }
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !positions.has(column));
  if (!positions.has("channel") && !hasDefaultChannel) missing.push("channel");
  if (missing.length) {
    throw new FileRejectedError(
      "missing_columns",
      `Missing required columns: ${missing.map((column) => `${column} (or ${CSV_COLUMNS[column].slice(1, 4).join(", ")})`).join("; ")}.`,
    );
  }
  return positions;
}

function mapValue<T extends string>(raw: string, allowed: readonly T[], aliases: Record<string, string>): T | null {
  const key = normaliseName(raw).replace(/_/g, raw.includes("-") ? "-" : "_");
  const plain = normaliseName(raw);
  for (const candidate of [plain, key]) {
    if ((allowed as readonly string[]).includes(candidate)) return candidate as T;
    const alias = aliases[candidate];
    if (alias) return alias as T;
  }
  return null;
}

function sniffDelimiter(headerLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const candidate of [";", ",", "\t", "|"]) {
    let count = 0;
    let quoted = false;
    for (const char of headerLine) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && char === candidate) count++;
    }
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

interface Group {
  externalId: string;
  firstLine: number;
  lines: number[];
  rows: number;
  input: IncomingConversationInput;
  errors: RowError[];
}

/** Open conversations kept while reading: rows of concurrent chats may interleave this much. */
const OPEN_WINDOW = 200;

/**
 * Streams a CSV export (one row per message) into conversations, in constant memory apart from the ids of
 * conversations already handed over. Rows of one conversation must be close together (sorted by conversation,
 * or by time with at most a few hundred conversations open at once); a conversation that reappears after it
 * was handed over is reported, not merged.
 */
export async function* parseCsv(chunks: AsyncIterable<string>, options: ParseOptions): AsyncGenerator<ParsedItem> {
  const startLine = options.startLine ?? 0;
  const peeked = await peekFirstLine(chunks);
  const parser = parse({
    delimiter: sniffDelimiter(peeked.firstLine),
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ["\r\n", "\n", "\r"],
  });
  const feeding = (async () => {
    for await (const chunk of peeked.chunks) if (!parser.write(chunk)) await new Promise((resolve) => parser.once("drain", resolve));
    parser.end();
  })().catch((error: unknown) => parser.destroy(error as Error));

  let positions: Map<CsvColumn, number> | undefined;
  let previousEnd = 0;
  const open = new Map<string, Group>();
  const handedOver = new Map<string, number>();
  const safeLine = (next: number) => Math.min(next, ...[...open.values()].map((group) => group.firstLine));

  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    if (!positions) {
      positions = mapHeader(record, { hasDefaultChannel: Boolean(options.channel) });
      continue;
    }
    if (record.length === 1 && record[0].trim() === "") continue;
    if (line < startLine) continue;
    const cell = (column: CsvColumn) => {
      const index = positions?.get(column);
      return index === undefined ? "" : (record[index] ?? "").trim();
    };
    const externalId = cell("conversation_id");
    if (!externalId) {
      yield { kind: "rejected", errors: [{ line, field: "conversation_id", reason: "empty conversation id" }], firstLine: line, rows: 1, safeLine: safeLine(line + 1) };
      continue;
    }
    if (handedOver.has(externalId) && !open.has(externalId)) {
      const reason = `rows of conversation ${externalId} must be together in the file; it was already imported up to line ${handedOver.get(externalId)}`;
      yield { kind: "rejected", externalId, errors: [{ line, field: "conversation_id", reason, externalId }], firstLine: line, rows: 1, safeLine: safeLine(line + 1) };
      continue;
    }
    let group = open.get(externalId);
    if (!group) {
      while (open.size >= OPEN_WINDOW) {
        const [oldestId, oldest] = open.entries().next().value as [string, Group];
        open.delete(oldestId);
        handedOver.set(oldestId, oldest.lines.at(-1) ?? oldest.firstLine);
        yield finish(oldest, safeLine(line));
      }
      group = {
        externalId,
        firstLine: line,
        lines: [],
        rows: 0,
        input: { source: cell("source") || options.source, externalId, createdAt: "", messages: [] } as unknown as IncomingConversationInput,
        errors: [],
      };
      open.set(externalId, group);
    } else {
      // Keep the map in order of last activity, so the conversation idle longest is handed over first.
      open.delete(externalId);
      open.set(externalId, group);
    }
    addRow(group, line, cell, options);
  }
  await feeding;
  for (const group of [...open.values()]) {
    open.delete(group.externalId);
    yield finish(group, safeLine(previousEnd + 1));
  }
}

async function peekFirstLine(chunks: AsyncIterable<string>): Promise<{ firstLine: string; chunks: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: string[] = [];
  let text = "";
  while (!/[\r\n]/.test(text)) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    text += next.value;
  }
  async function* replay() {
    yield* seen;
    while (true) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { firstLine: text.split(/\r?\n|\r/)[0], chunks: replay() };
}

const groupInput = (group: Group) => group.input as unknown as Record<string, unknown> & { messages: Record<string, unknown>[] };

function addRow(group: Group, line: number, cell: (column: CsvColumn) => string, options: ParseOptions) {
  const input = groupInput(group);
  const fail = (field: CsvColumn, reason: string) => group.errors.push({ line, field, reason, externalId: group.externalId });
  const date = (column: CsvColumn) => {
    const raw = cell(column);
    if (!raw) return undefined;
    const parsed = parseDate(raw, options.timeZone);
    if (!parsed) fail(column, `"${raw}" is not a date (use ISO 8601 or DD/MM/YYYY HH:mm)`);
    return parsed?.toISOString();
  };
  group.rows++;
  group.lines.push(line);

  const channelText = cell("channel") || (input.channelSet ? "" : (options.channel ?? ""));
  if (channelText) {
    const channel = mapValue(channelText, CHANNELS, VALUE_ALIASES.channel);
    if (channel) {
      input.channel = channel;
      input.channelSet = true;
    } else fail("channel", `unknown channel "${channelText}" (expected one of ${CHANNELS.join(", ")})`);
  }
  const statusText = cell("status");
  if (statusText) {
    const status = mapValue(statusText, CONVERSATION_STATUSES, VALUE_ALIASES.status);
    if (status) input.status = status;
    else fail("status", `unknown status "${statusText}" (expected one of ${CONVERSATION_STATUSES.join(", ")})`);
  }
  const languageText = cell("language");
  if (languageText) {
    const language = mapValue(languageText, ["es", "en", "other"] as const, VALUE_ALIASES.language);
    input.language = language ?? "other";
  }
  const subject = cell("subject");
  if (subject && !input.subject) input.subject = subject;
  const createdAt = date("created_at");
  if (createdAt) input.createdAt = createdAt;
  const resolvedAt = date("resolved_at");
  if (resolvedAt) input.resolvedAt = resolvedAt;
  const agent = { externalId: cell("agent_id") || undefined, email: cell("agent_email") || undefined, name: cell("agent_name") || undefined };
  if (agent.externalId || agent.email || agent.name) input.agent = { ...(input.agent as object | undefined), ...withoutEmpty(agent) };
  const team = cell("team");
  if (team) input.team = team;
  const customer = {
    externalId: cell("customer_id") || undefined,
    name: cell("customer_name") || undefined,
    email: cell("customer_email") || undefined,
    phone: cell("customer_phone") || undefined,
  };
  if (customer.externalId || customer.name || customer.email || customer.phone) {
    input.customer = { ...(input.customer as object | undefined), ...withoutEmpty(customer) };
  }
  const csatText = cell("csat");
  if (csatText) {
    const csat = Number(csatText.replace(",", "."));
    if (Number.isInteger(csat) && csat >= 1 && csat <= 5) input.csat = csat;
    else fail("csat", `"${csatText}" is not a CSAT score from 1 to 5`);
  }
  const tags = cell("tags");
  if (tags) input.tags = [...new Set([...((input.tags as string[]) ?? []), ...tags.split(/[,;|]/).map((tag) => tag.trim()).filter(Boolean)])];

  const roleText = cell("author_role");
  const authorRole = roleText ? mapValue(roleText, AUTHOR_ROLES, VALUE_ALIASES.author_role) : null;
  if (!authorRole) fail("author_role", roleText ? `unknown author role "${roleText}" (expected one of ${AUTHOR_ROLES.join(", ")})` : "empty author role");
  const sentAt = date("sent_at");
  if (!cell("sent_at")) fail("sent_at", "empty date");
  const body = htmlToText(cell("body"));
  if (!body) fail("body", "empty message");
  input.messages.push({ externalId: cell("message_id") || undefined, authorRole, authorName: cell("author") || undefined, sentAt, body });
}

function withoutEmpty<T extends Record<string, string | undefined>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function finish(group: Group, safeLine: number): ParsedItem {
  const base = { externalId: group.externalId, firstLine: group.firstLine, rows: group.rows, safeLine };
  if (group.errors.length) return { kind: "rejected", ...base, errors: group.errors };
  const input = groupInput(group);
  const { channelSet: _channelSet, ...conversationInput } = input;
  if (!conversationInput.createdAt) {
    conversationInput.createdAt = input.messages.map((message) => message.sentAt as string).sort()[0];
  }
  const parsed = incomingConversationSchema.safeParse(conversationInput);
  if (parsed.success) return { kind: "conversation", conversation: parsed.data, firstLine: group.firstLine, rows: group.rows, safeLine };
  const errors = parsed.error.issues.map((issue): RowError => {
    const [head, index, field] = issue.path;
    if (head === "messages" && typeof index === "number") {
      return { line: group.lines[index] ?? group.firstLine, field: csvFieldOf(String(field ?? "body")), reason: issue.message, externalId: group.externalId };
    }
    return { line: group.firstLine, field: csvFieldOf(issue.path.map(String).join(".")), reason: issue.message, externalId: group.externalId };
  });
  return { kind: "rejected", ...base, errors };
}

const FIELD_TO_COLUMN: Record<string, CsvColumn> = {
  externalId: "message_id",
  authorName: "author",
  authorRole: "author_role",
  sentAt: "sent_at",
  createdAt: "created_at",
  resolvedAt: "resolved_at",
  "agent.email": "agent_email",
  "agent.externalId": "agent_id",
  "agent.name": "agent_name",
  agent: "agent_name",
  "customer.email": "customer_email",
  "customer.externalId": "customer_id",
  "customer.name": "customer_name",
  "customer.phone": "customer_phone",
};

function csvFieldOf(path: string): string {
  return FIELD_TO_COLUMN[path] ?? path;
}
