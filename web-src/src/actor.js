// The actor page: facts, the relation network (with an "as of" date slider), a timeline of the
// actor's events (SVG) and a map of where they happened (Leaflet, country shapes from
// world-atlas bundled with the package: no tile server).
import cytoscape from "cytoscape";
import L from "leaflet";
import { feature } from "topojson-client";
import {
  KIND_COLORS,
  QUAD_COLORS,
  QUAD_NAMES,
  actorHref,
  actorNode,
  addDays,
  allPages,
  api,
  clear,
  debounce,
  el,
  eventHref,
  isoDay,
  parseDay,
  showError,
  svg,
} from "./common.js";

const root = document.getElementById("app");
const actorId = root.dataset.actorId;
const enc = encodeURIComponent(actorId);
const DAY = 86400000;

const state = { actor: null, events: [], relations: [], asOf: null, cy: null, timeline: null };

// -- facts ----------------------------------------------------------------------------------
function listBlock(title, items) {
  // Long lists fold away, so that the network stays near the top of the page.
  const block = el("details", { class: "facts-list" }, el("summary", {}, `${title} (${items.length})`),
    el("ul", { class: "compact" }, items));
  if (items.length <= 6) block.open = true;
  return block;
}

function renderFacts(a) {
  document.title = `${a.name} · newsgraph`;
  document.getElementById("actor-name").textContent = a.name;
  const meta = [a.type, a.country, a.sector, a.founded ? `founded ${a.founded}` : null,
    a.dissolved ? `dissolved ${a.dissolved}` : null, `${a.n_events} events in the store`];
  document.getElementById("actor-meta").textContent = meta.filter(Boolean).join(" · ");
  const facts = clear(document.getElementById("actor-facts"));
  if (a.aliases && a.aliases.length) {
    facts.append(el("p", {}, el("strong", {}, "Also known as: "), a.aliases.slice(0, 12).join("; ")));
  }
  if (a.parent) {
    facts.append(el("p", {}, el("strong", {}, "Part of: "), actorNode(a.parent)));
  }
  const roleItems = (a.roles || []).map((r) =>
    el("li", { class: r.active ? "" : "past" }, `${r.role.replace(/_/g, " ")} of `,
      actorNode({ id: r.of, name: r.of_name || r.of }), ` (${r.since || "?"} – ${r.until || "now"})`));
  if (roleItems.length) facts.append(listBlock("Roles", roleItems));
  const people = (a.people || []).map((p) =>
    el("li", { class: p.active ? "" : "past" }, actorNode(p), ` — ${p.role.replace(/_/g, " ")} (${p.since || "?"} – ${p.until || "now"})`));
  if (people.length) facts.append(listBlock("People", people));
  const ext = [];
  if (a.wikidata && /^Q\d+$/.test(a.wikidata)) {
    ext.push(el("a", { href: `https://www.wikidata.org/wiki/${a.wikidata}`, rel: "noopener noreferrer nofollow", target: "_blank" }, `Wikidata ${a.wikidata}`));
  }
  if (ext.length) facts.append(el("p", {}, ...ext));
}

// -- network ----------------------------------------------------------------------------------
function renderLegend() {
  const legend = clear(document.getElementById("legend"));
  for (const [kind, color] of Object.entries(KIND_COLORS)) {
    const swatch = el("span", { class: `swatch kind-${kind}` });
    legend.append(el("li", {}, swatch, kind));
  }
}

function relationKey(r) {
  return `${r.source.id}|${r.kind}|${r.target.id}|${r.since || ""}`;
}

