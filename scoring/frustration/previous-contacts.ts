import type { Channel } from "../sla";
import { foldText } from "../tone";
import type { PreviousContact, PreviousContactEvidence } from "./types";

const MS_PER_DAY = 86_400_000;
const STEM_LENGTH = 5;
const MIN_WORD_LENGTH = 4;
/** Two content words in common («factura», «duplicada») tie a contact to this conversation's issue. */
const MIN_SHARED_STEMS = 2;

/** Words too common in support messages to say what the issue is. */
const GENERIC_WORDS = new Set(
  (
    "hola buenos buenas tardes noches gracias saludo saludos favor quería queria quisiera sobre tengo tiene tienen " +
    "para pero porque cuando donde desde hasta este esta esto estos estas como también tambien solo sólo ayer " +
    "mañana manana consulta problema pregunta duda cliente atención atencion servicio hello thanks thank please " +
    "would could about have with this that from your there their what when where which just regarding query " +
    "question issue problem customer service support help dear regards order pedido"
  ).split(" "),
);

const GENERIC_STEMS = new Set([...GENERIC_WORDS].map((word) => foldText(word).folded.slice(0, STEM_LENGTH)));

/** Folded words of four or more letters cut to five characters: «facturas» and «factura» meet. */
function contentStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of foldText(text).folded.split(/[^\p{L}\p{N}]+/u)) {
    const stem = word.slice(0, STEM_LENGTH);
    if (word.length >= MIN_WORD_LENGTH && !GENERIC_STEMS.has(stem)) stems.add(stem);
  }
  return stems;
}

export interface RelatedContactOptions {
  channel: Channel;
  startedAt: Date;
  topicHint?: string | null;
  /** Subject and the customer's first message: what this conversation is about. */
  issueText: string;
  windowDays: number;
}

/**
 * Earlier contacts of the same customer within the window about the same issue: the same topic hint
 * when both have one, otherwise at least two content words shared between the contact's subject and this
 * conversation's subject and first customer message. A contact with nothing to compare is left out:
 * coming back about something else is not a sign of frustration.
 */
export function relatedPreviousContacts(contacts: readonly PreviousContact[], options: RelatedContactOptions): PreviousContactEvidence[] {
  const startMs = options.startedAt.getTime();
  const windowMs = options.windowDays * MS_PER_DAY;
  const ownTopic = options.topicHint?.trim() ? foldText(options.topicHint.trim()).folded : null;
  const ownStems = contentStems(options.issueText);
  const related: PreviousContactEvidence[] = [];
  contacts.forEach((contact, contactIndex) => {
    const ageMs = startMs - contact.createdAt.getTime();
    if (Number.isNaN(ageMs) || ageMs < 0 || ageMs > windowMs) return;
    const base = {
      contactIndex,
      channel: contact.channel,
      createdAt: contact.createdAt,
      daysBefore: ageMs / MS_PER_DAY,
      otherChannel: contact.channel !== options.channel,
    };
    const contactTopic = contact.topicHint?.trim() ? foldText(contact.topicHint.trim()).folded : null;
    if (ownTopic !== null && contactTopic !== null) {
      if (ownTopic === contactTopic) related.push({ ...base, matchedBy: "topic", sharedWords: [] });
      return;
    }
    if (!contact.subject) return;
    const sharedWords = [...contentStems(contact.subject)].filter((stem) => ownStems.has(stem));
    if (sharedWords.length >= MIN_SHARED_STEMS) related.push({ ...base, matchedBy: "subject", sharedWords });
  });
  return related;
}
