import type { Channel } from "../sla/types";
import { type CompiledPattern, compilePattern, type FoldedMatch, findFoldedMatches, type PhrasePattern, withoutOverlaps } from "./patterns";
import { foldText, originalSpan, sentences } from "./text";
import type { Language, PhraseMatch } from "./types";

/** Where a redirect sends the customer: another channel, or out of digital channels to a shop or office. */
export type RedirectTarget = Channel | "in_person";

export interface ChannelRedirect extends PhraseMatch {
  /** Channels the phrase points to; a DM can be any of the social networks. */
  targets: RedirectTarget[];
  /**
   * An offer rather than an instruction («si lo prefiere, también puede llamarnos», "feel free to give us
   * a call"): still another channel, but weaker evidence against rule 1 than «debe llamar al 600…».
   */
  softOffer: boolean;
}

export interface RedirectFeature {
  present: boolean;
  matches: ChannelRedirect[];
}

interface TriggerPattern extends PhrasePattern {
  /** The channel the verb itself implies («llámenos»: phone); null when only a cue can tell («escríbanos a…»). */
  implies: RedirectTarget[] | null;
}

interface CuePattern extends PhrasePattern {
  targets: RedirectTarget[];
}

const SOCIAL_DM: RedirectTarget[] = ["twitter", "instagram", "facebook"];
const NUMBER = "\\+?\\d[\\d ().-]{5,}\\d";
const SPANISH_MODAL =
  "(?:puede|puedes|podria|podrias|debe|debes|deberia|deberias|tiene que|tienes que|tendra que|tendras que|tendria que|tendrias que|necesita|necesitas|le recomiendo|te recomiendo|le sugiero|te sugiero|le aconsejo|te aconsejo|le rogamos|te rogamos|mejor|(?:no )?(?:dude|dudes|duden) en|hay que|habra que|es necesario)(?: que)?";

const TRIGGERS: Record<Language, TriggerPattern[]> = {
  es: [
    {
      rule: "llame al",
      implies: ["phone"],
      source: `(?:${SPANISH_MODAL} )?(?:llame|llama|llamar|llamando|llamen)(?: usted)? (?:al|a nuestr[oa]|a la linea|a atencion|a este numero)(?: ${NUMBER})?`,
    },
    {
      rule: "llámenos",
      implies: ["phone"],
      source: `(?:${SPANISH_MODAL} )?(?:llamenos|llamanos|llamarnos|llamandonos|nos llame|nos llames|nos llamen)(?: (?:al|a este numero|en el))?(?: ${NUMBER})?`,
    },
    { rule: "tiene que llamar", implies: ["phone"], source: `${SPANISH_MODAL} llamar` },
    { rule: "marque el", implies: ["phone"], source: `(?:marque|marca|marcando)(?: el| al)(?: ${NUMBER})?` },
    {
      rule: "escríbanos",
      implies: null,
      source:
        "escribanos|escribenos|escribirnos|escribidnos|(?:escriba|escribe|escribir|escriban) (?:a|al)|envienos|envianos|enviarnos|mandenos|mandanos|mandarnos|(?:envie|envia|enviar|mande|manda|mandar)(?:nos)? (?:un|una)",
    },
    {
      rule: "contacte",
      implies: null,
      source:
        "contacte(?:nos)?|contacta(?:nos)?|contactar(?:nos)?|contacten|contactenos|(?:pongase|ponte|ponerse|pongan|poneos) en contacto|comuniquese|comunicate|comunicarse|comunicarte",
    },
    {
      rule: "acuda a",
      implies: null,
      source:
        "dirijase|dirigete|dirigirse|acuda|acude|acudir|pasese|pasate|pasarse|visite|visita|visitar|acerquese|acercate|acercarse|rellene|rellena|rellenar|cumplimente|complete|completa|completar",
    },
  ],
  en: [
    {
      rule: "call us",
      implies: ["phone"],
      source: `(?:(?:you(?:'ll| will)? (?:need|have) to|you must|you should|you can|you could|please|best to|better to) )?(?:call|phone|ring) (?:us|our (?:support|customer|help|service|team|hotline|number|helpline|line|office|store|branch))(?: (?:at|on))?(?: ${NUMBER})?`,
    },
    { rule: "give us a call", implies: ["phone"], source: `give us a (?:call|ring|bell)(?: (?:at|on))?(?: ${NUMBER})?` },
    {
      rule: "you need to call",
      implies: ["phone"],
      source: `(?:you(?:'ll| will)? (?:need|have) to|you must|you should|best to|better to) (?:call|phone|ring)(?: (?:at|on))?(?: ${NUMBER})?`,
    },
    { rule: "email us", implies: ["email"], source: "e-?mail us|send us an? e-?mail|drop us an? (?:e-?mail|line|note)|write (?:to )?us" },
    { rule: "text us", implies: ["sms"], source: "text us|send us a text" },
    {
      rule: "DM us",
      implies: SOCIAL_DM,
      source: "dm us|pm us|send us a (?:dm|direct message|private message|pm)|message us privately|(?:slide|pop) into our dms",
    },
    { rule: "chat with us", implies: ["chat"], source: "chat with us|start a (?:live )?chat" },
    {
      rule: "contact us",
      implies: null,
      source:
        "contact (?:us|our|the)|get in touch|reach (?:out|us)|message us|visit (?:us|our|one of our|the)|head (?:to|over to|into|down to)|fill (?:in|out)|submit|go to (?:our|the|one of our)|pop into|drop into|stop by|come into",
    },
  ],
};

