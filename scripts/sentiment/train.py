"""Trains the shipped sentiment model from scratch and writes it in the Transformers.js layout.

Setup (Debian; no pip; a GPU is optional, never required):
  apt-get update && apt-get install -y python3-torch python3-onnx python3-sklearn
Run from the repository root (uses /usr/bin/python3, the interpreter that sees Debian's packages):
  /usr/bin/python3 scripts/sentiment/clean_corpus.py
  /usr/bin/python3 scripts/sentiment/train.py            (CPU: about 1.5 h on two cores; --device cuda: ~6 min)
  npm run -s eval:sentiment

Stages: WordPiece vocabulary (train split + demo-bank text, unlabelled) -> masked-LM pre-training on the
same unlabelled text -> fine-tuning on the train split (3-class + frustration head), model selection on the
validation split -> n-gram head, mixture weight and negative-label bias on the validation split -> ONNX
export (model.onnx) and int8 weight quantization (model_quantized.onnx). The held-out test file is never
read here.

Training on another machine (e.g. a GPU with a newer PyTorch) and exporting here with Debian's torch 1.13,
so the ONNX graph is the one quantize.py and Transformers.js were checked with:
  python3 scripts/sentiment/train.py --device cuda --out none --save-checkpoint CKPT     (GPU machine)
  /usr/bin/python3 scripts/sentiment/train.py --export-from CKPT                          (here)
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import string
import sys
import time
from pathlib import Path

import torch
from torch.nn import functional as F

import corpus
import metrics
import quantize
import wordpiece
from model import BertConfig, Encoder, Ensemble, MaskedLM, NgramLogits, SentimentClassifier

MODEL_ID = "calidad-sentiment-es-en"
MODEL_VERSION = "1.1.0"


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=str(corpus.ROOT / "scoring" / "sentiment" / "models" / MODEL_ID))
    p.add_argument("--work-dir", default="/tmp/calidad-sentiment-work")
    p.add_argument("--vocab-size", type=int, default=8000)
    p.add_argument("--hidden", type=int, default=192)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--heads", type=int, default=3)
    p.add_argument("--intermediate", type=int, default=768)
    p.add_argument("--max-length", type=int, default=128)
    p.add_argument("--pretrain-epochs", type=int, default=40)
    p.add_argument("--pretrain-lr", type=float, default=1e-3)
    p.add_argument("--finetune-epochs", type=int, default=12)
    p.add_argument("--finetune-lr", type=float, default=3e-4)
    p.add_argument("--ngram-buckets", type=int, default=262_144, help="hashed bi/trigram buckets; 0 = no n-gram head")
    p.add_argument("--ngram-epochs", type=int, default=8)
    p.add_argument("--ngram-lr", type=float, default=0.02)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--patience", type=int, default=3)
    p.add_argument("--augment", type=float, default=1.0, help="scales every augmentation probability; 0 = off")
    p.add_argument("--threads", type=int, default=1, help="1 is fastest on a busy 2-core machine")
    p.add_argument("--device", default="auto", help="cpu, cuda, or auto (cuda when available); a GPU is optional")
    p.add_argument(
        "--subword-dropout", type=float, default=0.0, help="training-time WordPiece dropout (other valid segmentations)"
    )
    p.add_argument(
        "--negative-recall-target",
        type=float,
        default=0.965,
        help="raise the negative label's log-prior (0, 0.05, ... 2) until validation negative recall reaches this; 0 = no bias",
    )
    p.add_argument("--save-checkpoint", help="also write the trained weights, vocabulary and report to this folder")
    p.add_argument(
        "--export-from",
        help="skip training: export the model saved by --save-checkpoint in this folder (e.g. trained on a GPU machine)",
    )
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--dump-token-ids", help="also write [{text, ids}] of the corpus for check-tokenizer.ts")
    return p.parse_args()


DEVICE = torch.device("cpu")


def on_device(*tensors: torch.Tensor):
    return tuple(t.to(DEVICE) for t in tensors)


# ---------------------------------------------------------------- augmentation (train split only)
def _random_handle(rng: random.Random) -> str:
    return "@" + "".join(rng.choice(string.ascii_letters + "_") for _ in range(rng.randint(4, 12)))


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.3:
        return word[:i] + word[i + 1 :]
    if op < 0.6:
        return word[:i] + word[i] * rng.randint(2, 4) + word[i + 1 :]
    if op < 0.85:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word.upper()


def augment(text: str, rng: random.Random, scale: float) -> str:
    """Label-preserving changes toward the forms social-channel text takes: an @handle in front or inside,
    a trailing link, truncation with an ellipsis, typos and letter repeats."""
    if scale <= 0:
        return text
    words = text.split(" ")
    if rng.random() < 0.3 * scale:
        words = [_typo(w, rng) if rng.random() < 0.1 else w for w in words]
    if len(words) >= 12 and rng.random() < 0.05 * scale:
        words = words[: rng.randint(int(len(words) * 0.7), len(words) - 1)] + ["…"]
    text = " ".join(words)
    if rng.random() < 0.15 * scale:
        text = f"{_random_handle(rng)} {text}"
    elif len(words) >= 4 and rng.random() < 0.05 * scale:
        cut = rng.randrange(1, len(words))
        text = " ".join(words[:cut] + [_random_handle(rng)] + words[cut:])
    if rng.random() < 0.05 * scale:
        text = f"{text} https://t.co/{''.join(rng.choice(string.ascii_letters) for _ in range(10))}"
    return text


# ---------------------------------------------------------------- batching
def collate(sequences: list[list[int]], pad_id: int):
    length = max(len(s) for s in sequences)
    ids = torch.full((len(sequences), length), pad_id, dtype=torch.long)
    mask = torch.zeros((len(sequences), length), dtype=torch.long)
    for i, s in enumerate(sequences):
        ids[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
    return ids, mask, torch.zeros_like(ids)


def length_bucketed(indices: list[int], lengths: list[int], batch_size: int, rng: random.Random | None):
    """Batches of similar length (little padding); order shuffled when rng is given."""
    order = list(indices)
    if rng is not None:
        rng.shuffle(order)
        chunks = [order[i : i + batch_size * 50] for i in range(0, len(order), batch_size * 50)]
        order = [i for chunk in chunks for i in sorted(chunk, key=lambda j: lengths[j])]
    else:
        order.sort(key=lambda j: lengths[j])
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    if rng is not None:
        rng.shuffle(batches)
    return batches


def schedule(optimizer, total_steps: int, warmup: float = 0.06):
    warmup_steps = max(1, int(total_steps * warmup))

    def factor(step: int) -> float:
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def optimizer_for(model: torch.nn.Module, lr: float):
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        (no_decay if param.ndim < 2 or "norm" in name else decay).append(param)
    return torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}], lr=lr)


# ---------------------------------------------------------------- stages
def pretrain(encoder: Encoder, texts: list[str], wp: wordpiece.WordPiece, args, rng: random.Random) -> list[float]:
    mlm = MaskedLM(encoder).to(DEVICE)
    epochs = args.pretrain_epochs
    steps_per_epoch = math.ceil(len(texts) / args.batch_size)
    optimizer = optimizer_for(mlm, args.pretrain_lr)
    scheduler = schedule(optimizer, epochs * steps_per_epoch)
    losses = []
    special = torch.tensor([wp.pad_id, wp.cls_id, wp.sep_id])
    for epoch in range(epochs):
        mlm.train()
        encoded = [wp.encode(augment(t, rng, args.augment), args.max_length, args.subword_dropout, rng) for t in texts]
        lengths = [len(e) for e in encoded]
        total, count, started = 0.0, 0, time.time()
        for batch in length_bucketed(list(range(len(texts))), lengths, args.batch_size, rng):
            ids, mask, types = collate([encoded[i] for i in batch], wp.pad_id)
            labels = ids.clone()
            candidates = ~torch.isin(ids, special)
            chosen = (torch.rand(ids.shape) < 0.15) & candidates
            if not chosen.any():
                continue
            labels[~chosen] = -100
            inputs = ids.clone()
            roll = torch.rand(ids.shape)
            inputs[chosen & (roll < 0.8)] = wp.mask_id
            random_tokens = chosen & (roll >= 0.8) & (roll < 0.9)
            inputs[random_tokens] = torch.randint(len(wordpiece.SPECIAL_TOKENS), len(wp.vocab), ids.shape)[random_tokens]
            loss = mlm(*on_device(inputs, mask, types, labels))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(mlm.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            total += loss.item()
            count += 1
        losses.append(total / max(count, 1))
        print(f"pretrain epoch {epoch + 1}/{epochs}: mlm loss {losses[-1]:.3f} ({time.time() - started:.0f}s)", flush=True)
    return losses


@torch.no_grad()
def predict(model: torch.nn.Module, texts: list[str], wp: wordpiece.WordPiece, max_length: int, batch_size: int = 128):
    """(logits, frustration logits) for a SentimentClassifier or an Ensemble."""
    model.eval()
    encoded = [wp.encode(t, max_length) for t in texts]
    logits = [None] * len(texts)
    frustration = [None] * len(texts)
    for batch in length_bucketed(list(range(len(texts))), [len(e) for e in encoded], batch_size, None):
        out, fr = model(*on_device(*collate([encoded[i] for i in batch], wp.pad_id)))
        out, fr = out.cpu(), fr.cpu()
        for j, i in enumerate(batch):
            logits[i] = out[j].tolist()
            frustration[i] = fr[j, 0].item()
    return logits, frustration


def labels_of(logits: list[list[float]]) -> list[str]:
    return [corpus.LABELS[max(range(len(l)), key=lambda k: l[k])] for l in logits]


def train_ngrams(train: list[dict], validation: list[dict], wp, args, rng) -> tuple[NgramLogits, torch.Tensor, list[dict]]:
    """The n-gram logistic regression, on the same (augmented) train split; best epoch on validation."""
    model = NgramLogits(len(wp.vocab), args.ngram_buckets).to(DEVICE)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.ngram_lr)
    labels = torch.tensor([corpus.LABELS.index(r["label"]) for r in train])
    val_encoded = [wp.encode(r["text"], args.max_length) for r in validation]

    @torch.no_grad()
    def validation_probs() -> torch.Tensor:
        out = [None] * len(validation)
        for batch in length_bucketed(list(range(len(validation))), [len(e) for e in val_encoded], 256, None):
            ids, mask, _ = collate([val_encoded[i] for i in batch], wp.pad_id)
            probs = torch.softmax(model(*on_device(ids, mask)), dim=-1).cpu()
            for j, i in enumerate(batch):
                out[i] = probs[j]
        return torch.stack(out)

    best, history = None, []
    for epoch in range(args.ngram_epochs):
        encoded = [wp.encode(augment(r["text"], rng, args.augment), args.max_length) for r in train]
        for batch in length_bucketed(list(range(len(train))), [len(e) for e in encoded], args.batch_size, rng):
            ids, mask, _ = collate([encoded[i] for i in batch], wp.pad_id)
            loss = F.cross_entropy(model(*on_device(ids, mask)), labels[batch].to(DEVICE))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        probs = validation_probs()
        f1 = metrics.report_by_language(validation, [corpus.LABELS[i] for i in probs.argmax(1)])["all"]["macro_f1"]
        history.append({"epoch": epoch + 1, "validation_macro_f1": f1})
        print(f"n-gram epoch {epoch + 1}/{args.ngram_epochs}: validation macro-F1 {f1:.3f}", flush=True)
        if best is None or f1 > best[0]:
            best = (f1, {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}, probs)
    model.load_state_dict(best[1])
    return model.cpu(), best[2], history


def choose_weight(validation: list[dict], encoder_probs: torch.Tensor, ngram_probs: torch.Tensor) -> tuple[float, list[dict]]:
    """Encoder weight of the mixture: the largest weight whose validation macro-F1 is within 0.002 of the
    best one (ties go to the encoder)."""
    scores = []
    for step in range(11):
        weight = step / 10
        probs = weight * encoder_probs + (1 - weight) * ngram_probs
        f1 = metrics.report_by_language(validation, [corpus.LABELS[i] for i in probs.argmax(1)])["all"]["macro_f1"]
        scores.append({"encoder_weight": weight, "validation_macro_f1": f1})
    best = max(s["validation_macro_f1"] for s in scores)
    chosen = max(s["encoder_weight"] for s in scores if s["validation_macro_f1"] >= best - 0.002)
    return chosen, scores


def finetune(model: SentimentClassifier, train: list[dict], validation: list[dict], wp, args, rng) -> dict:
    epochs = args.finetune_epochs
    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    optimizer = optimizer_for(model, args.finetune_lr)
    scheduler = schedule(optimizer, epochs * steps_per_epoch, warmup=0.1)
    labels = torch.tensor([corpus.LABELS.index(r["label"]) for r in train])
    frustrated = torch.tensor([float(bool(r["frustrated"])) for r in train])
    best = {"macro_f1": -1.0}
    history = []
    stale = 0
    for epoch in range(epochs):
        model.train()
        encoded = [wp.encode(augment(r["text"], rng, args.augment), args.max_length, args.subword_dropout, rng) for r in train]
        total, count, started = 0.0, 0, time.time()
        for batch in length_bucketed(list(range(len(train))), [len(e) for e in encoded], args.batch_size, rng):
            logits, fr = model(*on_device(*collate([encoded[i] for i in batch], wp.pad_id)))
            loss = F.cross_entropy(logits, labels[batch].to(DEVICE), label_smoothing=0.05)
            loss = loss + 0.5 * F.binary_cross_entropy_with_logits(fr[:, 0], frustrated[batch].to(DEVICE))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            total += loss.item()
            count += 1
        val_logits, _ = predict(model, [r["text"] for r in validation], wp, args.max_length)
        predicted = labels_of(val_logits)
        report = metrics.report_by_language(validation, predicted)
        f1 = report["all"]["macro_f1"]
        history.append({"epoch": epoch + 1, "loss": total / count, "validation_macro_f1": f1, "seconds": time.time() - started})
        print(f"finetune epoch {epoch + 1}/{epochs}: loss {total / count:.3f} | {metrics.summary(report)} ({time.time() - started:.0f}s)", flush=True)
        if f1 > best["macro_f1"]:
            best = {"macro_f1": f1, "epoch": epoch + 1, "state": {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}, "report": report}
            stale = 0
        else:
            stale += 1
            if stale >= args.patience:
                break
    model.load_state_dict(best.pop("state"))
    best["history"] = history
    return best


def choose_negative_bias(validation: list[dict], log_probs: torch.Tensor, target: float) -> tuple[float, list[dict]]:
    """The smallest bias on the negative label's log-probability (grid of 0.05) whose validation negative
    recall is at least `target`: the operating point for "a frustrated customer missed is the costly error".
    Chosen on validation only; 0 when the target is 0 or already met."""
    tried = []
    negative = corpus.LABELS.index("negative")
    for step in range(41):
        bias = round(step * 0.05, 2)
        shifted = log_probs.clone()
        shifted[:, negative] += bias
        report = metrics.report_by_language(validation, [corpus.LABELS[i] for i in shifted.argmax(1)])["all"]
        recall = report["per_class"]["negative"]["recall"]
        tried.append({"negative_bias": bias, "validation_macro_f1": report["macro_f1"], "validation_negative_recall": recall,
                      "validation_negative_precision": report["per_class"]["negative"]["precision"]})
        if target <= 0 or recall >= target:
            return bias, tried
    return tried[-1]["negative_bias"], tried


# ---------------------------------------------------------------- export
def export(model: torch.nn.Module, config: BertConfig, wp: wordpiece.WordPiece, out: Path, args, extra: dict) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "onnx").mkdir(parents=True)
    model.eval()
    sample = collate([wp.encode("hola, ¿qué tal? thanks a lot", args.max_length), wp.encode("ok", args.max_length)], wp.pad_id)
    torch.onnx.export(
        model,
        sample,
        str(out / "onnx" / "model.onnx"),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits", "frustration_logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            "token_type_ids": {0: "batch", 1: "sequence"},
            "logits": {0: "batch"},
            "frustration_logits": {0: "batch"},
        },
        opset_version=14,
        do_constant_folding=True,
    )
    quantize.quantize_file(out / "onnx" / "model.onnx", out / "onnx" / "model_quantized.onnx")
    id2label = {str(i): label for i, label in enumerate(corpus.LABELS)}
    hf_config = {
        "_name_or_path": MODEL_ID,
        "architectures": ["BertForSequenceClassification"],
        "model_type": "bert",
        "vocab_size": config.vocab_size,
        "hidden_size": config.hidden_size,
        "num_hidden_layers": config.num_hidden_layers,
        "num_attention_heads": config.num_attention_heads,
        "intermediate_size": config.intermediate_size,
        "hidden_act": "gelu",
        "hidden_dropout_prob": config.hidden_dropout_prob,
        "attention_probs_dropout_prob": config.attention_probs_dropout_prob,
        "max_position_embeddings": config.max_position_embeddings,
        "type_vocab_size": config.type_vocab_size,
        "layer_norm_eps": config.layer_norm_eps,
        "pad_token_id": config.pad_token_id,
        "problem_type": "single_label_classification",
        "id2label": id2label,
        "label2id": {label: i for i, label in enumerate(corpus.LABELS)},
        "transformers.js_config": {"dtype": "q8"},
        "calidad": {
            "model_id": MODEL_ID,
            "version": MODEL_VERSION,
            "extra_outputs": {"frustration_logits": "sigmoid gives P(frustrated customer), shape [batch, 1]"},
            "architecture": (
                "BERT encoder, pooled as tanh(dense([CLS]; masked mean)), mixed with a hashed uni/bi/trigram"
                " linear model on the token ids: logits = log(w * softmax(encoder) + (1 - w) * softmax(n-grams)) + label_bias"
                " (label_bias raises the negative label to the validation-chosen negative-recall operating point)"
            ),
            **extra,
        },
    }
    wordpiece.write_json(out / "config.json", hf_config)
    wordpiece.write_json(out / "tokenizer.json", wordpiece.tokenizer_json(wp.vocab))
    wordpiece.write_json(out / "tokenizer_config.json", wordpiece.tokenizer_config(args.max_length))


def save_checkpoint(folder: Path, exported: torch.nn.Module, config: BertConfig, vocab: list[str], summary: dict, training_report: dict, args) -> None:
    """Everything export() needs, so a model trained on one machine (e.g. a GPU) is exported on another."""
    folder.mkdir(parents=True, exist_ok=True)
    torch.save({k: v.detach().cpu() for k, v in exported.state_dict().items()}, folder / "model.pt")
    meta = {
        "config": config.to_dict(),
        "vocab": vocab,
        "summary": summary,
        "training_report": training_report,
        "ngram_buckets": args.ngram_buckets,
        "max_length": args.max_length,
    }
    with open(folder / "checkpoint.json", "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False)


def dump_token_ids(path: str, wp: wordpiece.WordPiece, max_length: int) -> None:
    """[{text, ids}] of the corpus and bank texts, for scripts/sentiment/check-tokenizer.ts."""
    rows = corpus.read_jsonl(corpus.CLEAN / "train.jsonl") + corpus.read_jsonl(corpus.CLEAN / "validation.jsonl")
    texts = [r["text"] for r in rows] + corpus.bank_texts()
    with open(path, "w", encoding="utf-8") as f:
        json.dump([{"text": t, "ids": wp.encode(t, max_length)} for t in texts], f, ensure_ascii=False)


def export_from_checkpoint(args) -> None:
    folder = Path(args.export_from)
    with open(folder / "checkpoint.json", encoding="utf-8") as f:
        meta = json.load(f)
    config = BertConfig(**meta["config"])
    wp = wordpiece.WordPiece(meta["vocab"])
    args.max_length = meta["max_length"]
    classifier = SentimentClassifier(Encoder(config))
    state = torch.load(folder / "model.pt", map_location="cpu")
    summary = meta["summary"]
    if meta["ngram_buckets"] > 0:
        exported: torch.nn.Module = Ensemble(
            classifier, NgramLogits(len(wp.vocab), meta["ngram_buckets"]), summary["encoder_weight"], summary.get("label_bias")
        )
    else:
        exported = classifier
    exported.load_state_dict(state)
    training_report = meta["training_report"]
    if args.negative_recall_target > 0 and isinstance(exported, Ensemble):
        validation = corpus.read_jsonl(corpus.CLEAN / "validation.jsonl")
        exported.label_bias = [0.0] * len(corpus.LABELS)
        log_probs, _ = predict(exported, [r["text"] for r in validation], wp, args.max_length)
        bias, tried = choose_negative_bias(validation, torch.tensor(log_probs), args.negative_recall_target)
        exported.label_bias = [bias if label == "negative" else 0.0 for label in corpus.LABELS]
        val_logits, _ = predict(exported, [r["text"] for r in validation], wp, args.max_length)
        training_report["training"].setdefault("validation_before_bias", training_report["training"]["validation"])
        training_report["training"]["validation"] = metrics.report_by_language(validation, labels_of(val_logits))
        training_report["training"]["negative_bias"] = {"target_recall": args.negative_recall_target, "chosen": bias, "tried": tried}
        summary["label_bias"] = exported.label_bias
        print(f"negative bias {bias}: {metrics.summary(training_report['training']['validation'])}", flush=True)
    training_report["training"]["exported_by"] = f"{sys.executable} " + " ".join(sys.argv)
    if args.save_checkpoint:
        save_checkpoint(Path(args.save_checkpoint), exported, config, meta["vocab"], summary, training_report, args)
    if args.out != "none":
        out = Path(args.out)
        export(exported, config, wp, out, args, summary)
        wordpiece.write_json(out / "training-report.json", training_report)
        print(f"exported {folder} to {out}", flush=True)
    if args.dump_token_ids:
        dump_token_ids(args.dump_token_ids, wp, args.max_length)


def main() -> None:
    global DEVICE
    args = parse_args()
    torch.set_num_threads(args.threads)
    if args.export_from:
        export_from_checkpoint(args)
        return
    if args.device == "auto":
        args.device = "cuda" if torch.cuda.is_available() else "cpu"
    DEVICE = torch.device(args.device)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    work = Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    started = time.time()

    train = corpus.read_jsonl(corpus.CLEAN / "train.jsonl")
    validation = corpus.read_jsonl(corpus.CLEAN / "validation.jsonl")
    unlabelled = [r["text"] for r in train] + corpus.bank_texts()
    print(f"train {len(train)}, validation {len(validation)}, unlabelled for vocab/MLM {len(unlabelled)}", flush=True)

    vocab = wordpiece.train_wordpiece(unlabelled, args.vocab_size)
    wp = wordpiece.WordPiece(vocab)
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=args.hidden,
        num_hidden_layers=args.layers,
        num_attention_heads=args.heads,
        intermediate_size=args.intermediate,
        max_position_embeddings=args.max_length,
    )
    encoder = Encoder(config).to(DEVICE)
    pretrain_losses = pretrain(encoder, unlabelled, wp, args, rng) if args.pretrain_epochs > 0 else []
    pretrain_seconds = time.time() - started

    model = SentimentClassifier(encoder).to(DEVICE)
    best = finetune(model, train, validation, wp, args, rng)
    print(f"encoder best epoch {best['epoch']}: {metrics.summary(best['report'])}; {time.time() - started:.0f}s", flush=True)
    validation_texts = [r["text"] for r in validation]
    encoder_logits, _ = predict(model, validation_texts, wp, args.max_length)
    ensemble_info: dict = {"encoder_validation": best["report"]}
    exported: torch.nn.Module = model
    if args.ngram_buckets > 0:
        ngrams, ngram_probs, ngram_history = train_ngrams(train, validation, wp, args, rng)
        weight, weights = choose_weight(validation, torch.softmax(torch.tensor(encoder_logits), dim=-1), ngram_probs)
        exported = Ensemble(model.cpu(), ngrams, weight)
        ensemble_info |= {
            "ngram_buckets": args.ngram_buckets,
            "ngram_history": ngram_history,
            "ngram_validation": metrics.report_by_language(validation, [corpus.LABELS[i] for i in ngram_probs.argmax(1)]),
            "encoder_weight": weight,
            "weights_tried": weights,
        }
        print(f"encoder weight {weight}: {weights}", flush=True)
    exported = exported.cpu()
    DEVICE = torch.device("cpu")
    if args.negative_recall_target > 0 and isinstance(exported, Ensemble):
        log_probs, _ = predict(exported, validation_texts, wp, args.max_length)
        bias, tried = choose_negative_bias(validation, torch.tensor(log_probs), args.negative_recall_target)
        exported.label_bias = [bias if label == "negative" else 0.0 for label in corpus.LABELS]
        ensemble_info |= {"negative_bias": {"target_recall": args.negative_recall_target, "chosen": bias, "tried": tried}}
        print(f"negative bias {bias} for validation negative recall >= {args.negative_recall_target}", flush=True)
    train_seconds = time.time() - started
    val_logits, val_frustration = predict(exported, validation_texts, wp, args.max_length)
    val_report = metrics.report_by_language(validation, labels_of(val_logits))
    parameters = sum(p.numel() for p in exported.parameters())
    print(f"exported model: {metrics.summary(val_report)}; {parameters} parameters; {train_seconds:.0f}s", flush=True)

    out = Path(args.out)
    summary = {
        "parameters": parameters,
        "encoder_parameters": sum(p.numel() for p in model.parameters()),
        "encoder_weight": ensemble_info.get("encoder_weight", 1.0),
        "label_bias": getattr(exported, "label_bias", None),
    }
    training_report = {
        "parameters": parameters,
        "training": {
            "command": f"{sys.executable} " + " ".join(sys.argv),
            "device": args.device,
            "seconds_total": round(train_seconds),
            "seconds_pretraining": round(pretrain_seconds),
            "threads": args.threads,
            "train_examples": len(train),
            "validation_examples": len(validation),
            "unlabelled_texts": len(unlabelled),
            "best_epoch": best["epoch"],
            "validation": val_report,
            "components": ensemble_info,
            "pretrain_mlm_loss": [round(x, 4) for x in pretrain_losses],
            "finetune_history": best["history"],
        },
    }
    if args.save_checkpoint:
        save_checkpoint(Path(args.save_checkpoint), exported, config, vocab, summary, training_report, args)
        print(f"checkpoint in {args.save_checkpoint}", flush=True)
    if args.out != "none":
        export(exported, config, wp, out, args, summary)
        wordpiece.write_json(out / "training-report.json", training_report)
    with open(work / "validation-logits.json", "w", encoding="utf-8") as f:
        json.dump({"logits": val_logits, "frustration_logits": val_frustration}, f)
    with open(work / "validation-report.json", "w", encoding="utf-8") as f:
        json.dump(val_report, f, indent=1)
    torch.save(exported.state_dict(), work / "model.pt")
    if args.dump_token_ids:
        dump_token_ids(args.dump_token_ids, wp, args.max_length)
    print(f"done in {time.time() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
