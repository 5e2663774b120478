"""WordPiece tokenizer: our own trainer plus an encoder that reproduces, step for step, what
Transformers.js (@huggingface/tokenizers) does with the tokenizer.json we write:

  normalizer:     Sequence[BertNormalizer(clean_text, handle_chinese_chars, lowercase, strip_accents),
                           Replace(URL -> " http "), Replace(@handle -> "@user")]
  pre_tokenizer:  BertPreTokenizer (split on whitespace, every punctuation character on its own)
  model:          WordPiece, "##" continuation prefix, greedy longest match, [UNK] for unknown words
  post_processor: TemplateProcessing [CLS] $A [SEP]

`scripts/sentiment/check-tokenizer.ts` compares this encoder with Transformers.js on every corpus text.
"""

from __future__ import annotations

import collections
import json
import re
import unicodedata
from typing import Iterable

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PAD, UNK, CLS, SEP, MASK = SPECIAL_TOKENS
CONTINUATION = "##"
MAX_CHARS_PER_WORD = 100

# Applied after BertNormalizer, so the text is lower case and its only whitespace is " ".
URL_PATTERN = r"(?:https?://|www\.)[^ ]+"
URL_REPLACEMENT = " http "
HANDLE_PATTERN = r"@[a-z0-9_]+"
HANDLE_REPLACEMENT = "@user"

_URL_RE = re.compile(URL_PATTERN)
_HANDLE_RE = re.compile(HANDLE_PATTERN)
# JavaScript's /\s/ (ECMAScript WhiteSpace + LineTerminator).
_JS_WHITESPACE = set("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | {
    chr(c) for c in range(0x2000, 0x200B)
}
_CJK_RANGES = [
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0xF900, 0xFAFF),
]


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 0x21 <= cp <= 0x2F or 0x3A <= cp <= 0x40 or 0x5B <= cp <= 0x60 or 0x7B <= cp <= 0x7E:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if ch in _JS_WHITESPACE:
            out.append(" ")
        elif any(lo <= cp <= hi for lo, hi in _CJK_RANGES):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    text = "".join(out).lower()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    text = _URL_RE.sub(URL_REPLACEMENT, text)
    return _HANDLE_RE.sub(HANDLE_REPLACEMENT, text)


def pre_tokenize(normalized: str) -> list[str]:
    words: list[str] = []
    for chunk in normalized.split(" "):
        current = []
        for ch in chunk:
            if _is_punctuation(ch):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(ch)
            else:
                current.append(ch)
        if current:
            words.append("".join(current))
    return words


def words_of(text: str) -> list[str]:
    return pre_tokenize(normalize(text))


class WordPiece:
    def __init__(self, vocab: list[str]):
        self.vocab = vocab
        self.ids = {token: i for i, token in enumerate(vocab)}
        self.unk_id = self.ids[UNK]
        self.cls_id = self.ids[CLS]
        self.sep_id = self.ids[SEP]
        self.pad_id = self.ids[PAD]
        self.mask_id = self.ids[MASK]
        self._cache: dict[str, list[int]] = {}

    def encode_word(self, word: str) -> list[int]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        chars = list(word)
        if len(chars) > MAX_CHARS_PER_WORD:
            return [self.unk_id]
        pieces = []
        start = 0
        while start < len(chars):
            end = len(chars)
            found = None
            while start < end:
                piece = "".join(chars[start:end])
                if start > 0:
                    piece = CONTINUATION + piece
                if piece in self.ids:
                    found = self.ids[piece]
                    break
                end -= 1
            if found is None:
                pieces = [self.unk_id]
                break
            pieces.append(found)
            start = end
        self._cache[word] = pieces
        return pieces

    def encode_word_dropout(self, word: str, dropout: float, rng) -> list[int]:
        """Training-time subword regularisation: like encode_word, but at each step, with probability
        `dropout`, a shorter piece that is in the vocabulary is taken instead of the longest one, so the
        model also sees words split the way a typo or a missing letter splits them. Inference never
        does this (Transformers.js runs the plain greedy WordPiece)."""
        greedy = self.encode_word(word)
        if dropout <= 0 or len(word) < 2 or greedy == [self.unk_id] or len(word) > MAX_CHARS_PER_WORD:
            return greedy
        pieces, start = [], 0
        while start < len(word):
            matches = []
            for end in range(len(word), start, -1):
                piece = word[start:end] if start == 0 else CONTINUATION + word[start:end]
                if piece in self.ids:
                    matches.append((end, self.ids[piece]))
            if not matches:
                return greedy
            end, piece_id = matches[0]
            if len(matches) > 1 and rng.random() < dropout:
                end, piece_id = rng.choice(matches[1:])
            pieces.append(piece_id)
            start = end
        return pieces

    def encode(self, text: str, max_length: int, dropout: float = 0.0, rng=None) -> list[int]:
        """[CLS] pieces [SEP], then cut to max_length the way Transformers.js truncates (no [SEP] re-added).
        `dropout` > 0 (training only) samples other valid segmentations, see encode_word_dropout."""
        ids = [self.cls_id]
        for word in words_of(text):
            ids.extend(self.encode_word_dropout(word, dropout, rng) if dropout > 0 else self.encode_word(word))
            if len(ids) >= max_length:
                break
        ids.append(self.sep_id)
        return ids[:max_length]

    def tokens(self, text: str) -> list[str]:
        return [self.vocab[i] for i in self.encode(text, 10_000)]


