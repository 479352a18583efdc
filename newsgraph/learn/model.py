"""Run time of the learned layer: load the artefact, predict, relabel the rule coder's events.

The artefact (``newsgraph/data/models/learned.v1.npz``, built by ``newsgraph train``) holds
only learned numbers: a static word-piece embedding table (int8 rows with a scale each), and
for each head (``plover``: PLV's 15 event types of a dyad; ``case``: the CASE 2021 task 2
labels of a snippet) a linear model over the sparse feature names and the dense embedding
features of ``features.py``. Prediction needs numpy alone.

Two entry points for the pipeline:

- ``relabel(events, doc)``: after the rule coder. Every event (but quoted statements) gets the
  classifier's type for its sentence, source and target; where the classifier agrees with the
  rule, the codes stay and the rule gains ``+ plover_clf.v1(p=...)``; where it disagrees with
  p >= ``min_override`` (0.4), the event takes the trigger word's own pattern code of that type
  (or the type's generic code) and says so in ``rule``; below that the rule's type stands and
  ``rule`` records the disagreement. Proposals (model-only events, ``rule`` = ``plover_clf.v1(p=...)``,
  confidence 0.4 p): with ``propose="dyads"`` (the default) each sentence's main dyad (subject of
  its root, object or prepositional object) gets an event when no rule event has that dyad and
  the classifier's p >= ``min_propose`` (0.3); with ``propose=True`` only sentences without any
  rule event get one; ``propose=False``: none.
- ``predict_case(text, events)``: the CASE 2021 label of a snippet.

``hybrid_coder.v1`` (registered here) is rules_coder.v1 followed by ``relabel``; with custom
patterns (PETRARCH dictionaries) it passes the rule events through unchanged.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from ..records import AnnotatedArticle, Event, Span
from .embed import StaticEmbedder
from .features import Dyad, dyad_features, plv_label, snippet_features

ARTEFACT = "learned.v1.npz"
MODEL_NAME = "plover_clf.v1"
CASE_NAME = "case_clf.v1"
FORMAT = 1

# PLV type -> generic CAMEO code (its PLOVER name in CAMEO2PLOVER-2021 follows from the code).
GENERIC_CODE = {
    "AGREE": "030",
    "CONSULT": "040",
    "SUPPORT": "050",
    "COOPERATE": "060",
    "AID": "070",
    "YIELD": "080",
    "ACCUSE": "110",
    "REQUEST": "100",
    "REJECT": "120",
    "THREATEN": "130",
    "PROTEST": "140",
    "MOBILIZE": "150",
    "SANCTION": "160",
    "COERCE": "170",
    "ASSAULT": "180",
}


def default_path() -> Path:
    return Path(str(resources.files("newsgraph") / "data" / "models" / ARTEFACT))


def _strings(arr: np.ndarray) -> list[str]:
    raw = bytes(arr.astype(np.uint8).tobytes()).decode("utf-8")
    return raw.split("\n") if raw else []


def pack_strings(items: Sequence[str]) -> np.ndarray:
    for s in items:
        if "\n" in s:
            raise ValueError(f"feature name with a newline: {s!r}")
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8).copy()


@dataclass
class LinearHead:
    """Multinomial logistic regression over binary sparse features and a dense vector."""

    labels: list[str]
    feats: dict[str, int]
    w_sparse: np.ndarray  # n_feats x n_labels
    w_dense: np.ndarray  # dense_dim x n_labels
    bias: np.ndarray  # n_labels
    dense_scale: float

    def scores(self, sparse: Sequence[str], dense: np.ndarray) -> np.ndarray:
        idx = sorted({self.feats[f] for f in sparse if f in self.feats})
        s = self.bias.copy()
        if idx:
            s += self.w_sparse[idx].sum(axis=0)
        if self.w_dense.shape[0]:
            s += (dense * self.dense_scale) @ self.w_dense
        return s

    def proba(self, sparse: Sequence[str], dense: np.ndarray) -> np.ndarray:
        s = self.scores(sparse, dense)
        s = s - s.max()
        e = np.exp(s)
        return e / e.sum()  # type: ignore[no-any-return]

    # -- storage ------------------------------------------------------------------------------
    def to_arrays(self, name: str) -> dict[str, np.ndarray]:
        names = [f for f, _ in sorted(self.feats.items(), key=lambda kv: kv[1])]
        return {
            f"{name}_labels": pack_strings(self.labels),
            f"{name}_feats": pack_strings(names),
            f"{name}_ws": self.w_sparse.astype(np.float16),
            f"{name}_wd": self.w_dense.astype(np.float16),
            f"{name}_b": self.bias.astype(np.float32),
            f"{name}_scale": np.array([self.dense_scale], dtype=np.float32),
        }

    @classmethod
    def from_arrays(cls, z: Mapping[str, np.ndarray], name: str) -> LinearHead:
        names = _strings(z[f"{name}_feats"])
        return cls(
            labels=_strings(z[f"{name}_labels"]),
            feats={f: i for i, f in enumerate(names)},
            w_sparse=z[f"{name}_ws"].astype(np.float32),
            w_dense=z[f"{name}_wd"].astype(np.float32),
            bias=z[f"{name}_b"].astype(np.float32),
            dense_scale=float(z[f"{name}_scale"][0]),
        )


@dataclass
class Prediction:
    label: str
    p: float
    probs: dict[str, float]

    @property
    def quad(self) -> int | None:
        """QuadClass (1-4) of a PLOVER prediction: that of the type's generic CAMEO code."""
        from ..coder.ontology import quad_of

        code = GENERIC_CODE.get(self.label)
        return quad_of(code) if code else None


