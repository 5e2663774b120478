import type { HighlightKind } from "../schema/enums";
import type { ReviewContent } from "../../scoring/rubric";
import { en as enBank } from "./banks/en";
import { es as esBank } from "./banks/es";
import type { Bank, Lang } from "./banks/types";
import { measureResponseTimes } from "../../scoring/sla";
import { type DemoConversation, registerOf } from "./generate";
import { Rng } from "./rng";
import { demoScorecards } from "./scorecards";

/**
 * Demo reviews and queue for reviewer@demo.test, deterministic like the rest of the demo data.
 * Ratings are read off the generated transcripts with the same phrase banks that wrote them
 * (a curt one-liner is rated robotic, a redirect fails the critical criterion…), so the
 * reviews tell the same stories as the conversations.
 */

const BANKS: Record<Lang, Bank> = { es: esBank, en: enBank };
const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface DemoHighlight {
  messageId: number;
  kind: HighlightKind;
  spanStart: number | null;
  spanEnd: number | null;
  quote: string | null;
  note: string;
}

export interface DemoReview {
  conversationId: number;
  agentId: number | null;
  teamId: number;
  language: Lang;
  /** Which demo user wrote it. */
  author: "reviewer" | "lead";
  content: ReviewContent;
  createdAt: Date;
  /** null: a draft in progress. */
  submittedAt: Date | null;
  highlights: DemoHighlight[];
}

export interface DemoAssignment {
  conversationId: number;
  dueAt: Date;
  createdAt: Date;
  status: "pending" | "in_progress" | "completed";
  completedAt: Date | null;
}

interface Candidate {
  conversation: DemoConversation;
  firstMessageId: number;
}

const NOTES = {
  es: {
    greeting: "Saluda por el nombre desde la primera línea: así queremos todos los chats.",
    empathy: "Reconoce la molestia antes de ponerse a resolver.",
    curt: "Respuesta seca: en el correo escribe muy bien, aquí el cliente no recibe el mismo trato.",
    redirect: "Deriva al cliente a otro canal cuando podía resolverlo aquí (regla 1).",
    forbidden: "Frase de la lista prohibida.",
    overallGood: "Conversación ejemplar: resolvió a la primera y con un tono cercano.",
    overallMixed: "Resuelve bien, pero el tono y el cierre pueden mejorar. Revisemos los mensajes marcados.",
    overallBad: "Hay que trabajar la resolución en el propio canal; repasa los mensajes marcados antes de la sesión de coaching.",
    criterion: {
      "brand-tone": "El tono cambia mucho respecto a sus conversaciones por correo.",
      "resolved-without-redirect": "Podía gestionar el reembolso desde aquí.",
      empathy: "El cliente estaba claramente molesto y no se reconoció.",
      closing: "Falta confirmar que todo quedó resuelto.",
      greeting: "Empieza sin saludo.",
      "response-time": "Primera respuesta fuera del objetivo del canal.",
    } as Record<string, string>,
  },
  en: {
    greeting: "Greets the customer by name in the first line: exactly what we want on every chat.",
    empathy: "Acknowledges the frustration before fixing it.",
    curt: "Curt reply: their emails read well, but this customer did not get the same care.",
    redirect: "Sends the customer to another channel when this could be solved here (rule 1).",
    forbidden: "Phrase from the never-say list.",
    overallGood: "Exemplary: solved on first contact with a warm, on-brand tone.",
    overallMixed: "Good resolution; tone and closing can improve. Let's look at the highlighted messages.",
    overallBad: "Resolution on the customer's own channel needs work; go through the highlights before coaching.",
    criterion: {
      "brand-tone": "Very different tone from their email conversations.",
      "resolved-without-redirect": "The refund could have been handled right here.",
      empathy: "The customer was clearly upset and it was not acknowledged.",
      closing: "Did not confirm everything was solved.",
      greeting: "Starts without a greeting.",
      "response-time": "First reply outside the channel target.",
    } as Record<string, string>,
  },
} as const;

/** A bank phrase with {placeholders} as a pattern, to find where it was used in a message. */
function phrasePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\w+\\\}/g, ".+?");
  return new RegExp(escaped);
}

function findPhrase(body: string, templates: readonly string[]): { start: number; end: number } | null {
  for (const template of templates) {
    const match = phrasePattern(template).exec(body);
    if (match) return { start: match.index, end: match.index + match[0].length };
  }
  return null;
}

function spanHighlight(
  messageId: number,
  body: string,
  span: { start: number; end: number },
  kind: HighlightKind,
  note: string,
): DemoHighlight {
  return { messageId, kind, spanStart: span.start, spanEnd: span.end, quote: body.slice(span.start, span.end), note };
}

