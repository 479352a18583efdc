"""Property-based: whatever text comes in, the pipeline returns a result and never an internal
error (only our own named errors are acceptable failures)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.records import Article

WORDS = [
    "The", "Pakistani", "Taliban", "attacked", "Islamic", "State", "fighters", "in", "Peshawar", "on",
    "Monday", "said", "“", "”", '"', "not", "may", "if", "accused", "of", "harbouring", "TTP", "its",
    "leader", "he", "they", ",", ".", "\n\n", "pledged", "allegiance", "to", "the", "group", "'s", "(", ")",
    "Kabul", "troops", "killed", "talks", "between", "and", "will", "have", "been", "known", "to", "fight",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60), st.sampled_from([None, "2014-10-06", "1999-01-01"]))
def test_word_salad_never_breaks_the_pipeline(pipeline, words, published):
    res = pipeline.process(Article(id="fuzz", text=" ".join(words), published=published))
    assert res.error is None or "internal error" not in res.error, res.error


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=300))
def test_random_unicode_never_breaks_the_pipeline(pipeline, text):
    res = pipeline.process(Article(id="fuzz", text=text, published="2020-01-01"))
    assert res.error is None or "internal error" not in res.error, res.error
    for e in res.events:
        assert 0 <= e.trigger.start <= e.trigger.end <= len(text)
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
