"""REST API: routes, filters, pagination, the error envelope, auth, limits and headers.

Runs on the shared test store (ui_store.py: the team's articles plus our own), through
FastAPI's TestClient (no server, no network)."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow  # the store is built with the real pipeline

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _involves(event: dict, actor_id: str) -> bool:
    def ids(rec: dict) -> set:
        out = set()
        for role in ("source", "target"):
            a = rec.get(role) or {}
            out |= {a.get("id"), a.get("affiliation")}
        return out

    return actor_id in {event["dyad"]["source"], event["dyad"]["target"]} or any(
        actor_id in ids(m) for m in event["mentions"]
    )


def _pledge(client) -> dict:
    items = client.get("/api/events", params={"actor": "Boko Haram", "cameo": "051", "limit": 500}).json()[
        "items"
    ]
    pledges = [
        e
        for e in items
        if e["dyad"] == {"source": "boko_haram", "target": "islamic_state"}
        and e["date"]["value"] == "2015-03-07"
    ]
    assert len(pledges) == 1, [(e["id"], e["dyad"], e["date"]) for e in items]
    return pledges[0]


# -- the spec and the pages ---------------------------------------------------------------------------
def test_openapi_is_served_with_the_contract_paths(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    paths = spec["paths"]
    for path in (
        "/api/events",
        "/api/relations",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/articles/{article_id}",
        "/api/exports",
        "/api/exports/{fmt}",
    ):
        assert "get" in paths[path], path
    assert "post" in paths["/api/articles"]
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"actor", "since", "until", "limit", "cursor"} <= params
    assert {p["name"] for p in paths["/api/relations"]["get"]["parameters"]} >= {"actor", "as_of"}
    # every route documents the error envelope
    assert "ErrorEnvelope" in spec["components"]["schemas"]


def test_ui_is_served_at_root_from_the_package(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "/static/js/search.js" in r.text
    js = client.get("/static/js/actor.js")
    assert js.status_code == 200 and len(js.content) > 1000
    assert client.get("/static/data/countries-110m.json").status_code == 200
    assert client.get("/static/css/leaflet.css").status_code == 200
    # nothing from a CDN
    for page in ("/", "/actors/boko_haram", "/events/x"):
        html = client.get(page).text
        assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


# -- events --------------------------------------------------------------------------------------------
def test_events_by_actor_name_alias_or_id(client):
    by_name = client.get("/api/events", params={"actor": "Boko Haram", "limit": 500}).json()
    assert by_name["next"] is None
    assert by_name["items"] and all(_involves(e, "boko_haram") for e in by_name["items"])
    by_id = client.get("/api/events", params={"actor": "boko_haram", "limit": 500}).json()
    assert [e["id"] for e in by_id["items"]] == [e["id"] for e in by_name["items"]]


def test_events_since_until_and_other_filters(client):
    r = client.get("/api/events", params={"since": "2015-03-01", "until": "2015-03-31", "limit": 500}).json()
    assert r["items"]
    for e in r["items"]:
        assert "2015-03" <= e["date"]["value"][:7] <= "2015-03" or e["date"]["precision"] != "day"
    quad4 = client.get("/api/events", params={"quad": 4, "limit": 500}).json()["items"]
    assert quad4 and all(e["quad"] == 4 for e in quad4)
    f = client.get("/api/events", params={"factuality": "hedged", "limit": 500}).json()["items"]
    assert all(e["factuality"] == "hedged" for e in f)
    c = client.get("/api/events", params={"cameo": "05", "limit": 500}).json()["items"]
    assert c and all(e["cameo"].startswith("05") for e in c)
    lean = client.get("/api/events", params={"limit": 3, "mentions": "false"}).json()["items"]
    assert lean and all("mentions" not in e for e in lean)


def test_events_cursor_pagination_walks_everything_once(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["next"] is None
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 7}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/api/events", params=params).json()
        assert len(page["items"]) <= 7
        seen += [e["id"] for e in page["items"]]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == [e["id"] for e in everything["items"]]
    assert len(set(seen)) == len(seen)
    assert pages == -(-len(seen) // 7)


def test_bad_values_get_the_422_envelope(client, envelope_ok):
    envelope_ok(client.get("/api/events", params={"cursor": "not-a-cursor"}), 422)
    body = envelope_ok(client.get("/api/events", params={"limit": 0}), 422)
    assert body["errors"] and body["errors"][0]["loc"][-1] == "limit"
    envelope_ok(client.get("/api/events", params={"since": "2015-13-01"}), 422)
    envelope_ok(client.get("/api/events", params={"since": "2016", "until": "2015"}), 422)
    envelope_ok(client.get("/api/events", params={"actor": "No Such Actor Anywhere Zq"}), 422)
    envelope_ok(client.get("/api/relations", params={"as_of": "yesterday"}), 422)
    envelope_ok(client.get("/api/events", params={"factuality": "maybe"}), 422)


def test_event_by_id_has_mentions_and_evidence_spans_that_point_into_the_text(client):
    pledge = _pledge(client)
    r = client.get(f"/api/events/{pledge['id']}")
    assert r.status_code == 200
    ev = r.json()
    assert ev["id"] == pledge["id"]
    assert ev["n_mentions"] >= 2 and len(ev["mentions"]) == ev["n_mentions"]
    assert {m["article"]["id"] for m in ev["mentions"]} >= {"pledge-1", "pledge-2"}
    for m in ev["mentions"]:
        roles = {s["role"] for s in m["evidence"]}
        assert {"source", "trigger"} <= roles, m["evidence"]
        text = client.get(f"/api/articles/{m['article']['id']}").json()["text"]
        for s in m["evidence"]:
            if s["text"] is not None and s["role"] != "attribution":
                assert text[s["start"] : s["end"]] == s["text"], s
    # a mention id gives its canonical event
    by_mention = client.get(f"/api/events/{ev['mentions'][0]['id']}").json()
    assert by_mention["id"] == ev["id"]


# -- actors ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Boko Haram", "boko_haram"),
        ("boko", "boko_haram"),
        ("Boko Harem", "boko_haram"),
        ("ISIS", "islamic_state"),
        ("Islamic State", "islamic_state"),
        ("TTP", "ttp"),
        ("Shekau", "abubakar_shekau"),
    ],
)
def test_actor_search_by_name_alias_and_typo(client, q, expected):
    items = client.get("/api/actors", params={"q": q}).json()["items"]
    assert items and items[0]["id"] == expected, [(i["id"], i["score"]) for i in items[:5]]


def test_actor_search_counts_events_and_needs_a_query(client, envelope_ok):
    hit = client.get("/api/actors", params={"q": "Boko Haram"}).json()["items"][0]
    assert hit["n_events"] >= 3 and hit["in_kb"]
    envelope_ok(client.get("/api/actors"), 422)
    envelope_ok(client.get("/api/actors", params={"q": ""}), 422)


def test_actor_detail_roles_people_and_relations_as_of(client, envelope_ok):
    bh = client.get("/api/actors/boko_haram").json()
    assert bh["name"] == "Boko Haram" and bh["n_events"] >= 3
    assert any(p["id"] == "abubakar_shekau" and p["role"] == "leader" for p in bh["people"])
    assert any(r["target"]["id"] == "islamic_state" for r in bh["relations"])
    before = client.get("/api/actors/boko_haram", params={"as_of": "2015-03-01"}).json()
    assert before["as_of"] == "2015-03-01"
    assert not any(r["target"]["id"] == "islamic_state" for r in before["relations"])
    shekau = client.get("/api/actors/abubakar_shekau").json()
    assert any(
        r["role"] == "leader" and r["of"] == "boko_haram" and r["of_name"] == "Boko Haram"
        for r in shekau["roles"]
    )
    envelope_ok(client.get("/api/actors/no_such_actor"), 404)


def test_a_kb_actor_without_events_has_an_empty_list_not_an_error(client):
    r = client.get("/api/events", params={"actor": "abu_musab_al_zarqawi"})
    if client.get("/api/actors/abu_musab_al_zarqawi").status_code == 404:
        pytest.skip("the knowledge base has no abu_musab_al_zarqawi")
    assert r.status_code == 200 and r.json() == {"items": [], "next": None}


# -- relations ------------------------------------------------------------------------------------------
def test_relations_as_of_the_pledge(client):
    def edges(as_of=None, **kw):
        params = {"actor": "Boko Haram", **kw}
        if as_of:
            params["as_of"] = as_of
        body = client.get("/api/relations", params=params).json()
        return {(r["source"]["id"], r["kind"], r["target"]["id"]) for r in body["items"]}, body

    after, body = edges("2015-04-01")
    assert ("boko_haram", "affiliation", "islamic_state") in after or (
        "boko_haram",
        "support",
        "islamic_state",
    ) in after
    assert body["as_of"] == "2015-04-01"
    before, _ = edges("2015-03-01")
    assert not any("islamic_state" in (s, t) for s, _k, t in before)
    rec = body["items"][0]
    for key in ("source", "target", "kind", "since", "until", "status", "events", "evidence", "confidence"):
        assert key in rec


def test_relations_between_two_actors(client):
    both = client.get("/api/relations", params={"actor": "boko_haram", "other": "Islamic State"}).json()[
        "items"
    ]
    assert both
    for r in both:
        assert {r["source"]["id"], r["target"]["id"]} == {"boko_haram", "islamic_state"}
    kind = client.get("/api/relations", params={"actor": "boko_haram", "kind": "leadership"}).json()["items"]
    assert kind and all(r["kind"] == "leadership" for r in kind)


# -- articles ---------------------------------------------------------------------------------------------
def test_article_by_id_with_cleaned_text_and_its_events(client, envelope_ok):
    a = client.get("/api/articles/pledge-1").json()
    assert a["title"].startswith("Boko Haram pledges allegiance")
    assert "Abubakar Shekau" in a["text"] and a["published"] == "2015-03-07"
    assert a["events"] and all(e["canonical_id"] for e in a["events"])
    for e in a["events"]:
        for s in e["evidence"]:
            assert a["text"][s["start"] : s["end"]] == s["text"]
    envelope_ok(client.get("/api/articles/no-such-article"), 404)


def test_markup_in_articles_comes_back_as_data(client):
    r = client.get("/api/articles/xss-1")
    assert r.headers["content-type"].startswith("application/json")
    a = r.json()
    assert "<script>alert(1)</script>" in a["text"]
    assert "<img src=x onerror=alert(1)>" in a["text"]
    assert a["url"] == "javascript:alert('url')"
    assert a["title"].startswith("Boko Haram raid <script>")
    # JSON, not HTML: the raw bytes hold the markup only inside JSON strings
    assert json.loads(r.content)["text"] == a["text"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_html_pages_escape_what_comes_from_the_url(client):
    r = client.get("/actors/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    r = client.get("/events/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert "<img src=x" not in r.text and "&lt;img src=x onerror=alert(1)&gt;" in r.text


# -- errors ------------------------------------------------------------------------------------------------
def test_404_envelope_everywhere(client, envelope_ok):
    envelope_ok(client.get("/api/events/ce_0000000000000000"), 404)
    envelope_ok(client.get("/api/nothing-here"), 404)
    envelope_ok(client.get("/static/js/nothing.js"), 404)
    envelope_ok(client.get("/api/exports/no-such-format"), 404)


def test_405_is_an_envelope_too(client, envelope_ok):
    envelope_ok(client.delete("/api/events"), 405)


def test_unexpected_errors_are_a_500_envelope_without_internals(
    store_path, make_client, monkeypatch, envelope_ok
):
    from newsgraph.api import data

    c = make_client(store_path, raise_server_exceptions=False)

    def boom(*_a, **_k):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(data, "get_article", boom)
    body = envelope_ok(c.get("/api/articles/pledge-1"), 500)
    assert "secret" not in json.dumps(body) and "Traceback" not in json.dumps(body)


# -- writes ------------------------------------------------------------------------------------------------
NEW_ARTICLE = {
    "title": "Hezbollah fighters shell Israeli post",
    "text": (
        "Hezbollah fighters fired rockets at an Israeli army post near Metula on Tuesday, "
        "the Israeli army said."
    ),
    "published": "2023-10-17",
    "publisher": "Test Wire",
}


def test_post_articles_without_token_is_401(client, envelope_ok):
    r = client.post("/api/articles", json={"articles": [NEW_ARTICLE]})
    envelope_ok(r, 401)
    assert r.headers["www-authenticate"].startswith("Bearer")
    envelope_ok(
        client.post(
            "/api/articles",
            json={"articles": [NEW_ARTICLE]},
            headers={"Authorization": "Bearer wrong-token-wrong-token"},
        ),
        401,
    )
    envelope_ok(
        client.post(
            "/api/articles", json={"articles": [NEW_ARTICLE]}, headers={"Authorization": f"Basic {TOKEN}"}
        ),
        401,
    )


def test_no_token_configured_means_writes_disabled(store_path, make_client, envelope_ok):
    c = make_client(store_path)  # no token
    envelope_ok(c.post("/api/articles", json={"articles": [NEW_ARTICLE]}), 401)
    body = envelope_ok(c.post("/api/articles", json={"articles": [NEW_ARTICLE]}, headers=AUTH), 403)
    assert "disabled" in body["error"]
    assert c.get("/api/stats").json()["writes_enabled"] is False


def test_post_articles_with_token_ingests_idempotently(writable_copy, make_client):
    c = make_client(writable_copy, token=TOKEN)
    before = c.get("/api/stats").json()["counts"]
    r = c.post("/api/articles", json={"articles": [NEW_ARTICLE]}, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True and body["stats"]["articles_new"] == 1
    article_id = body["articles"][0]
    stored = c.get(f"/api/articles/{article_id}").json()
    assert stored["text"] == NEW_ARTICLE["text"] and stored["publisher"] == "Test Wire"
    after = c.get("/api/stats").json()["counts"]
    assert after["articles"] == before["articles"] + 1
    # the caches see the new data
    assert c.get("/api/events", params={"actor": "Hezbollah", "since": "2023-10-17"}).json()["items"]
    again = c.post("/api/articles", json={"articles": [NEW_ARTICLE]}, headers=AUTH).json()
    assert again["stats"]["articles_new"] == 0 and again["stats"]["articles_skipped"] == 1


def test_post_articles_validation(client, envelope_ok):
    envelope_ok(client.post("/api/articles", json={"articles": []}, headers=AUTH), 422)
    envelope_ok(client.post("/api/articles", json={"articles": [{"title": "no text"}]}, headers=AUTH), 422)
    envelope_ok(
        client.post(
            "/api/articles", json={"articles": [{**NEW_ARTICLE, "published": "17/10/2023"}]}, headers=AUTH
        ),
        422,
    )
    envelope_ok(
        client.post(
            "/api/articles", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"}
        ),
        422,
    )


def test_oversize_body_is_413_by_content_length_and_when_streamed(store_path, make_client, envelope_ok):
    c = make_client(store_path, token=TOKEN, max_body_bytes=4096)
    big = {"articles": [{**NEW_ARTICLE, "text": "x" * 10_000}]}
    body = envelope_ok(c.post("/api/articles", json=big, headers=AUTH), 413)
    assert "4096" in body["error"]

    # no Content-Length: the body is counted as it streams in
    def chunks():
        for _ in range(10):
            yield b" " * 1000

    envelope_ok(
        c.post("/api/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}), 413
    )
    # the limit holds before authentication: no token needed to be refused
    envelope_ok(c.post("/api/articles", json=big), 413)


# -- reads never write ---------------------------------------------------------------------------------------
def test_read_routes_do_not_write(writable_copy, make_client):
    from newsgraph.store import dump

    before = dump(str(writable_copy))
    c = make_client(writable_copy, token=TOKEN)
    ev = c.get("/api/events", params={"limit": 1}).json()["items"][0]
    for path in [
        "/",
        "/api/events",
        f"/api/events/{ev['id']}",
        "/api/actors?q=boko",
        "/api/actors/boko_haram",
        "/api/relations?as_of=2015-04-01",
        "/api/articles/pledge-1",
        "/api/stats",
        "/api/exports",
        "/api/exports/plover-jsonl",
        "/openapi.json",
    ]:
        assert c.get(path).status_code == 200, path
    assert dump(str(writable_copy)) == before


# -- exports ---------------------------------------------------------------------------------------------
def test_export_download(client):
    formats = {f["format"]: f for f in client.get("/api/exports").json()["items"]}
    assert {"plover-jsonl", "gdelt-tsv"} <= set(formats)
    r = client.get("/api/exports/plover-jsonl")
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    lines = [json.loads(x) for x in r.text.splitlines() if x.strip()]
    assert lines
    g = client.get("/api/exports/gdelt-tsv")
    assert g.status_code == 200 and "\t" in g.text
    if formats.get("graphml", {}).get("available"):
        x = client.get("/api/exports/graphml")
        assert x.status_code == 200 and b"<graphml" in x.content


# -- headers ---------------------------------------------------------------------------------------------
def test_security_headers_and_no_cors_by_default(client):
    r = client.get("/api/events", params={"limit": 1}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-frame-options"] == "DENY"
    page = client.get("/")
    assert "content-security-policy" in page.headers
    pre = client.options(
        "/api/events", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in pre.headers


def test_cors_when_configured(store_path, make_client):
    c = make_client(store_path, cors_origins=["https://ok.example"])
    r = c.get("/api/stats", headers={"Origin": "https://ok.example"})
    assert r.headers["access-control-allow-origin"] == "https://ok.example"
    r = c.get("/api/stats", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
