"""The store the API and browser tests share: the team's test articles (tests/data/articles, with
the publication dates and publishers of expected.yaml) plus small articles written for these
tests (one full of markup and script, to check that it is shown as text). Built once per test
session into a temporary SQLite file, with newsgraph.store.ingest (the real pipeline).

Loaded by path from tests/api/conftest.py and tests/web/conftest.py (not a test module)."""

from __future__ import annotations

from pathlib import Path

import yaml

from newsgraph.records import Article

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"

# Written for these tests; not news. The markup must come back as text, never run.
XSS_ID = "xss-1"
XSS_TITLE = 'Boko Haram raid <script>alert("title")</script> <img src=x onerror=alert(2)>'
XSS_TEXT = (
    "Boko Haram fighters attacked a military base in Maiduguri on Monday, the Nigerian army said.\n\n"
    "The attackers left a note that read <script>alert(1)</script> next to a drawing captioned "
    "<img src=x onerror=alert(1)>.\n\n"
    "Nigerian troops arrested <b onmouseover=alert(3)>two suspects</b> near the base on Tuesday.\n\n"
    "A website named in the note, javascript:alert(document.cookie), has been taken down."
)
XSS_URL = "javascript:alert('url')"
XSS_PUBLISHER = "<i>Script Wire</i>"

TTP_ID = "ttp-pledge"
TTP_TITLE = "Pakistani Taliban pledge support to Islamic State"
TTP_TEXT = (
    "Tehrik-i-Taliban Pakistan pledged support to the Islamic State on Saturday, a spokesman for the "
    "group said in Peshawar.\n\n"
    "Pakistani troops killed six TTP fighters in North Waziristan on Sunday, the army said."
)


def team_articles() -> list[Article]:
    expected = yaml.safe_load((ARTICLES / "expected.yaml").read_text(encoding="utf-8")) or {}
    out = []
    for path in sorted(ARTICLES.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        title, _, body = raw.partition("\n")
        meta = expected.get(path.stem) or {}
        published = meta.get("published")
        out.append(
            Article(
                id=path.stem,
                text=body.strip(),
                title=title.strip(),
                published=str(published) if published else None,
                publisher=meta.get("publisher"),
            )
        )
    return out


def own_articles() -> list[Article]:
    return [
        Article(
            id=XSS_ID,
            text=XSS_TEXT,
            title=XSS_TITLE,
            url=XSS_URL,
            published="2015-06-02",
            publisher=XSS_PUBLISHER,
        ),
        Article(
            id=TTP_ID,
            text=TTP_TEXT,
            title=TTP_TITLE,
            url="https://example.org/ttp-pledge",
            published="2014-10-06",
            publisher="Frontier Post Test",
        ),
    ]


def build_store(path: Path) -> Path:
    """Ingest every test article into a new SQLite store at ``path``."""
    from newsgraph.config import Settings
    from newsgraph.store import ingest

    stats = ingest([*team_articles(), *own_articles()], str(path), settings=Settings.from_env(geocode=True))
    assert stats.articles_failed == 0, stats.errors
    return path


def shared_store(tmp_path_factory) -> Path:
    """The session's store, built once whichever test directory asks first."""
    base = tmp_path_factory.getbasetemp()
    path = base / "ui-store.db"
    done = base / "ui-store.done"
    if not done.exists():
        if path.exists():
            path.unlink()
        build_store(path)
        done.write_text("ok", encoding="utf-8")
    return path
