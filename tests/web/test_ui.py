"""The web UI in a real browser (Debian Chromium through Playwright) against a live server.

- search an actor, see its network, move the "as of" slider before the pledge and see the edge
  to the Islamic State go, then open the pledge event and see its evidence highlighted;
- an article full of markup and script is shown as text: no element made from it, no dialog;
- every page works offline (no request leaves localhost) and breaks no CSP rule.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

pytestmark = pytest.mark.slow

EPOCH = date(1970, 1, 1)
TIMEOUT = 15_000


def day_number(iso: str) -> int:
    return (date.fromisoformat(iso) - EPOCH).days


def open_actor_by_search(page, query: str, actor_id: str, artifacts, shot: str | None = None) -> None:
    page.goto(page.base + "/")
    page.get_by_test_id("search").fill(query)
    hit = page.locator(f'#results li[data-actor-id="{actor_id}"] a')
    hit.first.wait_for(timeout=TIMEOUT)
    first = page.locator("#results li").first
    assert first.get_attribute("data-actor-id") == actor_id
    if shot:
        page.screenshot(path=str(artifacts / shot))
    hit.first.click()
    page.wait_for_url(re.compile(rf"/actors/{actor_id}$"))
    page.locator('#app[data-ready="1"]').wait_for(state="attached", timeout=TIMEOUT)


def network_nodes(page) -> set[str]:
    return set((page.get_by_test_id("network").get_attribute("data-nodes") or "").split())


def move_slider(page, iso: str) -> None:
    page.get_by_test_id("asof-slider").fill(str(day_number(iso)))
    page.wait_for_function(
        "(d) => document.getElementById('asof-label').textContent === d", arg=iso, timeout=TIMEOUT
    )


def wait_for_edge(page, source: str, target: str, present: bool) -> None:
    sel = f'#relations tr[data-source="{source}"][data-target="{target}"]'
    page.wait_for_function(
        "([sel, want, t]) => (document.querySelectorAll(sel).length > 0) === want"
        " && (document.getElementById('network').dataset.nodes || '').split(' ').includes(t) === want",
        arg=[sel, present, target],
        timeout=TIMEOUT,
    )


@pytest.mark.parametrize(
    ("query", "actor_id", "pledge_day", "before", "after", "kinds"),
    [
        ("Boko Haram", "boko_haram", "2015-03-07", "2015-03-01", "2015-04-01", {"affiliation", "support"}),
        ("TTP", "ttp", "2014-10-04", "2014-10-01", "2014-10-10", {"support"}),
    ],
    ids=["boko-haram", "ttp"],
)
def test_search_network_slider_and_pledge_evidence(
    page, artifacts, docs_img, query, actor_id, pledge_day, before, after, kinds
):
    open_actor_by_search(page, query, actor_id, artifacts, shot=f"search-{actor_id}.png")
    # the Islamic State is in the network, with an edge of the pledge's kind
    assert "islamic_state" in network_nodes(page)
    rows = page.locator(f'#relations tr[data-source="{actor_id}"][data-target="islamic_state"]')
    assert {r.get_attribute("data-kind") for r in rows.all()} & kinds
    assert int(page.get_by_test_id("network").get_attribute("data-edges")) >= 1
    # timeline and map are drawn
    assert page.locator("#timeline svg a").count() >= 1
    assert page.get_by_test_id("map").locator(".leaflet-interactive").count() >= 1
    page.screenshot(path=str(artifacts / f"actor-{actor_id}.png"), full_page=True)
    if docs_img is not None and actor_id == "boko_haram":
        docs_img.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(docs_img), clip={"x": 0, "y": 0, "width": 1280, "height": 900})

    # before the pledge: the edge is gone
    move_slider(page, before)
    wait_for_edge(page, actor_id, "islamic_state", present=False)
    page.screenshot(path=str(artifacts / f"actor-{actor_id}-before-{before}.png"))
    # after it: back again
    move_slider(page, after)
    wait_for_edge(page, actor_id, "islamic_state", present=True)
    page.get_by_test_id("asof-reset").click()
    page.wait_for_function("() => document.getElementById('asof-label').textContent === 'everything known'")

    # open the pledge event from the events table
    row = (
        page.locator('#events tr[data-cameo^="05"]')
        .filter(has_text="Islamic State")
        .filter(has_text=pledge_day)
    )
    row.first.locator("a.event-link").click()
    page.wait_for_url(re.compile(r"/events/ce_"))
    page.locator('#app[data-ready="1"]').wait_for(state="attached", timeout=TIMEOUT)
    text = page.get_by_test_id("article-text")
    roles = {
        role: [m.inner_text() for m in text.locator(f'mark[data-roles~="{role}"]').all()]
        for role in ("source", "target", "trigger", "date", "place")
    }
    assert roles["trigger"] and re.search(
        r"pledge|sw[oe]r|allegiance|support|loyal", " ".join(roles["trigger"]), re.I
    )
    assert roles["source"], roles
    assert any("Islamic State" in t or "ISIS" in t for t in roles["target"]), roles
    # the highlighted spans are in reading order and are pieces of the article's text
    full = text.inner_text()
    for t in roles["trigger"] + roles["source"] + roles["target"]:
        assert t in full
    assert page.get_by_test_id("factuality").inner_text() == "asserted"
    assert page.get_by_test_id("attribution").inner_text()
    assert page.locator("#mentions li").count() >= 1
    page.screenshot(path=str(artifacts / f"event-{actor_id}-pledge.png"), full_page=True)
    page.watch.assert_clean()


def test_markup_in_an_article_is_shown_as_text_and_never_runs(page, artifacts):
    import httpx

    art = httpx.get(page.base + "/api/articles/xss-1").json()
    assert art["events"], "the markup article gave no event to open"
    event_id = art["events"][0]["canonical_id"]
    page.goto(page.base + f"/events/{event_id}")
    page.locator('#app[data-ready="1"]').wait_for(state="attached", timeout=TIMEOUT)
    text = page.get_by_test_id("article-text")
    shown = text.inner_text()
    assert "<script>alert(1)</script>" in shown
    assert "<img src=x onerror=alert(1)>" in shown
    assert "javascript:alert(document.cookie)" in shown
    # nothing in the text became an element: only text and our <mark>s
    assert text.locator("script, img, b, i, a, iframe").count() == 0
    assert page.locator("img").count() == 0
    title = page.get_by_test_id("article-title").inner_text()
    assert '<script>alert("title")</script>' in title
    # the javascript: URL of the article is not a link
    url = page.get_by_test_id("article-url")
    assert url.evaluate("n => n.tagName") == "SPAN"
    assert page.locator('a[href^="javascript:" i]').count() == 0
    assert "<i>Script Wire</i>" in page.get_by_test_id("article-meta").inner_text()
    page.wait_for_timeout(300)  # a dialog from an onerror handler would have fired by now
    page.screenshot(path=str(artifacts / "event-xss.png"), full_page=True)

    # the same data on the actor page (timeline titles, events table) and in the search box
    page.goto(page.base + "/actors/boko_haram")
    page.locator('#app[data-ready="1"]').wait_for(state="attached", timeout=TIMEOUT)
    assert page.locator("#events img, #events script, #events b").count() == 0
    page.goto(page.base + "/?q=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(9)%3E")
    page.wait_for_function("() => document.getElementById('search-status').textContent.length > 0")
    assert "<img src=x onerror=alert(9)>" in page.locator("#search-status").inner_text()
    assert page.locator("img").count() == 0
    page.wait_for_timeout(300)
    page.watch.assert_clean()


def test_actor_page_for_an_unknown_id_says_so(page):
    page.goto(page.base + "/actors/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    err = page.locator("#actor-error")
    err.wait_for(state="visible", timeout=TIMEOUT)
    assert "No actor" in err.inner_text() and "<img src=x onerror=alert(1)>" in err.inner_text()
    assert page.locator("img").count() == 0
    page.watch.assert_clean()
