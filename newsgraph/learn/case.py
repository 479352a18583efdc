"""Evidence for the CASE 2021 task 2 head: what the keyword rules of the label scheme
(``data/schemes/case2021.yaml``, read by ``newsgraph.evaluate.schemes``) say about a snippet.

Each rule that holds gives a feature (its label, and the keyword that fired), and the label the
rules alone would give is one more: the classifier learns how far to trust each rule."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Event

SCHEME = "case2021"


def scheme_evidence(text: str, events: Sequence[Event], scheme: str = SCHEME) -> tuple[list[str], str]:
    from ..evaluate.schemes import load_scheme, map_to_scheme

    low = text.lower()
    codes = [e.cameo for e in events]
    hits: list[str] = []
    for rule in load_scheme(scheme):
        if rule.cameo and any(c.startswith(p) for c in codes for p in rule.cameo):
            hits.append("code:" + rule.label)
        if rule.words is not None:
            for m in rule.words.finditer(low):
                hits.append(rule.label)
                hits.append(f"{rule.label}={m.group(0)}")
    return hits, map_to_scheme(text, events, scheme)
