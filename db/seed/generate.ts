import type { AuthorRole, Channel, ConversationStatus } from "../schema/enums";
import { en } from "./banks/en";
import { es } from "./banks/es";
import type { Bank, Lang, Register, Topic } from "./banks/types";
import { Rng } from "./rng";

/**
 * Deterministic demo data: the same seed, size and end date always give the same rows.
 * Conversations are produced one at a time so that a million of them stream in constant memory.
 */

export interface GenerateOptions {
  conversations: number;
  seed: string;
  /** Conversations are spread over the `days` before this instant. */
  endDate: Date;
  days?: number;
}

export type AgentStyleKind = "exemplary" | "formal_email_curt_chat" | "redirector" | "standard" | "slow" | "warm_casual";

export interface AgentStyle {
  kind: AgentStyleKind;
  greetRate: number;
  useNameRate: number;
  empathyRate: number;
  closingRate: number;
  /** Chance that a reply is a dry one-liner, by register: the curt-on-chat agent differs here only. */
  curtRate: Record<Register, number>;
  redirectRate: number;
  forbiddenRate: number;
  /** Multiplies the channel's response-time target for this agent's median reply time. */
  speed: number;
  /** Quality shifts CSAT and how often things go wrong. */
  quality: number;
}

export interface DemoTeam {
  id: number;
  name: string;
  languages: Lang[];
}

export interface DemoAgent {
  id: number;
  name: string;
  email: string;
  externalId: string;
  teamId: number;
  languages: Lang[];
  style: AgentStyle;
}

export interface DemoCustomer {
  id: number;
  externalId: string;
  name: string;
  email: string;
  phone: string;
  handle: string;
  lang: Lang;
}

export interface DemoMessage {
  ordinal: number;
  authorRole: AuthorRole;
  agentId: number | null;
  customerId: number | null;
  authorName: string | null;
  sentAt: Date;
  body: string;
}

export interface DemoConversation {
  id: number;
  externalId: string;
  channel: Channel;
  subject: string | null;
  status: ConversationStatus;
  language: Lang;
  agentId: number | null;
  teamId: number;
  customerId: number;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  csat: number | null;
  tags: string[];
  reopenCount: number;
  sampleKey: number;
  messages: DemoMessage[];
}

const BANKS: Record<Lang, Bank> = { es, en };

export const DEMO_SOURCE = "demo";

/** Median first-reply targets in seconds, from the seeds' per-channel table (rule 4 of article 003). */
export const DEMO_RESPONSE_TARGET_SECONDS: Record<Channel, number> = {
  email: 3600,
  facebook: 3600,
  twitter: 900,
  chat: 30,
  whatsapp: 30,
  instagram: 3600,
  sms: 1800,
  phone: 20,
  web_form: 4 * 3600,
};

const CHANNEL_WEIGHTS: Record<Channel, number> = {
  email: 24,
  chat: 19,
  whatsapp: 20,
  phone: 10,
  facebook: 6,
  instagram: 5,
  twitter: 6,
  sms: 4,
  web_form: 6,
};

const FORMAL_CHANNELS = new Set<Channel>(["email", "web_form", "phone"]);
const SOCIAL_CHANNELS = new Set<Channel>(["facebook", "instagram", "twitter"]);

export function registerOf(channel: Channel): Register {
  return FORMAL_CHANNELS.has(channel) ? "formal" : "informal";
}

const TEAMS: DemoTeam[] = [
  { id: 1, name: "Soporte España", languages: ["es"] },
  { id: 2, name: "Soporte LATAM", languages: ["es"] },
  { id: 3, name: "Customer Care", languages: ["en"] },
  { id: 4, name: "Redes Sociales / Social", languages: ["es", "en"] },
];

