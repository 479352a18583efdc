// Shared helpers of the newsgraph UI.
//
// Rule of this code base: text from the API goes into the page only as text (textContent, text
// nodes, SVG <title> text). No innerHTML, insertAdjacentHTML or document.write with data, and
// links from data go through safeUrl(), which lets only http(s) through.

export const KIND_COLORS = {
  alliance: "#1b9e77",
  support: "#2c7fb8",
  affiliation: "#7570b3",
  membership: "#66a61e",
  leadership: "#a6761d",
  harbouring: "#e6ab02",
  accusation: "#e7298a",
  hostility: "#d95f02",
  split: "#666666",
};

export const QUAD_NAMES = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};
export const QUAD_COLORS = { 1: "#2c7fb8", 2: "#1b9e77", 3: "#e7298a", 4: "#d95f02" };

/** Create an element; children are nodes or strings (added as text nodes, never parsed). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "href") {
      // Only links we build (same-origin paths) or safe http(s) URLs.
      const safe = safeUrl(String(v));
      if (safe) node.setAttribute("href", safe);
      continue;
    }
    if (/^on/i.test(k) || k === "srcdoc" || k === "style") continue; // never from here
    if (k === "text") node.textContent = String(v);
    else if (k === "class") node.setAttribute("class", String(v));
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** The URL if it is http(s) or a same-origin path; null for javascript:, data:, etc. */
export function safeUrl(value) {
  if (typeof value !== "string" || !value.trim()) return null;
  let u;
  try {
    u = new URL(value.trim(), window.location.origin);
  } catch (_e) {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  return u.origin === window.location.origin ? u.pathname + u.search + u.hash : u.href;
}

export const actorHref = (id) => "/actors/" + encodeURIComponent(id);
export const eventHref = (id) => "/events/" + encodeURIComponent(id);

/** GET a JSON API path; throws an Error with the envelope's message on failure. */
export async function api(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") qs.set(k, String(v));
  }
  const url = path + (qs.toString() ? "?" + qs.toString() : "");
  const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  let body = null;
  try {
    body = await res.json();
  } catch (_e) {
    body = null;
  }
  if (!res.ok) {
    const err = new Error((body && body.error) || `${res.status} ${res.statusText}`);
    err.status = res.status;
    throw err;
  }
  return body;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function showError(node, err) {
  node.hidden = false;
  node.textContent = String((err && err.message) || err);
}

export function actorLabel(a) {
  if (!a) return "—";
  return a.name || a.text || a.id || "—";
}

/** An actor as a link when it has an id, else its text. */
export function actorNode(a) {
  if (!a) return document.createTextNode("—");
  const label = actorLabel(a);
  if (a.id) return el("a", { href: actorHref(a.id), class: "actor" }, label);
  return el("span", { class: "actor unresolved", title: "not in the knowledge base" }, label);
}

// -- dates ------------------------------------------------------------------------------------
const DAY = 86400000;
export function parseDay(s) {
  if (!s) return null;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(s));
  if (!m) return null;
  return Date.UTC(+m[1], (m[2] ? +m[2] : 1) - 1, m[3] ? +m[3] : 1);
}
export function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}
export const addDays = (ms, n) => ms + n * DAY;
export const daysBetween = (a, b) => Math.round((b - a) / DAY);

export function debounce(fn, ms) {
  let t = null;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

/** Every page of a cursor-paginated list, up to `max` items. */
export async function allPages(path, params, max = 2000) {
  const items = [];
  let cursor = null;
  do {
    const page = await api(path, { ...params, cursor });
    items.push(...page.items);
    cursor = page.next;
  } while (cursor && items.length < max);
  return { items, truncated: Boolean(cursor) };
}
