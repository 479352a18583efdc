"""Classification metrics (no scikit-learn dependency for a few counts)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

NONE = "NONE"  # the label of "no prediction": always wrong, never skipped


def per_class_f1(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    labels = sorted(set(gold))
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    out = {}
    for lab in labels:
        prec = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        rec = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        out[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    f = per_class_f1(gold, pred)
    return sum(f.values()) / len(f) if f else 0.0


def weighted_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    f = per_class_f1(gold, pred)
    counts = Counter(gold)
    total = sum(counts.values())
    return sum(f[lab] * counts[lab] / total for lab in f) if total else 0.0


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0.0


def r(x: float) -> float:
    return round(x, 4)
