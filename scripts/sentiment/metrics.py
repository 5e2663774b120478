"""Accuracy, macro-F1 and per-class precision/recall, the same definitions as scripts/sentiment/metrics.ts."""

from __future__ import annotations

from corpus import LABELS


def classification_report(gold: list[str], predicted: list[str]) -> dict:
    per_class = {}
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    return {
        "n": len(gold),
        "accuracy": sum(1 for g, p in zip(gold, predicted) if g == p) / max(len(gold), 1),
        "macro_f1": sum(c["f1"] for c in per_class.values()) / len(LABELS),
        "per_class": per_class,
    }


def report_by_language(rows: list[dict], predicted: list[str]) -> dict:
    out = {"all": classification_report([r["label"] for r in rows], predicted)}
    for lang in sorted({r["lang"] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r["lang"] == lang]
        out[lang] = classification_report([rows[i]["label"] for i in idx], [predicted[i] for i in idx])
    return out


def summary(report: dict) -> str:
    parts = []
    for key, r in report.items():
        neg = r["per_class"]["negative"]
        parts.append(
            f"{key}: acc {r['accuracy']:.3f} macroF1 {r['macro_f1']:.3f} "
            f"negP {neg['precision']:.3f} negR {neg['recall']:.3f} (n={r['n']})"
        )
    return " | ".join(parts)
