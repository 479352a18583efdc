"""Which sentences need a parse at all.

Parsing is most of the cost of the pipeline. A sentence can only yield an event when it holds a
trigger (a word form of a verb or noun the coder has patterns for) and something that can be an
actor (a knowledge-base alias, a capitalised word inside the sentence, or a pronoun), or a
direct quote (quoted statements are events). Every other sentence is only tokenised.

Trigger word forms come from the pattern lemmas, inflected by rule and by the lemmatizer's own
exception table (irregular forms: "fought", "seized", "took"), so the filter stays in step with
the patterns and the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_PRONOUNS = frozenset({"he", "she", "they", "we", "it", "i", "you"})
_QUOTES = re.compile('[\u201c\u201d"\u00ab\u00bb]')
_VOWELS = set("aeiou")


def verb_forms(lemma: str) -> set[str]:
    """Regular inflections of an English verb (over-generation is harmless here)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        out |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if (
        len(lemma) >= 3
        and lemma[-1] not in _VOWELS | {"w", "x", "y"}
        and lemma[-2] in _VOWELS
        and lemma[-3] not in _VOWELS
    ):
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "stopped", "planning"
    return out


def noun_forms(lemma: str) -> set[str]:
    out = {lemma, lemma + "s", lemma + "es"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in _VOWELS:
        out.add(lemma[:-1] + "ies")
    return out


class SentenceFilter:
    """Decides per sentence whether the parse is needed.

    ``verb_needs``/``noun_needs``: for trigger lemmas whose every pattern asks for particular words ("cut" + ties,
    "strike" + air), the words one of which must also occur in the sentence."""

    def __init__(
        self,
        verbs: Iterable[str],
        nouns: Iterable[str],
        exceptions: dict[str, dict[str, list[str]]] | None = None,
        verb_needs: dict[str, frozenset[str]] | None = None,
        noun_needs: dict[str, frozenset[str]] | None = None,
    ) -> None:
        verbs, nouns = set(verbs), set(nouns)
        self.verb_lemmas = _form_index(verbs, verb_forms, (exceptions or {}).get("verb", {}))
        self.noun_lemmas = _form_index(nouns, noun_forms, (exceptions or {}).get("noun", {}))
        self.verb_needs = {k: frozenset(w for x in ws for w in noun_forms(x)) for k, ws in (verb_needs or {}).items()}
        self.noun_needs = {k: frozenset(w for x in ws for w in noun_forms(x)) for k, ws in (noun_needs or {}).items()}

    def needs_parse_tagged(self, words: list[tuple[str, str]], has_alias: bool) -> bool:
        """``words``: the sentence's (text, tag) pairs; ``has_alias``: a knowledge-base alias
        (actor, agent or role word) occurs in it. A verb form counts only as a verb (VB*), a noun
        form only as a noun (NN*); an actor-like word is an alias, a name (NNP) or a pronoun."""
        trigger = False
        actor = has_alias
        lowered: set[str] | None = None
        for text, tag in words:
            low = text.lower()
            if not trigger:
                if tag.startswith("VB"):
                    lemmas, needs = self.verb_lemmas.get(low, ()), self.verb_needs
                elif tag.startswith("NN"):
                    lemmas, needs = self.noun_lemmas.get(low, ()), self.noun_needs
                else:
                    lemmas, needs = (), {}
                for lemma in lemmas:
                    need = needs.get(lemma)
                    if need is None:
                        trigger = True
                        break
                    if lowered is None:
                        lowered = {w.lower() for w, _ in words}
                    if need & lowered:
                        trigger = True
                        break
            if not actor and (tag in ("NNP", "NNPS") or (tag == "PRP" and low in _PRONOUNS)):
                actor = True
            if trigger and actor:
                return True
        return False

    @staticmethod
    def has_quote(text: str) -> bool:
        return bool(_QUOTES.search(text))


def _form_index(lemmas: Iterable[str], inflect: Any, exceptions: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    wanted = set(lemmas)
    for lemma in wanted:
        for form in inflect(lemma):
            index.setdefault(form, set()).add(lemma)
    for form, lems in exceptions.items():
        for lemma in lems:
            if lemma in wanted:
                index.setdefault(form, set()).add(lemma)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def lemmatizer_exceptions(nlp: Any) -> dict[str, dict[str, list[str]]]:
    """The irregular-form tables of the pipeline's rule lemmatizer, when it has them."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (KeyError, ValueError, AttributeError):
        return {}
    out: dict[str, dict[str, list[str]]] = {}
    for pos in ("verb", "noun"):
        try:
            out[pos] = dict(table[pos])
        except KeyError:
            continue
    return out
