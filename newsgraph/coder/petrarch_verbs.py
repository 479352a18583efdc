"""Convert a PETRARCH verb dictionary (CAMEO.2.0.txt format) into newsgraph's verb patterns.

PETRARCH matches word patterns around a verb; our coder matches dependency relations (object
lemma, particle, preposition of the target; docs/patterns.md). The two overlap for the plainest
patterns only, so this converter takes what maps cleanly and counts the rest, by reason, in
``stats``. The dictionary format, as read here:

``&NAME`` then ``+WORD`` lines
    a synset; patterns use ``&NAME`` for "any of these" (synsets may contain synsets).
``--- NAME [CODE] ---``
    starts a verb block; ``CODE`` is the default event code of its verbs (``---``: none;
    ``032:033`` also codes the reverse event 033, kept in ``note`` only).
verb lines
    ``ABANDON``, ``BREAK {BROKE BROKEN}`` (irregular forms), ``DOWNPLAY [014]`` (own default),
    ``+BREAK_DOWN`` (a multiword verb; ``+`` marks the verb word). PETRARCH lists some inflected
    forms as verbs (``MET``); they are reduced to the lemma spaCy would give.
``- WORDS [CODE]``
    a pattern of the block: ``*`` the verb, ``$`` the source, ``+`` the target, ``%`` a compound
    actor, ``^`` skips a phrase, ``{...}`` a noun phrase, ``(...)`` a prepositional phrase, ``_``
    joins adjacent words. Patterns apply to every one-word verb of the block.
``~ ...``
    transformations of event codes (CAMEO.2.0.txt's last section): not converted.

What converts (everything after ``*``; before it only an optional ``$``):

=================================  ==============================================
``- * DOWN``                       ``{prt: down}``
``- * WITH +`` / ``- * (TO)``      ``{prep: [with]}`` (target = object of "with")
``- * TIES``                       ``{obj: [tie, ties]}``
``- * &TIETYPES TIES``             ``{obj: [tie, ties], compound: [military, ...]}``
``- * DOWN FROM``                  ``{prt: down, prep: [from]}``
``- * SUPPORT FOR +``              ``{obj: [support], prep: [for]}``
``- * LEVEL (OF AID)``             ``{obj: [level], of: [aid]}``
``- * +``                          ``{target: obj}``
=================================  ==============================================

``compound`` (a modifier of the object) and ``of`` (the object's of-complement) are keys of our
pattern format; ``modifiers=False`` leaves such patterns out for matchers that ignore them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import KnowledgeBaseError
from ..kb.petrarch import dictionary_lines
from .patterns import PatternSet, _parse

PARTICLES = frozenset("up down off out back away aside apart together forward ahead".split())
PREPOSITIONS = frozenset(
    "about above across after against along amid among amongst around as at before behind below beneath "
    "beside besides between beyond by despite during for from in inside into near of on onto outside over "
    "per since through throughout to toward towards under until upon via with within without".split()
)
DETERMINERS = frozenset("the a an its their his her our your my this that these those".split())
# Words that are not part of an object noun phrase: PETRARCH patterns use them for modality
# ("* WOULD VISIT", "NOT *"), which our coder handles apart from the trigger patterns.
FUNCTION_WORDS = frozenset(
    "not no never neither nor n't will would shall should may might must can could is are am was were be "
    "been being have has had do does did to now again ever also really very just still already so "
    "then".split()
)
MAX_EXPANSION = 400  # synset combinations per pattern before we give up on it
_TOKEN = re.compile(r"&[A-Za-z0-9_]+|[*$+%^{}()|]|[^\s*$+%^{}()|]+")
# The closing "---" is optional: a comment on the header line ("--- X [---] # NOUN ---") hides it.
_HEADER = re.compile(r"^---\s*(?P<name>[^\[]*?)\s*(?P<codes>(?:\[[^\]]*\]\s*)*)(?:-{3,}\s*)*$")
_CODE = re.compile(r"\[([^\]]*)\]")


_MARKER_REASONS = {
    "$": "source after the verb",
    "%": "compound actor (%)",
    "^": "skip marker (^)",
    "|": "alternatives marker (|)",
}


class _Skip(Exception):
    """A pattern that does not map onto our format; the message is the reason."""


@dataclass
class _VerbLine:
    line: int
    tokens: list[str]  # words of the verb phrase, "+" markers removed
    verb_at: int  # index of the verb word
    code: str | None  # own default code, overrides the block's
    has_code: bool


@dataclass
class _Block:
    name: str
    line: int
    code: str | None
    has_code: bool
    verbs: list[_VerbLine] = field(default_factory=list)
    patterns: list[tuple[int, str]] = field(default_factory=list)  # (line, text after "- ")


@dataclass
class _Parsed:
    synsets: dict[str, list[list[str]]]
    blocks: list[_Block]
    transformations: int


# -- reading ------------------------------------------------------------------------------------------


def _split_code(spec: str, where: str) -> tuple[str | None, str | None]:
    """``"032:033"`` -> ("032", "033"); ``"---"`` -> (None, None); ``":110"`` -> (None, "110")."""
    spec = spec.strip()
    main, _, reverse = spec.partition(":")
    main, reverse = main.strip(), reverse.strip()
    return (None if main in ("", "---") else main), (None if reverse in ("", "---") else reverse)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s_]+", text) if w]


def _read(path: str | Path) -> _Parsed:
    synsets: dict[str, list[list[str]]] = {}
    blocks: list[_Block] = []
    current_syn: str | None = None
    in_block = False
    transformations = 0
    for ln in dictionary_lines(path):
        where = f"{path}:{ln.no}"
        text = ln.text.strip()
        if text.startswith("~"):
            transformations += 1
            continue
        if text.startswith("---"):
            m = _HEADER.match(text)
            if m is None:
                raise KnowledgeBaseError(f"{where}: verb block header {text!r} must look like '--- NAME [CODE] ---'")
            codes = _CODE.findall(m.group("codes"))
            blocks.append(_Block(m.group("name").strip().rstrip("_"), ln.no, codes[0] if codes else None, bool(codes)))
            in_block, current_syn = True, None
        elif text.startswith("&"):
            name = text[1:].split()[0].rstrip("_").upper()
            if not name:
                raise KnowledgeBaseError(f"{where}: synset line {text!r} needs a name after '&'")
            synsets[name] = []
            current_syn = name
        elif text.startswith("-"):
            if not blocks or current_syn is not None:
                raise KnowledgeBaseError(
                    f"{where}: pattern {text!r} is not inside a verb block; put it under a '--- NAME [CODE] ---' header"
                )
            blocks[-1].patterns.append((ln.no, text[1:].strip()))
        elif current_syn is not None and text.startswith("+"):
            member = _words(text[1:].strip().rstrip("_"))
            if member:
                synsets[current_syn].append(member)
        elif in_block:
            blocks[-1].verbs.append(_verb_line(text, ln.no, where))
        else:
            raise KnowledgeBaseError(
                f"{where}: cannot tell what {text!r} is: not a synset (&NAME, +WORD), a block header "
                "(--- NAME [CODE] ---), a verb or a pattern (- ... [CODE])"
            )
    return _Parsed(synsets, blocks, transformations)


def _verb_line(text: str, no: int, where: str) -> _VerbLine:
    codes = _CODE.findall(text)
    body = _CODE.sub(" ", text)
    # Irregular forms in braces and anything after them ("{...};shan 8/30/93") are not needed:
    # lemmas come from the first form.
    body = body.split("{")[0].split(";")[0].strip()
    raw = _words(body)
    if not raw:
        raise KnowledgeBaseError(f"{where}: verb line {text!r} has no verb")
    marked = [i for i, w in enumerate(raw) if w.startswith("+")]
    tokens = [w.lstrip("+").rstrip("_") for w in raw]
    code = codes[0] if codes else None
    return _VerbLine(no, [t for t in tokens], marked[0] if marked else 0, code, bool(codes))


# -- lemmas -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lemmatizer:
    """spaCy's rule lemmatizer applied to single words whose part of speech we assume."""

    nlp: Any
    pipe: Any
    index: Any  # pos -> set of known base forms

    def lemma(self, word: str, pos: str) -> str:
        known = self.index.get(pos.lower(), ())
        if word in known:
            return word  # already a base form ("press", "lay"): the rules would mangle it
        from spacy.tokens import Doc

        out = self.pipe.rule_lemmatize(Doc(self.nlp.vocab, words=[word], pos=[pos])[0])
        exc = self.pipe.lookups.get_table("lemma_exc").get(pos.lower(), {})
        # Only lemmas the lexicon knows: the suffix rules turn unknown words into stems
        # ("revolver" -> "revolv").
        if out and (out[0] in known or word in exc):
            return out[0]
        return word

    def forms(self, word: str, pos: str) -> set[str]:
        """The word and every lemma of it the lexicon knows ("relations" -> relations, relation)."""
        from spacy.tokens import Doc

        known = self.index.get(pos.lower(), ())
        out = {word, self.lemma(word, pos)}
        out.update(x for x in self.pipe.rule_lemmatize(Doc(self.nlp.vocab, words=[word], pos=[pos])[0]) if x in known)
        return out

    def known_as(self, word: str, pos: str) -> bool:
        return word in self.index.get(pos.lower(), ()) or self.lemma(word, pos) in self.index.get(pos.lower(), ())


