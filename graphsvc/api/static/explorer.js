// graphsvc explorer: search an entity, draw its neighbourhood (SVG + a small force layout),
// expand nodes, read the evidence behind an edge. Plain JS, no library, no network beyond this
// server's own API (the page must work offline).
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
// Standing facts: the ontology's fact column, read from the server (filled in by loadFacts) so
// the page never holds a second copy of that vocabulary.
const FACTS = new Set();
const QUADS = {
  0: ["Standing fact", "var(--q0)"],
  1: ["Verbal cooperation", "var(--q1)"],
  2: ["Material cooperation", "var(--q2)"],
  3: ["Verbal conflict", "var(--q3)"],
  4: ["Material conflict", "var(--q4)"],
};
const TYPE_COLOURS = {
  PERSON: "#6d5bd0", COUNTRY: "#2f7dd1", REGION: "#3aa6a0", CITY: "#4fb06d", ORG: "#e0892b",
  IGO: "#c4467f", GROUP: "#b5563b", LOCATION: "#8a9a5b",
};
const OTHER_COLOUR = "#7b8494";

const state = {
  nodes: new Map(),      // id → {id, data, x, y, vx, vy, fx, fy}
  edges: new Map(),      // key → {key, source, target, data}
  expanded: new Set(),
  center: null,
  selected: null,        // {kind: "node"|"edge", id}
  truncated: false,
  hiddenTypes: new Set(),
  view: {x: 0, y: 0, k: 1},
  alpha: 0,
  docs: new Map(),       // doc id → Promise of its summary
  fitPending: false,     // fit the drawing to the view once the layout settles
};

const $ = (id) => document.getElementById(id);
const els = {};

// -- API --------------------------------------------------------------------------------------

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  }
  const response = await fetch(url, {headers: {Accept: "application/json"}});
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch (_ignored) { /* not problem+json */ }
    const detail = problem && problem.detail ? problem.detail : response.statusText;
    const error = new Error(`${response.status} ${detail}`);
    error.problem = problem;
    throw error;
  }
  return response.json();
}

// Read once at start; drawing waits for it (expand), so no edge is ever styled without it.
const factsLoaded = loadFacts();

async function loadFacts() {
  try {
    for (const row of await api("/ontology/event-types")) {
      if (row.fact) FACTS.add(row.label);
    }
  } catch (_ignored) { /* without the table, edges are drawn as events: still readable */ }
}

function status(text, isError) {
  els.status.textContent = text || "";
  els.status.classList.toggle("error", Boolean(isError));
}

// -- search with suggestions -----------------------------------------------------------------

let searchTimer = null;
let searchSeq = 0;
let activeSuggestion = -1;

function onSearchInput() {
  clearTimeout(searchTimer);
  const q = els.search.value.trim();
  if (!q) { hideSuggestions(); return; }
  searchTimer = setTimeout(() => suggest(q), 150);
}

async function suggest(q) {
  const seq = ++searchSeq;
  try {
    const body = await api("/entities", {q, limit: 8});
    if (seq !== searchSeq) return; // a newer keystroke already answered
    renderSuggestions(body.items || []);
  } catch (error) {
    status(`Search failed: ${error.message}`, true);
  }
}

function renderSuggestions(items) {
  els.suggestions.replaceChildren();
  activeSuggestion = -1;
  if (!items.length) {
    const li = element("li", {class: "empty-hit"}, "No entity matches");
    els.suggestions.append(li);
  }
  for (const item of items) {
    const li = element("li", {role: "option", "data-id": item.id, "aria-selected": "false"});
    li.append(swatch(nodeColour(item.type)), element("span", {class: "name"}, item.name),
      element("span", {class: "meta"}, [item.type, item.country].filter(Boolean).join(" · ")));
    li.addEventListener("mousedown", (event) => { event.preventDefault(); choose(item.id); });
    els.suggestions.append(li);
  }
  els.suggestions.hidden = false;
}

function hideSuggestions() {
  els.suggestions.hidden = true;
  activeSuggestion = -1;
}