/** Rates one conversation on the default scorecard of its language, with highlights. */
export function rateDemoConversation(candidate: Candidate, rng: Rng): { content: ReviewContent; highlights: DemoHighlight[] } {
  const { conversation, firstMessageId } = candidate;
  const lang = conversation.language;
  const bank = BANKS[lang];
  const notes = NOTES[lang];
  const register = registerOf(conversation.channel);
  const agentMessages = conversation.messages
    .map((message, index) => ({ ...message, id: firstMessageId + index }))
    .filter((message) => message.authorRole === "agent");
  const escalated = conversation.tags.includes("escalated");
  const redirected = conversation.tags.includes("redirected");
  const solved = conversation.status === "solved" || conversation.status === "closed";
  const highlights: DemoHighlight[] = [];
  const ratings: Record<string, number | "na"> = {};
  const rootCauses: Record<string, string[]> = {};
  const criterionComments: Record<string, string> = {};
  const negative = (criterionId: string, causeIndex: number, causes: string[]) => {
    rootCauses[criterionId] = [causes[causeIndex]];
    if (rng.chance(0.6)) criterionComments[criterionId] = notes.criterion[criterionId] ?? "";
  };
  const causesOf = (id: string) => ROOT_CAUSES[lang][id];

  const first = agentMessages[0];
  const greetedByName = first ? findPhrase(first.body, bank.agentGreetings[register]) : null;
  const greetedGenerically = first ? findPhrase(first.body, bank.agentGreetingsNoName[register]) : null;
  if (greetedByName) {
    ratings.greeting = 3;
    if (rng.chance(0.5)) highlights.push(spanHighlight(first.id, first.body, greetedByName, "exemplary", notes.greeting));
  } else if (greetedGenerically) {
    ratings.greeting = 2;
  } else {
    ratings.greeting = 1;
    negative("greeting", 0, causesOf("greeting"));
  }

  ratings["understood-need"] = escalated ? rng.int(2, 3) : rng.int(3, 4);
  if (ratings["understood-need"] === 2) negative("understood-need", rng.int(0, 2), causesOf("understood-need"));

  const redirect = agentMessages
    .map((message) => ({ message, span: findPhrase(message.body, bank.redirects) }))
    .find((found) => found.span);
  if (redirected || redirect) {
    ratings["resolved-without-redirect"] = 0;
    negative("resolved-without-redirect", rng.int(0, 1), causesOf("resolved-without-redirect"));
    if (redirect?.span)
      highlights.push(spanHighlight(redirect.message.id, redirect.message.body, redirect.span, "needs_work", notes.redirect));
  } else {
    ratings["resolved-without-redirect"] = 1;
  }

  ratings["correct-information"] = escalated && !solved ? 3 : rng.chance(0.6) ? 5 : 4;

  const curt = agentMessages.find((message) => bank.curtReplies.includes(message.body));
  const forbidden = agentMessages
    .map((message) => ({ message, span: findPhrase(message.body, bank.forbiddenPhrases) }))
    .find((found) => found.span);
  if (forbidden?.span) {
    ratings["brand-tone"] = 1;
    negative("brand-tone", 1, causesOf("brand-tone"));
    highlights.push(spanHighlight(forbidden.message.id, forbidden.message.body, forbidden.span, "needs_work", notes.forbidden));
  } else if (curt) {
    ratings["brand-tone"] = 2;
    negative("brand-tone", register === "informal" ? 2 : 0, causesOf("brand-tone"));
    highlights.push({ messageId: curt.id, kind: "needs_work", spanStart: null, spanEnd: null, quote: null, note: notes.curt });
  } else {
    ratings["brand-tone"] = rng.chance(0.55) ? 5 : 4;
  }

  const empathetic = agentMessages
    .map((message) => ({ message, span: findPhrase(message.body, [...bank.empathy, ...bank.apologies]) }))
    .find((found) => found.span);
  if (empathetic?.span) {
    ratings.empathy = rng.chance(0.4) ? 4 : 3;
    if (ratings.empathy === 4)
      highlights.push(spanHighlight(empathetic.message.id, empathetic.message.body, empathetic.span, "exemplary", notes.empathy));
  } else if (escalated) {
    ratings.empathy = 1;
    negative("empathy", 0, causesOf("empathy"));
  } else {
    ratings.empathy = 2;
  }

  // The same measure the review page shows next to each reply (scoring/sla, the seeds' channel targets).
  const { replies } = measureResponseTimes(conversation.messages, { channel: conversation.channel, resolvedAt: conversation.resolvedAt });
  if (replies.length === 0) ratings["response-time"] = "na";
  else if (replies.every((reply) => reply.standard.met !== false)) ratings["response-time"] = 1;
  else {
    ratings["response-time"] = 0;
    negative("response-time", rng.int(0, 2), causesOf("response-time"));
  }

  const last = agentMessages.at(-1);
  const closed = last ? findPhrase(last.body, [...bank.closings[register], ...bank.followUps]) : null;
  if (closed && solved) ratings.closing = 3;
  else if (solved) ratings.closing = 2;
  else {
    ratings.closing = 1;
    negative("closing", rng.int(0, 1), causesOf("closing"));
  }

  const failed = ratings["resolved-without-redirect"] === 0;
  const lowCount = Object.keys(rootCauses).length;
  const overallComment = failed ? notes.overallBad : lowCount === 0 ? notes.overallGood : notes.overallMixed;
  return { content: { ratings, rootCauses, criterionComments, overallComment }, highlights };
}