function renderNetwork(relations) {
  const container = document.getElementById("network");
  const nodes = new Map();
  nodes.set(actorId, { id: actorId, label: state.actor ? state.actor.name : actorId, center: true });
  for (const r of relations) {
    for (const end of [r.source, r.target]) {
      if (!nodes.has(end.id)) nodes.set(end.id, { id: end.id, label: end.name || end.id, center: false });
    }
  }
  const elements = [];
  for (const n of nodes.values()) elements.push({ group: "nodes", data: n });
  for (const r of relations) {
    elements.push({
      group: "edges",
      data: {
        id: relationKey(r),
        source: r.source.id,
        target: r.target.id,
        kind: r.kind,
        color: KIND_COLORS[r.kind] || "#999",
        width: 1.5 + Math.min(6, Math.log2(1 + (r.evidence || 1))),
        directed: r.directed === false ? 0 : 1,
        ended: r.status === "ended" ? 1 : 0,
      },
    });
  }
  if (!state.cy) {
    state.cy = cytoscape({
      container,
      elements: [],
      minZoom: 0.3,
      maxZoom: 3,
      style: [
        { selector: "node", style: {
          label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
          "background-color": "#8da0cb", width: 18, height: 18, color: "#222",
          "text-wrap": "ellipsis", "text-max-width": 140,
        } },
        { selector: "node[?center]", style: { "background-color": "#fc8d62", width: 28, height: 28, "font-weight": "bold" } },
        { selector: "edge", style: {
          "line-color": "data(color)", "target-arrow-color": "data(color)", width: "data(width)",
          "curve-style": "bezier", label: "data(kind)", "font-size": 9, color: "#444",
          "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8,
          "text-background-padding": 1,
        } },
        { selector: "edge[directed = 1]", style: { "target-arrow-shape": "triangle" } },
        { selector: "edge[ended = 1]", style: { "line-style": "dashed" } },
        { selector: ":selected", style: { "overlay-color": "#333", "overlay-opacity": 0.15 } },
      ],
    });
    state.cy.on("tap", "node", (e) => {
      const id = e.target.id();
      if (id !== actorId) window.location.assign(actorHref(id));
    });
    state.cy.on("tap", "edge", (e) => showEdge(e.target.id()));
  }
  const cy = state.cy;
  cy.batch(() => {
    cy.elements().remove();
    cy.add(elements);
  });
  const layout = nodes.size > 14
    ? { name: "cose", animate: false, randomize: false, nodeRepulsion: 8000, idealEdgeLength: 90 }
    : { name: "concentric", animate: false, minNodeSpacing: 90,
        concentric: (n) => (n.id() === actorId ? 2 : 1), levelWidth: () => 1 };
  cy.layout(layout).run();
  cy.fit(undefined, 40);
  if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center();
  }
  container.dataset.edges = String(relations.length);
  container.dataset.nodes = [...nodes.keys()].sort().join(" ");
  container.setAttribute("aria-label", `relation network: ${nodes.size} actors, ${relations.length} relations`);
}

function showEdge(key) {
  const box = clear(document.getElementById("edge-detail"));
  const r = state.relations.find((x) => relationKey(x) === key);
  if (!r) return;
  box.append(
    actorNode(r.source), ` ${r.kind} `, actorNode(r.target),
    ` · ${r.since || "?"} – ${r.until || "now"} · ${r.status} · ${r.evidence} reports · confidence ${r.confidence}`,
  );
  if (r.events && r.events.length) {
    box.append(" · evidence: ");
    r.events.slice(0, 12).forEach((id, i) => {
      if (i) box.append(", ");
      box.append(el("a", { href: eventHref(id) }, `event ${i + 1}`));
    });
  } else if (r.basis === "kb") {
    box.append(" · from the knowledge base");
  }
}

function renderRelationTable(relations) {
  const body = clear(document.getElementById("relations"));
  for (const r of relations) {
    const evidence = r.events && r.events.length
      ? el("a", { href: eventHref(r.events[0]) }, `${r.evidence} report${r.evidence === 1 ? "" : "s"}`)
      : (r.basis === "kb" ? "knowledge base" : String(r.evidence ?? ""));
    body.append(el("tr", { dataset: { kind: r.kind, source: r.source.id, target: r.target.id } },
      el("td", {}, actorNode(r.source)),
      el("td", {}, el("span", { class: `swatch kind-${r.kind}` }), r.kind),
      el("td", {}, actorNode(r.target)),
      el("td", {}, r.since || ""),
      el("td", {}, r.until || ""),
      el("td", {}, evidence),
      el("td", {}, r.confidence == null ? "" : String(r.confidence))));
  }
  if (!relations.length) {
    body.append(el("tr", {}, el("td", { colspan: 7, class: "muted" },
      state.asOf ? `No relation held on ${isoDay(state.asOf)}.` : "No relation known.")));
  }
}

function setRelations(relations) {
  state.relations = relations;
  renderNetwork(relations);
  renderRelationTable(relations);
  document.getElementById("edge-detail").textContent = "Click an edge for its evidence, a node to open that actor.";
}

// -- the as-of slider: its value is the day number (days since 1970-01-01) --------------------------
function setupSlider(relations, events) {
  const days = [];
  const add = (s) => { const d = parseDay(s); if (d !== null) days.push(d); };
  for (const r of relations) { add(r.since); add(r.until); }
  for (const e of events) add(e.date && e.date.value);
  add(state.actor.first_event);
  add(state.actor.last_event);
  const slider = document.getElementById("asof");
  const now = Date.now();
  let lo = days.length ? Math.min(...days) : addDays(now, -365);
  let hi = days.length ? Math.max(...days) : now;
  lo = addDays(lo, -30);
  hi = addDays(hi, 30);
  slider.min = String(Math.floor(lo / DAY));
  slider.max = String(Math.floor(hi / DAY));
  slider.value = slider.max;
  const label = document.getElementById("asof-label");
  const refetch = debounce(async (day) => {
    try {
      const data = await api("/api/relations", { actor: actorId, as_of: day });
      if (state.asOf !== null && isoDay(state.asOf) === day) setRelations(data.items);
    } catch (err) {
      showError(document.getElementById("actor-error"), err);
    }
  }, 120);
  const onMove = () => {
    state.asOf = Number(slider.value) * DAY;
    const day = isoDay(state.asOf);
    label.textContent = day;
    root.dataset.asOf = day;
    markTimeline();
    refetch(day);
  };
  slider.addEventListener("input", onMove);
  slider.addEventListener("change", onMove);
  document.getElementById("asof-reset").addEventListener("click", () => {
    state.asOf = null;
    slider.value = slider.max;
    label.textContent = "everything known";
    delete root.dataset.asOf;
    markTimeline();
    setRelations(state.actor.relations);
  });
}

