"""Scoring coded events against gold event records.

For a record that names its source and target (PLV: actor text; PETRARCH: actor codes) the
prediction is the event the coder finds between those two actors; failing that, the event
that shares the source, then the target, then the coder's most confident event in the text.
No event at all counts as wrong (label NONE), never as skipped. ``coverage`` is the share of
records for which the coder found an event between the given source and target (or any event
when the record names none).

Label vocabularies, mapped openly (docs/evaluation.md):
- PLV uses an older PLOVER vocabulary: CONCEDE and RETREAT of CAMEO2PLOVER-2021 are its YIELD;
  CAMEO root 02 (appeal), which the PLOVER table drops, is PLV's REQUEST.
- PETRARCH records are scored on CAMEO roots and exact codes; PLOVER where the gold has it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from ..records import Event
from .gold import GoldRecord, find_span
from .metrics import NONE, accuracy, macro_f1, per_class_f1, r

PLV_MAP = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}


def _is_plv(rec: GoldRecord) -> bool:
    return rec.set.startswith("plv")


def _is_petrarch(rec: GoldRecord) -> bool:
    return rec.set.startswith("petr")


def plover_label(e: Event, plv: bool) -> str:
    if e.plover:
        return PLV_MAP.get(e.plover, e.plover) if plv else e.plover
    if plv and e.cameo_root == "02":
        return "REQUEST"
    return NONE


def _overlaps(a: Any, span: tuple[int, int] | None) -> bool:
    return a is not None and span is not None and a.start < span[1] and a.end > span[0]


def _code_match(a: Any, code: str | None) -> bool:
    if a is None or not code:
        return False
    got = (a.code or "").upper()
    want = code.strip('"').upper()
    return bool(got) and (got == want or got.startswith(want) or want.startswith(got))


def choose_event(rec: GoldRecord, events: Sequence[Event]) -> tuple[Event | None, bool]:
    """The predicted event for a gold record and whether it matched the gold dyad."""
    typed = [e for e in events if e.plover or e.cameo_root not in ("01",)]
    pool = typed or list(events)
    if not pool:
        return None, False
    if _is_petrarch(rec):
        src_ok = lambda e: _code_match(e.source, rec.source)  # noqa: E731
        tgt_ok = lambda e: _code_match(e.target, rec.target)  # noqa: E731
    else:
        s_span, t_span = find_span(rec.text, rec.source), find_span(rec.text, rec.target)
        src_ok = lambda e: _overlaps(e.source, s_span)  # noqa: E731
        tgt_ok = lambda e: _overlaps(e.target, t_span)  # noqa: E731
    if not rec.source and not rec.target:
        return max(pool, key=lambda e: e.confidence), True
    for test, matched in (
        (lambda e: src_ok(e) and tgt_ok(e), True),
        (lambda e: src_ok(e) and not rec.target and e.target is None, True),
        (src_ok, False),
        (tgt_ok, False),
    ):
        hits = [e for e in pool if test(e)]
        if hits:
            return max(hits, key=lambda e: e.confidence), matched
    return max(pool, key=lambda e: e.confidence), False


def score_event_set(records: Sequence[GoldRecord], events_by_text: dict[str, list[Event]]) -> dict[str, Any]:
    plv = bool(records) and _is_plv(records[0])
    petr = bool(records) and _is_petrarch(records[0])
    scored = [x for x in records if x.plover or x.cameo_root or x.quad]
    negatives = [x for x in records if x.label == "NOEVENTS"]
    gold_lab: list[str] = []
    pred_lab: list[str] = []
    gold_quad: list[str] = []
    pred_quad: list[str] = []
    gold_root: list[str] = []
    pred_root: list[str] = []
    gold_code: list[str] = []
    pred_code: list[str] = []
    covered = 0
    use_plover = any(x.plover for x in scored)
    for rec in scored:
        ev, matched = choose_event(rec, events_by_text.get(rec.text, []))
        covered += matched
        if use_plover and rec.plover:
            gold_lab.append(rec.plover)
            pred_lab.append(plover_label(ev, plv) if ev else NONE)
        elif not use_plover and rec.cameo_root:
            gold_lab.append(rec.cameo_root)
            pred_lab.append(ev.cameo_root if ev else NONE)
        if rec.quad:
            gold_quad.append(str(rec.quad))
            pred_quad.append(str(ev.quad) if ev and ev.quad else NONE)
        if rec.cameo_root:
            gold_root.append(rec.cameo_root)
            pred_root.append(ev.cameo_root if ev else NONE)
        if rec.cameo:
            gold_code.append(rec.cameo)
            pred_code.append(ev.cameo if ev else NONE)
    out: dict[str, Any] = {
        "n": len(scored),
        "coverage": r(covered / len(scored)) if scored else 0.0,
        "label_scheme": "plover" if use_plover else "cameo_root",
        "root_accuracy": r(accuracy(gold_lab, pred_lab)),
        "root_macro_f1": r(macro_f1(gold_lab, pred_lab)),
        "quad_accuracy": r(accuracy(gold_quad, pred_quad)),
        "quad_macro_f1": r(macro_f1(gold_quad, pred_quad)),
        "per_class": {k: r(v) for k, v in per_class_f1(gold_lab, pred_lab).items()},
        "quad_per_class": {k: r(v) for k, v in per_class_f1(gold_quad, pred_quad).items()},
    }
    if petr or gold_root:
        out["cameo_root_accuracy"] = r(accuracy(gold_root, pred_root))
        out["cameo_root_macro_f1"] = r(macro_f1(gold_root, pred_root))
    if gold_code:
        out["cameo_code_accuracy"] = r(accuracy(gold_code, pred_code))
    if negatives:
        fp = sum(1 for x in negatives if any(e.plover for e in events_by_text.get(x.text, [])))
        out["noevents_n"] = len(negatives)
        out["noevents_false_positive_rate"] = r(fp / len(negatives))
    return out


def group_by_set(records: Iterable[GoldRecord]) -> dict[str, list[GoldRecord]]:
    sets: dict[str, list[GoldRecord]] = defaultdict(list)
    for rec in records:
        sets[rec.set].append(rec)
    return dict(sets)
