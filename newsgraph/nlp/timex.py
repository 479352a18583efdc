"""Date expressions the statistical NER misses ("Early this year", "since October 7, 2001"),
added as DATE entities so the coder sees one list of date phrases."""

from __future__ import annotations

import dataclasses

from ..records import AnnotatedArticle, Entity
from ..resolve.dates import find_date_expressions
from .mentions import token_span


class TimexAnnotator:
    name = "timex.v1"

    def __call__(self, doc: AnnotatedArticle) -> AnnotatedArticle:
        text = doc.article.text
        starts = [t.start for t in doc.tokens]
        ents = list(doc.entities)
        dates = [e for e in ents if e.label == "DATE"]
        added = []
        for s in doc.sentences:
            for a, b in find_date_expressions(s.text):
                start, end = s.start + a, s.start + b
                # A rule span that covers an NER date replaces it (it keeps "On", "since", "early").
                overlapping = [e for e in dates if not (e.end <= start or e.start >= end)]
                if any(e.start <= start and e.end >= end for e in overlapping):
                    continue
                for e in overlapping:
                    if e in ents:
                        ents.remove(e)
                ts, te = token_span(doc.tokens, starts, start, end)
                added.append(Entity(text[start:end], "DATE", start, end, ts, te))
        if not added:
            return doc
        ents.extend(added)
        ents.sort(key=lambda e: e.start)
        return dataclasses.replace(doc, entities=tuple(ents))