const STYLE_PRESETS: Record<AgentStyleKind, AgentStyle> = {
  exemplary: {
    kind: "exemplary",
    greetRate: 0.98,
    useNameRate: 0.9,
    empathyRate: 0.75,
    closingRate: 0.97,
    curtRate: { formal: 0, informal: 0 },
    redirectRate: 0,
    forbiddenRate: 0,
    speed: 0.35,
    quality: 0.95,
  },
  formal_email_curt_chat: {
    kind: "formal_email_curt_chat",
    greetRate: 0.95,
    useNameRate: 0.8,
    empathyRate: 0.35,
    closingRate: 0.9,
    curtRate: { formal: 0.02, informal: 0.75 },
    redirectRate: 0.02,
    forbiddenRate: 0.04,
    speed: 0.8,
    quality: 0.6,
  },
  redirector: {
    kind: "redirector",
    greetRate: 0.7,
    useNameRate: 0.4,
    empathyRate: 0.15,
    closingRate: 0.6,
    curtRate: { formal: 0.05, informal: 0.1 },
    redirectRate: 0.7,
    forbiddenRate: 0.05,
    speed: 1.1,
    quality: 0.45,
  },
  standard: {
    kind: "standard",
    greetRate: 0.8,
    useNameRate: 0.55,
    empathyRate: 0.35,
    closingRate: 0.75,
    curtRate: { formal: 0.05, informal: 0.08 },
    redirectRate: 0.05,
    forbiddenRate: 0.01,
    speed: 0.9,
    quality: 0.72,
  },
  slow: {
    kind: "slow",
    greetRate: 0.75,
    useNameRate: 0.5,
    empathyRate: 0.3,
    closingRate: 0.7,
    curtRate: { formal: 0.06, informal: 0.1 },
    redirectRate: 0.06,
    forbiddenRate: 0.02,
    speed: 2.6,
    quality: 0.6,
  },
  warm_casual: {
    kind: "warm_casual",
    greetRate: 0.9,
    useNameRate: 0.85,
    empathyRate: 0.6,
    closingRate: 0.85,
    curtRate: { formal: 0.02, informal: 0.02 },
    redirectRate: 0.03,
    forbiddenRate: 0,
    speed: 0.6,
    quality: 0.82,
  },
};

/** The agents whose stories the dashboards should tell, with fixed names so they can be found. */
const NAMED_AGENTS: { name: string; teamId: number; kind: AgentStyleKind }[] = [
  { name: "Lucía Martín", teamId: 1, kind: "exemplary" },
  { name: "Javier Ortega", teamId: 1, kind: "formal_email_curt_chat" },
  { name: "Sergio Navarro", teamId: 1, kind: "redirector" },
  { name: "Valentina Ríos", teamId: 2, kind: "exemplary" },
  { name: "Emily Carter", teamId: 3, kind: "exemplary" },
  { name: "Tom Becker", teamId: 3, kind: "formal_email_curt_chat" },
  { name: "Ryan Cooper", teamId: 3, kind: "redirector" },
];

const AGENTS_PER_TEAM: Record<number, number> = { 1: 6, 2: 5, 3: 6, 4: 3 };

function emailFor(name: string, domain: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z ]/g, "")
    .trim()
    .replace(/\s+/g, ".");
  return `${ascii}@${domain}`;
}

export function demoTeams(): DemoTeam[] {
  return TEAMS.map((team) => ({ ...team, languages: [...team.languages] }));
}

export function demoAgents(seed: string): DemoAgent[] {
  const rng = new Rng(`${seed}:agents`);
  const agents: DemoAgent[] = [];
  const usedNames = new Set(NAMED_AGENTS.map((agent) => agent.name));
  for (const team of TEAMS) {
    const named = NAMED_AGENTS.filter((agent) => agent.teamId === team.id);
    const generatedKinds: AgentStyleKind[] = ["standard", "warm_casual", "slow", "standard", "standard", "warm_casual"];
    const count = AGENTS_PER_TEAM[team.id];
    for (let index = 0; index < count; index++) {
      const preset = named[index];
      let name = preset?.name;
      while (!name || (!preset && usedNames.has(name))) {
        const bank = BANKS[rng.pick(team.languages)];
        name = `${rng.pick(bank.firstNames)} ${rng.pick(bank.lastNames)}`;
      }
      usedNames.add(name);
      const kind = preset?.kind ?? generatedKinds[(index - named.length + team.id) % generatedKinds.length];
      const base = STYLE_PRESETS[kind];
      // Small personal variation so two "standard" agents are not identical.
      const jitter = (value: number) => Math.min(1, Math.max(0, value + (rng.float() - 0.5) * 0.1));
      const style: AgentStyle = preset
        ? { ...base, curtRate: { ...base.curtRate } }
        : {
            ...base,
            greetRate: jitter(base.greetRate),
            useNameRate: jitter(base.useNameRate),
            empathyRate: jitter(base.empathyRate),
            closingRate: jitter(base.closingRate),
            curtRate: { ...base.curtRate },
            speed: base.speed * (0.8 + rng.float() * 0.4),
          };
      const id = agents.length + 1;
      agents.push({
        id,
        name,
        email: emailFor(name, "support.demo.test"),
        externalId: `agent-${id}`,
        teamId: team.id,
        languages: [...team.languages],
        style,
      });
    }
  }
  return agents;
}

export function customerCountFor(conversations: number): number {
  return Math.max(1, Math.ceil(conversations * 0.45));
}