@lru_cache(maxsize=1)
def _spacy_lemmatizer() -> _Lemmatizer | None:
    """The lemmatizer of the pinned spaCy model (loaded once), or None when it is not installed."""
    try:
        import spacy

        from ..nlp.spacy_nlp import DEFAULT_MODEL

        nlp = spacy.load(DEFAULT_MODEL, exclude=["tok2vec", "tagger", "parser", "ner", "attribute_ruler", "senter"])
        pipe: Any = nlp.get_pipe("lemmatizer")
        return _Lemmatizer(nlp, pipe, pipe.lookups.get_table("lemma_index"))
    except Exception:  # noqa: BLE001 - any failure just means "no lemmatizer": lower case is used
        return None


@lru_cache(maxsize=65536)
def lemma_of(word: str, pos: str = "VERB", use_spacy: bool = True) -> str:
    """Lower-case lemma of one dictionary word (``MET`` -> ``meet``); plain lower case without spaCy."""
    w = word.lower()
    lem = _spacy_lemmatizer() if use_spacy else None
    return lem.lemma(w, pos) if lem else w


@lru_cache(maxsize=65536)
def _not_a_noun(word: str, use_spacy: bool) -> bool:
    """True for words the lexicon knows only as a verb, adjective or adverb ("WANTED", "DEAD").

    Unknown words (names, "IFTAR") count as nouns; without spaCy nothing is rejected.
    """
    lem = _spacy_lemmatizer() if use_spacy else None
    if lem is None:
        return False
    w = word.lower()
    if lem.known_as(w, "NOUN"):
        return False
    return any(lem.known_as(w, pos) for pos in ("VERB", "ADJ", "ADV"))


