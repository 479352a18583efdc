"""Read PETRARCH/CAMEO-format actor, agent and discard dictionaries into the knowledge base.

PETRARCH (and TABARI before it) keep their knowledge in flat text files; users who already have
such dictionaries can bring them to newsgraph without rewriting them as YAML. What the formats
mean, as far as this reader is concerned:

Every file
    ``#`` starts a comment that runs to the end of the line; ``<!-- ... -->`` comments may span
    lines; a line that is a bare ``<...>`` tag is skipped. Names use ``_`` for spaces; a trailing
    ``_`` (TABARI's "match this word exactly") is dropped because our matcher always matches
    whole words.

Actors (``load_petrarch_actors``)
    An entry is a name line, optionally ``+SYNONYM`` lines, and one or more codes in brackets,
    on the name line or on indented lines of their own::

        FOOLAND [FOO]
        +FOOLANDER
        KING_ZOG                  # a person with dated codes, no default code
            [FOOGOV 19900101-19991231]
            [FOOELI >991231]

    ``[CODE]`` is the default code; ``[CODE <YYMMDD]`` holds before the date, ``[CODE >YYMMDD]``
    after it, ``[CODE YYMMDD-YYMMDD]`` between the two dates (inclusive); dates have six
    (YYMMDD, years below 30 are 20xx) or eight digits. The first dated code that holds on a day
    wins, else the default. ``[A/B]`` gives the actor several codes at once. Dated and multiple
    codes are kept as roles ``Role(role="code", of=CODE, since, until)``; see ``codes_on``.

Agents (``load_petrarch_agents``)
    ``WORD {PLURALS} [~CODE]``. ``~CODE`` means the agent code follows the actor code
    (``GON`` + ``~GOV`` = ``GONGOV``), ``CODE~`` that it precedes it (``NGO~`` + ``ARN`` =
    ``NGOARN``). ``{}`` means "no plural", ``{A B}`` lists the plurals, no braces means the
    regular English plural. ``!NAME! = A, B, C`` defines a substitution set: ``CONGRESS!PERSON!``
    stands for CONGRESSMAN, CONGRESSWOMAN, ...

Discards (``load_petrarch_discards``)
    One phrase a line. A leading ``+`` marks a story-level discard (the whole story is
    dropped: "+TYPHOON"); without it the phrase discards only the sentence it occurs in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from ..errors import KnowledgeBaseError
from .loader import KnowledgeBase
from .model import Actor, Role
from .text import fold

# CAMEO agent (sector) codes that may sit at positions 4-6 of an actor code (docs/knowledge-base.md).
SECTOR_CODES = frozenset(
    "GOV MIL COP JUD LEG SPY OPP PTY REB SEP INS UAF CRM RAD MOD CVL REF MED EDU BUS LAB HLH HRI "
    "NGO IGO REL ELI ENV AGR SUP".split()
)
# CAMEO prefixes that are not countries: international/transnational actors.
_TRANSNATIONAL = {"IGO": "igo", "NGO": "ngo", "NGM": "ngo", "IMG": "group", "MNC": "group", "UIS": "group"}
_CONSONANTS3 = re.compile(r"[b-df-hj-np-tv-z]{3}")
_SMALL_WORDS = frozenset("of the and for in on at to de du da al el la le bin ibn van von a an".split())


# -- shared line reader -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One meaningful line of a dictionary: comments removed, original number kept for errors."""

    no: int
    text: str  # comment-free, right-stripped; leading whitespace kept (it means "continuation")
    raw: str  # as in the file, for messages and notes


_XML_COMMENT = re.compile(r"<!\s*--.*?-->", re.S)
_TAG_LINE = re.compile(r"^\s*<[^>]*>\s*$")


def read_text(path: str | Path) -> str:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise KnowledgeBaseError(f"{p}: dictionary file not found; check the path") from None
    except IsADirectoryError:
        raise KnowledgeBaseError(f"{p}: is a directory; give the dictionary file itself") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Old TABARI/PETRARCH files are Latin-1 where they are not plain ASCII.
        return data.decode("latin-1")