function onSearchKey(event) {
  const options = [...els.suggestions.querySelectorAll("li[data-id]")];
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    if (!options.length) return;
    event.preventDefault();
    const step = event.key === "ArrowDown" ? 1 : -1;
    activeSuggestion = (activeSuggestion + step + options.length) % options.length;
    options.forEach((li, i) => li.setAttribute("aria-selected", String(i === activeSuggestion)));
  } else if (event.key === "Enter") {
    event.preventDefault();
    const pick = options[Math.max(activeSuggestion, 0)];
    if (pick) choose(pick.dataset.id);
    else if (els.search.value.trim()) suggest(els.search.value.trim());
  } else if (event.key === "Escape") {
    hideSuggestions();
  }
}

// -- loading the graph ------------------------------------------------------------------------

async function choose(id) {
  hideSuggestions();
  state.nodes.clear();
  state.edges.clear();
  state.expanded.clear();
  state.center = id;
  state.truncated = false;
  state.view = {x: 0, y: 0, k: 1};
  state.fitPending = true;
  history.replaceState(null, "", `#entity=${encodeURIComponent(id)}`);
  await expand(id);
  const node = state.nodes.get(id);
  if (node) els.search.value = node.data.name || id;
  selectNode(id);
}

async function expand(id) {
  status(`Loading the neighbourhood of ${labelOf(id)}…`);
  try {
    const body = await api(`/entities/${encodeURIComponent(id)}/neighbourhood`,
      {depth: els.depth.value, direction: "both", view: "all"});
    await factsLoaded;
    merge(body, id);
    state.expanded.add(id);
    state.truncated = state.truncated || Boolean(body.truncated);
    status("");
  } catch (error) {
    status(`Could not load ${labelOf(id)}: ${error.message}`, true);
    return;
  }
  refreshTypes();
  rebuild();
  heat(1);
}

function merge(body, around) {
  const anchor = state.nodes.get(around);
  const ax = anchor ? anchor.x : 0;
  const ay = anchor ? anchor.y : 0;
  let fresh = 0;
  for (const node of body.nodes || []) {
    const known = state.nodes.get(node.id);
    if (known) { known.data = node; continue; }
    // New nodes start on a ring round the node that brought them, so the layout unfolds locally.
    const angle = (fresh++ * 2.399963) % (2 * Math.PI);
    const radius = node.id === around ? 0 : 60 + 8 * Math.sqrt(fresh);
    state.nodes.set(node.id, {id: node.id, data: node, x: ax + radius * Math.cos(angle),
      y: ay + radius * Math.sin(angle), vx: 0, vy: 0, fx: null, fy: null});
  }
  for (const edge of body.edges || []) {
    state.edges.set(edge.key, {key: edge.key, source: edge.source, target: edge.target, data: edge});
  }
}

// -- filters ----------------------------------------------------------------------------------

function filters() {
  return {
    since: els.since.value,
    until: els.until.value,
    undated: els.undated.checked,
    minConfidence: parseFloat(els.confidence.value) || 0,
    negated: els.negated.checked,
  };
}

function edgeVisible(edge, f) {
  const d = edge.data;
  if (state.hiddenTypes.has(d.relation)) return false;
  const unasserted = d.negated || d.modality === "denied" ||
    (!FACTS.has(d.relation) && d.modality && d.modality !== "asserted");
  if (unasserted && !f.negated) return false;
  if ((d.confidence ?? 1) < f.minConfidence) return false;
  if (!d.date) return f.undated;
  // Dates may be partial (YYYY or YYYY-MM): compare at the precision both sides have.
  if (f.since && d.date < f.since.slice(0, d.date.length)) return false;
  if (f.until && d.date > f.until.slice(0, d.date.length)) return false;
  return true;
}

