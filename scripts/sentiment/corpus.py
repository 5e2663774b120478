"""Loading the labelled corpus and the unlabelled demo-bank text."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "scoring" / "sentiment" / "corpus"
TRAIN_SOURCES = sorted((CORPUS / "train").glob("*.jsonl"))
HELDOUT = CORPUS / "test" / "heldout.jsonl"
CLEAN = CORPUS / "clean"
LABEL_FIXES = CORPUS / "label-fixes.jsonl"
BANKS = ROOT / "db" / "seed" / "banks"

LABELS = ["negative", "neutral", "positive"]
LANGS = ["es", "en"]


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise SystemExit(f"{path}:{number}: not JSON: {error}") from error
            if row.get("label") not in LABELS or not isinstance(row.get("text"), str):
                raise SystemExit(f"{path}:{number}: needs a text and a label in {LABELS}")
            rows.append(row)
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def dedup_key(text: str) -> str:
    """Two texts are the same message when they differ only in case, accents, spacing, @handles or URLs."""
    text = re.sub(r"(?:https?://|www\.)\S+", " http ", text)
    text = re.sub(r"@[A-Za-z0-9_]+", "@user", text)
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn" and c != "\u200d")
    return " ".join(text.split())


def in_validation(row: dict, percent: int = 10) -> bool:
    """Stable split: depends only on the text, not on file order."""
    digest = hashlib.sha256(dedup_key(row["text"]).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < percent


_PLACEHOLDERS = {
    "customer": "Laura",
    "agent": "Marcos",
    "order": "A-48213",
    "amount": "39,90 €",
    "date": "12/03",
    "product": "Fibra 600",
    "phone": "600 123 456",
    "email": "laura@example.com",
}


def bank_texts() -> list[str]:
    """Every string literal of the demo message banks, placeholders filled. Used only as unlabelled text
    for the vocabulary and masked-LM pre-training; never for fine-tuning or evaluation."""
    texts = []
    for path in sorted(BANKS.glob("*.ts")):
        if path.name.endswith(".test.ts") or path.name == "types.ts":
            continue
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', source):
            text = json.loads(f'"{match.group(1)}"')
            text = re.sub(r"\{(\w+)\}", lambda m: _PLACEHOLDERS.get(m.group(1), m.group(0)), text)
            if len(text) >= 12 and " " in text:
                texts.append(text)
    return sorted(set(texts))


def read_jsonl_fixes(path: Path) -> list[dict]:
    """corpus/label-fixes.jsonl: {"writer", "text", "action": "relabel"|"drop", "from", "to", "reason"}."""
    fixes = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            fix = json.loads(line)
            valid = fix.get("action") == "drop" or (
                fix.get("action") == "relabel" and fix.get("from") in LABELS and fix.get("to") in LABELS
            )
            if not valid or not fix.get("reason") or not fix.get("text") or not fix.get("writer"):
                raise SystemExit(f"{path}:{number}: a fix needs writer, text, action, from/to and a reason")
            fixes.append(fix)
    return fixes