const CUES: CuePattern[] = [
  { rule: "whatsapp", targets: ["whatsapp"], source: "whatsapp|whats app|wasap|guasap|wsp" },
  { rule: "sms", targets: ["sms"], source: "sms|mensajes? de texto|text message" },
  {
    rule: "email",
    targets: ["email"],
    source: "correo(?: electronico)?|e-?mail|mail|[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}",
  },
  {
    rule: "phone",
    targets: ["phone"],
    source: `telefono|telefonica(?:mente)?|telefonico|movil|llamada|(?:tele)?phone|hotline|helpline|call cent(?:re|er)|(?:al|en el|numero|number|at|on) ${NUMBER}`,
  },
  { rule: "chat", targets: ["chat"], source: "chat(?: en (?:vivo|directo|linea)| de la web)?|live chat|web ?chat" },
  {
    rule: "web form",
    targets: ["web_form"],
    source: "formulario(?: de contacto| web| online)?|web form|contact form|online form|form on our (?:website|site)",
  },
  { rule: "facebook", targets: ["facebook"], source: "facebook|messenger" },
  { rule: "instagram", targets: ["instagram"], source: "instagram" },
  { rule: "twitter", targets: ["twitter"], source: "twitter|tuiter" },
  {
    rule: "direct message",
    targets: SOCIAL_DM,
    source: "md|dms?|mensaje (?:directo|privado)|por privado|direct message|private message|inbox",
  },
  {
    rule: "in person",
    targets: ["in_person"],
    source: "tiendas?|oficinas?|sucursal(?:es)?|punto de venta|en persona|presencialmente|stores?|branch(?:es)?|in person|offices?|shops?",
  },
];

/** The instruction is denied in its own sentence: «No hace falta que nos llame», "no need to call us". */
const NEGATION = compilePattern({
  rule: "negation",
  source:
    "no (?:hace falta|es necesario|tiene que|tienes que|necesita|necesitas|debe|debes|tendra que|tendras que)|sin necesidad de|ya no|en lugar de|en vez de|no need|(?:don't|do not|won't|will not|no longer) need|there(?:'s| is) no need|not necessary|without having to|instead of|rather than",
});

/** Negation words further back than this belong to another clause. */
const NEGATION_REACH = 40;

const SOFT_OFFER = compilePattern({
  rule: "soft offer",
  source:
    "no (?:dude|dudes|duden) en|si (?:lo )?(?:necesita|necesitas|prefiere|prefieres|desea|deseas|quiere|quieres)|si (?:tiene|tienes) (?:alguna|cualquier|mas|otra)|cualquier (?:duda|cosa|consulta|otra)|tambien|if (?:you )?(?:need|prefer|have|would like|'d like|ever)|feel free|(?:don't|do not) hesitate|any ?time|also",
});