# -- conversion of one pattern ------------------------------------------------------------------------


@dataclass
class _Ctx:
    synsets: dict[str, list[list[str]]]
    use_spacy: bool
    modifiers: bool
    partial: int = 0  # patterns converted without some of their synset expansions


def _tokens(text: str, synsets: dict[str, list[list[str]]]) -> list[str]:
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        if tok.startswith("&"):
            name = tok[1:].upper()
            # "&TIETYPES_MEMOS": the longest known synset name, the rest are words.
            parts = name.split("_")
            for k in range(len(parts), 0, -1):
                cand = "_".join(parts[:k])
                if cand in synsets or cand.rstrip("_") in synsets:
                    out.append("&" + cand)
                    out.extend(p for p in parts[k:] if p)
                    break
            else:
                raise _Skip("unknown synset")
        else:
            out.extend(_words(tok))
    return out


def _alternatives(tok: str, ctx: _Ctx, seen: frozenset[str] = frozenset()) -> list[list[str]]:
    """Word sequences a token stands for: itself, or every member of a synset (recursively)."""
    if not tok.startswith("&"):
        return [[tok]]
    name = tok[1:]
    if name in seen:
        raise _Skip("recursive synset")
    out: list[list[str]] = []
    for member in ctx.synsets.get(name, []):
        combos: list[list[str]] = [[]]
        for w in member:
            alts = _alternatives(w, ctx, seen | {name}) if w.startswith("&") else [[w]]
            combos = [c + a for c in combos for a in alts]
            if len(combos) > MAX_EXPANSION:
                raise _Skip("synset expansion too large")
        out.extend(combos)
    return out