/** Customer i is derived from the seed and i alone, so customers can be streamed. */
export function demoCustomer(seed: string, id: number): DemoCustomer {
  const rng = new Rng(`${seed}:customer:${id}`);
  const lang: Lang = rng.chance(0.6) ? "es" : "en";
  const bank = BANKS[lang];
  const first = rng.pick(bank.firstNames);
  const last = rng.pick(bank.lastNames);
  const name = `${first} ${last}`;
  const phone =
    lang === "es"
      ? `+34 6${rng.int(10, 99)} ${rng.int(100, 999)} ${rng.int(100, 999)}`
      : `+1 ${rng.int(201, 989)} 555 ${String(rng.int(0, 9999)).padStart(4, "0")}`;
  const handleBase = emailFor(first, "x").split("@")[0];
  return {
    id,
    externalId: `customer-${id}`,
    name,
    email: emailFor(`${name} ${id}`, lang === "es" ? "correo.demo.test" : "mail.demo.test"),
    phone,
    handle: `@${handleBase}${rng.int(1, 9999)}`,
    lang,
  };
}

type Scenario = "smooth" | "frustrated" | "redirected" | "unanswered" | "repeat";

interface RecentContact {
  customerId: number;
  lang: Lang;
  topicId: string;
  channel: Channel;
  at: number;
}

const DAY_MS = 24 * 3600 * 1000;

/** Busier in working hours and on weekdays; the shape of a support inbox. */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1.5, 3, 6, 8, 9, 9, 8, 7, 8, 8, 8, 7, 6, 5, 4, 3, 2, 1.5];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

function drawHour(rng: Rng): number {
  let threshold = rng.float() * HOUR_TOTAL;
  for (let hour = 0; hour < 24; hour++) {
    threshold -= HOUR_WEIGHTS[hour];
    if (threshold < 0) return hour;
  }
  return 23;
}

class ConversationWriter {
  readonly messages: DemoMessage[] = [];
  private clock: number;

  constructor(
    private readonly fill: (text: string) => string,
    start: number,
    private readonly agent: DemoAgent,
    private readonly customer: DemoCustomer,
  ) {
    this.clock = start;
  }

  get now(): number {
    return this.clock;
  }

  wait(milliseconds: number): void {
    this.clock += Math.max(1000, Math.round(milliseconds));
  }

  add(authorRole: AuthorRole, body: string, authorName: string | null = null): void {
    this.messages.push({
      ordinal: this.messages.length,
      authorRole,
      agentId: authorRole === "agent" || authorRole === "note" ? this.agent.id : null,
      customerId: authorRole === "customer" ? this.customer.id : null,
      authorName,
      sentAt: new Date(this.clock),
      body: this.fill(body),
    });
  }
}

