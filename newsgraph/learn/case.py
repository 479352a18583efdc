"""Evidence for the CASE 2021 task 2 head: what the keyword rules of the label scheme
(``data/schemes/case2021.yaml``, read by ``newsgraph.evaluate.schemes.load_scheme``) say about a
snippet.

Each rule part that holds gives a feature (its label, and the keyword that fired), and the label
the rules alone would give (the first rule that holds, as ``map_to_scheme`` decides; computed
here so that ``map_to_scheme`` may itself call the classifier) is one more: the classifier learns
how far to trust each rule."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Event

SCHEME = "case2021"


def scheme_evidence(text: str, events: Sequence[Event], scheme: str = SCHEME) -> tuple[list[str], str]:
    from ..evaluate.schemes import load_scheme

    low = text.lower()
    codes = [e.cameo for e in events]
    hits: list[str] = []
    first: str | None = None
    for rule in load_scheme(scheme):
        code_ok = bool(rule.cameo) and any(c.startswith(p) for c in codes for p in rule.cameo)
        if code_ok:
            hits.append("code:" + rule.label)
        words_ok = False
        if rule.words is not None:
            for m in rule.words.finditer(low):
                words_ok = True
                hits.append(rule.label)
                hits.append(f"{rule.label}={m.group(0)}")
        holds = (code_ok or not rule.cameo) and (words_ok or rule.words is None)
        if first is None and holds:
            first = rule.label
    return hits, first or "OTHER"
