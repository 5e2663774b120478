/**
 * Chooses the weights of the sentiment-based frustration reasons (negative messages, worsening trajectory)
 * with the shipped sentiment model's predictions, on the conversation set
 * split into a training part (golden/conversations.jsonl) and a validation part (golden/revision.jsonl).
 * The held-out set (golden/holdout.jsonl) is never read here; measure it afterwards with
 * `npm run -s eval:frustration`.
 *
 *   npx tsx scripts/sentiment/tune-frustration.ts            (prints the grid's best and the defaults)
 *
 * Why a simulation: the lexicons were written on these two sets, so they already catch ~95 % of their
 * frustrated conversations and any sentiment weight looks useless there, while on phrasing the lexicons
 * have not seen (the README's held-out row) they catch well under half. So each candidate is scored on
 * many copies of the training conversations in which every lexicon cue (repeat contact, supervisor,
 * churn, complaint, authority, insult, exasperation, still waiting) is dropped with probability 0.5, and
 * the objective is the mean F1 of the flag over those copies. Style, waits, previous contacts, ends
 * satisfied and the sentiment reasons are kept as scored. Within 0.002 of the best objective, the weights
 * closest to the current ones win. The validation conversations (unaltered and simulated) are printed to
 * check the choice, not to make it.
 */
import seedrandom from "seedrandom";
import { flagQuality, type GoldenConversation } from "../../scoring/frustration/golden-set";
import { scoreFrustration } from "../../scoring/frustration/score";
import { CUE_KINDS, type FrustrationReasonKind, type FrustrationWeights, type MessageSentiment } from "../../scoring/frustration/types";
import { DEFAULT_FRUSTRATION_WEIGHTS } from "../../scoring/frustration/weights";
import { predictCustomerMessages, readGoldenSet, withSentiment } from "./eval-frustration";

type Tunable = "negativeMessage" | "worseningTrajectory";
const REASON_WEIGHT: Record<FrustrationReasonKind, keyof FrustrationWeights> = {
  repeat_contact: "repeatContact",
  still_waiting: "stillWaiting",
  supervisor_request: "supervisorRequest",
  churn_threat: "churnThreat",
  authority_complaint: "authorityComplaint",
  complaint_threat: "complaintThreat",
  insult: "insult",
  exasperation: "exasperation",
  negative_messages: "negativeMessage",
  worsening_trajectory: "worseningTrajectory",
  shouting: "shouting",
  punctuation_runs: "punctuationRun",
  long_wait: "longWait",
  previous_contact: "previousContactOtherChannel",
  ends_satisfied: "endsSatisfied",
};

/** A conversation as the sum of its reasons: logit = bias + Σ weight(kind) × strength. */
interface Decomposed {
  expected: boolean;
  terms: { kind: FrustrationReasonKind; weight: keyof FrustrationWeights; strength: number }[];
}

function decompose(golden: readonly GoldenConversation[], predictions: ReadonlyMap<string, MessageSentiment>): Decomposed[] {
  // Probe with every tunable weight at 1 so each sentiment reason appears and its strength can be read off.
  const probe: Partial<FrustrationWeights> = { negativeMessage: 1, worseningTrajectory: 1 };
  return golden.map((entry) => {
    const result = scoreFrustration(withSentiment(entry.conversation, "model", predictions), { ...entry.options, weights: probe });
    const weights = { ...DEFAULT_FRUSTRATION_WEIGHTS, ...probe };
    return {
      expected: entry.frustrated,
      terms: result.reasons.map((reason) => {
        const weight =
          reason.kind === "long_wait"
            ? reason.severity === "very_long"
              ? "veryLongWait"
              : "longWait"
            : reason.kind === "previous_contact" && reason.contribution === weights.previousContactSameChannel
              ? "previousContactSameChannel"
              : REASON_WEIGHT[reason.kind];
        return { kind: reason.kind, weight, strength: reason.contribution / weights[weight] };
      }),
    };
  });
}