class LearnedModel:
    """The loaded artefact: embedder, the PLOVER dyad head and the CASE snippet head."""

    def __init__(
        self, embedder: StaticEmbedder | None, plover: LinearHead, case: LinearHead | None, meta: dict[str, Any]
    ) -> None:
        self.embedder = embedder
        self.plover = plover
        self.case = case
        self.meta = meta

    # -- storage ------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> LearnedModel:
        p = Path(path) if path is not None else default_path()
        try:
            with np.load(p, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
        except FileNotFoundError:
            raise ModelError(
                f"No learned model at {p}. Build it with: newsgraph train /path/to/eval/dev "
                "(needs the 'train' extra), or use the coder rules_coder.v1."
            ) from None
        except (OSError, ValueError) as exc:
            raise ModelError(f"{p} is not a newsgraph learned model ({exc})") from None
        meta = json.loads(bytes(arrays["meta"].astype(np.uint8).tobytes()).decode("utf-8"))
        if meta.get("format") != FORMAT:
            raise ModelError(f"{p}: model format {meta.get('format')!r}, this newsgraph reads {FORMAT}; rebuild it")
        emb = None
        if "emb_q" in arrays:
            emb = StaticEmbedder(_strings(arrays["emb_vocab"]), arrays["emb_q"], arrays["emb_scale"])
        plover = LinearHead.from_arrays(arrays, "plover")
        case = LinearHead.from_arrays(arrays, "case") if "case_labels" in arrays else None
        return cls(emb, plover, case, meta)

    def save(
        self,
        path: str | Path,
        emb_vocab: Sequence[str] | None = None,
        emb_q: np.ndarray | None = None,
        emb_scale: np.ndarray | None = None,
    ) -> None:
        arrays: dict[str, np.ndarray] = {}
        meta = dict(self.meta, format=FORMAT)
        arrays["meta"] = np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8).copy()
        if emb_q is not None and emb_vocab is not None and emb_scale is not None:
            arrays["emb_vocab"] = pack_strings(emb_vocab)
            arrays["emb_q"] = emb_q
            arrays["emb_scale"] = emb_scale
        arrays.update(self.plover.to_arrays("plover"))
        if self.case is not None:
            arrays.update(self.case.to_arrays("case"))
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]

    # -- prediction ---------------------------------------------------------------------------
    def predict_dyad(self, d: Dyad) -> Prediction:
        sparse, dense = dyad_features(d, self.embedder)
        pr = self.plover.proba(sparse, dense)
        j = int(np.argmax(pr))
        probs = dict(zip(self.plover.labels, map(float, pr), strict=True))
        return Prediction(self.plover.labels[j], float(pr[j]), probs)

    def predict_case(self, text: str, events: Sequence[Event], doc: AnnotatedArticle | None = None) -> Prediction:
        if self.case is None:
            raise ModelError("this learned model has no CASE 2021 head; rebuild it with newsgraph train")
        from .case import scheme_evidence

        if doc is None or doc.article.text != text:
            doc = _annotate(text)
        hits, rule_label = scheme_evidence(text, events)
        sparse, dense = snippet_features(doc, events, hits, rule_label, self.embedder)
        pr = self.case.proba(sparse, dense)
        j = int(np.argmax(pr))
        return Prediction(self.case.labels[j], float(pr[j]), dict(zip(self.case.labels, map(float, pr), strict=True)))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> LearnedModel:
    return LearnedModel.load(path)


