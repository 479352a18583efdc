"""GraphML and GEXF of the relation graph, for Gephi, Cytoscape, yEd and networkx.

Nodes are actors (``label`` = name). Edges are relations, parallel edges allowed (a pair can hold
support, then split, then support again), each with typed attributes: ``kind``, ``since``,
``until``, ``status`` (strings; "" where the relation record has null, as neither format has a
null), ``confidence`` (double), ``evidence`` (int), ``directed`` (boolean), ``basis``, ``last`` and
``events`` (event ids, space-separated). GEXF edges also carry ``start``/``end`` (the first day of
since/until) so that Gephi's timeline can play the graph through time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..graph.build import build_relations
from ..graph.dates import day_key
from ..graph.model import Relation

__all__ = ["GEXF_FILE", "GRAPHML_FILE", "relation_graph", "write_gexf", "write_graphml"]

GRAPHML_FILE = "relations.graphml"
GEXF_FILE = "relations.gexf"


def relation_graph(relations: Iterable[Relation], timeline: bool = False) -> nx.MultiDiGraph:
    """A networkx multigraph of relations; ``timeline`` adds GEXF's start/end edge attributes."""
    g = nx.MultiDiGraph(name="newsgraph relations")
    for r in relations:
        for actor in (r.source, r.target):
            g.add_node(actor.id, label=actor.name)
        attrs: dict[str, Any] = {
            "kind": r.kind,
            "since": r.since or "",
            "until": r.until or "",
            "status": r.status,
            "confidence": float(round(r.confidence, 3)),
            "evidence": int(r.evidence),
            "directed": bool(r.directed),
            "basis": r.basis,
            "last": r.last or "",
            "events": " ".join(r.events),
        }
        if timeline:
            start, end = day_key(r.since), day_key(r.until)
            if start:
                attrs["start"] = start
            if end:
                attrs["end"] = end
        g.add_edge(r.source.id, r.target.id, key=f"{r.kind}:{r.since or ''}", **attrs)
    return g


def write_graphml(events: Iterable[Mapping[str, Any]], out_dir: Path) -> list[Path]:
    path = out_dir / GRAPHML_FILE
    # networkx declares each attribute's type (attr.type) in <key> elements, which Gephi reads.
    nx.write_graphml(relation_graph(build_relations(events)), path, encoding="utf-8")
    return [path]


def write_gexf(events: Iterable[Mapping[str, Any]], out_dir: Path) -> list[Path]:
    path = out_dir / GEXF_FILE
    nx.write_gexf(relation_graph(build_relations(events), timeline=True), path, encoding="utf-8")
    return [path]
