/** Accuracy, macro-F1 and per-class precision/recall (same definitions as scripts/sentiment/metrics.py). */
import { SENTIMENT_LABELS, type SentimentLabel } from "../../scoring/sentiment/label-mapping";

export interface ClassReport {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  n: number;
  accuracy: number;
  macro_f1: number;
  per_class: Record<SentimentLabel, ClassReport>;
  /** confusion[gold][predicted] */
  confusion: Record<SentimentLabel, Record<SentimentLabel, number>>;
}

export function classificationReport(gold: SentimentLabel[], predicted: SentimentLabel[]): ClassificationReport {
  const confusion = Object.fromEntries(
    SENTIMENT_LABELS.map((g) => [g, Object.fromEntries(SENTIMENT_LABELS.map((p) => [p, 0]))]),
  ) as ClassificationReport["confusion"];
  gold.forEach((g, i) => {
    confusion[g][predicted[i]] += 1;
  });
  const perClass = {} as Record<SentimentLabel, ClassReport>;
  for (const label of SENTIMENT_LABELS) {
    const tp = confusion[label][label];
    const fp = SENTIMENT_LABELS.reduce((sum, g) => sum + (g === label ? 0 : confusion[g][label]), 0);
    const fn = SENTIMENT_LABELS.reduce((sum, p) => sum + (p === label ? 0 : confusion[label][p]), 0);
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision, recall, f1, support: tp + fn };
  }
  const correct = gold.filter((g, i) => g === predicted[i]).length;
  return {
    n: gold.length,
    accuracy: gold.length ? correct / gold.length : 0,
    macro_f1: SENTIMENT_LABELS.reduce((sum, l) => sum + perClass[l].f1, 0) / SENTIMENT_LABELS.length,
    per_class: perClass,
    confusion,
  };
}

export function reportByLanguage(
  rows: { label: SentimentLabel; lang: string }[],
  predicted: SentimentLabel[],
): Record<string, ClassificationReport> {
  const out: Record<string, ClassificationReport> = {
    all: classificationReport(
      rows.map((r) => r.label),
      predicted,
    ),
  };
  for (const lang of [...new Set(rows.map((r) => r.lang))].sort()) {
    const indices = rows.map((r, i) => (r.lang === lang ? i : -1)).filter((i) => i >= 0);
    out[lang] = classificationReport(
      indices.map((i) => rows[i].label),
      indices.map((i) => predicted[i]),
    );
  }
  return out;
}

export function summarize(report: Record<string, ClassificationReport>): string {
  return Object.entries(report)
    .map(([key, r]) => {
      const negative = r.per_class.negative;
      return `${key}: acc ${r.accuracy.toFixed(3)} macroF1 ${r.macro_f1.toFixed(3)} negP ${negative.precision.toFixed(3)} negR ${negative.recall.toFixed(3)} (n=${r.n})`;
    })
    .join(" | ");
}
