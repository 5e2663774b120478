import { type CompiledPattern, compilePattern, type FoldedMatch, findFoldedMatches, toPhraseMatch, withoutOverlaps } from "./patterns";
import { type FoldedText, findEmoji, foldText } from "./text";
import type { Language, PhraseMatch } from "./types";

/** Spanish: formal = usted, informal = tú (voseo included). English: formal vs casual markers. */
export type Register = "formal" | "informal";
export type RegisterVerdict = Register | "mixed" | "undetermined";

/**
 * Strong markers are unambiguous ("usted", "tú", "puedes", "Dear", "gonna"). Weak ones are usually the
 * register but have another reading: Spanish "su", "le", "puede" are also third person («el pedido
 * puede tardar»), and an emoji alone does not make an email casual.
 */
export type MarkerStrength = "strong" | "weak";

export interface RegisterMarker extends PhraseMatch {
  register: Register;
  strength: MarkerStrength;
}

export interface RegisterResult {
  register: RegisterVerdict;
  markers: RegisterMarker[];
}

interface MarkerPattern {
  register: Register;
  strength: MarkerStrength;
  rule: string;
  source: string;
}

const alternatives = (forms: readonly string[]) => forms.join("|");

/** Spanish verbs an agent uses with the customer, as [tú, usted] imperatives with an enclitic pronoun. */
const SPANISH_IMPERATIVE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["indica", "indique"],
  ["confirma", "confirme"],
  ["envia", "envie"],
  ["manda", "mande"],
  ["pasa", "pase"],
  ["facilita", "facilite"],
  ["comunica", "comunique"],
  ["explica", "explique"],
  ["cuenta", "cuente"],
  ["avisa", "avise"],
  ["llama", "llame"],
  ["escribe", "escriba"],
  ["di", "diga"],
  ["dime", "digame"],
  ["deja", "deje"],
  ["permite", "permita"],
  ["responde", "responda"],
  ["ayuda", "ayude"],
  ["contacta", "contacte"],
  ["adjunta", "adjunte"],
  ["remite", "remita"],
  ["disculpa", "disculpe"],
  ["perdona", "perdone"],
  ["calma", "calme"],
];
const ENCLITICS = "(?:me|nos|lo|la|los|las|melo|mela|noslo|nosla|se|te)";

const tuImperatives = SPANISH_IMPERATIVE_PAIRS.map(([tu]) => tu).filter((form) => form !== "dime");
const ustedImperatives = SPANISH_IMPERATIVE_PAIRS.map(([, usted]) => usted).filter((form) => form !== "digame");

const SPANISH_MARKERS: MarkerPattern[] = [
  // usted
  { register: "formal", strength: "strong", rule: "usted", source: "usted|ud\\.?|vd\\." },
  {
    register: "formal",
    strength: "strong",
    rule: "le + first-person verb",
    source:
      "(?:le|les|se lo|se la) (?:confirmo|informo|escribo|envio|mando|pido|recuerdo|agradezco|ayudo|comento|indico|explico|adjunto|paso|llamo|aviso|atiendo|contacto|comunico|traslado|sugiero|recomiendo|aconsejo|propongo|ofrezco|devuelvo|puedo|podemos|podria|podriamos|enviamos|confirmamos|informamos|pedimos|recordamos|agradecemos|escribimos|ayudamos|indicamos|comentamos|llamamos|avisamos|ofrecemos|recomendamos|facilitamos|trasladamos|contactamos|mandamos|adjuntamos|explicamos|devolvemos|reembolsamos|he|hemos|gustaria|parece|viene bien|interesa)",
  },
  {
    register: "formal",
    strength: "strong",
    rule: "usted imperative",
    source: `(?:${alternatives(ustedImperatives)})${ENCLITICS}|digame|no (?:dude|se preocupe|se moleste)|calmese|fijese|tenga en cuenta|disculpe|perdone`,
  },
  { register: "formal", strength: "weak", rule: "su", source: "sus?" },
  { register: "formal", strength: "weak", rule: "le", source: "les?" },
  { register: "formal", strength: "weak", rule: "ustedes", source: "ustedes" },
  {
    register: "formal",
    strength: "weak",
    rule: "third-person verb",
    source:
      "puede|podria|desea|deseaba|quiere|quisiera|necesita|tiene|prefiere|sabe|ha (?:recibido|podido|realizado|hecho|intentado|probado|comprobado|solicitado|indicado|enviado)|recibio|revise|compruebe|intente|pruebe|acceda|acuda|pulse|introduzca|seleccione|espere",
  },
  // tú (and voseo)
  { register: "informal", strength: "strong", rule: "tú", source: "tu|tus|te|ti|contigo|vos|tuyo|tuya|tuyos|tuyas" },
  {
    register: "informal",
    strength: "strong",
    rule: "second-person verb",
    source:
      "puedes|podrias|quieres|quisieras|deseas|necesitas|tienes|prefieres|sabes|has|eres|ves|pasas|envias|mandas|confirmas|indicas|dices|escribes|llamas|recibiste|hiciste|pusiste|compraste|pediste|enviaste|mandaste|pagaste|intentaste|probaste|dijiste|escribiste|llamaste|solicitaste|realizaste|usaste|indicaste|comentaste|devolviste|cancelaste|podes|queres|tenes|sabes",
  },
  {
    register: "informal",
    strength: "strong",
    rule: "tú imperative",
    source: `(?:${alternatives(tuImperatives)})${ENCLITICS}|dime|no (?:dudes|te preocupes|te molestes)|calmate|fijate|ten en cuenta`,
  },
];

