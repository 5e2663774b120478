/**
 * Maps the labels of any reasonable sentiment model onto negative / neutral / positive.
 * Handles 3-class names (negative, NEG, neg, N …), generic LABEL_0/1/2 ids (read in the
 * cardiffnlp order negative, neutral, positive; two ids read as negative, positive) and 1–5 star
 * models ("1 star" … "5 stars", as in nlptown / Xenova bert-base-multilingual-uncased-sentiment:
 * 1–2 stars negative, 3 neutral, 4–5 positive). Probabilities of labels that map to the same class
 * are added, so the three scores still sum to the model's total.
 */

export const SENTIMENT_LABELS = ["negative", "neutral", "positive"] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
export type SentimentScores = Record<SentimentLabel, number>;

export interface RawLabelScore {
  label: string;
  score: number;
}

export interface SentimentResult {
  label: SentimentLabel;
  /** Probability of `label`. */
  score: number;
  scores: SentimentScores;
}

const NAMED: Record<string, SentimentLabel> = {
  negative: "negative",
  neg: "negative",
  n: "negative",
  neutral: "neutral",
  neu: "neutral",
  none: "neutral",
  mixed: "neutral",
  positive: "positive",
  pos: "positive",
  p: "positive",
};

const GENERIC_ID = /^label[_\s-]?(\d+)$/;
const STARS = /^([1-5])\s*stars?$/;

/**
 * The sentiment class of one raw model label, or null when the label means nothing we know.
 * `labelCount` is how many labels the model has (needed for LABEL_n ids).
 */
export function mapLabel(raw: string, labelCount: number): SentimentLabel | null {
  const label = raw.trim().toLowerCase();
  const named = NAMED[label];
  if (named) return named;

  const stars = STARS.exec(label);
  if (stars) {
    const count = Number(stars[1]);
    return count <= 2 ? "negative" : count === 3 ? "neutral" : "positive";
  }

  const generic = GENERIC_ID.exec(label);
  if (generic) {
    const id = Number(generic[1]);
    if (labelCount === 2) return id === 0 ? "negative" : id === 1 ? "positive" : null;
    if (labelCount === 3) return SENTIMENT_LABELS[id] ?? null;
    if (labelCount === 5) return id <= 1 ? "negative" : id === 2 ? "neutral" : id <= 4 ? "positive" : null;
  }
  return null;
}

/** Folds one text's full label distribution into negative / neutral / positive. */
export function toSentimentResult(raw: RawLabelScore[]): SentimentResult {
  if (raw.length === 0) throw new Error("the model returned no labels");
  const scores: SentimentScores = { negative: 0, neutral: 0, positive: 0 };
  for (const { label, score } of raw) {
    const mapped = mapLabel(label, raw.length);
    if (mapped === null) {
      throw new Error(`cannot map the model label "${label}" to negative/neutral/positive (labels: ${raw.map((r) => r.label).join(", ")})`);
    }
    scores[mapped] += score;
  }
  let label: SentimentLabel = "neutral";
  for (const candidate of SENTIMENT_LABELS) {
    if (scores[candidate] > scores[label]) label = candidate;
  }
  return { label, score: scores[label], scores };
}
