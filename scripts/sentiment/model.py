"""A small BERT encoder in plain PyTorch (post-LayerNorm, GELU, learned positions), the masked-LM head
used for pre-training, and the sentiment classifier (3-class head + frustration head) that is exported."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn
from torch.nn import functional as F


@dataclass
class BertConfig:
    vocab_size: int
    hidden_size: int = 256
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 512
    max_position_embeddings: int = 128
    type_vocab_size: int = 2
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    layer_norm_eps: float = 1e-12
    pad_token_id: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


class SelfAttention(nn.Module):
    def __init__(self, config: BertConfig):
        super().__init__()
        self.heads = config.num_attention_heads
        self.head_size = config.hidden_size // config.num_attention_heads
        self.query = nn.Linear(config.hidden_size, config.hidden_size)
        self.key = nn.Linear(config.hidden_size, config.hidden_size)
        self.value = nn.Linear(config.hidden_size, config.hidden_size)
        self.output = nn.Linear(config.hidden_size, config.hidden_size)
        self.dropout = nn.Dropout(config.attention_probs_dropout_prob)

    def _split(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape
        return x.view(batch, length, self.heads, self.head_size).transpose(1, 2)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor) -> torch.Tensor:
        q, k, v = self._split(self.query(x)), self._split(self.key(x)), self._split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_size) + additive_mask
        probs = self.dropout(torch.softmax(scores, dim=-1))
        context = torch.matmul(probs, v).transpose(1, 2)
        return self.output(context.reshape(x.shape[0], x.shape[1], -1))


class Layer(nn.Module):
    def __init__(self, config: BertConfig):
        super().__init__()
        self.attention = SelfAttention(config)
        self.attention_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.intermediate = nn.Linear(config.hidden_size, config.intermediate_size)
        self.output = nn.Linear(config.intermediate_size, config.hidden_size)
        self.output_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor) -> torch.Tensor:
        x = self.attention_norm(x + self.dropout(self.attention(x, additive_mask)))
        return self.output_norm(x + self.dropout(self.output(F.gelu(self.intermediate(x)))))


class Encoder(nn.Module):
    def __init__(self, config: BertConfig):
        super().__init__()
        self.config = config
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=config.pad_token_id)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.token_type_embeddings = nn.Embedding(config.type_vocab_size, config.hidden_size)
        self.embedding_norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)
        self.layers = nn.ModuleList(Layer(config) for _ in range(config.num_hidden_layers))
        self.apply(self._init_weights)

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        if isinstance(module, (nn.Linear, nn.Embedding)):
            module.weight.data.normal_(mean=0.0, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            module.bias.data.zero_()

    def forward(self, input_ids, attention_mask, token_type_ids) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.word_embeddings(input_ids) + self.position_embeddings(positions)
        x = self.dropout(self.embedding_norm(x + self.token_type_embeddings(token_type_ids)))
        additive_mask = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, additive_mask)
        return x


class MaskedLM(nn.Module):
    def __init__(self, encoder: Encoder):
        super().__init__()
        hidden = encoder.config.hidden_size
        self.encoder = encoder
        self.transform = nn.Linear(hidden, hidden)
        self.norm = nn.LayerNorm(hidden, eps=encoder.config.layer_norm_eps)
        self.bias = nn.Parameter(torch.zeros(encoder.config.vocab_size))

    def forward(self, input_ids, attention_mask, token_type_ids, labels) -> torch.Tensor:
        hidden = self.encoder(input_ids, attention_mask, token_type_ids)
        selected = labels != -100
        h = self.norm(F.gelu(self.transform(hidden[selected])))
        logits = h @ self.encoder.word_embeddings.weight.T + self.bias
        return F.cross_entropy(logits, labels[selected])


class SentimentClassifier(nn.Module):
    """Pools the [CLS] vector and the mean of the tokens, then two heads: 3-class sentiment and frustration."""

    def __init__(self, encoder: Encoder, num_labels: int = 3, dropout: float = 0.1):
        super().__init__()
        hidden = encoder.config.hidden_size
        self.encoder = encoder
        self.pooler = nn.Linear(2 * hidden, hidden)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(hidden, num_labels)
        self.frustration = nn.Linear(hidden, 1)

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.encoder(input_ids, attention_mask, token_type_ids)
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        pooled = torch.tanh(self.pooler(torch.cat([hidden[:, 0], mean], dim=-1)))
        pooled = self.dropout(pooled)
        return self.classifier(pooled), self.frustration(pooled)


class NgramLogits(nn.Module):
    """A linear model on the token ids: exact unigrams plus hashed bigrams and trigrams of WordPiece ids,
    summed and divided by sqrt(token count) — a bag-of-n-grams logistic regression that lives in the same
    ONNX graph as the encoder (computed from input_ids alone)."""

    def __init__(self, vocab_size: int, buckets: int = 262_144, num_labels: int = 3):
        super().__init__()
        self.buckets = buckets
        self.unigrams = nn.Embedding(vocab_size, num_labels)
        self.ngrams = nn.Embedding(buckets, num_labels)
        nn.init.zeros_(self.unigrams.weight)
        nn.init.zeros_(self.ngrams.weight)
        self.bias = nn.Parameter(torch.zeros(num_labels))

    def forward(self, input_ids, attention_mask):
        m = attention_mask.to(torch.float32)
        total = (self.unigrams(input_ids) * m.unsqueeze(-1)).sum(dim=1)
        bigram_ids = torch.remainder(input_ids[:, :-1] * 1_000_003 + input_ids[:, 1:], self.buckets)
        bigram_mask = m[:, :-1] * m[:, 1:]
        total = total + (self.ngrams(bigram_ids) * bigram_mask.unsqueeze(-1)).sum(dim=1)
        trigram_ids = torch.remainder(
            (input_ids[:, :-2] * 1_000_003 + input_ids[:, 1:-1]) * 1_000_003 + input_ids[:, 2:], self.buckets
        )
        trigram_mask = m[:, :-2] * m[:, 1:-1] * m[:, 2:]
        total = total + (self.ngrams(trigram_ids) * trigram_mask.unsqueeze(-1)).sum(dim=1)
        return total / m.sum(dim=1, keepdim=True).sqrt() + self.bias


class Ensemble(nn.Module):
    """p = weight * softmax(encoder logits) + (1 - weight) * softmax(n-gram logits); exported `logits` are
    log p + label_bias, so the pipeline's softmax gives back the mixture, re-weighted by exp(label_bias)
    (the operating point: a positive bias on "negative" trades precision for negative recall; chosen on
    the validation split, zero by default). Frustration comes from the encoder."""

    def __init__(self, classifier: SentimentClassifier, ngrams: NgramLogits, weight: float, label_bias: list[float] | None = None):
        super().__init__()
        self.classifier = classifier
        self.ngrams = ngrams
        self.weight = weight
        self.label_bias = list(label_bias) if label_bias is not None else [0.0] * classifier.classifier.out_features

    def forward(self, input_ids, attention_mask, token_type_ids):
        logits, frustration = self.classifier(input_ids, attention_mask, token_type_ids)
        p = self.weight * torch.softmax(logits, dim=-1) + (1.0 - self.weight) * torch.softmax(
            self.ngrams(input_ids, attention_mask), dim=-1
        )
        out = torch.log(p.clamp(min=1e-9))
        if any(b != 0.0 for b in self.label_bias):
            out = out + torch.tensor(self.label_bias, dtype=out.dtype)
        return out, frustration
