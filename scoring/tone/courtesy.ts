import { type CompiledPattern, compilePattern, findFoldedMatches, type PhrasePattern, toPhraseMatch, withoutOverlaps } from "./patterns";
import { type FoldedText, foldText } from "./text";
import type { Language, PhraseFeature } from "./types";

const entries = (prefix: string, table: Record<string, string>): PhrasePattern[] =>
  Object.entries(table).map(([name, source]) => ({ rule: `${prefix}.${name}`, source }));

const GREETINGS: Record<Language, PhrasePattern[]> = {
  es: entries("greeting", {
    hola: "hola+",
    buenos_dias: "(?:muy )?buen(?:os)? dias?",
    buenas: "(?:muy )?buenas(?: tardes| noches)?",
    estimado: "estimad[oa]s?",
    bienvenido: "bienvenid[oa]s?",
    que_tal: "que tal",
    gracias_por_contactar:
      "(?:muchas )?gracias por (?:contactar(?:nos| con nosotros)?|escribir(?:nos)?|ponerte en contacto|ponerse en contacto|comunicarte(?: con nosotros)?|comunicarse(?: con nosotros)?|(?:tu|su) (?:mensaje|consulta|correo|llamada)|llamar(?:nos)?|elegirnos)",
  }),
  en: entries("greeting", {
    hello: "hello+|hi+|hiya|hey+",
    good_morning: "good (?:morning|afternoon|evening|day)",
    dear: "dear",
    greetings: "greetings",
    welcome: "welcome",
    thanks_for_contacting:
      "(?:thanks|thank you)(?: so much)? for (?:contacting(?: us)?|reaching out|getting in touch|writing in|calling(?: us)?|your (?:message|email|enquiry|inquiry|call))",
  }),
};

const CLOSINGS: Record<Language, PhrasePattern[]> = {
  es: entries("closing", {
    un_saludo: "(?:reciba |recibe )?(?:un |muchos )?(?:cordial |afectuoso |fuerte )?saludos?(?: cordiales)?",
    atentamente: "atentamente|cordialmente",
    que_tenga_buen_dia:
      "que (?:tenga|tengas|tengan|pase|pases|pasen|disfrute|disfrutes) (?:un |una )?(?:muy )?(?:buen|buena|buenos|buenas|feliz|excelente|bonito|bonita|gran|estupendo|estupenda|lindo|linda) (?:dia|tarde|noche|fin de semana|semana|dias|tardes|noches)",
    buen_dia: "(?:buen|feliz) (?:dia|fin de semana)|felices fiestas",
    hasta_pronto: "hasta (?:pronto|luego|la proxima|otra)|adios",
    a_su_disposicion: "(?:quedo|quedamos|estoy|estamos|seguimos|sigo) a (?:su|tu|vuestra) (?:entera |total )?disposicion",
    algo_mas:
      "(?:hay )?algo mas en (?:lo )?(?:que|lo que) (?:(?:le|te|les|os) )?(?:pueda|podamos|puedo|podemos) ayudar(?:le|te|les|os)?|(?:(?:le|te|les|os) )?(?:puedo|podemos) ayudar(?:le|te|les)? (?:en|con) (?:algo|alguna cosa) mas",
    encantados_de_ayudar: "(?:estare|estaremos|estamos|estoy) encantad[oa]s? de ayudar(?:le|te|les|os)?",
    a_la_espera: "(?:quedo|quedamos) (?:a la espera de (?:su|tu|vuestra) respuesta|atent[oa]s?)",
    aqui_estoy:
      "aqui (?:estoy|estamos|me tienes|me tiene|nos tienes|nos tiene) (?:si|para lo que) (?:necesitas|necesita|necesitais|necesiten)",
    no_dude: "no (?:dude|dudes|duden) en (?:contactar|escribir|llamar|consultar|volver|ponerse|ponerte|responder)[a-z]*",
    gracias_por_su_paciencia:
      "gracias por (?:su|tu|vuestra) (?:paciencia|confianza|comprension|tiempo|colaboracion|amabilidad)|gracias (?:a ti|a usted|de nuevo|otra vez|por todo)",
    un_abrazo: "un abrazo|cuidate|cuidese|que vaya (?:todo )?bien",
  }),
  en: entries("closing", {
    regards: "(?:best |kind |kindest |warm |warmest |many )?regards|(?:yours )?sincerely|yours (?:truly|faithfully)",
    best_wishes: "best wishes|all the best|best(?= ?,)",
    cheers: "cheers|take care|talk soon|(?:good)?bye|see you",
    thanks_again:
      "(?:thanks|thank you) again|(?:thanks|thank you)(?: so much)? for (?:your )?(?:patience|understanding|time|business|choosing us)",
    have_a_good_day:
      "(?:have|enjoy) a (?:great|good|nice|lovely|wonderful|fantastic|brilliant) (?:day|evening|weekend|one|afternoon|night|week)",
    anything_else:
      "(?:is there )?anything else (?:i|we) can (?:help|do|assist)(?: you)?(?: with)?|if (?:you )?(?:need|have) anything else|let (?:me|us) know if (?:there's|there is|you need) anything else",
    happy_to_help: "(?:we'll|we will|i'll|i will|we'd|we would|i'd|i would) be (?:happy|glad|delighted) to help",
    look_forward: "(?:we|i) look forward to hearing from you",
    enjoy_the_rest: "enjoy the rest of your (?:day|evening|weekend|week)",
    let_us_know:
      "feel free to (?:reach out|contact us|get in touch|ask)|(?:don't|do not) hesitate to (?:contact|reach|get in touch|ask|let)",
  }),
};