def train_wordpiece(texts: Iterable[str], vocab_size: int, min_frequency: int = 2) -> list[str]:
    """BPE-style merges over words split into characters (continuations carry "##"), which is how the
    Hugging Face WordPiece trainer builds its vocabulary. Pair scores are plain frequencies."""
    word_counts: collections.Counter[str] = collections.Counter()
    for text in texts:
        word_counts.update(words_of(text))

    alphabet: collections.Counter[str] = collections.Counter()
    words: list[list[str]] = []
    counts: list[int] = []
    for word, count in word_counts.items():
        if len(word) > MAX_CHARS_PER_WORD:
            continue
        symbols = [word[0]] + [CONTINUATION + c for c in word[1:]]
        for s in symbols:
            alphabet[s] += count
        words.append(symbols)
        counts.append(count)

    vocab = list(SPECIAL_TOKENS)
    seen = set(vocab)
    # Every character both as a word start and as a continuation, so no seen character becomes [UNK].
    for symbol, _ in alphabet.most_common():
        for form in (symbol, symbol[len(CONTINUATION):] if symbol.startswith(CONTINUATION) else CONTINUATION + symbol):
            if form not in seen:
                seen.add(form)
                vocab.append(form)

    pair_counts: collections.Counter[tuple[str, str]] = collections.Counter()
    where: dict[tuple[str, str], set[int]] = collections.defaultdict(set)
    for index, symbols in enumerate(words):
        for a, b in zip(symbols, symbols[1:]):
            pair_counts[(a, b)] += counts[index]
            where[(a, b)].add(index)

    def merged(a: str, b: str) -> str:
        return a + b[len(CONTINUATION):]

    while len(vocab) < vocab_size and pair_counts:
        (a, b), best = max(pair_counts.items(), key=lambda kv: (kv[1], kv[0]))
        if best < min_frequency:
            break
        new_symbol = merged(a, b)
        for index in list(where.get((a, b), ())):
            symbols = words[index]
            count = counts[index]
            for x, y in zip(symbols, symbols[1:]):
                pair_counts[(x, y)] -= count
                if pair_counts[(x, y)] <= 0:
                    del pair_counts[(x, y)]
                where[(x, y)].discard(index)
            rebuilt = []
            i = 0
            while i < len(symbols):
                if i + 1 < len(symbols) and symbols[i] == a and symbols[i + 1] == b:
                    rebuilt.append(new_symbol)
                    i += 2
                else:
                    rebuilt.append(symbols[i])
                    i += 1
            words[index] = rebuilt
            for x, y in zip(rebuilt, rebuilt[1:]):
                pair_counts[(x, y)] += count
                where[(x, y)].add(index)
        pair_counts.pop((a, b), None)
        where.pop((a, b), None)
        if new_symbol not in seen:
            seen.add(new_symbol)
            vocab.append(new_symbol)
    return vocab


def tokenizer_json(vocab: list[str]) -> dict:
    ids = {token: i for i, token in enumerate(vocab)}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": ids[token],
                "content": token,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
            for token in SPECIAL_TOKENS
        ],
        "normalizer": {
            "type": "Sequence",
            "normalizers": [
                {
                    "type": "BertNormalizer",
                    "clean_text": True,
                    "handle_chinese_chars": True,
                    "strip_accents": True,
                    "lowercase": True,
                },
                {"type": "Replace", "pattern": {"Regex": URL_PATTERN}, "content": URL_REPLACEMENT},
                {"type": "Replace", "pattern": {"Regex": HANDLE_PATTERN}, "content": HANDLE_REPLACEMENT},
            ],
        },
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [
                {"SpecialToken": {"id": CLS, "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": SEP, "type_id": 0}},
            ],
            "pair": [
                {"SpecialToken": {"id": CLS, "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"SpecialToken": {"id": SEP, "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 1}},
                {"SpecialToken": {"id": SEP, "type_id": 1}},
            ],
            "special_tokens": {
                token: {"id": token, "ids": [ids[token]], "tokens": [token]} for token in (CLS, SEP)
            },
        },
        "decoder": {"type": "WordPiece", "prefix": CONTINUATION, "cleanup": True},
        "model": {
            "type": "WordPiece",
            "unk_token": UNK,
            "continuing_subword_prefix": CONTINUATION,
            "max_input_chars_per_word": MAX_CHARS_PER_WORD,
            "vocab": ids,
        },
    }


def tokenizer_config(max_length: int) -> dict:
    return {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "strip_accents": True,
        "tokenize_chinese_chars": True,
        "model_max_length": max_length,
        "padding_side": "right",
        "clean_up_tokenization_spaces": True,
        "unk_token": UNK,
        "sep_token": SEP,
        "pad_token": PAD,
        "cls_token": CLS,
        "mask_token": MASK,
    }


def write_json(path, data) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