def _strip_hash_comment(line: str) -> str:
    # "#" inside a code block is a code character ("[###]"), not a comment.
    depth = 0
    for i, c in enumerate(line):
        if c == "[":
            depth += 1
        elif c == "]":
            depth = max(depth - 1, 0)
        elif c == "#" and depth == 0:
            return line[:i]
    return line


def dictionary_lines(path: str | Path, hash_comments: bool = True) -> Iterator[Line]:
    """The non-empty lines of a PETRARCH dictionary, without comments.

    XML comments are blanked out with their newlines kept, so line numbers stay exact.
    """
    text = read_text(path).replace("\r\n", "\n").replace("\r", "\n")
    text = _XML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for no, raw in enumerate(text.split("\n"), start=1):
        line = raw
        if _TAG_LINE.match(line):
            continue
        if hash_comments and "#" in line:
            line = _strip_hash_comment(line)
        line = line.rstrip()
        if line.strip():
            yield Line(no, line, raw.rstrip())


def phrase(word: str) -> str:
    """``PRESIDENT_GEORGE_W._BUSH`` -> ``PRESIDENT GEORGE W. BUSH`` (still upper case)."""
    return " ".join(word.replace("_", " ").split())


def display_case(upper: str) -> str:
    """Sensible capitalisation for an all-capital dictionary name.

    Acronyms stay capital where we can tell (a single short word, two-letter words, words with
    dots), because short all-capital aliases are matched case-sensitively by the KB.
    """
    words = phrase(upper).split(" ")
    out = []
    for i, w in enumerate(words):
        letters = [c for c in w if c.isalpha()]
        low = w.lower()
        if "." in w or not letters:
            out.append(w)
        elif len(words) == 1 and (len(letters) <= 3 or (len(letters) <= 5 and _CONSONANTS3.search(low))):
            out.append(w.upper())  # IMF, UAE, USSR
        elif low in _SMALL_WORDS:
            out.append(low if i else low.capitalize())
        elif len(letters) == 2 and w.isalpha():
            out.append(w.upper())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in w.split("-")))
    return " ".join(out)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


# -- actors --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatedCode:
    code: str
    since: str | None = None  # ISO dates, inclusive
    until: str | None = None

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None


@dataclass
class _Entry:
    name: str
    line: int
    synonyms: list[str]
    codes: list[DatedCode]


_BRACKET = re.compile(r"\[([^\]]*)\]")
_CODE_SPEC = re.compile(
    r"^(?P<code>[^\s<>]+?)\s*(?:(?P<op>[<>])\s*(?P<d>\d{6}|\d{8})|(?P<d1>\d{6}|\d{8})\s*-\s*(?P<d2>\d{6}|\d{8}))?$"
)


def _parse_date(s: str, where: str) -> dt.date:
    if len(s) == 6:
        yy = int(s[:2])
        year = (2000 if yy < 30 else 1900) + yy
        month, day = int(s[2:4]), int(s[4:6])
    else:
        year, month, day = int(s[:4]), int(s[4:6]), int(s[6:8])
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise KnowledgeBaseError(
            f"{where}: {s!r} is not a valid date; write YYMMDD or YYYYMMDD (e.g. 950601 or 19950601)"
        ) from None


def parse_code_spec(spec: str, where: str) -> list[DatedCode]:
    """``FOOGOV 950601-991231`` -> [DatedCode("FOOGOV", "1995-06-01", "1999-12-31")]."""
    spec = " ".join(spec.split())
    m = _CODE_SPEC.match(spec)
    if not spec or m is None:
        raise KnowledgeBaseError(
            f"{where}: cannot read the code block [{spec}]; expected [CODE], [CODE <YYMMDD], "
            "[CODE >YYMMDD] or [CODE YYMMDD-YYMMDD]"
        )
    since = until = None
    if m.group("op") == "<":
        until = (_parse_date(m.group("d"), where) - dt.timedelta(days=1)).isoformat()
    elif m.group("op") == ">":
        since = (_parse_date(m.group("d"), where) + dt.timedelta(days=1)).isoformat()
    elif m.group("d1"):
        a, b = _parse_date(m.group("d1"), where), _parse_date(m.group("d2"), where)
        if b < a:
            raise KnowledgeBaseError(f"{where}: date range [{spec}] ends before it starts; swap the dates")
        since, until = a.isoformat(), b.isoformat()
    codes = [c.upper() for c in m.group("code").split("/") if c]
    if not codes or any(not re.fullmatch(r"[A-Z0-9+\-#]+", c) for c in codes):
        raise KnowledgeBaseError(f"{where}: {m.group('code')!r} is not an actor code; codes are letters/digits")
    return [DatedCode(c, since, until) for c in codes]