def _noun_phrase(words: list[str], ctx: _Ctx) -> list[tuple[frozenset[str], frozenset[str]]]:
    """(heads, modifiers) groups for an object noun phrase, synsets expanded.

    Each expansion's last word is the head and the word before it (if any) the modifier; the
    expansions are grouped so that every group is one pattern: heads that share the same
    modifiers, then modifiers that share the same heads.
    """
    slots = [_alternatives(w, ctx) for w in words if w.lower() not in DETERMINERS]
    if not slots or any(not s for s in slots):
        raise _Skip("empty synset")
    total = 1
    for s in slots:
        total *= len(s)
    if total > MAX_EXPANSION:
        raise _Skip("synset expansion too large")
    by_mod: dict[str | None, set[str]] = defaultdict(set)
    too_long = 0
    for combo in itertools.product(*slots):
        flat = [w for part in combo for w in part if w.lower() not in DETERMINERS]
        if not flat:
            raise _Skip("empty noun phrase")
        if any(w.lower() in PREPOSITIONS for w in flat):
            raise _Skip("preposition with a fixed object")
        if any(w.lower() in FUNCTION_WORDS for w in flat):
            raise _Skip("auxiliary, negation or adverb after the verb")
        if _not_a_noun(flat[-1], ctx.use_spacy):
            raise _Skip("verb, adjective or adverb where the object should be")
        if len(flat) > 2:
            # One modifier is all a pattern can require; a synset member such as
            # GOLDEN_GOBLIN_GALLEONS is dropped, its shorter siblings are kept.
            too_long += 1
            continue
        by_mod[flat[0] if len(flat) == 2 else None].add(flat[-1])
    if not by_mod:
        raise _Skip("object with several modifiers")
    if too_long:
        ctx.partial += 1
    by_heads: dict[frozenset[str], set[str]] = defaultdict(set)
    plain: list[frozenset[str]] = []
    for mod, heads in by_mod.items():
        if mod is None:
            plain.append(frozenset(heads))
        else:
            by_heads[frozenset(heads)].add(mod)
    out: list[tuple[frozenset[str], frozenset[str]]] = [(h, frozenset()) for h in plain]
    out += [(h, frozenset(m)) for h, m in by_heads.items()]
    return out


@lru_cache(maxsize=65536)
def _forms(word: str, pos: str, use_spacy: bool) -> frozenset[str]:
    lem = _spacy_lemmatizer() if use_spacy else None
    w = word.lower()
    return frozenset(lem.forms(w, pos)) if lem else frozenset([w])


def _noun_lemmas(words: frozenset[str], ctx: _Ctx, pos: str = "NOUN") -> list[str]:
    # The surface form and its lemmas: the parser's lemma of "talks" may be either.
    out: set[str] = set()
    for w in words:
        out |= _forms(w, pos, ctx.use_spacy)
        if pos == "ADJ":  # a modifier may be an adjective or a noun ("trade ties")
            out |= _forms(w, "NOUN", ctx.use_spacy)
    return sorted(out)


