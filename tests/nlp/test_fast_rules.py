"""The memoised attribute ruler and lemmatizer give exactly the annotations of spaCy's own."""

from __future__ import annotations

import spacy

from newsgraph.nlp.fast_rules import FastAttributeRuler, FastLemmatizer
from newsgraph.nlp.spacy_nlp import DEFAULT_MODEL

TEXTS = [
    "The Pakistani Taliban has pledged support for Islamic State jihadists in Syria and Iraq.",
    "“We are with you in good and bad times,” said the Pakistani Taliban leader.",
    "There is little evidence of an agreement, but it's gonna happen, y'all, let's see.",
    "I ain't sure they're doin' it; I told you and you told me. Do it! Did they have it?",
    "Militants who had attacked the convoy were arrested by police in Kano on Monday.",
]


def test_same_annotations_as_spacy():
    nlp = spacy.load(DEFAULT_MODEL)
    ar, lem = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    fast_ar, fast_lem = FastAttributeRuler(ar), FastLemmatizer(lem)
    for _ in range(2):  # cold and warm caches
        for text in TEXTS:
            base = nlp(text, disable=["attribute_ruler", "lemmatizer", "ner"])
            a = lem(ar(nlp(text, disable=["attribute_ruler", "lemmatizer", "ner"])))
            b = fast_lem(fast_ar(base))
            assert [(t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in a] == [
                (t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in b
            ], text