def _read_actor_entries(path: str | Path) -> list[_Entry]:
    entries: list[_Entry] = []
    for ln in dictionary_lines(path):
        where = f"{path}:{ln.no}"
        text = ln.text
        codes: list[DatedCode] = []
        for spec in _BRACKET.findall(text):
            codes.extend(parse_code_spec(spec, where))
        bare = _BRACKET.sub(" ", text)
        if "[" in bare or "]" in bare:
            raise KnowledgeBaseError(f"{where}: unbalanced '[' or ']' in {ln.raw.strip()!r}; close the code block")
        bare = bare.strip()
        if bare.startswith("+"):
            if not entries:
                raise KnowledgeBaseError(
                    f"{where}: synonym {bare!r} comes before any actor; put it under the actor's name line"
                )
            syn = phrase(bare[1:].strip().rstrip("_"))
            if syn:
                entries[-1].synonyms.append(syn)
            entries[-1].codes.extend(codes)
        elif not bare or ln.text[:1].isspace():
            # An indented line or a bare code block continues the current entry.
            if bare:
                raise KnowledgeBaseError(
                    f"{where}: indented text {bare!r} is neither a code block nor a synonym; "
                    "start names at the beginning of the line and synonyms with '+'"
                )
            if not entries:
                raise KnowledgeBaseError(f"{where}: code block before any actor name")
            entries[-1].codes.extend(codes)
        else:
            name = phrase(bare.rstrip("_"))
            entries.append(_Entry(name, ln.no, [], codes))
    for e in entries:
        if not e.codes:
            raise KnowledgeBaseError(f"{path}:{e.line}: actor {e.name!r} has no code; add one in brackets, e.g. [ABC]")
    return entries


def _classify(code: str) -> tuple[str, str | None, str | None]:
    """(type, country, sector) for a CAMEO actor code: the first three letters are the country
    unless they are a transnational prefix (IGO, NGO, ...)."""
    head = code[:3]
    if head in _TRANSNATIONAL:
        typ = _TRANSNATIONAL[head]
        sector = "IGO" if typ == "igo" else ("NGO" if typ == "ngo" else _sector(code[3:]))
        return typ, None, sector
    if re.fullmatch(r"[A-Z]{3}", code):
        return "country", code, None
    if re.fullmatch(r"[A-Z]{3}", head) and len(code) > 3:
        return "group", head, _sector(code[3:])
    return "group", None, None


def _sector(rest: str) -> str | None:
    # The first known agent code among the 3-letter chunks after the country ("PSEHMSGOV" -> GOV).
    for i in range(0, len(rest) - 2, 3):
        if rest[i : i + 3] in SECTOR_CODES:
            return rest[i : i + 3]
    return None


