"""The baseline the transformer has to beat (docs/model-card.md): TF-IDF word 1-2-grams + character
2-5-grams, logistic regression, trained on the same train split; C picked on the validation split.
Text is normalised like the model's tokenizer (lower case, no accents, @handles and URLs replaced).

  /usr/bin/python3 scripts/sentiment/baseline.py   ->  scoring/sentiment/reports/baseline-tfidf.json
"""

from __future__ import annotations

import json
import time

from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

import corpus
import metrics
import wordpiece

REPORTS = corpus.ROOT / "scoring" / "sentiment" / "reports"


def main() -> None:
    train = corpus.read_jsonl(corpus.CLEAN / "train.jsonl")
    validation = corpus.read_jsonl(corpus.CLEAN / "validation.jsonl")
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, preprocessor=wordpiece.normalize)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, preprocessor=wordpiece.normalize)
    texts = [r["text"] for r in train]
    x_train = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()

    def features(rows):
        t = [r["text"] for r in rows]
        return hstack([word.transform(t), char.transform(t)]).tocsr()

    y_train = [r["label"] for r in train]
    x_validation = features(validation)
    best = None
    for c in (1.0, 3.0, 10.0, 30.0):
        model = LogisticRegression(C=c, max_iter=3000).fit(x_train, y_train)
        f1 = metrics.classification_report([r["label"] for r in validation], list(model.predict(x_validation)))["macro_f1"]
        print(f"C={c}: validation macro-F1 {f1:.3f}")
        if best is None or f1 > best[0]:
            best = (f1, c, model)
    _, c, model = best

    heldout = corpus.read_jsonl(corpus.HELDOUT)
    started = time.time()
    heldout_predicted = list(model.predict(features(heldout)))
    report = {
        "model": "tfidf word(1-2)+char_wb(2-5) logistic regression",
        "C": c,
        "train_examples": len(train),
        "validation": metrics.report_by_language(validation, list(model.predict(x_validation))),
        "heldout": metrics.report_by_language(heldout, heldout_predicted),
        "heldout_seconds": time.time() - started,
    }
    REPORTS.mkdir(parents=True, exist_ok=True)
    with open(REPORTS / "baseline-tfidf.json", "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
        f.write("\n")
    print("validation:", metrics.summary(report["validation"]))
    print("held-out:  ", metrics.summary(report["heldout"]))


if __name__ == "__main__":
    main()