function visibleGraph() {
  const f = filters();
  const edges = [...state.edges.values()].filter((edge) => edgeVisible(edge, f) &&
    state.nodes.has(edge.source) && state.nodes.has(edge.target));
  const keep = new Set([state.center, ...state.expanded]);
  for (const edge of edges) { keep.add(edge.source); keep.add(edge.target); }
  const nodes = [...state.nodes.values()].filter((node) => keep.has(node.id));
  return {nodes, edges};
}

function refreshTypes() {
  const counts = new Map();
  for (const edge of state.edges.values()) {
    counts.set(edge.data.relation, (counts.get(edge.data.relation) || 0) + 1);
  }
  els.types.replaceChildren();
  for (const [label, count] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    const sample = [...state.edges.values()].find((edge) => edge.data.relation === label);
    const box = element("input", {type: "checkbox", value: label});
    box.checked = !state.hiddenTypes.has(label);
    box.addEventListener("change", () => {
      if (box.checked) state.hiddenTypes.delete(label); else state.hiddenTypes.add(label);
      applyFilters();
    });
    const line = swatch(edgeColour(sample.data), "line");
    els.types.append(element("label", {}, [box, line, element("span", {}, label.replaceAll("_", " ")),
      element("span", {class: "count"}, String(count))]));
  }
  if (!counts.size) els.types.append(element("p", {class: "hint"}, "No edges loaded."));
}

function applyFilters() {
  rebuild();
  heat(0.3);
}

// -- drawing ----------------------------------------------------------------------------------

function nodeColour(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }

function quadOf(data) {
  return FACTS.has(data.relation) || !data.quad_class ? 0 : data.quad_class;
}

function edgeColour(data) { return QUADS[quadOf(data)][1]; }

function labelOf(id) {
  const node = state.nodes.get(id);
  return node && node.data.name ? node.data.name : id;
}

let drawn = {nodes: [], edges: []};

function rebuild() {
  const {nodes, edges} = visibleGraph();
  const degree = new Map();
  for (const edge of edges) {
    degree.set(edge.source, (degree.get(edge.source) || 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) || 0) + 1);
  }
  // Parallel edges between one pair bend apart so each stays visible and clickable.
  const pairs = new Map();
  for (const edge of edges) {
    const pair = [edge.source, edge.target].sort().join("\u0000");
    if (!pairs.has(pair)) pairs.set(pair, []);
    pairs.get(pair).push(edge);
  }
  for (const group of pairs.values()) {
    group.forEach((edge, i) => {
      const flip = edge.source > edge.target ? -1 : 1;
      edge.bend = (i - (group.length - 1) / 2) * 26 * flip;
    });
  }

  els.edges.replaceChildren();
  els.handles.replaceChildren();
  els.nodes.replaceChildren();
  for (const edge of edges) {
    const data = edge.data;
    const colour = edgeColour(data);
    const dashed = data.negated || (data.modality && data.modality !== "asserted");
    edge.path = element("path", {class: "edge", "data-key": edge.key, stroke: colour,
      "stroke-width": (1.2 + 2.2 * (data.confidence ?? 0.5)).toFixed(2),
      "stroke-dasharray": dashed ? "6 4" : null, "marker-end": `url(#arrow-${quadOf(data)})`}, null, SVG_NS);
    edge.hit = element("path", {class: "edge-hit", "data-key": edge.key}, null, SVG_NS);
    edge.hit.append(element("title", {}, describeEdge(edge), SVG_NS));
    edge.handle = element("circle", {class: "edge-handle", r: 5, fill: colour, "data-key": edge.key,
      "data-relation": data.relation, "data-source": edge.source, "data-target": edge.target},
      null, SVG_NS);
    edge.handle.append(element("title", {}, describeEdge(edge), SVG_NS));
    for (const target of [edge.hit, edge.handle]) {
      target.addEventListener("click", (event) => { event.stopPropagation(); selectEdge(edge.key); });
    }
    els.edges.append(edge.path, edge.hit);
    els.handles.append(edge.handle);
  }
  for (const node of nodes) {
    const data = node.data;
    node.r = Math.min(20, 7 + 2.2 * Math.sqrt(degree.get(node.id) || 0));
    const classes = ["node"];
    if (node.id === state.center) classes.push("center");
    if (state.expanded.has(node.id)) classes.push("expanded");
    node.g = element("g", {class: classes.join(" "), "data-id": node.id, "data-type": data.type,
      tabindex: 0, role: "button", "aria-label": `${data.name || node.id} (${data.type || "entity"})`},
      null, SVG_NS);
    node.g.append(
      element("circle", {r: node.r.toFixed(1), fill: nodeColour(data.type)}, null, SVG_NS),
      element("text", {y: (node.r + 13).toFixed(1), "text-anchor": "middle"}, data.name || node.id, SVG_NS),
      element("title", {}, `${data.name || node.id} · ${data.type || ""}${data.country ? " · " + data.country : ""}`, SVG_NS),
    );
    node.g.addEventListener("pointerdown", (event) => startNodeDrag(event, node));
    node.g.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); clickNode(node.id); }
    });
    els.nodes.append(node.g);
  }
  drawn = {nodes, edges};
  els.svg.dataset.nodes = String(nodes.length);
  els.svg.dataset.edges = String(edges.length);
  els.empty.hidden = state.nodes.size > 0;
  markSelection();
  positions();
  const hidden = state.edges.size - edges.length;
  const parts = [`${nodes.length} entities`, `${edges.length} edges`];
  if (hidden > 0) parts.push(`${hidden} hidden by filters`);
  if (state.truncated) parts.push("truncated by the server's limit");
  if (state.nodes.size && !els.status.classList.contains("error")) status(parts.join(" · "));
}

