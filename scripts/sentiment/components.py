"""Metrics of the shipped model's parts, in PyTorch from a training checkpoint (train.py --save-checkpoint):
the encoder alone, the n-gram head alone, their mixture without the negative-label bias, and the exported
model (mixture + bias), on the validation split and the held-out test file. Reporting only: nothing here
chooses anything (the mixture weight and the bias were chosen on validation by train.py).

  /usr/bin/python3 scripts/sentiment/components.py --checkpoint DIR  ->  scoring/sentiment/reports/components-pytorch.json
"""

from __future__ import annotations

import argparse
import json

import torch

import corpus
import metrics
import wordpiece
from model import BertConfig, Encoder, Ensemble, NgramLogits, SentimentClassifier
from train import collate, length_bucketed

REPORTS = corpus.ROOT / "scoring" / "sentiment" / "reports"


@torch.no_grad()
def probabilities(ensemble: Ensemble, texts: list[str], wp: wordpiece.WordPiece, max_length: int) -> dict[str, torch.Tensor]:
    ensemble.eval()
    encoded = [wp.encode(t, max_length) for t in texts]
    out = {"encoder": [None] * len(texts), "ngrams": [None] * len(texts), "mixture": [None] * len(texts), "exported": [None] * len(texts)}
    for batch in length_bucketed(list(range(len(texts))), [len(e) for e in encoded], 256, None):
        ids, mask, types = collate([encoded[i] for i in batch], wp.pad_id)
        encoder = torch.softmax(ensemble.classifier(ids, mask, types)[0], dim=-1)
        ngrams = torch.softmax(ensemble.ngrams(ids, mask), dim=-1)
        mixture = ensemble.weight * encoder + (1 - ensemble.weight) * ngrams
        exported = torch.softmax(ensemble(ids, mask, types)[0], dim=-1)
        for j, i in enumerate(batch):
            out["encoder"][i], out["ngrams"][i], out["mixture"][i], out["exported"][i] = encoder[j], ngrams[j], mixture[j], exported[j]
    return {name: torch.stack(rows) for name, rows in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", required=True)
    args = parser.parse_args()
    with open(f"{args.checkpoint}/checkpoint.json", encoding="utf-8") as f:
        meta = json.load(f)
    config = BertConfig(**meta["config"])
    wp = wordpiece.WordPiece(meta["vocab"])
    summary = meta["summary"]
    ensemble = Ensemble(
        SentimentClassifier(Encoder(config)),
        NgramLogits(len(wp.vocab), meta["ngram_buckets"]),
        summary["encoder_weight"],
        summary.get("label_bias"),
    )
    ensemble.load_state_dict(torch.load(f"{args.checkpoint}/model.pt", map_location="cpu"))
    if summary.get("label_bias") is None:
        bias = meta["training_report"]["training"].get("negative_bias", {}).get("chosen")
        if bias is not None:
            ensemble.label_bias = [bias if label == "negative" else 0.0 for label in corpus.LABELS]
    report: dict = {"encoder_weight": ensemble.weight, "label_bias": ensemble.label_bias}
    for split, path in (("validation", corpus.CLEAN / "validation.jsonl"), ("heldout", corpus.HELDOUT)):
        rows = corpus.read_jsonl(path)
        probs = probabilities(ensemble, [r["text"] for r in rows], wp, meta["max_length"])
        for name, p in probs.items():
            report[f"{split}/{name}"] = metrics.report_by_language(rows, [corpus.LABELS[i] for i in p.argmax(1)])
            print(f"{split:10} {name:9} {metrics.summary(report[f'{split}/{name}'])[:150]}", flush=True)
    REPORTS.mkdir(parents=True, exist_ok=True)
    with open(REPORTS / "components-pytorch.json", "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
