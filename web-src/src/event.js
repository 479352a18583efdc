// The event page: what happened, who says so and how sure, and each report's article text with
// the spans of source, target, trigger, date and place (and the factuality cue, quote and
// attribution) highlighted. Article text is put into the page as text nodes only.
import { actorNode, api, clear, el, safeUrl, showError } from "./common.js";

const root = document.getElementById("app");
const eventId = root.dataset.eventId;

// Highlight roles, most specific first: a character covered by several spans shows the first.
const ROLES = [
  ["trigger", "trigger"],
  ["source", "source"],
  ["target", "target"],
  ["date", "date"],
  ["place", "place"],
  ["factuality_cue", "factuality cue"],
  ["attribution", "attribution"],
  ["quote", "quote"],
];
const ROLE_ORDER = Object.fromEntries(ROLES.map(([r], i) => [r, i]));

const articles = new Map(); // article id -> Promise of the article

function fact(dl, term, ...value) {
  dl.append(el("dt", {}, term), el("dd", {}, ...value));
}

function renderFacts(ev) {
  const what = `${ev.plover || ""} ${ev.cameo || ""}`.trim();
  const title = document.getElementById("event-title");
  clear(title).append(actorNode(ev.source), ` — ${what}${ev.trigger ? ` “${ev.trigger.text}”` : ""}`);
  if (ev.target) title.append(" — ", actorNode(ev.target));
  document.title = `${title.textContent} · newsgraph`;
  const dl = clear(document.getElementById("event-facts"));
  fact(dl, "Date", ev.date ? `${ev.date.value} (${ev.date.precision}${ev.date.text ? `, “${ev.date.text}”` : ", the publication date"})` : "unknown");
  fact(dl, "Place", ev.place ? [ev.place.name || ev.place.text, ev.place.admin1, ev.place.country].filter(Boolean).join(", ") : "not said");
  fact(dl, "Factuality", el("span", { class: `fact fact-${ev.factuality}`, "data-testid": "factuality" }, ev.factuality || "?"),
    ev.factuality_cue ? el("span", { class: "muted" }, ` (cue: “${ev.factuality_cue.text}”)`) : null);
  const who = (ev.attribution || []).map((a) => [a.name || a.text, a.cue ? `(${a.cue})` : null].filter(Boolean).join(" "));
  fact(dl, "Attribution", el("span", { "data-testid": "attribution" }, who.length ? who.join(" ← ") : "the article's own voice"));
  fact(dl, "CAMEO / PLOVER", `${ev.cameo || "?"} / ${ev.plover || "?"} (QuadClass ${ev.quad ?? "?"}, Goldstein ${ev.goldstein ?? "?"})`);
  fact(dl, "Confidence", ev.confidence == null ? "?" : String(ev.confidence));
  fact(dl, "Reports", `${ev.n_mentions || 1} mention${ev.n_mentions === 1 ? "" : "s"} from ${ev.n_sources || 1} independent source${ev.n_sources === 1 ? "" : "s"}` +
    (ev.publishers && ev.publishers.length ? `: ${ev.publishers.join(", ")}` : ""));
}

function renderLegend() {
  const legend = clear(document.getElementById("roles-legend"));
  for (const [role, label] of ROLES) legend.append(el("li", {}, el("mark", { class: `hl hl-${role}` }, label)));
}

/** Text split at every span boundary; a piece covered by spans becomes a <mark> with its roles. */
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= text.length);
  for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const roles = [...new Set(valid.filter((s) => s.start <= a && s.end >= b).map((s) => s.role))]
      .sort((x, y) => (ROLE_ORDER[x] ?? 99) - (ROLE_ORDER[y] ?? 99));
    if (!roles.length) {
      frag.append(document.createTextNode(piece));
      continue;
    }
    frag.append(el("mark", {
      class: `hl hl-${roles[0]}` + (roles.includes("quote") && roles[0] !== "quote" ? " in-quote" : ""),
      "data-roles": roles.join(" "),
      title: roles.map((r) => r.replace("_", " ")).join(", "),
    }, piece));
  }
  return frag;
}

function loadArticle(id) {
  if (!articles.has(id)) articles.set(id, api(`/api/articles/${encodeURIComponent(id)}`));
  return articles.get(id);
}

async function showMention(m, item) {
  for (const li of document.querySelectorAll("#mentions li")) li.classList.toggle("current", li === item);
  const textBox = clear(document.getElementById("article-text"));
  textBox.append(el("p", { class: "muted" }, "Loading the article…"));
  let art;
  try {
    art = await loadArticle(m.article.id);
  } catch (err) {
    clear(textBox).append(el("p", { class: "error" }, `The article cannot be shown: ${err.message}`));
    return;
  }
  document.getElementById("article-title").textContent = art.title || art.id;
  const meta = clear(document.getElementById("article-meta"));
  meta.append([art.publisher, art.published].filter(Boolean).join(", ") || "no publisher or date");
  const href = safeUrl(art.url);
  if (href) {
    meta.append(" · ", el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank", "data-testid": "article-url" }, "original"));
  } else if (art.url) {
    meta.append(" · ", el("span", { class: "muted", "data-testid": "article-url", title: "not a web address, so not a link" }, art.url));
  }
  clear(textBox).append(highlighted(art.text, m.evidence || []));
  textBox.dataset.mention = m.id;
  const first = textBox.querySelector("mark.hl-trigger") || textBox.querySelector("mark");
  if (first) first.scrollIntoView({ block: "center", inline: "nearest" });
  root.dataset.ready = "1";
}

function renderMentions(ev) {
  const list = clear(document.getElementById("mentions"));
  const mentions = ev.mentions && ev.mentions.length ? ev.mentions : [ev];
  let start = null;
  for (const m of mentions) {
    const a = m.article || {};
    const item = el("li", { "data-mention-id": m.id },
      el("button", { type: "button", class: "linkish" }, a.title || a.id || "article"),
      el("div", { class: "muted" }, [a.publisher, a.published].filter(Boolean).join(", ")),
      el("div", { class: "small" }, `${m.factuality}${m.attribution && m.attribution.length ? " · attributed" : ""}`,
        m.id === ev.representative ? " · shown in the record" : ""));
    item.querySelector("button").addEventListener("click", () => showMention(m, item));
    list.append(item);
    if (start === null || m.id === ev.representative) start = start && start.m.id === ev.representative ? start : { m, item };
  }
  if (start) showMention(start.m, start.item);
}

async function main() {
  renderLegend();
  let ev;
  try {
    ev = await api(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (err) {
    showError(document.getElementById("event-error"), err.status === 404 ? `No event “${eventId}” here.` : err);
    return;
  }
  renderFacts(ev);
  renderMentions(ev);
}

main();