function describeEdge(edge) {
  const d = edge.data;
  return `${labelOf(edge.source)} → ${d.relation.replaceAll("_", " ")} → ${labelOf(edge.target)}` +
    (d.date ? ` (${d.date})` : "");
}

function geometry(edge) {
  const s = state.nodes.get(edge.source);
  const t = state.nodes.get(edge.target);
  if (s === t) {
    const r = s.r || 8;
    return {d: `M ${s.x - r * 0.6} ${s.y - r * 0.8} C ${s.x - 40} ${s.y - 60}, ${s.x + 40} ${s.y - 60}, ${s.x + r * 0.6} ${s.y - r * 0.8}`,
      mx: s.x, my: s.y - r - 35};
  }
  const dx = t.x - s.x;
  const dy = t.y - s.y;
  const length = Math.hypot(dx, dy) || 1;
  const nx = -dy / length;
  const ny = dx / length;
  const bend = edge.bend || 0;
  const cx = (s.x + t.x) / 2 + nx * bend * 2;
  const cy = (s.y + t.y) / 2 + ny * bend * 2;
  // End the curve at the rim of the target so the arrowhead stays visible.
  const ex = t.x - cx;
  const ey = t.y - cy;
  const el = Math.hypot(ex, ey) || 1;
  const rim = (t.r || 8) + 3;
  const tx = t.x - (ex / el) * rim;
  const ty = t.y - (ey / el) * rim;
  return {d: `M ${s.x.toFixed(1)} ${s.y.toFixed(1)} Q ${cx.toFixed(1)} ${cy.toFixed(1)} ${tx.toFixed(1)} ${ty.toFixed(1)}`,
    mx: 0.25 * s.x + 0.5 * cx + 0.25 * t.x, my: 0.25 * s.y + 0.5 * cy + 0.25 * t.y};
}

function positions() {
  const {width, height} = els.svg.getBoundingClientRect();
  const v = state.view;
  els.viewport.setAttribute("transform",
    `translate(${(width / 2 + v.x).toFixed(1)} ${(height / 2 + v.y).toFixed(1)}) scale(${v.k.toFixed(3)})`);
  for (const edge of drawn.edges) {
    const g = geometry(edge);
    edge.path.setAttribute("d", g.d);
    edge.hit.setAttribute("d", g.d);
    edge.handle.setAttribute("cx", g.mx.toFixed(1));
    edge.handle.setAttribute("cy", g.my.toFixed(1));
  }
  for (const node of drawn.nodes) {
    node.g.setAttribute("transform", `translate(${node.x.toFixed(1)} ${node.y.toFixed(1)})`);
  }
}

