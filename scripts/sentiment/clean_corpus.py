"""Builds scoring/sentiment/corpus/clean/{train,validation}.jsonl from the writers' files.

  /usr/bin/python3 scripts/sentiment/clean_corpus.py

Steps, each counted in clean/cleaning-report.json:
 1. label fixes from corpus/label-fixes.jsonl (one reviewed line per fix, with the reason);
 2. duplicates inside train (same text up to case, accents, spacing, @handles, URLs): one kept,
    or all dropped when their labels disagree;
 3. train texts that also appear in the held-out file, or are near copies of one (character n-gram
    TF-IDF cosine >= NEAR_COPY), are removed from train;
 4. a stable 10 % validation split (hash of the text) for early stopping and model selection.
The held-out file is only read here to remove overlaps; its labels are not used.
"""

from __future__ import annotations

import collections
import json

import corpus
from sklearn.feature_extraction.text import TfidfVectorizer

NEAR_COPY = 0.85


def apply_label_fixes(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    if not corpus.LABEL_FIXES.exists():
        return rows, []
    fixes = {}
    for fix in corpus.read_jsonl_fixes(corpus.LABEL_FIXES):
        fixes[(fix["writer"], fix["text"])] = fix
    applied = []
    out = []
    for row in rows:
        fix = fixes.pop((row["writer"], row["text"]), None)
        if fix is None:
            out.append(row)
            continue
        if fix["action"] == "drop":
            applied.append(fix)
            continue
        if row["label"] != fix["from"]:
            raise SystemExit(f"label fix for {fix['text']!r} expects {fix['from']}, corpus says {row['label']}")
        row = dict(row, label=fix["to"])
        if "frustrated" in fix:
            row["frustrated"] = fix["frustrated"]
        if row["label"] != "negative":
            row["frustrated"] = False
        out.append(row)
        applied.append(fix)
    if fixes:
        missing = "\n".join(repr(text) for _, text in fixes)
        raise SystemExit(f"label fixes that match no corpus line:\n{missing}")
    return out, applied


def main() -> None:
    rows = [row for path in corpus.TRAIN_SOURCES for row in corpus.read_jsonl(path)]
    report: dict = {"read": len(rows), "by_file": {p.name: len(corpus.read_jsonl(p)) for p in corpus.TRAIN_SOURCES}}

    rows, applied = apply_label_fixes(rows)
    report["label_fixes"] = sum(1 for f in applied if f["action"] == "relabel")
    report["dropped_by_review"] = sum(1 for f in applied if f["action"] == "drop")

    groups: dict[str, list[dict]] = collections.defaultdict(list)
    for row in rows:
        groups[corpus.dedup_key(row["text"])].append(row)
    kept, duplicates, conflicts = [], 0, []
    for group in groups.values():
        if len({r["label"] for r in group}) > 1:
            conflicts.append([{"text": r["text"], "label": r["label"], "writer": r["writer"]} for r in group])
            continue
        duplicates += len(group) - 1
        kept.append(group[0])
    report["duplicates_removed"] = duplicates
    report["conflicting_duplicates_removed"] = sum(len(c) for c in conflicts)
    report["conflicts"] = conflicts

    heldout = corpus.read_jsonl(corpus.HELDOUT)
    heldout_keys = {corpus.dedup_key(r["text"]) for r in heldout}
    same = [r for r in kept if corpus.dedup_key(r["text"]) in heldout_keys]
    kept = [r for r in kept if corpus.dedup_key(r["text"]) not in heldout_keys]
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), preprocessor=corpus.dedup_key)
    vectorizer.fit([r["text"] for r in kept] + [r["text"] for r in heldout])
    similarity = vectorizer.transform([r["text"] for r in kept]) @ vectorizer.transform([r["text"] for r in heldout]).T
    nearest = similarity.max(axis=1).toarray().ravel()
    near = [r for r, s in zip(kept, nearest) if s >= NEAR_COPY]
    kept = [r for r, s in zip(kept, nearest) if s < NEAR_COPY]
    report["heldout_lines_read"] = len(heldout)
    report["removed_same_as_heldout"] = [r["text"] for r in same]
    report["removed_near_copy_of_heldout"] = [r["text"] for r in near]

    train = [r for r in kept if not corpus.in_validation(r)]
    validation = [r for r in kept if corpus.in_validation(r)]
    corpus.write_jsonl(corpus.CLEAN / "train.jsonl", train)
    corpus.write_jsonl(corpus.CLEAN / "validation.jsonl", validation)

    def counts(part: list[dict]) -> dict:
        c = collections.Counter(f"{r['lang']}/{r['label']}" for r in part)
        return dict(sorted(c.items())) | {"total": len(part), "frustrated": sum(bool(r["frustrated"]) for r in part)}

    report["train"] = counts(train)
    report["validation"] = counts(validation)
    with open(corpus.CLEAN / "cleaning-report.json", "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
        f.write("\n")
    summary = {k: v for k, v in report.items() if not isinstance(v, list)}
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
