"""The numpy-only static embedder: BERT's uncased tokenizer, WordPiece, int8 tables."""

from __future__ import annotations

import numpy as np

from newsgraph.learn.embed import StaticEmbedder, basic_tokens, quantize


def test_basic_tokens_lowercase_accents_and_punctuation():
    assert basic_tokens("Café-owners, in São Paulo!") == ["cafe", "-", "owners", ",", "in", "sao", "paulo", "!"]
    assert basic_tokens("  U.S.  ") == ["u", ".", "s", "."]
    assert basic_tokens("") == []


def test_wordpiece_longest_match_first_and_unknown():
    vocab = ["[PAD]", "[UNK]", "un", "##aff", "##able", "aff", "run", "##ning"]
    mat = np.eye(len(vocab), dtype=np.float32)
    emb = StaticEmbedder(vocab, mat)
    assert [vocab[i] for i in emb.ids("unaffable running")] == ["un", "##aff", "##able", "run", "##ning"]
    assert [vocab[i] for i in emb.ids("xyz")] == ["[UNK]"]


def test_mean_is_normalised_and_empty_is_zero():
    vocab = ["[UNK]", "a", "b"]
    emb = StaticEmbedder(vocab, np.array([[0, 0], [3, 0], [0, 4]], dtype=np.float32))
    v = emb.encode("a b")
    assert np.isclose(np.linalg.norm(v), 1.0)
    assert not emb.encode("").any()


def test_quantize_round_trip():
    rng = np.random.default_rng(0)
    m = rng.normal(size=(50, 16)).astype(np.float32)
    q, scale = quantize(m)
    assert q.dtype == np.int8 and scale.dtype == np.float16
    back = q.astype(np.float32) * scale.astype(np.float32)[:, None]
    assert np.abs(back - m).max() < 0.02 * np.abs(m).max()
    emb = StaticEmbedder([str(i) for i in range(50)], q, scale)
    assert np.allclose(emb.matrix, back)
