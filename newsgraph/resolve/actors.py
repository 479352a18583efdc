"""Actor resolution: a span of text to a knowledge-base actor, as of the article's date.

Order of evidence inside the span: a named person; a role word with the group or country it is
a role of ("the Pakistani Taliban leader" -> whoever led TTP on that date); a group or IGO; a
country (name, demonym or capital metonym) with the sector of an agent word ("Pakistani
troops" -> PAK/MIL); a bare agent word ("militants"). Pronouns and definite descriptions ("he",
"the group") take the nearest earlier compatible actor. Misspellings ("al Qeada") fall back to
fuzzy matching of the aliases. What cannot be resolved keeps its text with a null id.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from ..kb.loader import KnowledgeBase, default_kb
from ..kb.matcher import AliasMatcher
from ..kb.model import Actor
from ..kb.text import fold
from ..records import ActorRef, Affiliation, AnnotatedArticle, Mention

# Role words map to the roles of people.yaml; for a country, "leader" is its head of state.
_ROLE_FALLBACKS = {
    "leader": ("leader", "head_of_state", "head_of_government", "president", "prime_minister", "monarch"),
    "president": ("president", "head_of_state"),
    "prime_minister": ("prime_minister", "head_of_government"),
    "head_of_government": ("head_of_government", "prime_minister"),
    "head_of_state": ("head_of_state", "president", "monarch"),
    "monarch": ("monarch", "head_of_state"),
}
# Roles with one holder at a time: worth resolving to a person.
_UNIQUE_ROLES = {
    "leader",
    "president",
    "prime_minister",
    "head_of_state",
    "head_of_government",
    "monarch",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "secretary_general",
    "army_chief",
    "intelligence_chief",
    "deputy_leader",
}
_ROLE_SECTORS = {
    "foreign_minister": "GOV",
    "defence_minister": "MIL",
    "army_chief": "MIL",
    "interior_minister": "GOV",
    "intelligence_chief": "SPY",
}
_SUPPORTER_SECTORS = {"SUP"}
_GROUP_WORDS = frozenset(
    {
        "faction",
        "militia",
        "group",
        "outfit",
        "movement",
        "network",
        "organisation",
        "organization",
        "insurgency",
        "party",
    }
)
_ARMED_SECTORS = frozenset({"REB", "INS", "SEP", "UAF", "CRM", "RAD"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "i", "me"}
_GROUP_PRONOUNS = {"they", "them", "it", "its", "their", "we", "us", "our"}
_SPEAKER_PRONOUNS = {"we", "us", "our", "i", "me", "my"}
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


class ActorResolver:
    name = "kb_actors.v1"

    def __init__(self, kb: KnowledgeBase | None = None, fuzzy_threshold: float = 86.0) -> None:
        self.kb = kb or default_kb()
        self.fuzzy_threshold = fuzzy_threshold
        self._fuzzy_keys = [k for k, hits in self.kb.aliases.items() if any(h.kind == "actor" for h in hits)]

    # -- public ----------------------------------------------------------------------------
    def resolve(
        self,
        ref: ActorRef,
        doc: AnnotatedArticle,
        day: str | None,
        speaker: ActorRef | None = None,
        exclude: frozenset[str] = frozenset(),
    ) -> ActorRef:
        mentions = [m for m in doc.mentions if m.start >= ref.start and m.end <= ref.end]
        if not any(m.kind == "actor" for m in mentions):
            # A misspelt name ("Hezebollah", "al Qeada") that NER took for a person or place.
            fuzzy = self._fuzzy(ref.text)
            if fuzzy is not None:
                out = self._fill(ref, fuzzy, "fuzzy", day)
                agent = next((m for m in mentions if m.kind == "agent"), None)
                return dataclasses.replace(out, sector=agent.keys[0]) if agent and fuzzy.type == "country" else out
        unknown_person = self._unknown_person(ref, doc, mentions, day)
        if unknown_person is not None:
            return unknown_person
        resolved = self._from_mentions(ref, mentions, day)
        if resolved is not None:
            if resolved.type == "agent" and resolved.id is None and resolved.affiliation is None:
                return self._agent_in_context(resolved, doc, day)
            return resolved
        word = fold(ref.head or ref.text)
        role = next((m for m in mentions if m.kind == "role"), None)
        owner_word = _possessor_word(ref.text)
        if role is not None and (self._possessive(ref, doc) or owner_word):
            # "the group's spokesman", "its leader": a role of the actor talked about before.
            from ..coder.cues import cues

            owner_types: tuple[str, ...] = ("group", "igo", "ngo", "country")
            if owner_word in _GROUP_WORDS:
                owner_types = ("group",)
            elif owner_word in cues().state_coref_nouns:
                owner_types = ("country",)
            owner = self._antecedent(doc, ref.start, person=False, day=day, types=owner_types)
            if owner is not None:
                return self._role_of(ref, owner, role.keys[0], _plural(role.text), day)
        if speaker is not None and word in _SPEAKER_PRONOUNS:
            # "I"/"we" inside a quote is its speaker (or the speaker's group).
            aff = speaker.affiliation
            if word in ("we", "us", "our") and aff is not None:
                return self._fill(ref, self.kb.get(aff.id), "speaker", day)
            return dataclasses.replace(speaker, text=ref.text, start=ref.start, end=ref.end, resolved_by="speaker")
        if word in _PERSON_PRONOUNS or word in _GROUP_PRONOUNS or self._is_coref_noun(word):
            from ..coder.cues import cues

            last = word.split()[-1] if word else ""
            state = last in cues().state_coref_nouns
            types: tuple[str, ...] | None = None
            if state:
                types = ("country",)
            elif word in ("it", "its"):
                types = ("group", "igo", "ngo", "country")
            elif last in _GROUP_WORDS:
                types = ("group",)  # "the faction", "the militia": not the UN mentioned before
            prev = self._antecedent(
                doc, ref.start, person=word in _PERSON_PRONOUNS, day=day, types=types, exclude=exclude,
                window=1 if word in _GROUP_PRONOUNS else 2,
            )
            if prev is not None:
                return self._fill(ref, prev, "coref", day)
            return ref
        fuzzy = self._fuzzy(ref.text)
        if fuzzy is not None:
            return self._fill(ref, fuzzy, "fuzzy", day)
        return ref

    def resolve_name(self, text: str, day: str | None = None) -> ActorRef:
        """Resolve a bare string (CLI filters, API queries, evaluation)."""
        mentions = []
        for m in _matcher_for(self.kb).find(text):
            for kind in ("actor", "agent", "role"):
                keys = tuple(dict.fromkeys(h.key for h in m.hits if h.kind == kind))
                if keys:
                    mentions.append(Mention(m.text, m.start, m.end, 0, 0, kind, keys))
        ref = ActorRef(text=text, start=0, end=len(text), head=text.split()[-1] if text.split() else text)
        out = self._from_mentions(ref, mentions, day)
        if out is not None:
            return out
        fuzzy = self._fuzzy(text)
        return self._fill(ref, fuzzy, "fuzzy", day) if fuzzy else ref

    # -- agents in context --------------------------------------------------------------------
    def _agent_in_context(self, ref: ActorRef, doc: AnnotatedArticle, day: str | None) -> ActorRef:
        """A bare agent word: "its fighters", "his government", "the rebels", "police" in a
        story about one country. Possessives and definite descriptions take the nearest
        compatible actor before them; a bare state agent takes the story's country when one
        country dominates it."""
        possessive = self._possessive(ref, doc)
        if possessive is not None:
            prev = self._antecedent(doc, ref.start, person=possessive in ("his", "her"), day=day)
            if prev is not None:
                owner: Actor | None = prev
                if prev.type == "person":
                    role = self.kb.role_of(prev, day)
                    owner = self.kb.get(role.of) if role else None
                if owner is not None:
                    out = self._fill(ref, owner, "coref", day)
                    return dataclasses.replace(out, sector=ref.sector or out.sector, code=self._code(owner, ref.sector))
        definite = ref.text.lower().startswith("the ")
        if definite and ref.sector in _ARMED_SECTORS:
            prev = self._antecedent(doc, ref.start, person=False, day=day, sectors=_ARMED_SECTORS)
            if prev is not None:
                out = self._fill(ref, prev, "coref", day)
                return dataclasses.replace(out, resolved_by="coref")
        if ref.sector in _STATE_SECTORS:
            country = self._story_country(doc)
            if country is not None:
                out = self._fill(ref, country, "context", day)
                return dataclasses.replace(out, sector=ref.sector, code=self._code(country, ref.sector))
        return ref

    def _possessive(self, ref: ActorRef, doc: AnnotatedArticle) -> str | None:
        for t in doc.tokens:
            if t.start >= ref.end:
                break
            if t.start >= ref.start and t.tag == "PRP$" and t.lemma.lower() in ("its", "his", "her", "their"):
                return t.lemma.lower()
        return None

    def _story_country(self, doc: AnnotatedArticle) -> Actor | None:
        """The country most of the article's country mentions name, if it is most of them."""
        counts: dict[str, int] = {}
        for m in doc.mentions:
            if m.kind != "actor":
                continue
            a = self.kb.get(m.keys[0])
            if a is not None and a.type == "country":
                counts[a.id] = counts.get(a.id, 0) + 1
        if not counts:
            return None
        best = max(counts, key=lambda k: counts[k])
        if counts[best] * 2 <= sum(counts.values()):
            return None
        return self.kb.get(best)

    def _unknown_person(
        self, ref: ActorRef, doc: AnnotatedArticle, mentions: list[Mention], day: str | None
    ) -> ActorRef | None:
        """A named person the knowledge base does not know ("Shaimaa Khalil, a BBC
        correspondent"): keep the person, with the organisation named beside them."""
        if not ref.head:
            return None
        ent = next(
            (
                e
                for e in doc.entities
                if e.start >= ref.start
                and e.end <= ref.end
                and ref.head in e.text.split()
                and (
                    e.label == "PERSON"
                    or (e.label in ("GPE", "ORG", "NORP") and self._described_as_person(ref, mentions, e))
                )
            ),
            None,
        )
        if ent is None:
            return None
        inside = [m for m in mentions if m.start < ent.end and m.end > ent.start]
        if any(m.kind == "actor" for m in inside):
            return None
        others = [m for m in mentions if m not in inside]
        org = self._from_mentions(ref, others, day) if others else None
        role = next((m.keys[0] for m in others if m.kind == "role"), None)
        return dataclasses.replace(
            ref,
            name=ent.text,
            type="person",
            country=org.country if org else None,
            sector=org.sector if org else None,
            affiliation=Affiliation(org.id, org.name or "", role) if org is not None and org.id else None,
            resolved_by="ner",
        )

    def _described_as_person(self, ref: ActorRef, mentions: list[Mention], ent: Any) -> bool:
        """NER mislabels unknown names ("Khalil" as a place); an appositive role or agent word
        after the name ("Shaimaa Khalil, a BBC correspondent") shows it is a person."""
        if any(m.kind == "actor" and m.start < ent.end and m.end > ent.start for m in mentions):
            return False
        return (
            any(m.kind in ("role", "agent") and m.start >= ent.end for m in mentions)
            and "," in ref.text[ent.end - ref.start :]
        )

    # -- evidence inside the span ----------------------------------------------------------------
    def _from_mentions(self, ref: ActorRef, mentions: list[Mention], day: str | None) -> ActorRef | None:
        actors: list[tuple[Mention, Actor]] = []
        for m in mentions:
            if m.kind == "actor":
                cands = [a for a in (self.kb.get(k) for k in m.keys) if a is not None]
                if cands:
                    actors.append((m, self._pick(cands, day)))
        agents = [m for m in mentions if m.kind == "agent"]
        roles = [m for m in mentions if m.kind == "role"]
        sector = agents[-1].keys[0] if agents else None
        people = [(m, a) for m, a in actors if a.type == "person"]
        orgs = [(m, a) for m, a in actors if a.type != "person"]
        if (
            people
            and agents
            and ref.head
            and fold(ref.head) == fold(agents[0].text.split()[-1])
            and agents[0].start < people[0][0].start
        ):
            # "fighters loyal to Barnawi": the fighters, i.e. the person's group.
            person = people[0][1]
            role = self.kb.role_of(person, day)
            grp = self.kb.get(role.of) if role else None
            if grp is not None:
                out = self._fill(ref, grp, "alias", day)
                return dataclasses.replace(out, sector=sector or out.sector)
        if people:
            m, person = people[0]
            out = self._fill(ref, person, "alias", day)
            org = orgs[0][1] if orgs else None
            role = self.kb.role_of(person, day, org.id if org else None)
            role_name = roles[0].keys[0] if roles else (role.role if role else None)
            aff_actor = org or (self.kb.get(role.of) if role else None)
            if aff_actor is not None:
                out = dataclasses.replace(out, affiliation=Affiliation(aff_actor.id, aff_actor.name, role_name))
                if out.country is None:
                    out = dataclasses.replace(out, country=aff_actor.country)
                if out.sector is None:
                    out = dataclasses.replace(
                        out, sector=aff_actor.sector or ("GOV" if aff_actor.type == "country" else None)
                    )
            return out
        if roles and orgs:
            org = self._closest(orgs, roles[0])
            return self._role_of(ref, org, roles[0].keys[0], _plural(roles[0].text), day)
        if orgs:
            groups = [(m, a) for m, a in orgs if a.type != "country"]
            countries = [(m, a) for m, a in orgs if a.type == "country"]
            if groups:
                m, grp = groups[-1] if ref.head and any(ref.head in gm.text for gm, _ in groups[-1:]) else groups[0]
                if sector in _SUPPORTER_SECTORS:
                    return dataclasses.replace(
                        ref,
                        name=f"{grp.name} {agents[-1].text}" if agents else grp.name,
                        sector=sector,
                        type="agent",
                        country=grp.country,
                        affiliation=Affiliation(grp.id, grp.name, "sympathizer"),
                        resolved_by="agent",
                    )
                out = self._fill(ref, grp, "alias", day)
                if sector and grp.type in ("igo", "ngo") and sector in ("MIL", "REB"):
                    out = dataclasses.replace(out, sector=sector)
                return out
            m, country = countries[0]
            hit_sector = self._metonym_sector(m, country)
            sec = sector or hit_sector
            out = self._fill(ref, country, "alias", day)
            return dataclasses.replace(out, sector=sec, code=self._code(country, sec))
        if agents:
            return dataclasses.replace(ref, sector=sector, type="agent", resolved_by="agent")
        return None

    def _role_of(self, ref: ActorRef, org: Actor, role: str, plural: bool, day: str | None) -> ActorRef:
        """A role of an organisation or state: its holder on the day when the role has one
        holder ("the Pakistani Taliban leader" in 2014), else the organisation in that role.
        "TTP leaders" is the leadership, not the one leader."""
        if role in _UNIQUE_ROLES and not plural and day:  # without a date any holder would be a guess
            for r in _ROLE_FALLBACKS.get(role, (role,)):
                holders = self.kb.holders(r, org.id, day)
                if holders:
                    out = self._fill(ref, holders[0], "role", day)
                    return dataclasses.replace(
                        out,
                        affiliation=Affiliation(org.id, org.name, role),
                        country=out.country or org.country,
                        sector=out.sector
                        or _ROLE_SECTORS.get(role)
                        or ("GOV" if org.type == "country" else org.sector),
                    )
        out = self._fill(ref, org, "role", day)
        sec = _ROLE_SECTORS.get(role) or ("GOV" if org.type == "country" else org.sector)
        return dataclasses.replace(out, sector=sec, code=self._code(org, sec))

    def _closest(self, orgs: list[tuple[Mention, Actor]], role: Mention) -> Actor:
        return min(orgs, key=lambda ma: abs(ma[0].start - role.start))[1]

    def _metonym_sector(self, m: Mention, country: Actor) -> str | None:
        for surface, sec in country.metonym_sectors.items():
            if fold(surface) == fold(m.text):
                return sec
        if any(fold(x) == fold(m.text) for x in country.metonyms):
            return "GOV"
        return None

    def _pick(self, cands: list[Actor], day: str | None) -> Actor:
        """Among actors sharing an alias, prefer one that existed on the day, then groups over people."""

        def score(a: Actor) -> tuple[int, int]:
            alive = 1
            if day and a.founded and a.founded[:10] > day:
                alive = 0
            if day and a.dissolved and a.dissolved[:10] < day[: len(a.dissolved[:10])]:
                alive = 0
            return (alive, 1 if a.type != "person" else 0)

        return max(cands, key=score)

    # -- coreference -----------------------------------------------------------------------------
    def _is_coref_noun(self, word: str) -> bool:
        from ..coder.cues import cues

        return word.split()[-1] in cues().coref_nouns if word else False

    def _antecedent(
        self,
        doc: AnnotatedArticle,
        before: int,
        person: bool,
        day: str | None,
        sectors: frozenset[str] | None = None,
        types: tuple[str, ...] | None = None,
        exclude: frozenset[str] = frozenset(),
        window: int = 2,
    ) -> Actor | None:
        """The actor a pronoun or description refers to: a person for he/she, else a group (or,
        for "it" and state descriptions like "the junta", a country). Subjects are more salient
        than other mentions: the latest compatible subject of this or the previous two sentences
        wins; failing that, the nearest compatible mention."""
        allowed = types or ("group", "igo", "ngo")
        sent_of = _sentence_index(doc)
        here = sent_of(before)
        nearest: Actor | None = None
        for m in reversed(doc.mentions):
            if m.end > before or m.kind != "actor":
                continue
            cands = [a for a in (self.kb.get(k) for k in m.keys) if a is not None]
            if not cands:
                continue
            a = self._pick(cands, day)
            if a.id in exclude:
                continue
            ok = (person and a.type == "person") or (
                not person and a.type in allowed and (sectors is None or a.sector in sectors)
            )
            if not ok:
                continue
            if nearest is None:
                nearest = a
            if here - sent_of(m.start) > window:
                break
            if _is_subject(doc, m):
                return a
        return nearest

    # -- fuzzy -----------------------------------------------------------------------------------
    def _fuzzy(self, text: str) -> Actor | None:
        actor_id = self._fuzzy_id(text)
        return self.kb.get(actor_id) if actor_id else None

    @lru_cache(maxsize=20000)  # noqa: B019 - one resolver per pipeline; texts repeat a lot
    def _fuzzy_id(self, text: str) -> str | None:
        """Misspellings of aliases ("al Qeada", "Deash"): the longest window of capitalised words
        within one edit per eight letters (a transposition counts as one edit)."""
        words = _WORD.findall(text)
        for n in (4, 3, 2, 1):
            best: tuple[float, str] | None = None
            for i in range(0, max(len(words) - n + 1, 0)):
                window = words[i : i + n]
                if not any(w[0].isupper() for w in window):
                    continue
                cand = fold(" ".join(window))
                if len(cand) < (7 if n == 1 else 5) or cand in self.kb.aliases:
                    continue  # one short word a letter off is another word ("Adiba", "Madiba")
                hit = process.extractOne(
                    cand, self._fuzzy_keys, scorer=DamerauLevenshtein.normalized_similarity, score_cutoff=0.8
                )
                if hit is None:
                    continue
                edits = DamerauLevenshtein.distance(cand, hit[0])
                if edits > max(1, len(cand) // 8):
                    continue
                if best is None or hit[1] > best[0]:
                    best = (hit[1], hit[0])
            if best is not None:
                hits = [h for h in self.kb.aliases[best[1]] if h.kind == "actor" and not h.case_sensitive]
                return hits[0].key if hits else None
        return None

    # -- output ----    # -- output ----------------------------------------------------------------------------------
    def _fill(self, ref: ActorRef, actor: Actor | None, how: str, day: str | None) -> ActorRef:
        if actor is None:
            return ref
        sector = actor.sector
        country = actor.country
        governed = actor.governing(day) if day else None
        if governed:
            sector, country = "GOV", governed  # the Taliban in 2022 are Afghanistan's government
        if actor.type == "person":
            role = self.kb.role_of(actor, day)
            if role is not None:
                of = self.kb.get(role.of)
                if sector is None:
                    sector = _ROLE_SECTORS.get(role.role) or (
                        "GOV" if of is not None and of.type == "country" else (of.sector if of else None)
                    )
                if of is not None:
                    # A person acts for the state or group they serve, not their passport.
                    country = of.id if of.type == "country" else (of.governing(day) if day else None) or of.country
        return dataclasses.replace(
            ref,
            id=actor.id,
            name=actor.name,
            country=country,
            sector=sector,
            type=actor.type,
            wikidata=actor.wikidata,
            code=self._code(actor, sector),
            resolved_by=how,
        )

    def _code(self, actor: Actor, sector: str | None) -> str:
        """CAMEO-style actor code: country (or IGO code) followed by the sector."""
        if actor.type == "country":
            return (actor.cameo or actor.id) + (sector or "")
        if actor.cameo:
            return actor.cameo
        return (actor.country or "") + (sector or "")


@lru_cache(maxsize=4)
def _matcher_for(kb: KnowledgeBase) -> AliasMatcher:
    """A matcher over the resolver's own knowledge base, for bare strings (built on first use)."""
    return AliasMatcher(kb)


def actor_resolver(kb: KnowledgeBase | None = None) -> ActorResolver:
    return ActorResolver(kb)


def _sentence_index(doc: AnnotatedArticle) -> Any:
    starts = [s.start for s in doc.sentences]

    def index(offset: int) -> int:
        return max(bisect.bisect_right(starts, offset) - 1, 0)

    return index


def _is_subject(doc: AnnotatedArticle, m: Mention) -> bool:
    """Is the mention (part of) a clause subject?"""
    for k in range(m.token_start, min(m.token_end, len(doc.tokens))):
        t = doc.tokens[k]
        if t.dep in ("nsubj", "nsubjpass"):
            return True
        if t.dep in ("compound", "flat", "amod", "poss") and 0 <= t.head < len(doc.tokens):
            if doc.tokens[t.head].dep in ("nsubj", "nsubjpass") and t.dep != "poss":
                return True
    return False


def _possessor_word(text: str) -> str | None:
    """ "the group's spokesman" -> "group"."""
    m = re.search(r"\b(\w+)['\u2019]s\b", text)
    return m.group(1).lower() if m else None


def _plural(word: str) -> bool:
    w = word.lower().rstrip()
    return w.endswith("s") and not w.endswith(("ss", "us", "is"))