const COMPILED_GREETINGS = mapValues(GREETINGS);
const COMPILED_CLOSINGS = mapValues(CLOSINGS);

function mapValues(table: Record<Language, PhrasePattern[]>): Record<Language, CompiledPattern[]> {
  return { es: table.es.map(compilePattern), en: table.en.map(compilePattern) };
}

/** A greeting counts in the opening of a message: this many characters from its first letter. */
const OPENING_WINDOW = 80;
/** A closing counts at the end of a message: this many characters before its last letter (signature included). */
const CLOSING_WINDOW = 220;
const CLAUSE_START = /[\s.,;:!?¡¿()"'«»\-–—]/u;

/** "Las buenas noticias…" is not a greeting: the word must open a clause. */
function opensClause(folded: string, index: number): boolean {
  let cursor = index - 1;
  while (cursor >= 0 && folded[cursor] === " ") cursor -= 1;
  return cursor < 0 || CLAUSE_START.test(folded[cursor]);
}

function contentBounds(text: FoldedText): { first: number; last: number } {
  const first = text.folded.search(/[\p{L}\p{N}]/u);
  let last = text.folded.length - 1;
  while (last >= 0 && !/[\p{L}\p{N}]/u.test(text.folded[last])) last -= 1;
  return { first: Math.max(first, 0), last: Math.max(last, 0) };
}

function feature(text: FoldedText, patterns: readonly CompiledPattern[], accept: (start: number) => boolean): PhraseFeature {
  const matches = withoutOverlaps(findFoldedMatches(text, patterns).filter((match) => accept(match.foldedStart))).map((match) =>
    toPhraseMatch(text, match),
  );
  return { present: matches.length > 0, matches };
}

/** «Hola, Marta», «Buenos días», "Hi Tom", «Gracias por escribirnos» at the start of the message. */
export function detectGreeting(body: string, lang: Language, folded: FoldedText = foldText(body)): PhraseFeature {
  const { first } = contentBounds(folded);
  return feature(folded, COMPILED_GREETINGS[lang], (start) => start - first <= OPENING_WINDOW && opensClause(folded.folded, start));
}

/** «Un saludo», «Quedo a su disposición», "Kind regards", "Have a great day" at the end of the message. */
export function detectClosing(body: string, lang: Language, folded: FoldedText = foldText(body)): PhraseFeature {
  const { last } = contentBounds(folded);
  return feature(folded, COMPILED_CLOSINGS[lang], (start) => last - start <= CLOSING_WINDOW);
}

const EMPATHY: Record<Language, PhrasePattern[]> = {
  es: entries("empathy", {
    entiendo:
      "(?<!no )(?<!si )(?:entiendo|comprendo|entendemos|comprendemos)(?: (?:perfectamente|completamente|totalmente|muy bien))?(?: (?:tu|su|vuestra|la|el) (?:frustracion|preocupacion|malestar|enfado|molestia|situacion|inquietud|indignacion|urgencia|disgusto))?",
    lamento_lo_ocurrido:
      "(?:lamento|lamentamos|siento|sentimos)(?: mucho| muchisimo| profundamente)? (?:escuchar|leer|saber|oir|lo ocurrido|lo sucedido|lo que (?:ha|le ha|te ha) (?:pasado|ocurrido|sucedido)|que (?:haya|hayas|hayan|no haya|no hayas))",
    en_su_lugar: "(?:me|nos) (?:pongo|ponemos) en (?:tu|su|vuestro) lugar",
    imagino:
      "(?:me|nos) (?:imagino|imaginamos) (?:lo|la|el) (?:frustrante|molesto|incomodo|desagradable|dificil|preocupante|estresante|agobiante|pesado)|(?:puedo|podemos) imaginar(?:me|nos)? (?:lo|como)",
    es_normal: "(?:es|resulta) (?:totalmente |completamente |muy )?(?:normal|comprensible|logico|entendible) que",
    tiene_razon: "(?:tiene|tienes|tienen|teneis) (?:toda la |mucha )?razon",
    que_pena: "que (?:pena|faena|rabia|lata|fastidio)",
    no_se_preocupe: "no (?:se preocupe|te preocupes|se preocupen|os preocupeis)",
    debe_ser_frustrante:
      "(?:debe|debes|debio|debiste) (?:de )?(?:ser|haber sido) (?:muy )?(?:frustrante|molesto|desesperante|un fastidio|incomodo)",
  }),
  en: entries("empathy", {
    i_understand: "(?:i|we) (?:(?:completely|totally|fully|really|do|can|certainly|absolutely|definitely) )*(?:understand|see (?:how|why))",
    sorry_to_hear: "sorry to (?:hear|read|learn|see)",
    i_can_imagine: "(?:i|we) can (?:only )?imagine",
    that_must_be:
      "that (?:must|would|will|sounds) (?:be |have been )?(?:so |really |very |incredibly |extremely )?(?:frustrating|annoying|stressful|upsetting|disappointing|difficult|inconvenient|worrying|confusing|hard|awful|terrible)",
    i_hear_you:
      "i hear you|i know how (?:frustrating|annoying|stressful|upsetting|disappointing|difficult|hard)|(?:i|we)(?: would|'d) feel the same",
    you_are_right:
      "you(?:'re| are) (?:absolutely |completely |totally )?right(?: to)?|(?:that's|that is) (?:completely |totally |entirely )?understandable",
    dont_worry: "(?:don't|do not) worry|no need to worry",
  }),
};

const APOLOGY: Record<Language, PhrasePattern[]> = {
  es: entries("apology", {
    pido_disculpas:
      "(?:(?:le|te|les|os) )?(?:pido|pedimos|ruego|rogamos|presento|presentamos) (?:(?:mil|nuestras|mis|sinceras|de nuevo|nuevamente|una vez mas) )*(?:disculpas|perdon)",
    mil_disculpas: "(?:mil|nuestras|mis|sinceras|sentidas) disculpas|disculpas por|perdon por|una disculpa",
    disculpe_las_molestias:
      "(?:disculpe|disculpa|disculpen|disculpad|perdone|perdona|perdonen|perdonad) (?:por )?(?:las|la|el|los|cualquier) (?:molestias?|inconvenientes?|retrasos?|demora|espera|error|confusion|equivocacion)",
    lo_siento: "lo (?:siento|sentimos|lamento|lamentamos)(?: (?:mucho|muchisimo|profundamente|de veras|de verdad))?",
    sentimos_las_molestias:
      "(?:siento|sentimos|lamento|lamentamos)(?: (?:mucho|muchisimo|profundamente|sinceramente))? (?:las|la|el|los|cualquier) (?:molestias?|inconvenientes?|retrasos?|demora|espera|errore?s?|confusion|problemas?|incidencias?|incomodidad)",
    lamento_lo_ocurrido:
      "(?:lamento|lamentamos|siento|sentimos)(?: mucho| muchisimo| profundamente)? (?:lo ocurrido|lo sucedido|lo que (?:ha|le ha|te ha) (?:pasado|ocurrido|sucedido)|que (?:haya|hayas|hayan|no haya|no hayas))",
  }),
  en: entries("apology", {
    im_sorry: "(?:i'm|i am|we're|we are|i was|we were) (?:(?:so|very|really|truly|terribly|deeply|sincerely|extremely|awfully) )*sorry",
    sorry_for: "sorry (?:for|about)",
    apologies:
      "(?:my|our) (?:(?:sincere|sincerest|deepest|humble) )?apologies|apologies for|please accept (?:my|our) (?:sincere |sincerest |deepest )?apologies",
    i_apologise: "(?:i|we) (?:(?:do|sincerely|truly|deeply|really) )*apologi[sz]e",
    owe_you_an_apology: "(?:i|we) owe you an apology|pardon the (?:delay|wait|inconvenience)",
  }),
};

const COMPILED_EMPATHY = mapValues(EMPATHY);
const COMPILED_APOLOGY = mapValues(APOLOGY);

/** «Entiendo su frustración», «Lamento mucho lo ocurrido», "I'm sorry to hear that", "I completely understand". */
export function detectEmpathy(body: string, lang: Language, folded: FoldedText = foldText(body)): PhraseFeature {
  return feature(folded, COMPILED_EMPATHY[lang], () => true);
}

/** «Le pido disculpas», «Disculpe las molestias», «Lo siento», "I apologise", "Sorry for the wait". */
export function detectApology(body: string, lang: Language, folded: FoldedText = foldText(body)): PhraseFeature {
  return feature(folded, COMPILED_APOLOGY[lang], () => true);
}