// -- force layout -----------------------------------------------------------------------------

let running = false;

function heat(alpha) {
  state.alpha = Math.max(state.alpha, alpha);
  els.svg.dataset.layout = "running";
  if (!running) { running = true; requestAnimationFrame(step); }
}

function step() {
  const nodes = drawn.nodes;
  const alpha = state.alpha;
  // Repulsion between every pair: O(n²), fine for the few hundred nodes a neighbourhood holds.
  for (let i = 0; i < nodes.length; i++) {
    const a = nodes[i];
    for (let j = i + 1; j < nodes.length; j++) {
      const b = nodes[j];
      let dx = b.x - a.x;
      let dy = b.y - a.y;
      let d2 = dx * dx + dy * dy;
      if (d2 < 1) { dx = Math.random() - 0.5; dy = Math.random() - 0.5; d2 = 1; }
      const force = Math.min(4000 / d2, 30) * alpha;
      const d = Math.sqrt(d2);
      a.vx -= (dx / d) * force; a.vy -= (dy / d) * force;
      b.vx += (dx / d) * force; b.vy += (dy / d) * force;
    }
  }
  const seen = new Set();
  for (const edge of drawn.edges) {
    const pair = [edge.source, edge.target].sort().join("\u0000");
    if (seen.has(pair) || edge.source === edge.target) continue;
    seen.add(pair);
    const s = state.nodes.get(edge.source);
    const t = state.nodes.get(edge.target);
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const d = Math.hypot(dx, dy) || 1;
    const force = (d - 120) * 0.05 * alpha;
    s.vx += (dx / d) * force; s.vy += (dy / d) * force;
    t.vx -= (dx / d) * force; t.vy -= (dy / d) * force;
  }
  for (const node of nodes) {
    node.vx -= node.x * 0.008 * alpha;
    node.vy -= node.y * 0.008 * alpha;
    if (node.fx !== null) { node.x = node.fx; node.y = node.fy; node.vx = node.vy = 0; continue; }
    node.vx *= 0.55; node.vy *= 0.55;
    node.x += node.vx; node.y += node.vy;
  }
  positions();
  state.alpha *= 0.975;
  if (state.alpha > 0.01 || dragging) {
    requestAnimationFrame(step);
  } else {
    running = false;
    state.alpha = 0;
    if (state.fitPending) { state.fitPending = false; fit(); }
    els.svg.dataset.layout = "stable";
  }
}

// -- pointer interaction ----------------------------------------------------------------------

let dragging = null;

function worldPoint(event) {
  const rect = els.svg.getBoundingClientRect();
  const v = state.view;
  return {x: (event.clientX - rect.left - rect.width / 2 - v.x) / v.k,
    y: (event.clientY - rect.top - rect.height / 2 - v.y) / v.k};
}

