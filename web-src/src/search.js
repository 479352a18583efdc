// The start page: actor search (name or alias, fuzzy) and the store's size.
import { actorHref, api, clear, debounce, el } from "./common.js";

const input = document.getElementById("search");
const results = document.getElementById("results");
const status = document.getElementById("search-status");
const stats = document.getElementById("stats");
let latest = 0;

async function search(q) {
  const mine = ++latest;
  q = q.trim();
  if (!q) {
    clear(results);
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  try {
    const data = await api("/api/actors", { q, limit: 20 });
    if (mine !== latest) return;
    clear(results);
    for (const hit of data.items) {
      const meta = [hit.type, hit.country, hit.sector].filter(Boolean).join(" · ");
      results.append(
        el(
          "li",
          { class: "result", "data-actor-id": hit.id },
          el("a", { href: actorHref(hit.id), class: "result-name" }, hit.name),
          hit.matched && hit.matched !== hit.name ? el("span", { class: "muted" }, ` (${hit.matched})`) : null,
          el("span", { class: "result-meta" }, meta),
          el("span", { class: "badge" + (hit.n_events ? "" : " dim") }, `${hit.n_events} events`),
        ),
      );
    }
    status.textContent = data.items.length ? "" : `No actor matches “${q}”.`;
  } catch (err) {
    if (mine === latest) status.textContent = "Search failed: " + err.message;
  }
}

const later = debounce(search, 200);
input.addEventListener("input", () => {
  const q = input.value;
  const url = new URL(window.location.href);
  if (q) url.searchParams.set("q", q);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url.pathname + url.search);
  later(q);
});
document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  search(input.value);
});

const initial = new URLSearchParams(window.location.search).get("q");
if (initial) {
  input.value = initial;
  search(initial);
}
input.focus();

api("/api/stats")
  .then((s) => {
    const c = s.counts || {};
    const range = s.first_event ? `, ${s.first_event} to ${s.last_event}` : "";
    stats.textContent = `${c.canonical_events || 0} events from ${c.articles || 0} articles, ${c.actors || 0} actors${range}.`;
  })
  .catch(() => {});