const ENGLISH_MARKERS: MarkerPattern[] = [
  {
    register: "formal",
    strength: "strong",
    rule: "formal phrase",
    source:
      "dear|kindly|(?:best |kind |kindest |warm |warmest )?regards|sincerely|yours (?:truly|faithfully)|(?:please )?do not hesitate|please find (?:attached|enclosed)|at your earliest convenience|please be advised|we regret|should you (?:have|require|need|wish)|we would be (?:pleased|grateful|delighted)|i trust",
  },
  {
    register: "formal",
    strength: "weak",
    rule: "formal word",
    source: "may i|assist|shall|furthermore|therefore|mr\\.?|mrs\\.?|ms\\.?|inconvenience|enquiry",
  },
  {
    register: "informal",
    strength: "strong",
    rule: "casual word",
    source: "hey+|hiya|gonna|wanna|gotta|kinda|sorta|cheers|yeah|yep|yup|nope|lol|btw|thx|haha+|no worries|no probs?|ain't|y'all|ya",
  },
  { register: "informal", strength: "weak", rule: "casual tone word", source: "awesome|cool|super|guys|folks|okey|okie" },
];

const COMPILED: Record<Language, Array<{ marker: MarkerPattern; compiled: CompiledPattern }>> = {
  es: SPANISH_MARKERS.map((marker) => ({ marker, compiled: compilePattern(marker) })),
  en: ENGLISH_MARKERS.map((marker) => ({ marker, compiled: compilePattern(marker) })),
};

const REPEATED_EXCLAMATION = /!{2,}/g;

/** Below this much weak-only evidence a message has no register, rather than a guess from one "su". */
const WEAK_ONLY_THRESHOLD = 2;

/**
 * Decision: strong markers on both sides → mixed; strong markers on one side only → that side (the
 * other side's weak markers are read as third person); weak markers only → the side with at least
 * two of them, otherwise undetermined.
 */
export function decideRegister(markers: readonly RegisterMarker[]): RegisterVerdict {
  const count = (register: Register, strength: MarkerStrength) =>
    markers.filter((marker) => marker.register === register && marker.strength === strength).length;
  const formalStrong = count("formal", "strong");
  const informalStrong = count("informal", "strong");
  if (formalStrong > 0 && informalStrong > 0) return "mixed";
  if (formalStrong > 0) return "formal";
  if (informalStrong > 0) return "informal";
  const formalWeak = count("formal", "weak");
  const informalWeak = count("informal", "weak");
  if (formalWeak >= WEAK_ONLY_THRESHOLD && formalWeak > informalWeak) return "formal";
  if (informalWeak >= WEAK_ONLY_THRESHOLD && informalWeak > formalWeak) return "informal";
  return "undetermined";
}

/**
 * Register of one agent message: Spanish tú vs usted from pronouns, possessives, clitics and verb
 * forms («¿Puede confirmarme su DNI?» formal, «¿Me pasas tu número de pedido?» informal); English
 * formal vs casual markers, where emoji and "!!" count as weak casual markers.
 */
export function detectRegister(body: string, lang: Language, folded: FoldedText = foldText(body)): RegisterResult {
  const found: Array<FoldedMatch & { marker: MarkerPattern }> = [];
  for (const { marker, compiled } of COMPILED[lang]) {
    for (const match of findFoldedMatches(folded, [compiled])) found.push({ ...match, marker });
  }
  found.sort((a, b) => a.foldedStart - b.foldedStart || b.foldedEnd - a.foldedEnd);
  const markers: RegisterMarker[] = withoutOverlaps(found).map((match) => ({
    ...toPhraseMatch(folded, match),
    register: match.marker.register,
    strength: match.marker.strength,
  }));
  if (lang === "en") {
    for (const emoji of findEmoji(body)) {
      markers.push({ ...emoji, rule: "emoji", register: "informal", strength: "weak" });
    }
    for (const match of body.matchAll(REPEATED_EXCLAMATION)) {
      const evidence = { start: match.index, end: match.index + match[0].length, text: match[0] };
      markers.push({ ...evidence, rule: "repeated exclamation", register: "informal", strength: "weak" });
    }
    markers.sort((a, b) => a.start - b.start);
  }
  return { register: decideRegister(markers), markers };
}

export interface RegisterShift {
  /** Position in the list given to registerConsistency. */
  position: number;
  from: Register;
  to: Register;
}

export interface RegisterConsistency {
  /** The register of most decided messages; null when none is decided or there is a tie. */
  dominant: Register | null;
  /** True when every decided message has the same register and none mixes both. */
  consistent: boolean;
  shifts: RegisterShift[];
  mixedPositions: number[];
}

/** Whether the agent keeps one register across a conversation (undetermined messages are neutral). */
export function registerConsistency(verdicts: readonly RegisterVerdict[]): RegisterConsistency {
  const shifts: RegisterShift[] = [];
  const mixedPositions: number[] = [];
  let previous: Register | null = null;
  let formal = 0;
  let informal = 0;
  verdicts.forEach((verdict, position) => {
    if (verdict === "mixed") mixedPositions.push(position);
    if (verdict !== "formal" && verdict !== "informal") return;
    if (verdict === "formal") formal += 1;
    else informal += 1;
    if (previous !== null && previous !== verdict) shifts.push({ position, from: previous, to: verdict });
    previous = verdict;
  });
  const dominant = formal > informal ? "formal" : informal > formal ? "informal" : null;
  return { dominant, consistent: shifts.length === 0 && mixedPositions.length === 0, shifts, mixedPositions };
}
