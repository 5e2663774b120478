import { DEFAULT_FCR_WINDOW_DAYS } from "../sla";
import type { FrustrationSettings, FrustrationWeights } from "./types";

/**
 * Every weight of the score, in logit units, in one place. The score is logistic(bias + Σ contributions),
 * so a weight reads as "how many nats of evidence this reason is". The cue, style, wait and contact
 * weights were set by hand, with these intentions, and checked against golden/conversations.jsonl and
 * golden/revision.jsonl (README.md has what they measure there and on the held-out set):
 * - one explicit escalation (a complaint to a consumer authority or to the company, a bad review, a threat
 *   to leave, an insult, open exasperation, "third time", a demand for a supervisor) flags on its own;
 * - "still waiting" alone is a polite chase, not enough; with any other sign it is;
 * - style (ALL CAPS, "!!!"), long waits and a contact on another channel are never enough alone, nor two of
 *   them together: polite customers write in capitals, get excited, wait patiently and switch channels;
 * - a warm "thank you" (or a positive prediction) in the customer's last message pulls the score back down
 *   by about one weak sign, so a rough start that ends well is not flagged, but a real escalation still is.
 * `negativeMessage` (2.7, was 0.9) was tuned with the shipped sentiment model's predictions
 * (scripts/sentiment/tune-frustration.ts: best mean F1 on copies of conversations.jsonl with half the
 * lexicon cues dropped, to stand for phrasing the lexicons do not know; checked on revision.jsonl; the
 * held-out set measured once afterwards). It means: one customer message the model is ≥ 93 % sure is
 * negative flags on its own unless the customer ends satisfied; a less certain one needs another sign.
 */
export const DEFAULT_FRUSTRATION_WEIGHTS: Readonly<FrustrationWeights> = {
  bias: -2.5,
  negativeMessage: 2.7,
  worseningTrajectory: 0.9,
  repeatContact: 2.8,
  stillWaiting: 2.2,
  supervisorRequest: 2.8,
  churnThreat: 2.8,
  authorityComplaint: 3.2,
  complaintThreat: 2.8,
  insult: 3.0,
  exasperation: 2.8,
  shouting: 1.2,
  punctuationRun: 0.8,
  longWait: 0.6,
  veryLongWait: 1.2,
  previousContactOtherChannel: 1.2,
  previousContactSameChannel: 0.8,
  endsSatisfied: -1.4,
};

/** 0.5: a conversation is flagged when the evidence for frustration outweighs the bias (logit ≥ 0). */
export const DEFAULT_FRUSTRATION_THRESHOLD = 0.5;

export const DEFAULT_FRUSTRATION_SETTINGS: Readonly<FrustrationSettings> = {
  threshold: DEFAULT_FRUSTRATION_THRESHOLD,
  longWaitFactor: 4,
  veryLongWaitFactor: 24,
  previousContactWindowDays: DEFAULT_FCR_WINDOW_DAYS,
  worseningDrop: 0.5,
  maxNegativeMessages: 3,
  satisfiedMinScore: 0.6,
};

export function logistic(logit: number): number {
  return 1 / (1 + Math.exp(-logit));
}