def load_petrarch_actors(path: str | Path) -> list[Actor]:
    """Actors of a PETRARCH actor dictionary, one per entry, in file order.

    ``cameo`` is the default code; an entry with only dated codes takes the open-ended one (else
    the last), so resolvers that ignore dates still get a code. ``type`` is "country" for a
    three-letter code, "igo"/"ngo" for IGO/NGO prefixes, else "group"; ``country`` and ``sector``
    are split off codes such as PSEREBHMS (country PSE, sector REB).
    """
    entries = _read_actor_entries(path)
    used: set[str] = set()
    actors: list[Actor] = []
    for e in entries:
        undated = [c for c in e.codes if not c.dated]
        if undated:
            main = undated[0].code
        else:
            open_ended = [c for c in e.codes if c.until is None]
            main = (open_ended or e.codes)[-1].code
        typ, country, sector = _classify(main)
        base = "petr_" + (_slug(main) if re.fullmatch(r"[A-Z0-9]+", main) else _slug(e.name) or "actor")
        aid, n = base, 1
        while aid in used:
            n += 1
            aid = f"{base}_{n}"
        used.add(aid)
        keep_roles = any(c.dated for c in e.codes) or len(e.codes) > 1
        roles = tuple(Role("code", c.code, c.since, c.until) for c in e.codes) if keep_roles else ()
        name = display_case(e.name)
        aliases: list[str] = []
        for s in e.synonyms:
            d = display_case(s)
            if d != name and d not in aliases:
                aliases.append(d)
        actors.append(
            Actor(
                id=aid,
                name=name,
                type=typ,
                sector=sector,
                country=country,
                cameo=main,
                aliases=tuple(aliases),
                roles=roles,
                source_file=f"{path}:{e.line}",
            )
        )
    return actors


def codes_on(actor: Actor, day: str | None) -> list[str]:
    """The PETRARCH codes of ``actor`` on ``day`` (ISO date; None = undated).

    The first dated code that holds wins (PETRARCH reads date restrictions in file order);
    otherwise every undated code (``[A/B]`` gives two); otherwise none. Actors that were not
    read from a PETRARCH dictionary have just their ``cameo`` code.
    """
    code_roles = [r for r in actor.roles if r.role == "code"]
    if not code_roles:
        return [actor.cameo] if actor.cameo else []
    if day:
        for r in code_roles:
            if (r.since or r.until) and r.holds_on(day):
                return [r.of]
    return [r.of for r in code_roles if not (r.since or r.until)]


def code_on(actor: Actor, day: str | None) -> str | None:
    """The (first) PETRARCH code of ``actor`` on ``day``, or None when none applies."""
    codes = codes_on(actor, day)
    return codes[0] if codes else None


# -- agents --------------------------------------------------------------------------------------


class PetrarchAgent(NamedTuple):
    word: str  # folded phrase as matched in text ("human rights activists")
    code: str  # agent code without the "~" ("GOV", "GOVMED", "NGO")
    prefix: bool  # True for "NGO~": the code goes before the actor code
    line: int


_SUBST_DEF = re.compile(r"^\s*!(\w+)!\s*=\s*(.+)$")
_SUBST_USE = re.compile(r"!(\w+)!")
_AGENT = re.compile(r"^(?P<word>[^\[{]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[\s*(?P<code>[^\]]*?)\s*\]\s*$")


def english_plural(word: str) -> str:
    """Regular plural of the head of an upper- or lower-case phrase (the word before "of", else the last)."""
    parts = word.split(" ")
    i = _head_index(parts)
    parts[i] = _plural_word(parts[i])
    return " ".join(parts)


def _head_index(parts: list[str]) -> int:
    lows = [p.lower() for p in parts]
    return lows.index("of", 1) - 1 if "of" in lows[1:] else len(parts) - 1


def _looks_plural(phrase_: str) -> bool:
    parts = phrase_.split(" ")
    head = parts[_head_index(parts)].lower()
    return head.endswith("s") and not head.endswith(("ss", "us", "is"))


def _plural_word(w: str) -> str:
    low = w.lower()
    up = w.isupper()

    def cased(s: str) -> str:
        return s.upper() if up else s

    if low.endswith("man") and len(low) > 3:
        return w[:-3] + cased("men")
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return w[:-1] + cased("ies")
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return w + cased("es")
    return w + cased("s")