# -- relabelling --------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _type_codes() -> dict[tuple[str, str], str]:
    """(pattern lemma key 'v:lemma' / 'n:lemma', PLV type) -> that pattern's code (first one)."""
    from ..coder.patterns import default_patterns

    pats = default_patterns()
    out: dict[tuple[str, str], str] = {}
    for table, kind in ((pats.verbs, "v"), (pats.nouns, "n")):
        for lemma, plist in table.items():
            for p in plist:
                lab = _code_type(p.code)
                if lab and (f"{kind}:{lemma}", lab) not in out:
                    out[(f"{kind}:{lemma}", lab)] = p.code
    return out


def _code_type(code: str) -> str | None:
    """A code's type in PLV's vocabulary, only where the PLOVER table gives one (no appeals)."""
    from ..coder.ontology import plover_of

    try:
        pl = plover_of(code)
    except ValueError:
        return None
    return {"CONCEDE": "YIELD", "RETREAT": "YIELD"}.get(pl, pl) if pl else None


def code_for(label: str, doc: AnnotatedArticle, trigger: Span | None) -> str:
    """The CAMEO code an event of PLV type ``label`` takes: the trigger word's own pattern of
    that type, else the type's generic code."""
    if trigger is not None:
        for t in doc.tokens:
            if t.start >= trigger.start and t.end <= trigger.end:
                kind = "v" if t.pos in ("VERB", "AUX") else "n" if t.pos == "NOUN" else ""
                if kind:
                    code = _type_codes().get((f"{kind}:{t.lemma.lower()}", label))
                    if code:
                        return code
    return GENERIC_CODE[label]


def _recode(e: Event, code: str, plover_name: str | None) -> Event:
    from ..coder.ontology import goldstein_of, plover_of, quad_of, root_of

    return dataclasses.replace(
        e,
        cameo=code,
        cameo_root=root_of(code),
        plover=plover_name or plover_of(code),
        quad=quad_of(code),
        goldstein=goldstein_of(code),
    )


def _span(a: Any) -> tuple[int, int] | None:
    return (a.start, a.end) if a is not None else None


def relabel(
    events: Sequence[Event],
    doc: AnnotatedArticle,
    model: LearnedModel | None = None,
    propose: bool | str = "dyads",
    min_propose: float = 0.3,
    min_override: float = 0.4,
) -> list[Event]:
    """The rule coder's events, typed by the classifier (see the module doc). The classifier
    replaces the rule's type only when its probability is at least ``min_override``; below
    that the rule's type stands and ``rule`` records the model's disagreement."""
    model = model or load_model()
    by_sent: dict[int, list[Event]] = {}
    for e in events:
        by_sent.setdefault(e.sentence.index, []).append(e)
    out: list[Event] = []
    for e in events:
        if e.cameo_root == "01":  # quoted statements and the like stay statements
            out.append(e)
            continue
        pred = model.predict_dyad(Dyad(doc, e.sentence, _span(e.source), _span(e.target), by_sent[e.sentence.index]))
        out.append(apply_prediction(e, pred, doc, min_override))
    if propose:
        from .propose import propose_events

        covered = (
            set()
            if propose == "dyads"
            else {idx for idx, evs in by_sent.items() if any(x.cameo_root != "01" for x in evs)}
        )
        out.extend(propose_events(doc, model, covered, min_propose, existing=events))
    return out