def convert_pattern(text_after_verb_marker: list[str], ctx: _Ctx) -> list[dict[str, Any]]:
    """Pattern dicts (without code) for the tokens of one PETRARCH pattern; raises _Skip."""
    toks = text_after_verb_marker
    if toks.count("*") != 1:
        raise _Skip("no verb marker *" if "*" not in toks else "several verb markers *")
    star = toks.index("*")
    pre, post = toks[:star], toks[star + 1 :]
    if pre and pre != ["$"]:
        if "+" in pre:
            raise _Skip("target before the verb")
        if "%" in pre:
            raise _Skip("compound actor (%)")
        raise _Skip("words before the verb")
    # Items after the verb: ("W", word), ("T",) target, ("PP", [words]).
    items: list[tuple[Any, ...]] = []
    i = 0
    while i < len(post):
        t = post[i]
        if t == "(":
            j = post.index(")", i) if ")" in post[i:] else -1
            if j < 0:
                raise _Skip("unbalanced parentheses")
            inner = [w for w in post[i + 1 : j] if w not in "{}"]
            for marker, reason in _MARKER_REASONS.items():
                if marker in inner:
                    raise _Skip(reason)
            if inner and inner[-1] == "+":
                # "(TO +)": the target is the object of the preposition.
                inner = inner[:-1]
                post = post[: j + 1] + ["+"] + post[j + 1 :]
            if inner and inner[0].lower() in PARTICLES and not items:
                # "(OUT OF)", "(ASIDE RIFT)": a particle, then a preposition or an object.
                items.extend(("W", w) for w in inner)
            else:
                items.append(("PP", inner))
            i = j + 1
            continue
        if t in ("{", "}", ")"):
            i += 1
            continue
        if t in _MARKER_REASONS:
            raise _Skip(_MARKER_REASONS[t])
        items.append(("T",) if t == "+" else ("W", t))
        i += 1
    base: dict[str, Any] = {}
    if items and items[0][0] == "W" and items[0][1].lower() in PARTICLES:
        base["prt"] = items.pop(0)[1].lower()
    np_words: list[str] = []
    while items and items[0][0] == "W" and items[0][1].lower() not in PREPOSITIONS:
        np_words.append(items.pop(0)[1])
    prep: str | None = None
    pobj: list[str] = []
    target_after = False
    if items and items[0][0] == "PP":
        inner = items.pop(0)[1]
        if not inner or inner[0].lower() not in PREPOSITIONS:
            raise _Skip("prepositional phrase without a preposition")
        prep, pobj = inner[0].lower(), inner[1:]
    elif items and items[0][0] == "W":
        prep = items.pop(0)[1].lower()
        while items and items[0][0] == "W" and items[0][1].lower() not in PREPOSITIONS:
            pobj.append(items.pop(0)[1])
    if items and items[0][0] == "T":
        items.pop(0)
        target_after = True
    if items:
        raise _Skip("several phrases after the verb")
    if target_after and prep is None:
        if np_words:
            raise _Skip("target after the object")
        base["target"] = "obj"
    groups = _noun_phrase(np_words, ctx) if np_words else [(frozenset(), frozenset())]
    of_heads: frozenset[str] = frozenset()
    if prep is not None:
        if target_after and pobj:
            raise _Skip("target after a prepositional object")
        if pobj:
            if prep != "of" or not np_words:
                raise _Skip("preposition with a fixed object")
            of_groups = _noun_phrase(pobj, ctx)
            if len(of_groups) != 1 or of_groups[0][1]:
                raise _Skip("modifier inside the of-phrase")
            of_heads = of_groups[0][0]
        else:
            base["prep"] = [prep]
    out = []
    for heads, mods in groups:
        if mods and not ctx.modifiers:
            raise _Skip("object modifiers (compound) not wanted")
        d = dict(base)
        if heads:
            d["obj"] = _noun_lemmas(heads, ctx)
        if mods:
            d["compound"] = _noun_lemmas(mods, ctx, "ADJ")
        if of_heads:
            if not ctx.modifiers:
                raise _Skip("of-complement not wanted")
            d["of"] = _noun_lemmas(of_heads, ctx)
        out.append(d)
    return out


