"""Trains the shipped sentiment model from scratch and writes it in the Transformers.js layout.

Setup (Debian; no pip, no GPU):
  apt-get update && apt-get install -y python3-torch python3-onnx python3-sklearn
Run from the repository root (uses /usr/bin/python3, the interpreter that sees Debian's packages):
  /usr/bin/python3 scripts/sentiment/clean_corpus.py
  /usr/bin/python3 scripts/sentiment/train.py
  npm run -s eval:sentiment

Stages: WordPiece vocabulary (train split + demo-bank text, unlabelled) -> masked-LM pre-training on the
same unlabelled text -> fine-tuning on the train split (3-class + frustration head), model selection on the
validation split -> ONNX export (model.onnx) and int8 weight quantization (model_quantized.onnx).
The held-out test file is never read here.
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
MODEL_VERSION = "1.0.0"


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
    p.add_argument("--pretrain-epochs", type=int, default=10)
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
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--dump-token-ids", help="also write [{text, ids}] of the corpus for check-tokenizer.ts")
    return p.parse_args()


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
    mlm = MaskedLM(encoder)
    epochs = args.pretrain_epochs
    steps_per_epoch = math.ceil(len(texts) / args.batch_size)
    optimizer = optimizer_for(mlm, args.pretrain_lr)
    scheduler = schedule(optimizer, epochs * steps_per_epoch)
    losses = []
    special = torch.tensor([wp.pad_id, wp.cls_id, wp.sep_id])
    for epoch in range(epochs):
        mlm.train()
        encoded = [wp.encode(augment(t, rng, args.augment), args.max_length) for t in texts]
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
            loss = mlm(inputs, mask, types, labels)
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
        out, fr = model(*collate([encoded[i] for i in batch], wp.pad_id))
        for j, i in enumerate(batch):
            logits[i] = out[j].tolist()
            frustration[i] = fr[j, 0].item()
    return logits, frustration


def labels_of(logits: list[list[float]]) -> list[str]:
    return [corpus.LABELS[max(range(len(l)), key=lambda k: l[k])] for l in logits]


def train_ngrams(train: list[dict], validation: list[dict], wp, args, rng) -> tuple[NgramLogits, torch.Tensor, list[dict]]:
    """The n-gram logistic regression, on the same (augmented) train split; best epoch on validation."""
    model = NgramLogits(len(wp.vocab), args.ngram_buckets)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.ngram_lr)
    labels = torch.tensor([corpus.LABELS.index(r["label"]) for r in train])
    val_encoded = [wp.encode(r["text"], args.max_length) for r in validation]

    @torch.no_grad()
    def validation_probs() -> torch.Tensor:
        out = [None] * len(validation)
        for batch in length_bucketed(list(range(len(validation))), [len(e) for e in val_encoded], 256, None):
            ids, mask, _ = collate([val_encoded[i] for i in batch], wp.pad_id)
            probs = torch.softmax(model(ids, mask), dim=-1)
            for j, i in enumerate(batch):
                out[i] = probs[j]
        return torch.stack(out)

    best, history = None, []
    for epoch in range(args.ngram_epochs):
        encoded = [wp.encode(augment(r["text"], rng, args.augment), args.max_length) for r in train]
        for batch in length_bucketed(list(range(len(train))), [len(e) for e in encoded], args.batch_size, rng):
            ids, mask, _ = collate([encoded[i] for i in batch], wp.pad_id)
            loss = F.cross_entropy(model(ids, mask), labels[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        probs = validation_probs()
        f1 = metrics.report_by_language(validation, [corpus.LABELS[i] for i in probs.argmax(1)])["all"]["macro_f1"]
        history.append({"epoch": epoch + 1, "validation_macro_f1": f1})
        print(f"n-gram epoch {epoch + 1}/{args.ngram_epochs}: validation macro-F1 {f1:.3f}", flush=True)
        if best is None or f1 > best[0]:
            best = (f1, {k: v.clone() for k, v in model.state_dict().items()}, probs)
    model.load_state_dict(best[1])
    return model, best[2], history


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
        encoded = [wp.encode(augment(r["text"], rng, args.augment), args.max_length) for r in train]
        total, count, started = 0.0, 0, time.time()
        for batch in length_bucketed(list(range(len(train))), [len(e) for e in encoded], args.batch_size, rng):
            logits, fr = model(*collate([encoded[i] for i in batch], wp.pad_id))
            loss = F.cross_entropy(logits, labels[batch], label_smoothing=0.05)
            loss = loss + 0.5 * F.binary_cross_entropy_with_logits(fr[:, 0], frustrated[batch])
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
            best = {"macro_f1": f1, "epoch": epoch + 1, "state": {k: v.clone() for k, v in model.state_dict().items()}, "report": report}
            stale = 0
        else:
            stale += 1
            if stale >= args.patience:
                break
    model.load_state_dict(best.pop("state"))
    best["history"] = history
    return best


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
                " linear model on the token ids: logits = log(w * softmax(encoder) + (1 - w) * softmax(n-grams))"
            ),
            **extra,
        },
    }
    wordpiece.write_json(out / "config.json", hf_config)
    wordpiece.write_json(out / "tokenizer.json", wordpiece.tokenizer_json(wp.vocab))
    wordpiece.write_json(out / "tokenizer_config.json", wordpiece.tokenizer_config(args.max_length))


def main() -> None:
    args = parse_args()
    torch.set_num_threads(args.threads)
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
    encoder = Encoder(config)
    pretrain_losses = pretrain(encoder, unlabelled, wp, args, rng) if args.pretrain_epochs > 0 else []
    pretrain_seconds = time.time() - started

    model = SentimentClassifier(encoder)
    best = finetune(model, train, validation, wp, args, rng)
    print(f"encoder best epoch {best['epoch']}: {metrics.summary(best['report'])}; {time.time() - started:.0f}s", flush=True)
    validation_texts = [r["text"] for r in validation]
    encoder_logits, _ = predict(model, validation_texts, wp, args.max_length)
    ensemble_info: dict = {"encoder_validation": best["report"]}
    exported: torch.nn.Module = model
    if args.ngram_buckets > 0:
        ngrams, ngram_probs, ngram_history = train_ngrams(train, validation, wp, args, rng)
        weight, weights = choose_weight(validation, torch.softmax(torch.tensor(encoder_logits), dim=-1), ngram_probs)
        exported = Ensemble(model, ngrams, weight)
        ensemble_info |= {
            "ngram_buckets": args.ngram_buckets,
            "ngram_history": ngram_history,
            "ngram_validation": metrics.report_by_language(validation, [corpus.LABELS[i] for i in ngram_probs.argmax(1)]),
            "encoder_weight": weight,
            "weights_tried": weights,
        }
        print(f"encoder weight {weight}: {weights}", flush=True)
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
    }
    training_report = {
        "parameters": parameters,
        "training": {
            "command": "/usr/bin/python3 " + " ".join(sys.argv),
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
    export(exported, config, wp, out, args, summary)
    wordpiece.write_json(out / "training-report.json", training_report)
    with open(work / "validation-logits.json", "w", encoding="utf-8") as f:
        json.dump({"logits": val_logits, "frustration_logits": val_frustration}, f)
    with open(work / "validation-report.json", "w", encoding="utf-8") as f:
        json.dump(val_report, f, indent=1)
    torch.save(exported.state_dict(), work / "model.pt")
    if args.dump_token_ids:
        texts = [r["text"] for r in train + validation] + corpus.bank_texts()
        with open(args.dump_token_ids, "w", encoding="utf-8") as f:
            json.dump([{"text": t, "ids": wp.encode(t, args.max_length)} for t in texts], f, ensure_ascii=False)
    print(f"wrote {out} in {time.time() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