export function* generateConversations(options: GenerateOptions): Generator<DemoConversation> {
  const { seed } = options;
  const days = options.days ?? 90;
  const rng = new Rng(`${seed}:conversations`);
  const agents = demoAgents(seed);
  const customerCount = customerCountFor(options.conversations);
  const agentsByLanguage: Record<Lang, DemoAgent[]> = {
    es: agents.filter((agent) => agent.languages.includes("es")),
    en: agents.filter((agent) => agent.languages.includes("en")),
  };
  const recent: RecentContact[] = [];
  const endMs = options.endDate.getTime();
  const startMs = endMs - days * DAY_MS;
  // Time moves forward so that repeat contacts come after the contact they repeat.
  const step = (endMs - startMs) / Math.max(1, options.conversations);

  for (let index = 0; index < options.conversations; index++) {
    const id = index + 1;
    const dayStart = Math.floor((startMs + index * step) / DAY_MS) * DAY_MS;
    let createdAt = dayStart + drawHour(rng) * 3600_000 + rng.int(0, 3599) * 1000;
    if (createdAt > endMs) createdAt = endMs - rng.int(60, 3600) * 1000;

    let scenario: Scenario = rng.weighted({ smooth: 62, frustrated: 14, redirected: 0, unanswered: 5, repeat: 10 });
    let previous: RecentContact | undefined;
    if (scenario === "repeat" && recent.length > 0) previous = rng.pick(recent);
    else if (scenario === "repeat") scenario = "smooth";

    const customerId = previous?.customerId ?? rng.int(1, customerCount);
    const customer = demoCustomer(seed, customerId);
    const lang = customer.lang;
    const bank = BANKS[lang];
    let channel = rng.weighted(CHANNEL_WEIGHTS);
    if (previous) {
      // The customer tries another channel about the same issue (seed 003, rule 3: history across channels).
      while (channel === previous.channel) channel = rng.weighted(CHANNEL_WEIGHTS);
    }
    const register = registerOf(channel);
    const candidates = SOCIAL_CHANNELS.has(channel)
      ? agentsByLanguage[lang].filter((agent) => agent.teamId === 4)
      : agentsByLanguage[lang].filter((agent) => agent.teamId !== 4);
    const agent = rng.pick(candidates.length > 0 ? candidates : agentsByLanguage[lang]);
    const style = agent.style;
    if (scenario === "smooth" && rng.chance(style.redirectRate)) scenario = "redirected";
    if (scenario === "smooth" && rng.chance((1 - style.quality) * 0.25)) scenario = "frustrated";
    const topic: Topic = previous ? (bank.topics.find((t) => t.id === previous.topicId) ?? rng.pick(bank.topics)) : rng.pick(bank.topics);

    const agentFirstName = agent.name.split(" ")[0];
    const customerFirstName = customer.name.split(" ")[0];
    const order = lang === "es" ? `PED-${rng.int(10000, 99999)}` : `#${rng.int(100000, 999999)}`;
    const amountValue = (rng.int(500, 25000) / 100).toFixed(2);
    const amount = lang === "es" ? `${amountValue.replace(".", ",")} €` : `$${amountValue}`;
    const dateText = new Intl.DateTimeFormat(lang === "es" ? "es-ES" : "en-US", { day: "numeric", month: "long", timeZone: "UTC" }).format(
      new Date(createdAt - rng.int(1, 20) * DAY_MS),
    );
    const product = rng.pick(bank.products);
    const supportPhone = lang === "es" ? `600 ${rng.int(100, 999)} ${rng.int(100, 999)}` : `1-800-555-${String(rng.int(0, 9999)).padStart(4, "0")}`;
    const values: Record<string, string> = {
      customer: customerFirstName,
      agent: agentFirstName,
      order,
      amount,
      date: dateText,
      product,
      phone: supportPhone,
      email: lang === "es" ? "soporte@empresa.demo.test" : "support@company.demo.test",
    };
    const fill = (text: string) => text.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
    const writer = new ConversationWriter(fill, createdAt, agent, customer);
    const target = DEMO_RESPONSE_TARGET_SECONDS[channel] * 1000;
    const agentDelay = () => rng.logNormal(target * style.speed, 0.7);
    const customerDelay = () =>
      channel === "email" || channel === "web_form"
        ? rng.logNormal(3 * 3600_000, 1)
        : channel === "phone"
          ? rng.logNormal(15_000, 0.4)
          : rng.logNormal(register === "informal" ? 60_000 : 600_000, 0.9);

    const agentReply = (core: string, opts: { first?: boolean; last?: boolean } = {}) => {
      if (rng.chance(style.curtRate[register])) {
        writer.add("agent", rng.pick(bank.curtReplies));
        return;
      }
      const parts: string[] = [];
      if (opts.first && rng.chance(style.greetRate)) {
        parts.push(rng.chance(style.useNameRate) ? rng.pick(bank.agentGreetings[register]) : rng.pick(bank.agentGreetingsNoName[register]));
      }
      if (opts.first && rng.chance(style.empathyRate)) parts.push(rng.pick(bank.empathy));
      parts.push(core);
      if (rng.chance(style.forbiddenRate)) parts.push(rng.pick(bank.forbiddenPhrases));
      if (opts.last && rng.chance(style.closingRate)) parts.push(rng.pick(bank.closings[register]));
      const separator = channel === "email" || channel === "web_form" ? "\n\n" : " ";
      let body = parts.join(separator);
      if ((channel === "email" || channel === "web_form") && rng.chance(style.closingRate)) body += `\n\n${rng.pick(bank.signatures)}`;
      writer.add("agent", body);
    };
    const customerSays = (text: string) => {
      const spoken = channel === "phone" && rng.chance(0.4) ? `${rng.pick(bank.phoneFillers)} ${text}` : text;
      writer.add("customer", spoken);
    };

    if (channel === "phone") writer.add("system", rng.pick(bank.systemLines));
    if ((channel === "chat" || channel === "whatsapp") && rng.chance(0.5)) {
      writer.add("bot", rng.pick(bank.botLines), lang === "es" ? "Asistente virtual" : "Virtual assistant");
      writer.wait(rng.int(5, 40) * 1000);
    }

    let opening = rng.pick(topic.opening[register]);
    if (previous) opening = `${rng.pick(bank.escalation.repeatContact)} ${opening}`;
    customerSays(opening);

    let firstResponseAt: number | null = null;
    let csatBase: number;
    let status: ConversationStatus = "solved";
    let reopenCount = 0;
    const tags: string[] = [topic.id];

    if (scenario === "unanswered") {
      if (rng.chance(0.6)) {
        writer.wait(customerDelay() * 3);
        customerSays(rng.pick(bank.escalation.repeatContact));
      }
      status = rng.chance(0.5) ? "open" : "new";
      csatBase = 0;
      tags.push("unanswered");
    } else {
      writer.wait(agentDelay());
      firstResponseAt = writer.now;
      agentReply(rng.pick(topic.agentQuestions), { first: true });
      writer.wait(customerDelay());
      customerSays(rng.pick(topic.details));

      if (scenario === "redirected") {
        writer.wait(agentDelay());
        agentReply(rng.pick(bank.redirects), { last: true });
        writer.wait(customerDelay());
        customerSays(rng.chance(0.5) ? rng.pick(topic.frustrated) : rng.pick(bank.customerAcks));
        status = rng.chance(0.6) ? "solved" : "closed";
        csatBase = 2.3;
        tags.push("redirected");
      } else if (scenario === "frustrated" || scenario === "repeat") {
        writer.wait(agentDelay() * 1.5);
        agentReply(rng.pick(topic.agentSteps));
        writer.wait(customerDelay());
        customerSays(rng.pick(topic.frustrated));
        const escalation = bank.escalation;
        const pool = [escalation.caps, escalation.cancelThreat, escalation.supervisor, escalation.authority, escalation.insults];
        const escalations = rng.int(1, 3);
        for (let step = 0; step < escalations; step++) {
          writer.wait(customerDelay() * 0.5);
          customerSays(rng.pick(rng.pick(pool)));
        }
        writer.wait(agentDelay());
        agentReply(`${rng.pick(bank.apologies)} ${rng.pick(topic.agentSteps)}`);
        const resolved = rng.chance(0.35 + style.quality * 0.4);
        writer.wait(customerDelay());
        if (resolved) {
          writer.wait(agentDelay());
          agentReply(rng.pick(topic.resolution), { last: true });
          writer.wait(customerDelay());
          customerSays(rng.pick(topic.customerResolved));
          csatBase = 2.6 + style.quality;
        } else {
          customerSays(rng.pick(escalation.repeatContact));
          status = rng.chance(0.5) ? "pending" : "open";
          if (rng.chance(0.3)) reopenCount = 1;
          csatBase = 1.2;
        }
        tags.push("escalated");
        if (rng.chance(0.3)) writer.add("note", rng.pick(bank.notes));
      } else {
        writer.wait(agentDelay());
        agentReply(rng.pick(topic.agentSteps));
        if (rng.chance(0.45)) {
          writer.wait(customerDelay());
          customerSays(rng.pick(bank.customerAcks));
          writer.wait(agentDelay());
          agentReply(rng.pick(topic.agentSteps));
        }
        writer.wait(agentDelay());
        agentReply(rng.pick(topic.resolution), { last: true });
        writer.wait(customerDelay());
        customerSays(rng.chance(0.7) ? rng.pick(bank.customerThanks) : rng.pick(topic.customerResolved));
        if (rng.chance(0.15 * style.quality)) {
          writer.wait(DAY_MS * rng.float());
          agentReply(rng.pick(bank.followUps), { last: true });
        }
        csatBase = 3.2 + style.quality * 1.8;
        if (rng.chance(0.15)) status = "closed";
      }
    }

    const lastAt = writer.messages[writer.messages.length - 1].sentAt.getTime();
    const resolvedAt = status === "solved" || status === "closed" ? new Date(lastAt + rng.int(60, 3600) * 1000) : null;
    const csat =
      csatBase > 0 && status !== "open" && rng.chance(0.55)
        ? Math.min(5, Math.max(1, Math.round(csatBase + (rng.float() - 0.5) * 1.6)))
        : null;
    if (scenario !== "unanswered" && SOCIAL_CHANNELS.has(channel)) tags.push("social");

    recent.push({ customerId, lang, topicId: topic.id, channel, at: createdAt });
    if (recent.length > 400) recent.shift();

    yield {
      id,
      externalId: `demo-${id}`,
      channel,
      subject: fill(rng.pick(topic.subjects)),
      status,
      language: lang,
      agentId: agent.id,
      teamId: agent.teamId,
      customerId,
      createdAt: new Date(createdAt),
      firstResponseAt: firstResponseAt === null ? null : new Date(firstResponseAt),
      resolvedAt,
      csat,
      tags,
      reopenCount,
      sampleKey: rng.float(),
      messages: writer.messages,
    };
  }
}