// -- timeline (SVG) -----------------------------------------------------------------------------
function eventSummary(e) {
  const src = (e.source && (e.source.name || e.source.text)) || "?";
  const tgt = e.target ? ` → ${e.target.name || e.target.text}` : "";
  const what = `${e.plover || ""} ${e.cameo}`.trim();
  return `${e.date ? e.date.value : "undated"} · ${src} ${what}${tgt} (${e.factuality})`;
}

function renderTimeline(events) {
  const box = clear(document.getElementById("timeline"));
  const dated = events.filter((e) => e.date && parseDay(e.date.value) !== null);
  if (!dated.length) {
    box.append(el("p", { class: "muted" }, "No dated events."));
    return;
  }
  const width = Math.max(480, box.clientWidth || 900);
  const rowH = 30, top = 10, left = 150, right = 20, axisH = 26;
  const height = top + 4 * rowH + axisH;
  const times = dated.map((e) => parseDay(e.date.value));
  let t0 = Math.min(...times), t1 = Math.max(...times);
  if (t1 - t0 < 60 * DAY) { t0 -= 30 * DAY; t1 += 30 * DAY; }
  const pad = (t1 - t0) * 0.03;
  t0 -= pad; t1 += pad;
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (width - left - right);
  const root_ = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "timeline-svg", role: "img",
    "aria-label": `timeline of ${dated.length} events` });
  for (let q = 1; q <= 4; q++) {
    const y = top + (q - 0.5) * rowH;
    root_.append(svg("line", { x1: left, x2: width - right, y1: y, y2: y, class: "tl-row" }));
    root_.append(svg("text", { x: left - 8, y: y + 4, "text-anchor": "end", class: "tl-label" }, QUAD_NAMES[q]));
  }
  // axis: years, or months for short ranges
  const axisY = top + 4 * rowH + 4;
  root_.append(svg("line", { x1: left, x2: width - right, y1: axisY, y2: axisY, class: "tl-axis" }));
  const startYear = new Date(t0).getUTCFullYear(), endYear = new Date(t1).getUTCFullYear();
  const monthly = endYear - startYear < 2;
  const ticks = [];
  for (let yv = startYear; yv <= endYear; yv++) {
    for (let m = 0; m < 12; m += monthly ? (endYear - startYear < 1 ? 1 : 3) : 12) {
      const t = Date.UTC(yv, m, 1);
      if (t >= t0 && t <= t1) ticks.push([t, monthly ? isoDay(t).slice(0, 7) : String(yv)]);
    }
  }
  const every = Math.max(1, Math.ceil(ticks.length / Math.floor((width - left) / 70)));
  ticks.forEach(([t, label], i) => {
    if (i % every) return;
    root_.append(svg("line", { x1: x(t), x2: x(t), y1: axisY, y2: axisY + 5, class: "tl-axis" }));
    root_.append(svg("text", { x: x(t), y: axisY + 17, "text-anchor": "middle", class: "tl-tick" }, label));
  });
  const dots = [];
  dated.forEach((e, i) => {
    const t = parseDay(e.date.value);
    const q = e.quad || 3;
    const jitter = ((i * 7) % 5 - 2) * 3;
    const circle = svg("circle", { cx: x(t), cy: top + (q - 0.5) * rowH + jitter, r: 5 + Math.min(4, (e.n_mentions || 1) - 1),
      fill: QUAD_COLORS[q] || "#999", class: "tl-dot" }, svg("title", {}, eventSummary(e)));
    const link = svg("a", { href: eventHref(e.id), "data-event-id": e.id }, circle);
    dots.push([t, link]);
    root_.append(link);
  });
  const asOfLine = svg("line", { x1: 0, x2: 0, y1: top, y2: axisY, class: "tl-asof", visibility: "hidden" });
  root_.append(asOfLine);
  box.append(root_);
  state.timeline = { x, dots, asOfLine, t0, t1 };
  markTimeline();
}

