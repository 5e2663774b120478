import { type Evidence, words } from "../tone";
import { overlapsAny, type TextRange } from "./matchable-text";
import type { LocatedEvidence, ShoutingEvidence } from "./types";

/**
 * Upper-case words that are names, not shouting: identity and bank documents, technologies, authorities,
 * couriers. Words with digits (order ids, postcodes, «VERANO25») never count either.
 */
const ACRONYMS = new Set(
  (
    "DNI NIE NIF CIF CUPS IBAN BIC SWIFT SEPA IVA VAT SMS MMS URL PDF JPG PNG HTML APP API SIM PIN PUK PAC IMEI ADSL VDSL " +
    "FTTH WIFI USB GPS CRM ERP FAQ SKU DHL UPS MRW SEUR GLS TNT USPS FEDEX ATM POS NFC RGPD GDPR LOPD OCU FACUA OMIC CNMC " +
    "BBB FTC CFPB FCA NHS HMRC DVLA USA EEUU UAE CEO CFO RRHH AEAT SEPE DGT RENFE AVE KLM RUT RFC CURP CUIT CBU CLABE ISBN " +
    "IRPF NIT DUI CPF ASAP AKA DIY OTP SSL VPN TPV BBVA CAIXA ING HSBC RBS TSB PAYPAL IKEA ZARA"
  ).split(" "),
);

const MIN_LETTERS = 3;
/** A message is shouting when most of its counted letters are capitals… */
const SHOUTING_SHARE = 0.6;
/** …over at least this many counted words (so «SI, GRACIAS» is not), */
const MIN_COUNTED_WORDS = 4;
/** or when this many all-caps words come in a row: "FIX THIS NOW" inside an otherwise normal message. */
const MIN_CAPS_RUN = 3;

const UPPER = /\p{Lu}/gu;
const LOWER = /\p{Ll}/u;
const LETTERS = /\p{L}/gu;
const DIGIT = /\p{N}/u;

interface CountedWord {
  start: number;
  end: number;
  text: string;
  letters: number;
  upper: number;
  allCaps: boolean;
}

/**
 * ALL CAPS in one customer message: the share of capital letters over words of three or more letters
 * (acronyms such as DNI, IBAN, SMS and anything with a digit left out), or a run of all-caps words.
 * Text in `excluded` (quoted) does not count. Null when the message does not shout.
 */
export function measureShouting(body: string, messageIndex: number, excluded: readonly TextRange[] = []): ShoutingEvidence | null {
  const counted: CountedWord[] = [];
  let run: CountedWord[] = [];
  let longestRun: CountedWord[] = [];
  const runs: CountedWord[][] = [];
  const closeRun = () => {
    if (run.length >= MIN_CAPS_RUN) runs.push(run);
    if (run.length > longestRun.length) longestRun = run;
    run = [];
  };
  for (const word of words(body)) {
    if (overlapsAny(word, excluded)) continue;
    const letters = word.text.match(LETTERS)?.length ?? 0;
    const hasLower = LOWER.test(word.text);
    if (DIGIT.test(word.text) || letters < MIN_LETTERS || ACRONYMS.has(word.text.toUpperCase().replace(/['’-]/gu, ""))) {
      // Short words ("I", "IN", "OK") and acronyms neither count nor break a run, unless written in lower case.
      if (hasLower) closeRun();
      continue;
    }
    const upper = word.text.match(UPPER)?.length ?? 0;
    const countedWord = { ...word, letters, upper, allCaps: !hasLower };
    counted.push(countedWord);
    if (countedWord.allCaps) run.push(countedWord);
    else closeRun();
  }
  closeRun();
  const letters = counted.reduce((sum, word) => sum + word.letters, 0);
  if (letters === 0) return null;
  const uppercaseShare = counted.reduce((sum, word) => sum + word.upper, 0) / letters;
  const mostlyCapitals = counted.length >= MIN_COUNTED_WORDS && uppercaseShare >= SHOUTING_SHARE;
  if (!mostlyCapitals && runs.length === 0) return null;
  const spans: Evidence[] = (mostlyCapitals ? [counted.filter((word) => word.allCaps)] : runs).map((group) => {
    const start = group[0].start;
    const end = group[group.length - 1].end;
    return { start, end, text: body.slice(start, end) };
  });
  return { messageIndex, uppercaseShare, countedWords: counted.length, longestCapsRun: longestRun.length, spans };
}

/** Three or more "!" / "?" in a row ("!!!", "???", "?!?!", «¡¡¡»), outside quoted text. */
export function findPunctuationRuns(body: string, messageIndex: number, excluded: readonly TextRange[] = []): LocatedEvidence[] {
  return Array.from(body.matchAll(/[!?¡¿]{3,}/gu), (match) => ({
    messageIndex,
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
  })).filter((span) => !overlapsAny(span, excluded));
}