function startNodeDrag(event, node) {
  event.stopPropagation();
  const start = {x: event.clientX, y: event.clientY};
  dragging = node;
  let moved = false;
  const move = (e) => {
    if (Math.hypot(e.clientX - start.x, e.clientY - start.y) > 4) moved = true;
    if (!moved) return;
    const p = worldPoint(e);
    node.fx = p.x; node.fy = p.y;
    heat(0.3);
  };
  const up = () => {
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
    dragging = null;
    node.fx = node.fy = null;
    if (!moved) clickNode(node.id);
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", up);
}

function clickNode(id) {
  selectNode(id);
  if (!state.expanded.has(id)) expand(id).then(() => selectNode(id));
}

function startPan(event) {
  if (event.target.closest(".node, .edge-hit, .edge-handle")) return;
  const start = {x: event.clientX, y: event.clientY, vx: state.view.x, vy: state.view.y};
  els.svg.classList.add("panning");
  const move = (e) => {
    state.view.x = start.vx + e.clientX - start.x;
    state.view.y = start.vy + e.clientY - start.y;
    positions();
  };
  const up = () => {
    els.svg.classList.remove("panning");
    window.removeEventListener("pointermove", move);
    window.removeEventListener("pointerup", up);
  };
  window.addEventListener("pointermove", move);
  window.addEventListener("pointerup", up);
}

function zoom(factor, event) {
  const v = state.view;
  const k = Math.min(4, Math.max(0.2, v.k * factor));
  if (event) {
    // Keep the point under the pointer where it is.
    const rect = els.svg.getBoundingClientRect();
    const px = event.clientX - rect.left - rect.width / 2;
    const py = event.clientY - rect.top - rect.height / 2;
    v.x = px - ((px - v.x) * k) / v.k;
    v.y = py - ((py - v.y) * k) / v.k;
  }
  v.k = k;
  positions();
}

function fit() {
  if (!drawn.nodes.length) return;
  const xs = drawn.nodes.map((n) => n.x);
  const ys = drawn.nodes.map((n) => n.y);
  const rect = els.svg.getBoundingClientRect();
  const w = Math.max(...xs) - Math.min(...xs) + 120;
  const h = Math.max(...ys) - Math.min(...ys) + 120;
  const k = Math.min(1.5, Math.max(0.2, Math.min(rect.width / w, rect.height / h)));
  state.view = {k, x: -k * (Math.max(...xs) + Math.min(...xs)) / 2,
    y: -k * (Math.max(...ys) + Math.min(...ys)) / 2};
  positions();
}

// -- details panel ----------------------------------------------------------------------------

function markSelection() {
  const sel = state.selected;
  for (const node of drawn.nodes) {
    node.g.classList.toggle("selected", Boolean(sel && sel.kind === "node" && sel.id === node.id));
  }
  for (const edge of drawn.edges) {
    const on = Boolean(sel && sel.kind === "edge" && sel.id === edge.key);
    edge.path.classList.toggle("selected", on);
    edge.handle.classList.toggle("selected", on);
  }
}

function selectNode(id) {
  const node = state.nodes.get(id);
  if (!node) return;
  state.selected = {kind: "node", id};
  markSelection();
  const d = node.data;
  const panel = [element("h2", {}, d.name || id)];
  const pills = element("div", {});
  for (const value of [d.type, d.country, d.sector]) {
    if (value) pills.append(element("span", {class: "pill"}, value));
  }
  panel.push(pills);
  const facts = element("dl", {});
  addFact(facts, "Id", id);
  if (d.aliases && d.aliases.length) addFact(facts, "Aliases", d.aliases.slice(0, 12).join(", "));
  for (const role of d.roles || []) {
    const span = [role.start && `since ${role.start}`, role.end && `until ${role.end}`].filter(Boolean);
    addFact(facts, role.title || role.relation.replaceAll("_", " "),
      `${labelOf(role.target)}${span.length ? " (" + span.join(", ") + ")" : ""}`);
  }
  panel.push(facts);
  if (!state.expanded.has(id)) {
    const button = element("button", {type: "button", id: "expand-node"}, "Expand neighbourhood");
    button.addEventListener("click", () => clickNode(id));
    panel.push(button);
  }
  const list = element("ul", {class: "edge-list"});
  const f = filters();
  const touching = [...state.edges.values()]
    .filter((e) => (e.source === id || e.target === id) && edgeVisible(e, f))
    .sort((a, b) => String(b.data.date || "").localeCompare(String(a.data.date || "")));
  for (const edge of touching) {
    const li = element("li", {"data-key": edge.key});
    li.append(swatch(edgeColour(edge.data), "line"),
      element("span", {}, describeEdge(edge).replace(/ \(.*\)$/, "")),
      element("span", {class: "date"}, edge.data.date || ""));
    li.addEventListener("click", () => selectEdge(edge.key));
    list.append(li);
  }
  panel.push(element("h3", {}, `Edges shown (${touching.length})`), list);
  els.details.replaceChildren(...panel);
}

function addFact(dl, term, value) {
  dl.append(element("dt", {}, term), element("dd", {}, value));
}

function selectEdge(key) {
  const edge = state.edges.get(key);
  if (!edge) return;
  state.selected = {kind: "edge", id: key};
  markSelection();
  const d = edge.data;
  const [quadName] = QUADS[quadOf(d)];
  const title = element("h2", {class: "relation-line"}, [
    element("span", {}, labelOf(edge.source)), element("span", {class: "arrow"}, "→"),
    element("span", {class: "pill", style: `background:${edgeColour(d)};color:#fff`},
      d.relation.replaceAll("_", " ")),
    element("span", {class: "arrow"}, d.symmetric ? "↔" : "→"), element("span", {}, labelOf(edge.target)),
  ]);
  const facts = element("dl", {id: "edge-facts"});
  addFact(facts, "Event type", [d.relation, d.cameo && `CAMEO ${d.cameo}`, d.plover && `PLOVER ${d.plover}`]
    .filter(Boolean).join(" · "));
  addFact(facts, "Class", `${quadName}${d.goldstein !== null && d.goldstein !== undefined ? ` · Goldstein ${d.goldstein}` : ""}`);
  addFact(facts, "Date", d.date || "undated");
  addFact(facts, "Confidence", d.confidence !== null && d.confidence !== undefined ? Number(d.confidence).toFixed(2) : "—");
  const negation = element("dd", {}, d.negated ? element("span", {class: "pill neg"}, "negated") : "no");
  facts.append(element("dt", {}, "Negated"), negation);
  addFact(facts, "Modality", d.modality || "asserted");
  if (d.location) addFact(facts, "Location", labelOf(d.location));
  addFact(facts, "Key", key);
  const evidence = element("ol", {class: "evidence", id: "evidence"});
  for (const ev of d.evidence || []) {
    const li = element("li", {});
    li.append(element("blockquote", {class: "sentence"}, highlight(ev.sentence.trim(), ev.trigger)));
    const source = element("p", {class: "source"});
    const link = element("a", {href: `/documents/${encodeURIComponent(ev.doc_id)}`, target: "_blank",
      rel: "noopener", class: "doc-link"}, ev.doc_id);
    source.append("from ", link, ` · characters ${ev.start}–${ev.end}`);
    li.append(source);
    documentSummary(ev.doc_id).then((doc) => {
      if (!doc) return;
      const label = [doc.title, doc.date].filter(Boolean).join(", ");
      if (label) link.textContent = `${label} (${ev.doc_id})`;
    });
    evidence.append(li);
  }
  if (!(d.evidence || []).length) {
    evidence.append(element("li", {}, FACTS.has(d.relation)
      ? "A standing fact from the entity's roles: no sentence behind it." : "No evidence recorded."));
  }
  const parts = [title, facts, element("h3", {}, `Evidence (${d.mentions ?? (d.evidence || []).length})`), evidence];
  if (d.evidence_truncated && d.provenance) {
    // Graph answers carry only the newest few sentences of a much-reported edge.
    const more = element("p", {class: "source", id: "evidence-more"});
    more.append(`The newest ${d.evidence.length} of ${d.mentions} shown; `,
      element("a", {href: d.provenance, target: "_blank", rel: "noopener"}, "all of them"), ".");
    parts.push(more);
  }
  els.details.replaceChildren(...parts);
}

function documentSummary(id) {
  if (!state.docs.has(id)) {
    state.docs.set(id, api(`/documents/${encodeURIComponent(id)}`)
      .then((doc) => ({title: doc.title, date: doc.date})).catch(() => null));
  }
  return state.docs.get(id);
}

function highlight(sentence, trigger) {
  if (!trigger) return sentence;
  const at = sentence.toLowerCase().indexOf(trigger.toLowerCase());
  if (at < 0) return sentence;
  return [sentence.slice(0, at), element("mark", {}, sentence.slice(at, at + trigger.length)),
    sentence.slice(at + trigger.length)];
}

// -- legend, helpers, start -------------------------------------------------------------------

function legend() {
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    els.legendNodes.append(element("li", {}, [swatch(colour), type.toLowerCase()]));
  }
  for (const [quad, [name, colour]] of Object.entries(QUADS)) {
    els.legendEdges.append(element("li", {}, [swatch(colour, "line"), name + (quad === "0" ? "" : ` (quad ${quad})`)]));
  }
  els.legendEdges.append(element("li", {}, [swatch("var(--q4)", "line dashed"), "negated / not asserted"]));
  els.legendEdges.append(element("li", {}, [element("span", {class: "swatch", style: "border:3px solid #18213a;background:#fff"}), "expanded entity"]));
}