const COMPILED_TRIGGERS: Record<Language, Array<{ trigger: TriggerPattern; compiled: CompiledPattern }>> = {
  es: TRIGGERS.es.map((trigger) => ({ trigger, compiled: compilePattern(trigger) })),
  en: TRIGGERS.en.map((trigger) => ({ trigger, compiled: compilePattern(trigger) })),
};
const COMPILED_CUES = CUES.map((cue) => ({ cue, compiled: compilePattern(cue) }));

/** How far after the verb a channel cue may sit («escríbanos, si le resulta más cómodo, a soporte@…»). */
const CUE_WINDOW = 80;
/** A verb that already names a channel («llámenos») only yields to a cue right after it («llámenos por WhatsApp»). */
const IMPLIED_CUE_WINDOW = 30;
/** A coordinated clause starts another instruction: «llame al 900… o escríbanos a…». */
const NEXT_CLAUSE = / (?:o|u|y|e|or|and|pero|but) /;

interface Cue {
  rule: string;
  targets: RedirectTarget[];
  foldedEnd: number;
}

/** The channel cue nearest after the verb, within the window and before a coordinated clause. */
function findCue(folded: string, from: number, windowLength: number): Cue | null {
  let window = folded.slice(from, from + windowLength);
  const nextClause = NEXT_CLAUSE.exec(window);
  if (nextClause !== null) window = window.slice(0, nextClause.index);
  let best: { cue: Cue; start: number } | null = null;
  for (const { cue, compiled } of COMPILED_CUES) {
    const found = firstMatch(window, compiled);
    if (found === null) continue;
    if (best === null || found.index < best.start) {
      best = { cue: { rule: cue.rule, targets: cue.targets, foldedEnd: from + found.index + found[0].length }, start: found.index };
    }
  }
  return best?.cue ?? null;
}

function firstMatch(text: string, pattern: CompiledPattern): RegExpExecArray | null {
  pattern.regex.lastIndex = 0;
  const match = pattern.regex.exec(text);
  pattern.regex.lastIndex = 0;
  return match;
}

/**
 * Seed 003 rule 1: resolve, do not send the customer to another channel. Finds instructions and offers
 * to continue elsewhere («llame al 600…», «escríbanos a…», «contacte por teléfono», "please call us",
 * "contact us via email", "DM us", «acuda a una de nuestras tiendas»). A phrase that points to the
 * conversation's own channel is not a redirect («No dude en llamarnos» on a phone call, "please email
 * us" on an email), nor is one without a channel («escríbanos si tiene dudas») or one negated in its
 * sentence («no hace falta que nos llame»). Evidence spans the verb and the channel cue.
 */
export function detectChannelRedirects(body: string, lang: Language, channel: Channel): RedirectFeature {
  const matches: ChannelRedirect[] = [];
  for (const sentence of sentences(body)) {
    const folded = foldText(sentence.text);
    const found: Array<FoldedMatch & { definition: TriggerPattern }> = [];
    for (const { trigger: definition, compiled } of COMPILED_TRIGGERS[lang]) {
      for (const match of findFoldedMatches(folded, [compiled])) found.push({ ...match, definition });
    }
    found.sort((a, b) => a.foldedStart - b.foldedStart || b.foldedEnd - a.foldedEnd);
    for (const trigger of withoutOverlaps(found)) {
      const { definition } = trigger;
      const before = folded.folded.slice(Math.max(0, trigger.foldedStart - NEGATION_REACH), trigger.foldedStart);
      if (firstMatch(before, NEGATION) !== null) continue;

      const cue = findCue(folded.folded, trigger.foldedEnd, definition.implies === null ? CUE_WINDOW : IMPLIED_CUE_WINDOW);
      const targets = cue?.targets ?? definition.implies;
      if (targets === null || targets.includes(channel)) continue;

      const span = originalSpan(folded, trigger.foldedStart, cue?.foldedEnd ?? trigger.foldedEnd);
      matches.push({
        start: sentence.start + span.start,
        end: sentence.start + span.end,
        text: span.text,
        rule: cue === null ? definition.rule : `${definition.rule} + ${cue.rule}`,
        targets,
        softOffer: firstMatch(folded.folded, SOFT_OFFER) !== null,
      });
    }
  }
  return { present: matches.length > 0, matches };
}
