"""Store fixtures: ``store_url`` runs a test on SQLite and on the machine's PostgreSQL (one fresh
schema per test, dropped afterwards); ``pledge`` gives hand-built ArticleResults for the four
hand-written articles of data/pledge.jsonl (a pledge reported by three outlets, then denied)."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsgraph.records import Article, ArticleResult, PlaceRef
from newsgraph.store.synthetic import Who, actor, make_event, sentences_of

DATA = Path(__file__).parent / "data"
PLEDGE = DATA / "pledge.jsonl"
PG_URL = os.environ.get("NEWSGRAPH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")

ANSARU = Who("ansaru", "Ansaru", "NGA", "REB")
AQIM = Who("aqim", "al-Qaeda in the Islamic Maghreb", None, "REB")
NIGERIA = Who("NGA", "Nigeria", "NGA", "MIL", "country")
NIGERIA_GOV = Who("NGA", "Nigeria", "NGA", "GOV", "country")


def _pg_problem() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means: skip, and say why
        return f"PostgreSQL at {PG_URL} is not reachable ({type(exc).__name__}: {str(exc).strip()[:200]})"
    return None


@pytest.fixture(scope="session")
def pg_base() -> str:
    problem = _pg_problem()
    if problem:
        pytest.skip(problem)
    return PG_URL


def pg_schema_url(base: str, schema: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@contextmanager
def pg_scratch(base: str) -> Iterator[str]:
    """A PostgreSQL URL whose tables live in a schema of their own, dropped afterwards."""
    import psycopg

    schema = f"ng_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield pg_schema_url(base, schema)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def pg_url(pg_base: str):
    with pg_scratch(pg_base) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def clean_url(store_url, tmp_path, pg_base_if_needed):
    """A second, empty store of the same kind as ``store_url``."""
    if "://" not in store_url:
        yield str(tmp_path / "clean.db")
        return
    with pg_scratch(pg_base_if_needed) as url:
        yield url


@pytest.fixture
def pg_base_if_needed(request, store_url):
    return request.getfixturevalue("pg_base") if "://" in store_url else None


# -- hand-built pipeline results for data/pledge.jsonl ------------------------------------------
def _articles() -> dict[str, Article]:
    out = {}
    for line in PLEDGE.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out[r["id"]] = Article(
            id=r["id"],
            text=r["text"],
            title=r["title"],
            url=r["url"],
            published=r["published"],
            publisher=r["publisher"],
            origin=f"{PLEDGE.name}#{r['id']}",
        )
    return out


def event(
    article: Article,
    trigger: str,
    source: tuple[Who, str] | None,
    target: tuple[Who, str] | None,
    cameo: str,
    day: str,
    **kw,
):
    """An event of ``article`` whose trigger, source and target texts are found in its text."""
    sentence = next(s for s in sentences_of(article.text) if trigger in s.text)

    def ref(who_text):
        if who_text is None:
            return None
        who, text = who_text
        return actor(who, text, sentence.start + sentence.text.index(text))

    plover = {"05": "SUPPORT", "19": "ASSAULT", "11": "ACCUSE", "06": "COOPERATE"}.get(cameo[:2])
    return make_event(
        article, sentence, ref(source), ref(target), cameo, trigger, plover=plover, day=day, **kw
    )


def kaduna(article: Article) -> PlaceRef:
    at = article.text.index("Kaduna")
    return PlaceRef("Kaduna", at, at + 6, "Kaduna", "NGA", "Kaduna", 10.523, 7.438, 2335727, "city")


def pledge_results() -> list[ArticleResult]:
    a = _articles()
    s, lg, w1, w2 = a["sahel-courier-0111"], a["lagos-ledger-0112"], a["wire-desk-0113"], a["wire-desk-0120"]
    evs = {
        s.id: [
            event(
                s,
                "pledged allegiance",
                (ANSARU, "Ansaru"),
                (AQIM, "al-Qaeda in the Islamic Maghreb"),
                "051",
                "2022-01-10",
            )
        ],
        lg.id: [
            event(
                lg,
                "pledged allegiance",
                (ANSARU, "Ansaru"),
                (AQIM, "al-Qaeda in the Islamic Maghreb"),
                "051",
                "2022-01-10",
            ),
            event(
                lg,
                "raided",
                (NIGERIA, "Nigerian troops"),
                (ANSARU, "Ansaru"),
                "190",
                "2022-01-11",
                place=kaduna(lg),
            ),
        ],
        w1.id: [
            event(
                w1,
                "pledged allegiance",
                (ANSARU, "Ansaru"),
                (AQIM, "al-Qaeda in the Islamic Maghreb"),
                "051",
                "2022-01-10",
            ),
            event(w1, "condemned", (NIGERIA_GOV, "The Nigerian government"), None, "111", "2022-01-12"),
        ],
        w2.id: [
            event(
                w2,
                "pledge allegiance",
                (ANSARU, "Ansaru"),
                (AQIM, "al-Qaeda in the Islamic Maghreb"),
                "051",
                "2022-01-11",
                factuality="negated",
            ),
        ],
    }
    return [ArticleResult(article=art, events=tuple(evs[art.id]), origin=art.origin) for art in a.values()]


@pytest.fixture
def pledge() -> list[ArticleResult]:
    return pledge_results()


@pytest.fixture
def kit() -> SimpleNamespace:
    """Builders for tests that need their own articles and events."""
    return SimpleNamespace(
        event=event,
        articles=_articles,
        kaduna=kaduna,
        pledge=pledge_results,
        ANSARU=ANSARU,
        AQIM=AQIM,
        NIGERIA=NIGERIA,
        NIGERIA_GOV=NIGERIA_GOV,
    )