function markTimeline() {
  const tl = state.timeline;
  if (!tl) return;
  if (state.asOf === null) {
    tl.asOfLine.setAttribute("visibility", "hidden");
    for (const [, node] of tl.dots) node.removeAttribute("class");
    return;
  }
  const xpos = Math.max(tl.x(tl.t0), Math.min(tl.x(tl.t1), tl.x(state.asOf)));
  tl.asOfLine.setAttribute("x1", xpos);
  tl.asOfLine.setAttribute("x2", xpos);
  tl.asOfLine.setAttribute("visibility", "visible");
  for (const [t, node] of tl.dots) {
    if (t > state.asOf) node.setAttribute("class", "later");
    else node.removeAttribute("class");
  }
}

// -- map ---------------------------------------------------------------------------------------
async function renderMap(events) {
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 9, zoomSnap: 0.5 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Country shapes: Natural Earth via world-atlas");
  map.setView([15, 20], 1.5);
  try {
    const res = await fetch("/static/data/countries-110m.json");
    const topo = await res.json();
    L.geoJSON(feature(topo, topo.objects.countries), {
      style: { color: "#9aa4ad", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
  } catch (_e) {
    /* the markers still show */
  }
  const places = new Map();
  let unplaced = 0;
  for (const e of events) {
    const p = e.place;
    if (!p || typeof p.lat !== "number" || typeof p.lon !== "number") { unplaced++; continue; }
    const key = `${p.lat.toFixed(3)},${p.lon.toFixed(3)}`;
    if (!places.has(key)) places.set(key, { place: p, events: [] });
    places.get(key).events.push(e);
  }
  const markers = [];
  for (const { place, events: evs } of places.values()) {
    const popup = el("div", { class: "popup" },
      el("strong", {}, place.name || place.text || "?"), place.country ? ` (${place.country})` : "",
      el("ul", { class: "compact" }, evs.slice(0, 10).map((e) => el("li", {}, el("a", { href: eventHref(e.id) }, eventSummary(e))))),
      evs.length > 10 ? el("span", { class: "muted" }, `and ${evs.length - 10} more`) : null);
    const worst = Math.max(...evs.map((e) => e.quad || 0));
    const m = L.circleMarker([place.lat, place.lon], {
      radius: 5 + Math.min(10, Math.sqrt(evs.length) * 2), color: "#333", weight: 1,
      fillColor: QUAD_COLORS[worst] || "#999", fillOpacity: 0.8,
    }).bindPopup(popup);
    m.addTo(map);
    markers.push(m);
  }
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds().pad(0.5), { maxZoom: 6 });
  }
  document.getElementById("map").dataset.markers = String(markers.length);
  document.getElementById("map-note").textContent =
    `${places.size} place${places.size === 1 ? "" : "s"}` + (unplaced ? `; ${unplaced} events say no place.` : ".");
}

// -- events table ------------------------------------------------------------------------------
function renderEventTable(events, truncated) {
  const body = clear(document.getElementById("events"));
  for (const e of events.slice(0, 500)) {
    const what = `${e.plover || ""} ${e.cameo}`.trim();
    body.append(el("tr", { dataset: { eventId: e.id, cameo: e.cameo || "" } },
      el("td", {}, e.date ? e.date.value : ""),
      el("td", {}, actorNode(e.source)),
      el("td", {}, el("a", { href: eventHref(e.id), class: "event-link" }, what), e.trigger ? el("span", { class: "muted" }, ` “${e.trigger.text}”`) : null),
      el("td", {}, actorNode(e.target)),
      el("td", {}, e.place ? (e.place.name || e.place.text || "") : ""),
      el("td", {}, el("span", { class: `fact fact-${e.factuality}` }, e.factuality || "")),
      el("td", {}, `${e.n_mentions || 1} / ${e.n_sources || 1}`)));
  }
  const note = [];
  if (events.length > 500) note.push(`Showing the first 500 of ${events.length} events.`);
  if (truncated) note.push("More events are in the store than this page loads; use the API to page through them.");
  note.push("Reports: mentions / independent sources.");
  document.getElementById("events-note").textContent = note.join(" ");
}

// -- start --------------------------------------------------------------------------------------
async function main() {
  renderLegend();
  let actor;
  try {
    actor = await api(`/api/actors/${enc}`);
  } catch (err) {
    showError(document.getElementById("actor-error"), err.status === 404 ? `No actor “${actorId}” here.` : err);
    return;
  }
  state.actor = actor;
  renderFacts(actor);
  let events = [], truncated = false;
  if (actor.n_events) {
    try {
      ({ items: events, truncated } = await allPages("/api/events", { actor: actorId, limit: 500, mentions: false }, 2000));
    } catch (err) {
      showError(document.getElementById("actor-error"), err);
    }
  }
  state.events = events;
  setRelations(actor.relations);
  setupSlider(actor.relations, events);
  renderTimeline(events);
  renderEventTable(events, truncated);
  await renderMap(events);
  root.dataset.ready = "1";
}

main();