def read_petrarch_agents(path: str | Path) -> list[PetrarchAgent]:
    """Every surface form of every agent entry (plurals and substitutions expanded)."""
    subst: dict[str, list[str]] = {}
    out: list[PetrarchAgent] = []
    for ln in dictionary_lines(path):
        where = f"{path}:{ln.no}"
        d = _SUBST_DEF.match(ln.text)
        if d:
            subst[d.group(1).upper()] = [phrase(x.strip()) for x in d.group(2).split(",") if x.strip()]
            continue
        m = _AGENT.match(ln.text.strip())
        if m is None:
            raise KnowledgeBaseError(
                f"{where}: cannot read agent entry {ln.raw.strip()!r}; expected WORD {{PLURALS}} [~CODE]"
            )
        raw_code = m.group("code").replace(" ", "")
        if raw_code.count("~") != 1 or not re.fullmatch(r"~?[A-Za-z0-9]+~?", raw_code):
            raise KnowledgeBaseError(
                f"{where}: agent code [{m.group('code')}] needs exactly one '~', before (~GOV) or after (NGO~) the code"
            )
        prefix = raw_code.endswith("~")
        code = raw_code.strip("~").upper()
        word = m.group("word").strip()
        words = _expand(word, subst, where)
        plurals_text = m.group("plurals")
        # Substitution sets list their own plurals (MAN, MEN), and a head already ending in a
        # single "s" ("SECURITY_OFFICIALS") is taken to be plural: neither gets a generated plural.
        regular = plurals_text is None and not _SUBST_USE.search(word)
        forms: list[str] = []
        for w in words:
            forms.append(w)
            if regular and not _looks_plural(w):
                forms.append(english_plural(w))
        if plurals_text:
            for p in plurals_text.split():
                forms.extend(_expand(p, subst, where))
        seen: set[str] = set()
        for f in forms:
            key = fold(f.rstrip("_"))
            if key and key not in seen:
                seen.add(key)
                out.append(PetrarchAgent(key, code, prefix, ln.no))
    return out


def _expand(word: str, subst: dict[str, list[str]], where: str) -> list[str]:
    m = _SUBST_USE.search(word)
    if m is None:
        return [phrase(word)]
    name = m.group(1).upper()
    if name not in subst:
        raise KnowledgeBaseError(f"{where}: substitution !{m.group(1)}! is not defined; add '!{name}! = A, B' above it")
    out: list[str] = []
    for alt in subst[name]:
        out.extend(_expand(word[: m.start()] + alt + word[m.end() :], subst, where))
    return out


def load_petrarch_agents(path: str | Path) -> dict[str, str]:
    """Agent words (folded, as KnowledgeBase(agents=...) wants them) -> agent code without "~".

    The first entry for a word wins. Whether the code goes before or after the actor code is
    lost here; ``read_petrarch_agents`` keeps it.
    """
    out: dict[str, str] = {}
    for a in read_petrarch_agents(path):
        out.setdefault(a.word, a.code)
    return out


# -- discards -------------------------------------------------------------------------------------


class Discard(NamedTuple):
    phrase: str  # folded ("world golf championships")
    scope: Literal["sentence", "story"]
    line: int


def load_petrarch_discards(path: str | Path) -> list[Discard]:
    """Discard phrases: ``+PHRASE`` discards the whole story, ``PHRASE`` the sentence."""
    out: list[Discard] = []
    for ln in dictionary_lines(path):
        text = ln.text.strip()
        story = text.startswith("+")
        p = fold(phrase(text.lstrip("+").strip().rstrip("_")))
        if not p:
            raise KnowledgeBaseError(f"{path}:{ln.no}: empty discard phrase; remove the line or add words")
        out.append(Discard(p, "story" if story else "sentence", ln.no))
    return out


def find_discard(text: str, discards: list[Discard]) -> Discard | None:
    """The discard phrase found (as whole words, case-insensitively) in ``text``; story level first."""
    folded = f" {re.sub(r'[^0-9a-z]+', ' ', fold(text))} "
    hits = [d for d in discards if f" {re.sub(r'[^0-9a-z]+', ' ', d.phrase)} " in folded]
    hits.sort(key=lambda d: d.scope != "story")
    return hits[0] if hits else None


# -- knowledge base -------------------------------------------------------------------------------------


def petrarch_kb(actors_path: str | Path, agents_path: str | Path | None = None) -> KnowledgeBase:
    """A knowledge base holding only the actors (and agents) of PETRARCH dictionaries."""
    actors = load_petrarch_actors(actors_path)
    agents = load_petrarch_agents(agents_path) if agents_path is not None else {}
    return KnowledgeBase(actors, agents, {})