# -- the whole dictionary -----------------------------------------------------------------------------


def _specificity(p: dict[str, Any]) -> int:
    return (
        2 * bool(p.get("obj"))
        + bool(p.get("compound"))
        + bool(p.get("prt"))
        + bool(p.get("prep"))
        + bool(p.get("of"))
        + (p.get("target") == "obj")
    )


def _signature(p: dict[str, Any]) -> tuple[Any, ...]:
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(p.items()) if k not in ("code", "note"))


def load_petrarch_verbs(path: str | Path, lemmatize: bool = True, modifiers: bool = True) -> dict[str, Any]:
    """``{"verbs": {lemma: [pattern, ...]}, "nouns": {}, "stats": {...}}`` from a PETRARCH verb file.

    The result (without "stats", which ``load_patterns`` ignores anyway) can be dumped to YAML
    and used as a pattern file. ``lemmatize`` uses spaCy's lemmatizer when the model is there;
    ``modifiers=False`` drops patterns that need ``compound``/``of``.
    """
    parsed = _read(path)
    ctx = _Ctx(parsed.synsets, lemmatize, modifiers)
    name = Path(path).name
    reasons: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    stats: dict[str, Any] = {
        "blocks": len(parsed.blocks),
        "synsets": len(parsed.synsets),
        "verb_lines": 0,
        "multiword_verbs": 0,
        "verbs_skipped": 0,
        "patterns": 0,
        "converted": 0,
        "skipped": 0,
        "defaults": 0,
        "reciprocal_codes": 0,
        "transformations_skipped": parsed.transformations,
    }
    # lemma -> [(specificity, rank, order, pattern)]
    found: dict[str, list[tuple[int, int, int, dict[str, Any]]]] = defaultdict(list)
    order = itertools.count()

    def skip(reason: str, where: str, text: str, counter: str = "skipped") -> None:
        reasons[reason] += 1
        stats[counter] += 1
        if len(examples[reason]) < 3:
            examples[reason].append(f"{where}: {text}")

    def code_of(spec: str | None, where: str) -> tuple[str | None, str | None]:
        if spec is None:
            return None, None
        main, reverse = _split_code(spec, where)
        if main is not None and not re.fullmatch(r"[0-9A-Za-z]+", main):
            raise _Skip("not an event code")
        return main, reverse

    def add(lemma: str, pats: list[dict[str, Any]], code: str, reverse: str | None, note: str, rank: int) -> None:
        for p in pats:
            p = {"code": code, **p, "note": note + (f"; reverse event {reverse}" if reverse else "")}
            found[lemma].append((-_specificity(p), rank, next(order), p))

    for block in parsed.blocks:
        try:
            block_code, block_rev = code_of(block.code, f"{path}:{block.line}")
        except _Skip:
            block_code, block_rev = None, None
        single: list[tuple[str, int]] = []  # (lemma, rank) of the one-word verbs
        for v in block.verbs:
            stats["verb_lines"] += 1
            where = f"{name}:{v.line}"
            try:
                code, rev = code_of(v.code, where) if v.has_code else (block_code, block_rev)
            except _Skip as exc:
                skip(f"verb: {exc}", where, " ".join(v.tokens), "verbs_skipped")
                continue
            lemma = lemma_of(v.tokens[v.verb_at], "VERB", lemmatize)
            # An inflected form listed as a verb of its own (MET beside MEET, LEFT beside LEAVE)
            # only ever matched that form in PETRARCH; it is the more specific entry, so it goes
            # first when both give the same lemma the same constraints.
            rank = 0 if lemma != v.tokens[v.verb_at].lower() else 1
            if len(v.tokens) == 1:
                single.append((lemma, rank))
                if code is not None:
                    stats["defaults"] += 1
                    stats["reciprocal_codes"] += rev is not None
                    add(lemma, [{}], code, rev, f"PETRARCH {where} {v.tokens[0]}", rank)
                continue
            # A multiword verb ("+BREAK_DOWN") is the pattern "* DOWN" with the verb's code.
            stats["multiword_verbs"] += 1
            text = " ".join(v.tokens[: v.verb_at] + ["*"] + v.tokens[v.verb_at + 1 :])
            if code is None:
                skip("multiword verb: no code", where, text, "verbs_skipped")
                continue
            try:
                if v.verb_at:
                    raise _Skip("word before the verb")
                pats = convert_pattern(_tokens(text, parsed.synsets), ctx)
            except _Skip as exc:
                skip(f"multiword verb: {exc}", where, text, "verbs_skipped")
                continue
            stats["reciprocal_codes"] += rev is not None
            add(lemma, pats, code, rev, f"PETRARCH {where} {'_'.join(v.tokens)}", rank)
        for no, text in block.patterns:
            stats["patterns"] += 1
            where = f"{name}:{no}"
            text = " ".join(text.split())  # CAMEO.2.0.txt pads its columns with spaces
            codes = _CODE.findall(text)
            body = _CODE.sub(" ", text).strip()
            try:
                if not codes:
                    raise _Skip("no code")
                code, rev = code_of(codes[-1], where)
                if code is None and rev is not None:
                    raise _Skip("only a reverse code ([:CODE])")
                if code is None:
                    raise _Skip("null code (---): PETRARCH's 'no event here'")
                if not single:
                    raise _Skip("block has no one-word verb")
                pats = convert_pattern(_tokens(body, parsed.synsets), ctx)
            except _Skip as exc:
                skip(str(exc), where, text)
                continue
            stats["converted"] += 1
            stats["reciprocal_codes"] += rev is not None
            for lemma, rank in single:
                add(lemma, [dict(p) for p in pats], code, rev, f"PETRARCH {where} - {text}", rank)

    verbs: dict[str, list[dict[str, Any]]] = {}
    dropped = Counter[str]()
    for lemma, entries in found.items():
        entries.sort(key=lambda e: e[:3])
        seen: dict[tuple[Any, ...], dict[str, Any]] = {}
        out: list[dict[str, Any]] = []
        for *_, p in entries:
            sig = _signature(p)
            if sig in seen:
                kept = seen[sig]
                same = kept["code"] == p["code"]
                why = "same constraints, same code" if same else "same constraints, other code"
                dropped[why] += 1
                example = f"{lemma}: kept {kept['note']} over {p['note']}"
                if not same and len(examples[why]) < 5 and example not in examples[why]:
                    examples[why].append(example)
                continue
            seen[sig] = p
            out.append(p)
        verbs[lemma] = out
    stats["partially_converted"] = ctx.partial
    stats["lemmas"] = len(verbs)
    stats["output_patterns"] = sum(len(v) for v in verbs.values())
    stats["dropped_after_conversion"] = dict(dropped)
    stats["skipped_by_reason"] = dict(reasons.most_common())
    stats["examples"] = dict(examples)
    stats["lemmatizer"] = "spacy" if (lemmatize and _spacy_lemmatizer() is not None) else "lowercase"
    return {"verbs": verbs, "nouns": {}, "stats": stats}


def petrarch_patterns(path: str | Path, lemmatize: bool = True, modifiers: bool = True) -> PatternSet:
    """A PatternSet with only the converted verbs of ``path`` (no built-in patterns, no nouns)."""
    data = load_petrarch_verbs(path, lemmatize=lemmatize, modifiers=modifiers)
    return PatternSet(_parse("verb", data["verbs"], str(path)), {}, frozenset())