const CUES = new Set<string>(CUE_KINDS);

function f1(conversations: readonly Decomposed[], weights: FrustrationWeights, dropped?: (i: number, kind: string) => boolean): number {
  const outcomes = conversations.map((conversation, i) => {
    const logit = conversation.terms.reduce(
      (sum, term) => (dropped?.(i, term.kind) ? sum : sum + weights[term.weight] * term.strength),
      weights.bias,
    );
    return { expected: conversation.expected, flagged: logit >= 0 };
  });
  return flagQuality(outcomes).f1;
}

/** Mean F1 over `draws` copies in which each lexicon cue of each conversation is dropped with probability 0.5. */
function simulatedF1(conversations: readonly Decomposed[], weights: FrustrationWeights, draws = 200): number {
  const random = seedrandom("frustration-cue-dropout");
  let total = 0;
  for (let draw = 0; draw < draws; draw += 1) {
    const drops = conversations.map(
      (conversation) => new Set(conversation.terms.filter((t) => CUES.has(t.kind) && random() < 0.5).map((t) => t.kind)),
    );
    total += f1(conversations, weights, (i, kind) => drops[i].has(kind as FrustrationReasonKind));
  }
  return total / draws;
}

async function main() {
  const trainSet = readGoldenSet("conversations");
  const validationSet = readGoldenSet("revision");
  const predictions = await predictCustomerMessages([trainSet, validationSet]);
  const train = decompose(trainSet, predictions);
  const validation = decompose(validationSet, predictions);

  const grid: Record<Tunable, number[]> = {
    negativeMessage: [0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3.0, 3.3, 3.6],
    worseningTrajectory: [0.9, 1.5, 2.1],
  };
  const candidates: {
    weights: FrustrationWeights;
    objective: number;
    trainF1: number;
    validationF1: number;
    validationSimulated: number;
  }[] = [];
  for (const negativeMessage of grid.negativeMessage) {
    for (const worseningTrajectory of grid.worseningTrajectory) {
      const weights = { ...DEFAULT_FRUSTRATION_WEIGHTS, negativeMessage, worseningTrajectory };
      candidates.push({
        weights,
        objective: simulatedF1(train, weights),
        trainF1: f1(train, weights),
        validationF1: f1(validation, weights),
        validationSimulated: simulatedF1(validation, weights),
      });
    }
  }
  const defaults = candidates.find(
    ({ weights }) =>
      weights.negativeMessage === DEFAULT_FRUSTRATION_WEIGHTS.negativeMessage &&
      weights.worseningTrajectory === DEFAULT_FRUSTRATION_WEIGHTS.worseningTrajectory,
  );
  // Best simulated F1 on the training conversations; within 0.002 of it, the candidate closest to the current weights.
  const best = Math.max(...candidates.map((c) => c.objective));
  const distance = (w: FrustrationWeights) =>
    Math.abs(w.negativeMessage - DEFAULT_FRUSTRATION_WEIGHTS.negativeMessage) +
    Math.abs(w.worseningTrajectory - DEFAULT_FRUSTRATION_WEIGHTS.worseningTrajectory);
  const ranked = [...candidates].sort((a, b) => b.objective - a.objective);
  const chosen = candidates.filter((c) => c.objective >= best - 0.002).sort((a, b) => distance(a.weights) - distance(b.weights))[0];
  const show = (label: string, c: (typeof candidates)[number]) =>
    console.log(
      `${label.padEnd(9)} negativeMessage ${c.weights.negativeMessage} worseningTrajectory ${c.weights.worseningTrajectory}` +
        ` | train: simulated F1 ${c.objective.toFixed(3)}, F1 ${c.trainF1.toFixed(3)} | validation: simulated F1 ${c.validationSimulated.toFixed(3)}, F1 ${c.validationF1.toFixed(3)}`,
    );
  if (defaults) show("current", defaults);
  show("chosen", chosen);
  for (const [i, c] of ranked.slice(0, 12).entries()) show(`#${i + 1}`, c);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
