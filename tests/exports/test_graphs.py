"""GraphML and GEXF of the relation graph: typed edge attributes that survive a read-back."""

from __future__ import annotations

import pytest

from newsgraph.exports import export
from newsgraph.graph import build_relations

nx = pytest.importorskip("networkx")  # an export extra, not a core dependency


def _edges(g):
    return {(u, v, d["kind"], d["since"]): d for u, v, d in g.edges(data=True)}


def test_graphml_round_trip(tmp_path, events_path, events):
    (path,) = export("graphml", tmp_path, events=str(events_path))
    g = nx.read_graphml(path)
    assert isinstance(g, nx.MultiDiGraph)
    relations = build_relations(events)
    assert g.number_of_edges() == len(relations)
    edges = _edges(g)
    support = edges[("ttp", "islamic_state", "support", "2014-10-04")]
    assert support["until"] == "2015-03-01" and support["status"] == "ended"
    assert isinstance(support["confidence"], float) and abs(support["confidence"] - 0.992) < 1e-9
    assert support["evidence"] == 3 and support["events"] == "ev-ttp-pledge"
    split = edges[("ttp", "islamic_state", "split", "2015-03-01")]
    assert split["until"] == ""  # null in the relation record
    assert g.nodes["islamic_state"]["label"] == "Islamic State"


def test_graphml_declares_attribute_types(tmp_path, events):
    (path,) = export("graphml", tmp_path, events=events)
    text = path.read_text(encoding="utf-8")
    for name, typ in (
        ("kind", "string"),
        ("confidence", "double"),
        ("evidence", "long"),
        ("since", "string"),
    ):
        assert (
            f'attr.name="{name}" attr.type="{typ}"' in text or f'attr.type="{typ}" attr.name="{name}"' in text
        )


def test_gexf_round_trip_with_timeline(tmp_path, events):
    (path,) = export("gexf", tmp_path, events=events)
    g = nx.read_gexf(path)
    edges = _edges(g)
    support = edges[("ttp", "islamic_state", "support", "2014-10-04")]
    assert (support["start"], support["end"]) == ("2014-10-04", "2015-03-01")
    assert support["kind"] == "support" and abs(support["confidence"] - 0.992) < 1e-9
    # a partial since starts the timeline on its first day
    assert edges[("al_qaeda", "islamic_state", "split", "2014-02")]["start"] == "2014-02-01"
    assert g.nodes["ttp"]["label"] == "Tehrik-i-Taliban Pakistan"
    assert '<attribute id="4" title="confidence" type="double"' in path.read_text(encoding="utf-8")