function swatch(colour, extra) {
  const span = element("span", {class: `swatch ${extra || ""}`.trim()});
  if (extra && extra.includes("line")) span.style.borderTopColor = colour;
  else span.style.background = colour;
  return span;
}

function element(tag, attrs, children, ns) {
  const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    // Through the CSSOM: the page's CSP (style-src 'self') refuses style attributes.
    if (name === "style") node.style.cssText = value;
    else node.setAttribute(name, value);
  }
  if (children !== null && children !== undefined) {
    for (const child of Array.isArray(children) ? children : [children]) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

function markers() {
  for (const quad of Object.keys(QUADS)) {
    const marker = element("marker", {id: `arrow-${quad}`, viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse"}, null, SVG_NS);
    marker.append(element("path", {d: "M 0 0 L 10 5 L 0 10 z", fill: QUADS[quad][1]}, null, SVG_NS));
    els.markers.append(marker);
  }
}

async function starters() {
  try {
    const body = await api("/entities", {limit: 6});
    for (const item of body.items || []) {
      const button = element("button", {type: "button"}, item.name);
      button.addEventListener("click", () => choose(item.id));
      els.starters.append(button);
    }
  } catch (_ignored) { /* the hint alone is fine */ }
}

function init() {
  for (const [key, id] of Object.entries({search: "search", suggestions: "suggestions", depth: "depth",
    types: "types", since: "since", until: "until", undated: "undated", confidence: "confidence",
    confidenceOut: "confidence-out", negated: "negated", reset: "reset", svg: "graph",
    viewport: "viewport", edges: "edges", handles: "handles", nodes: "nodes", markers: "markers",
    details: "details", status: "status", empty: "empty", starters: "starters",
    legendNodes: "legend-nodes", legendEdges: "legend-edges"})) {
    els[key] = $(id);
  }
  markers();
  legend();
  els.search.addEventListener("input", onSearchInput);
  els.search.addEventListener("keydown", onSearchKey);
  els.search.addEventListener("blur", () => setTimeout(hideSuggestions, 150));
  els.search.addEventListener("focus", () => { if (els.search.value.trim()) onSearchInput(); });
  for (const input of [els.since, els.until, els.undated, els.negated]) {
    input.addEventListener("change", applyFilters);
  }
  els.confidence.addEventListener("input", () => {
    els.confidenceOut.textContent = Number(els.confidence.value).toFixed(2);
    applyFilters();
  });
  els.depth.addEventListener("change", () => { if (state.center) choose(state.center); });
  els.reset.addEventListener("click", () => {
    els.since.value = els.until.value = "";
    els.undated.checked = true;
    els.negated.checked = false;
    els.confidence.value = "0";
    els.confidenceOut.textContent = "0.00";
    state.hiddenTypes.clear();
    refreshTypes();
    applyFilters();
  });
  els.svg.addEventListener("pointerdown", startPan);
  els.svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, event);
  }, {passive: false});
  $("zoom-in").addEventListener("click", () => zoom(1.25));
  $("zoom-out").addEventListener("click", () => zoom(0.8));
  $("zoom-fit").addEventListener("click", fit);
  window.addEventListener("resize", positions);
  const match = window.location.hash.match(/^#entity=(.+)$/);
  if (match) choose(decodeURIComponent(match[1]));
  starters();
}

document.addEventListener("DOMContentLoaded", init);