def apply_prediction(e: Event, pred: Prediction, doc: AnnotatedArticle, min_override: float = 0.0) -> Event:
    tag = f"{MODEL_NAME}(p={pred.p:.2f})"
    if plv_label(e) == pred.label:
        return dataclasses.replace(e, rule=f"{e.rule} + {tag}", confidence=_mix(e.confidence, pred.p))
    if pred.p < min_override:
        kept = pred.probs.get(plv_label(e), 0.0)
        return dataclasses.replace(
            e, rule=f"{e.rule} + {MODEL_NAME}(kept, p={kept:.2f}; model said {pred.label}, p={pred.p:.2f})"
        )
    code = code_for(pred.label, doc, e.trigger)
    new = _recode(e, code, None)
    return dataclasses.replace(
        new,
        rule=f"{e.rule} + {MODEL_NAME}({pred.label}, p={pred.p:.2f}; rule said {plv_label(e)})",
        confidence=_mix(e.confidence, pred.p) * 0.9,
    )


def _mix(a: float, b: float) -> float:
    return round(min(0.99, math.sqrt(max(a, 1e-6) * max(b, 1e-6))), 4)


def predict_case(
    text: str, events: Sequence[Event], doc: AnnotatedArticle | None = None, model: LearnedModel | None = None
) -> str:
    """The CASE 2021 task 2 label of a snippet (``newsgraph eval`` for sets named case2021*).
    ``doc`` is the snippet's annotated article when the caller has it; else it is parsed here."""
    return (model or load_model()).predict_case(text, events, doc).label


def _annotate(text: str) -> AnnotatedArticle:
    """Parse a snippet with the default annotator (spaCy) and the knowledge-base mentions."""
    import hashlib

    from ..records import Article

    ann = _annotator()
    art = Article(id="s" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16], text=text)
    return ann(art)


@lru_cache(maxsize=1)
def _annotator() -> Any:
    from ..config import Settings
    from ..nlp import MentionAnnotator
    from ..registry import registry

    s = Settings.from_env()
    nlp = registry.annotators.make(s.annotator, model=s.spacy_model, check_meta=s.check_model_meta)
    mentions = MentionAnnotator()
    return lambda art: mentions(nlp.annotate(art))


# -- the hybrid coder ---------------------------------------------------------------------------
class HybridCoder:
    """rules_coder.v1, then the learned layer (``relabel``).

    The model was trained on the rule coder with its own patterns; given other ``patterns``
    (e.g. imported PETRARCH dictionaries, with their own codes and test actors) the coder passes
    the rule events through unchanged unless ``with_custom_patterns=True``."""

    name = "hybrid_coder.v1"

    def __init__(
        self,
        patterns: Any = None,
        model_path: str | None = None,
        propose: bool | str = "dyads",
        min_propose: float = 0.3,
        min_override: float = 0.4,
        with_custom_patterns: bool = False,
    ) -> None:
        from ..coder.rules import RuleCoder

        self.rules = RuleCoder(patterns)
        self.active = patterns is None or with_custom_patterns
        self.model = load_model(model_path) if self.active else None
        self.propose = propose
        self.min_propose = min_propose
        self.min_override = min_override

    def code(self, doc: AnnotatedArticle) -> list[Event]:
        events = self.rules.code(doc)
        if self.model is None:
            return events
        return relabel(
            events, doc, self.model, propose=self.propose, min_propose=self.min_propose, min_override=self.min_override
        )


def _register() -> None:
    from ..registry import registry

    @registry.coders.register("hybrid_coder.v1")
    def make_hybrid_coder(
        patterns: Any = None,
        model_path: str | None = None,
        propose: bool | str = "dyads",
        min_propose: float = 0.3,
        min_override: float = 0.4,
        with_custom_patterns: bool = False,
    ) -> HybridCoder:
        return HybridCoder(patterns, model_path, propose, min_propose, min_override, with_custom_patterns)


_register()