/** Root-cause lists of the default scorecards, by language and criterion id. */
function rootCausesByLanguage(): Record<Lang, Record<string, string[]>> {
  const scorecards = demoScorecards();
  const byCriterion = (lang: Lang) =>
    Object.fromEntries(
      scorecards[lang].definition.categories.flatMap((category) =>
        category.criteria.map((criterion) => [criterion.id, criterion.rootCauses ?? []]),
      ),
    );
  return { es: byCriterion("es"), en: byCriterion("en") };
}

const ROOT_CAUSES = rootCausesByLanguage();

/**
 * Watches the generated conversations go by (they stream in time order) and keeps a bounded,
 * deterministic selection: the demo agent's recent conversations and every 11th answered one.
 */
export class DemoReviewPicker {
  private readonly ownAgent: Candidate[] = [];
  private readonly sample: Candidate[] = [];

  constructor(private readonly demoAgentId: number | null) {}

  offer(conversation: DemoConversation, firstMessageId: number): void {
    if (conversation.firstResponseAt === null) return;
    const candidate = { conversation, firstMessageId };
    if (conversation.agentId === this.demoAgentId) keepLast(this.ownAgent, candidate, 30);
    else if (conversation.id % 11 === 0) keepLast(this.sample, candidate, 160);
  }

  plan({ seed, endDate }: { seed: string; endDate: Date }): { reviews: DemoReview[]; assignments: DemoAssignment[] } {
    const rng = new Rng(`${seed}:reviews`);
    const end = endDate.getTime();
    // The demo agent's two newest conversations come first, so a review done in the demo reaches agent@demo.test.
    const queued = [...this.ownAgent.slice(-2), ...this.sample.slice(-12)];
    const queuedIds = new Set(queued.map((candidate) => candidate.conversation.id));
    const reviewed = [...this.ownAgent.slice(0, -2).slice(-12), ...this.sample.slice(0, -12).slice(-36)]
      .filter((candidate) => !queuedIds.has(candidate.conversation.id))
      .sort((a, b) => a.conversation.id - b.conversation.id);

    const reviews: DemoReview[] = [];
    const assignments: DemoAssignment[] = [];
    for (const candidate of reviewed) {
      const { conversation } = candidate;
      const { content, highlights } = rateDemoConversation(candidate, rng);
      const created = conversation.createdAt.getTime();
      const submittedAt = new Date(Math.min(end - HOUR, created + DAY + rng.int(1, 48) * HOUR));
      // The lead reviews some of their own team's conversations, so the list has more than one reviewer.
      const author = conversation.teamId === 1 && rng.chance(0.25) ? "lead" : "reviewer";
      reviews.push({
        conversationId: conversation.id,
        agentId: conversation.agentId,
        teamId: conversation.teamId,
        language: conversation.language,
        author,
        content,
        createdAt: new Date(submittedAt.getTime() - rng.int(4, 25) * 60_000),
        submittedAt,
        highlights,
      });
      if (author === "reviewer") {
        assignments.push({
          conversationId: conversation.id,
          createdAt: new Date(Math.min(created + 12 * HOUR, submittedAt.getTime() - HOUR)),
          dueAt: new Date(created + 5 * DAY),
          status: "completed",
          completedAt: submittedAt,
        });
      }
    }
    queued.forEach((candidate, index) => {
      const { conversation } = candidate;
      // One overdue, the rest due over the coming week; the third one is half done.
      const dueAt = new Date(end + (index === 0 ? -DAY : Math.floor(index / 3) * DAY + 17 * HOUR));
      const inProgress = index === 2;
      assignments.push({
        conversationId: conversation.id,
        createdAt: new Date(end - 2 * DAY),
        dueAt,
        status: inProgress ? "in_progress" : "pending",
        completedAt: null,
      });
      if (inProgress) {
        const { content } = rateDemoConversation(candidate, rng);
        const half = Object.fromEntries(Object.entries(content.ratings).slice(0, 3));
        reviews.push({
          conversationId: conversation.id,
          agentId: conversation.agentId,
          teamId: conversation.teamId,
          language: conversation.language,
          author: "reviewer",
          content: { ratings: half, rootCauses: {}, criterionComments: {}, overallComment: "" },
          createdAt: new Date(end - 3 * HOUR),
          submittedAt: null,
          highlights: [],
        });
      }
    });
    return { reviews, assignments };
  }
}

function keepLast<T>(list: T[], item: T, size: number): void {
  list.push(item);
  if (list.length > size) list.shift();
}
