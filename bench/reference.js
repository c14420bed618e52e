// The benchmark's reference: what a careful hand-written page does with the same events from
// the same in-page mock module, in the same table markup, windowed the same way. It is the
// floor the console is measured against, not a second console.
import initMock, { WebMock } from "/event-center-mock-web.js";

const ROW_HEIGHT = 40; // as the console's window.rs and stylesheet
const OVERSCAN = 8;
const params = new URLSearchParams(location.search);
const seed = Number(params.get("seed") ?? 1);
const count = Number(params.get("events") ?? 5000);

await initMock();
const mock = new WebMock(seed, count, Date.now());
const get = (path, query = "") => JSON.parse(mock.respond("GET", path, query, "admin", "", undefined, undefined).body);

const labels = new Map(get("/event-types").map((t) => [t.name, t.label]));
const scroller = document.querySelector(".table-scroll");
const tbody = document.querySelector("tbody");
const status = document.querySelector(".list-count");
let shown = get("/events", "limit=100").data; // the first 100 events, as the console asks
let all = null; // every event, fetched page by page for the filter measurement (?all=1)

// The console's icon per source kind (src/ui/icons.rs), so each row carries the same SVG.
const ICONS = {
  item: "M21 2l-2 2m-7.6 7.6a5.5 5.5 0 1 1-7.8 7.8 5.5 5.5 0 0 1 7.8-7.8zm0 0L15.5 7.5m0 0l3 3L22 7l-3-3m-3.5 3.5L19 4",
  authMethod: "M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z",
  target: "M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20M12 6a6 6 0 1 0 0 12a6 6 0 1 0 0-12M12 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4",
  gateway: "M3 4h18v6H3zM3 14h18v6H3zM7 7h.01M7 17h.01",
  user: "M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 3a4 4 0 1 0 0 8a4 4 0 1 0 0-8",
  system: "M5 5h14v14H5zM9 9h6v6H9zM9 2v3M15 2v3M9 19v3M15 19v3M19 9h3M19 15h3M2 9h3M2 15h3",
};
const SVG = "http://www.w3.org/2000/svg";

function icon(kind) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "icon");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", ICONS[kind] ?? ICONS.system);
  svg.append(path);
  return svg;
}

const pad = (n) => String(n).padStart(2, "0");
const exact = (d) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;

const relative = (at, now) => {
  const s = Math.floor((now - at) / 1000);
  if (s < 45) return "just now";
  if (s < 3600) return `${Math.floor((s + 30) / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 30 * 86400) return `${Math.floor(s / 86400)} d ago`;
  return new Date(at).toISOString().slice(0, 10);
};

function cell(cls, text, title) {
  const td = document.createElement("td");
  td.className = cls;
  if (title === undefined) {
    td.textContent = text;
  } else {
    const span = document.createElement("span");
    span.title = title;
    span.textContent = text;
    td.append(span);
  }
  return td;
}

function row(event, index, now) {
  const tr = document.createElement("tr");
  tr.dataset.index = index;
  tr.dataset.id = event.id;
  tr.setAttribute("aria-rowindex", index + 2);
  tr.tabIndex = index === 0 ? 0 : -1;
  const at = new Date(event.createdAt);
  const time = document.createElement("time");
  time.dateTime = event.createdAt;
  time.title = exact(at);
  time.textContent = relative(at.getTime(), now);
  const timeCell = cell("col-time", "");
  timeCell.append(time);
  const sev = document.createElement("span");
  sev.className = `sev sev-${event.severity}`;
  sev.textContent = event.severity;
  const sevCell = cell("col-severity", "");
  sevCell.append(sev);
  const label = document.createElement("span");
  label.textContent = labels.get(event.type) ?? event.type;
  const typeCell = document.createElement("span");
  typeCell.className = "type-cell";
  typeCell.title = event.type;
  typeCell.append(icon(event.sourceKind), label);
  const type = cell("col-event-type", "");
  type.append(typeCell);
  tr.append(timeCell, sevCell, type, cell("col-source", event.source, event.source),
    cell("col-actor", event.actor ?? ""), cell("col-ip-address", event.ipAddress ?? ""),
    cell("col-message", event.message, event.message));
  return tr;
}

function spacer(height) {
  const tr = document.createElement("tr");
  tr.className = "spacer";
  tr.style.height = `${height}px`;
  tr.append(document.createElement("td"));
  return tr;
}

function render() {
  const first = Math.floor(scroller.scrollTop / ROW_HEIGHT);
  const start = Math.max(0, first - OVERSCAN);
  const end = Math.min(shown.length, first + Math.ceil(scroller.clientHeight / ROW_HEIGHT) + 1 + OVERSCAN);
  const now = Date.now();
  const rows = [spacer(start * ROW_HEIGHT)];
  for (let i = start; i < end; i++) rows.push(row(shown[i], i, now));
  rows.push(spacer((shown.length - end) * ROW_HEIGHT));
  tbody.replaceChildren(...rows);
  status.textContent = `${shown.length} events shown`;
}

scroller.addEventListener("scroll", render, { passive: true });
render();

if (params.get("all") === "1") {
  all = [];
  let cursor = "";
  do {
    const page = get("/events", `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    all.push(...page.data);
    cursor = page.hasMore ? page.nextCursor : "";
  } while (cursor);
  window.referenceReady = { events: all.length, jsonBytes: new TextEncoder().encode(JSON.stringify(all)).length };
}

// A severity toggle filters the whole array with a plain loop, as the benchmark's floor.
for (const button of document.querySelectorAll("[data-severity]")) {
  button.addEventListener("click", () => {
    button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
    const on = new Set([...document.querySelectorAll("[data-severity][aria-pressed=true]")].map((b) => b.dataset.severity));
    const source = all ?? shown;
    const picked = [];
    for (let i = 0; i < source.length; i++) if (on.size === 0 || on.has(source[i].severity)) picked.push(source[i]);
    shown = picked;
    scroller.scrollTop = 0;
    render();
  });
}
