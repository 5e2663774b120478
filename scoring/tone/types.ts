import type { Channel, ConversationMessage } from "../sla/types";

export type { Channel, ConversationMessage };

/** Callers say which language a conversation is in; nothing here guesses it. */
export type Language = "es" | "en";
export const LANGUAGES = ["es", "en"] as const satisfies readonly Language[];

/**
 * Where a feature found its reason, so a reviewer can see why: UTF-16 offsets into the message body,
 * `end` exclusive (`body.slice(start, end) === text`).
 */
export interface Evidence {
  start: number;
  end: number;
  text: string;
}

/** Evidence plus the rule (lexicon entry or configured phrase) that matched. */
export interface PhraseMatch extends Evidence {
  rule: string;
}

/** A present/absent feature with everything that made it present. */
export interface PhraseFeature {
  present: boolean;
  matches: PhraseMatch[];
}
